"""Keep Python's garbage collector out of the frame that shows her change."""

from __future__ import annotations

import gc

from textual.message_pump import MessagePump

LONGEST_PAUSE = 0.25
"""Seconds after which the collector runs again even if the frame never came (a screen closed)."""


def collect_after_frame(node: MessagePump) -> None:
    """Pause the collector until the next frame is out, then let it run.

    A change to a long log allocates enough to set off several collections before its frame is
    drawn, each walking everything young (about 5 ms an add at 2,000 entries), and now and then a
    full one walking the whole table (150-200 ms). Afterwards the same work costs her nothing: she
    is already reading the new row. Nothing is paused if the collector is off already (start-up
    turns it on after the first paint).
    """
    if not gc.isenabled():
        return
    gc.disable()
    node.call_after_refresh(gc.enable)
    # The callback is lost if the node closes before the frame; the app outlives every screen.
    node.app.set_timer(LONGEST_PAUSE, gc.enable)
