"""The terminal driver: Textual's, made safe for a terminal that closes under the app.

When the terminal window closes, SIGCONT can arrive with the hang-up (tmux sends both; so does
``kill -CONT``). Textual's Linux driver answers every SIGCONT by starting application mode again,
as if it were coming back from ctrl+z: over a terminal that is gone, that starts a second output
thread whose first write fails, and whose queue, once full, blocked letstalk's exit forever (the
text was saved, but the process stayed, deaf to SIGTERM, holding a core's worth of nothing).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from textual.driver import Driver


class SteadyTerminal(App[Any]):
    """An app whose terminal driver resumes only from its own suspend, and never waits on a dead terminal."""

    def get_driver_class(self) -> type[Driver]:
        return steady(super().get_driver_class())


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
            if self._suspended:  # back from ctrl+z; any other SIGCONT (a hang-up's) is no resume
                self._suspended = False
                super()._sigcont_application(*args)

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
