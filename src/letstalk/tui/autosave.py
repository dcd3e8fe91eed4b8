"""The one save machine: debounced autosave, the dirty flag, the indicator, serialised writes, the quit guard.

The workbook app and the review app's feedback editor each own one :class:`SaveMachine` over
their document. A change marks it dirty; typing is written after :data:`SAVE_DELAY` of quiet,
ticks and picks at once. A save takes a snapshot on the UI thread (so the model is never read
mid-change) and writes it in a worker thread, one write at a time; a change made meanwhile is
written when that write ends. Leaving (quit, close, a signal) writes what is pending there and
then; a leave whose write fails is refused once, and the text stays dirty so ctrl+s still saves it.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable
from typing import Any, Generic, Literal, TypeVar

from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer

from letstalk.errors import LetsTalkError

SAVE_DELAY = 0.5
"""Seconds of quiet after the last keystroke before typing is saved."""

SaveState = Literal["saved", "unsaved", "saving", "read-only", "error"]

MARKS: dict[SaveState, str] = {
    "saved": "✓ saved",
    "unsaved": "… unsaved",
    "saving": "… saving",
    "read-only": "read-only",
    "error": "! not saved",
}
"""The indicator shown in a header for each state."""

S = TypeVar("S")


class SaveMachine(Generic[S]):
    """Saves one document for ``node`` (an app or a screen): ``snapshot`` on the UI thread, ``write`` in a thread.

    ``write`` raises :class:`LetsTalkError` when nothing was saved; ``on_error`` then tells the
    user (the document stays dirty). ``on_state`` hears every change of :attr:`state`.
    ``read_only`` gives the reason saving is refused, or None.
    """

    def __init__(
        self,
        node: DOMNode,
        *,
        snapshot: Callable[[], S],
        write: Callable[[S], object],
        on_error: Callable[[LetsTalkError], None],
        on_state: Callable[[SaveState], None] = lambda state: None,
        read_only: Callable[[], str | None] = lambda: None,
        delay: float = SAVE_DELAY,
    ) -> None:
        self._node = node
        self._snapshot = snapshot
        self._write = write
        self._on_error = on_error
        self._on_state = on_state
        self._read_only = read_only
        self.delay = delay
        self._timer: Timer | None = None
        self._dirty = False
        self._writing = False
        self._paused = False
        self._refused = False  # the last leave was refused: the next one in a row goes without saving
        self._io = threading.Lock()  # one write at a time, from the worker or from a leave
        self._generation = 0  # of the last snapshot taken
        self._landed = 0  # of the last snapshot written: an older one never lands after it
        self._idle = asyncio.Event()
        self._idle.set()
        self.state: SaveState = "read-only" if read_only() else "saved"
        self._unstored: dict[str, str] = {}  # field id -> what the field is, for typing that was refused

    # -- what is going on ---------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether there are changes not yet on disk."""
        return self._dirty

    @property
    def pending(self) -> bool:
        """Whether a save is waiting for its timer or being written."""
        return self._writing or self._timer is not None

    @property
    def paused(self) -> bool:
        """Whether autosave is paused (after a conflict she chose to keep editing): ctrl+s resumes."""
        return self._paused

    @property
    def mark(self) -> str:
        """The indicator for the current state, such as ``✓ saved`` or ``! 1 field not saved``."""
        return self.mark_for(None)

    def mark_for(self, focused: str | None) -> str:
        """The indicator, naming the refused field when ``focused`` (a field id) is one."""
        if not self._unstored or self.state == "read-only":
            return MARKS[self.state]
        # The file may be written, but not with what she typed there: never "saved" then.
        if focused in self._unstored:
            return f"! not saved: {self._unstored[focused]}"
        count = len(self._unstored)
        return f"! {count} field{'s' if count > 1 else ''} not saved"

    @property
    def refused(self) -> dict[str, str]:
        """Fields whose typed value could not be stored (field id -> what the field is)."""
        return dict(self._unstored)

    def refuse(self, field: str, label: str) -> None:
        """What was typed in ``field`` cannot be stored (a date that is not one): the indicator says so."""
        self._unstored[field] = label
        self._on_state(self.state)

    def accept(self, field: str) -> None:
        """``field`` holds something storable again (or is gone)."""
        if self._unstored.pop(field, None) is not None:
            self._on_state(self.state)

    async def saved(self) -> bool:
        """Wait until no save is waiting or being written; True when everything is on disk."""
        while not self._idle.is_set():
            await self._idle.wait()
        return not self._dirty

    def _set(self, state: SaveState) -> None:
        self.state = state
        self._on_state(state)

    def _settle(self) -> None:
        if not self.pending:
            self._idle.set()

    # -- saving -------------------------------------------------------------------------------

    def changed(self, *, immediate: bool = False) -> None:
        """The document changed: save soon (at once when ``immediate``, else after the delay)."""
        if self._read_only():
            return
        self._dirty = True
        self._refused = False
        if self._paused:
            return
        self._set("unsaved")
        self._stop_timer()
        if immediate:
            self.save_now()
        else:
            self._idle.clear()
            self._timer = self._node.set_timer(self.delay, self.save_now)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def save_now(self) -> None:
        """Start writing pending changes in a worker; a write in flight saves again when it ends."""
        self._stop_timer()
        if not self._dirty or self._read_only() or self._writing:
            self._settle()
            return
        try:
            generation, data = self._take()
        except LetsTalkError as exc:
            self._failed(exc)
            return
        self._dirty = False
        self._writing = True
        self._idle.clear()
        self._set("saving")
        app = self._node.app
        app.run_worker(lambda: self._work(generation, data), thread=True, group="save", exclusive=False)

    def _take(self) -> tuple[int, S]:
        data = self._snapshot()
        self._generation += 1
        return self._generation, data

    def _put(self, generation: int, data: S) -> None:
        with self._io:
            if generation > self._landed:
                self._write(data)
                self._landed = generation

    def resume(self) -> None:
        """Save now and autosave again (ctrl+s): also after a conflict or a refused leave."""
        self._paused = False
        self._refused = False
        self.save_now()

    def pause(self) -> None:
        """Stop autosaving until :meth:`resume` (changes stay dirty)."""
        self._paused = True
        self._stop_timer()
        self._settle()

    def forget(self) -> None:
        """Everything is on disk by other means (a reload, a save as): nothing is pending."""
        self._stop_timer()
        self._dirty = self._paused = self._refused = False
        self._set("read-only" if self._read_only() else "saved")
        self._settle()

    def _work(self, generation: int, data: S) -> None:
        app = self._node.app
        try:
            self._put(generation, data)
        except LetsTalkError as exc:
            app.call_from_thread(self._failed, exc)
        else:
            app.call_from_thread(self._written)

    def _written(self) -> None:
        self._writing = False
        if self._dirty and not self._paused:
            self.save_now()
        elif self._dirty:
            self._set("unsaved")
            self._settle()
        else:
            self._set("saved")
            self._settle()

    def _failed(self, exc: LetsTalkError) -> None:
        self._writing = False
        self._dirty = True
        self._set("error")
        self._settle()
        self._on_error(exc)

    # -- leaving ------------------------------------------------------------------------------

    def write_now(self) -> LetsTalkError | None:
        """Write pending changes on this thread, at once (a signal, a quit); returns what went wrong.

        A write in flight in the worker is written over by a fresh snapshot once it ends, so
        nothing typed is lost when the process stops right after.
        """
        self._stop_timer()
        problem = None
        if (self._dirty or self._writing) and not self._read_only():
            try:
                self._put(*self._take())
            except LetsTalkError as exc:
                problem = exc
            self._dirty = problem is not None
            self._set("error" if problem else "saved")
        self._settle()
        return problem

    async def may_leave(self, again: str = "quit again") -> bool:
        """Write what is pending before leaving; False (and she is told) when that failed.

        Writes in flight finish first. A refused leave keeps the changes dirty, so ctrl+s still
        writes them; only a second leave in a row, with nothing changed or saved between,
        goes without saving.
        """
        for worker in [w for w in self._node.app.workers if w.group == "save"]:
            with contextlib.suppress(Exception):  # a failed write was already reported through on_error
                await worker.wait()
        problem = self.write_now()
        if problem is None or self._refused:
            return True
        self._refused = True
        self._node.app.notify(
            f"{problem}. Your text is still here: press ctrl+s to try again, or {again} to leave without saving.",
            title="Not saved",
            severity="error",
            timeout=15,
        )
        return False


