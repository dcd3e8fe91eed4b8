"""Keep Python's garbage collector out of the frame that shows her change."""

from __future__ import annotations

import gc
from collections.abc import Callable

from textual.message_pump import MessagePump

LONGEST_PAUSE = 0.25
"""Seconds after which the collector runs again even if the frame never came (a screen closed)."""

_pause: object | None = None
"""The pause in force, if letstalk paused the collector: only it may end it."""


def pause_collector(node: MessagePump, longest: float = LONGEST_PAUSE) -> Callable[[], None]:
    """Pause the collector until the returned function is called, or for ``longest`` seconds.

    A change to a long log, or a section's widgets being made, allocates enough to set off several
    collections before the frame that shows it, each walking everything young (4-5 ms), and now
    and then a full one walking everything (150-250 ms with a long log open). Once the frame is
    out the same work costs her nothing: she is already reading. Nothing is paused if the
    collector is off already (start-up turns it on after the first paint); then the function
    returned does nothing. A pause that ran out does not end a later one when its frame comes.
    """
    global _pause
    if not gc.isenabled():
        return _nothing
    gc.disable()
    pause = _pause = object()

    def end() -> None:
        if _pause is pause:
            end_pause()

    # The app outlives every screen: its timer ends the pause if the caller never does.
    timer = node.app.set_timer(longest, end)

    def resume() -> None:
        timer.stop()
        end()

    return resume


def collect_after_frame(node: MessagePump) -> None:
    """Pause the collector until the next frame is out (see :func:`pause_collector`)."""
    node.call_after_refresh(pause_collector(node))


def end_pause() -> None:
    """End letstalk's pause of the collector, if one is in force (an app closing calls this)."""
    global _pause
    if _pause is not None:
        _pause = None
        gc.enable()


def _nothing() -> None:
    pass
