"""Steady under a terminal that closes and keys that come in a burst: both apps and their screens.

A slow laptop, a paste or keys typed ahead deliver several keys in one read: the ones behind the
key that closes a dialog still land on that dialog, and Textual's ``dismiss`` pops whatever is on
top each time (a second Enter on the status choice closed the section beneath it; a third found
no screen left). :class:`ClosesOnce` makes a screen's dismiss happen once. The command palette's
page keys, pressed before Textual has laid out its fresh results, raised ``KeyError``.

A key that reaches a binding (Space on a checkbox, Enter on a list) acts where the focus was when
the key arrived: Textual looks its bindings up only once the key has gone through the field and
back up to the app, from wherever the focus is by then, so a Tab typed right behind a Space (which
the app takes as it arrives) moved the tick to the next box.

When the terminal window closes, SIGCONT can arrive with the hang-up (tmux sends both; so does
``kill -CONT``). Textual's Linux driver answers every SIGCONT by starting application mode again,
as if it were coming back from ctrl+z: over a terminal that is gone, that starts a second output
thread whose first write fails, and whose queue, once full, blocked letstalk's exit forever (the
text was saved, but the process stayed, deaf to SIGTERM, holding a core's worth of nothing).
"""

from __future__ import annotations

from contextlib import suppress
from functools import cache
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual import events, on
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.driver import Driver


class SteadyApp(App[Any]):
    """An app whose driver resumes only from its own suspend, and whose palette takes page keys early."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._focus_on_arrival: WeakKeyDictionary[events.Key, tuple[Widget, int]] = WeakKeyDictionary()
        self._moves_by_key = 0  # how many times a key moved the focus as it arrived (Tab, Shift+Tab)

    def get_driver_class(self) -> type[Driver]:
        return steady(super().get_driver_class())

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        before = self.focused
        if before is not None:
            self._focus_on_arrival[event] = (before, self._moves_by_key)
        await super().on_event(event)  # a priority binding (Tab) acts in here, as the key arrives
        if self.focused is not before:
            self._moves_by_key += 1

    async def _on_key(self, event: events.Key) -> None:
        # The key has been through the field it was sent to and has come back up unhandled: its
        # bindings are those of that field and its containers, even if a Tab behind it has
        # already moved the focus on.
        arrival = self._focus_on_arrival.pop(event, None)
        screen = self.screen
        then, moves = arrival if arrival is not None else (None, self._moves_by_key)
        if (
            then is None
            or moves == self._moves_by_key  # no key typed after it moved the focus: a handler did (search's Down)
            or then is screen.focused
            or not then.is_attached
            or then.screen is not screen
        ):
            return  # Textual's own handler (App._on_key, called next) looks the bindings up
        event.prevent_default()  # answered here: Textual's handler is not called as well
        now = screen.focused
        screen.set_reactive(Screen.focused, then)  # only while the chain is read: no watcher runs
        try:
            chain = screen._modal_binding_chain
        finally:
            screen.set_reactive(Screen.focused, now)
        for namespace, bindings in chain:
            for binding in bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.run_action(binding.action, namespace):
                    return
        from textual._dispatch_key import dispatch_key

        await dispatch_key(self, event)  # as Textual's handler does with a key no binding took

    def action_command_palette(self) -> None:
        """Show the command palette (Textual's, with page keys that wait for its results)."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SteadyCommandPalette(id="--command-palette"))


class SteadyCommandPalette(CommandPalette):
    """Textual's command palette, whose PageUp and PageDown do nothing until its results are laid out."""

    def _action_command_list(self, action: str) -> None:
        with suppress(KeyError):  # typed ahead of the search: Textual has not laid out the new results yet
            super()._action_command_list(action)


class ClosesOnce(Screen[Any]):
    """A screen that is dismissed once, however many closing keys were queued behind the first."""

    _dismissing = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close this screen with ``result``; once closing, any later call does nothing."""
        if self._dismissing:
            return AwaitComplete()
        self._dismissing = True
        return super().dismiss(result)

    @on(events.ScreenResume)
    def _open_again(self) -> None:
        self._dismissing = False  # a screen shown again (a section reused) can be closed again


def steady(driver_class: type[Driver]) -> type[Driver]:
    """``driver_class``, or for Textual's Linux driver the subclass that survives a closing terminal."""
    if driver_class.__module__ != "textual.drivers.linux_driver":
        return driver_class  # the web driver of `letstalk serve`, Windows: left as they are
    return _steady_linux_driver()


@cache
def _steady_linux_driver() -> type[Driver]:
    from textual.drivers.linux_driver import LinuxDriver  # POSIX only: imported once it is the driver

    class SteadyLinuxDriver(LinuxDriver):
        """Resumes only after its own SIGTSTP; drops output once the terminal has gone."""

        _suspended = False

        def _sigtstp_application(self, *args: Any) -> None:
            self._suspended = True
            super()._sigtstp_application(*args)

        def _sigcont_application(self, *args: Any) -> None:
            if not self._suspended:
                return  # not back from ctrl+z: a hang-up's SIGCONT (or kill -CONT) is no resume
            before = self._writer_thread
            super()._sigcont_application(*args)
            # Resumed only once application mode has really started again: after `bg` Textual
            # finds it may not use the terminal and stops the process again (SIGSTOP, not
            # SIGTSTP), and the SIGCONT of the `fg` that follows must still resume.
            writer = self._writer_thread
            if writer is not None and writer is not before and writer.is_alive():
                self._suspended = False

        def _writer_gone(self) -> bool:
            # Textual's output thread ends when a write fails (the terminal closed); its queue
            # would then fill and block the next write, and the exit, for good.
            writer = self._writer_thread
            return writer is not None and not writer.is_alive()

        def write(self, data: str) -> None:
            if not self._writer_gone():
                super().write(data)

        def close(self) -> None:
            if not self._writer_gone():
                super().close()

    return SteadyLinuxDriver