async def handled(app: App[Any], timeout: float = 1.0, *, by_app: bool = False) -> None:
    """Let every node of the current screen handle the messages already queued for it.

    A keystroke is on screen before the ``Changed`` message it posts has bubbled up to the
    screen that stores it, one level per round: so a signal or a quit lets those land first
    (bounded by ``timeout``), and the text written is the text she saw. Keys typed just before
    ctrl+q are still queued for the field they were sent to when the app takes the ctrl+q.
    ``by_app``: called from the app's own message handler (a key's action), whose queue waits
    for it, so the app itself gets no round.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    focused = app.focused
    for _ in range(len(focused.ancestors_with_self) + 1 if focused is not None else 2):
        if not await _one_round(app, max(0.0, deadline - loop.time()), by_app=by_app):
            return


async def _one_round(app: App[Any], timeout: float, *, by_app: bool) -> bool:
    """One ``call_later`` on every node; False when there was none or time ran out."""
    left = 0
    done = asyncio.Event()

    def one() -> None:
        nonlocal left
        left -= 1
        if left == 0:
            done.set()

    for node in [*([] if by_app else [app]), *app.screen.walk_children(with_self=True)]:
        if node.call_later(one):
            left += 1
    if not left:
        return False
    try:
        await asyncio.wait_for(done.wait(), timeout)
    except TimeoutError:
        return False
    return True


LEAVING_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")
"""Signals that end letstalk after writing what is pending (SIGKILL cannot be caught)."""


def on_leaving_signals(handler: Callable[[int], None]) -> Callable[[], None]:
    """Run ``handler(signum)`` on the running event loop for each of :data:`LEAVING_SIGNALS`.

    Returns a function that removes the handlers again. A platform without a signal (SIGHUP on
    Windows) or whose loop cannot take handlers (Windows' proactor loop) is skipped.
    """
    loop = asyncio.get_running_loop()
    installed: list[int] = []
    for name in LEAVING_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            loop.add_signal_handler(signum, handler, signum)
        except (NotImplementedError, RuntimeError, ValueError):
            continue
        installed.append(signum)

    def remove() -> None:
        for signum in installed:
            loop.remove_signal_handler(signum)

    return remove
