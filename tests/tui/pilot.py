"""Helpers for Pilot tests: read what was saved, and wait for the app to finish what it started."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from letstalk.tui.app import LetsTalkApp
from letstalk.tui.review.app import ReviewApp
from letstalk.tui.screens.section import SectionScreen

ROUNDS = 50
"""How many pauses a wait may take before it gives up (a loaded machine needs a few)."""


IDLE_REDRAWS = 12
"""Redraw requests an idle screen may make in a short pause (a cursor blinks); a layout loop makes hundreds."""

IDLE_WINDOWS = 3
"""Short pauses in a row that must all be busy before a screen counts as redrawing in a loop."""


async def assert_idle(app: Any, pilot: Pilot[Any]) -> None:
    """Fail when the screen keeps redrawing with nothing happening (a scrollbar that comes and goes).

    Such a loop costs a core for as long as the app is open, and nothing on screen shows it. The
    screen may still be settling from the last resize in the first short pause (a dozen requests
    as the header and the page catch up); a loop is still at it in every one of them.
    """
    await pilot.pause()
    original = Widget.refresh
    seen: list[Counter[str]] = []
    for _ in range(IDLE_WINDOWS):
        counts: Counter[str] = Counter()

        def counted(widget: Widget, *args: Any, counts: Counter[str] = counts, **kwargs: Any) -> Widget:
            if type(widget).__name__ not in ("TextArea", "Input"):  # their cursors blink
                counts[f"{type(widget).__name__}#{widget.id}"] += 1
            return original(widget, *args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Widget, "refresh", counted)
            await pilot.pause(0.1)
        if counts.total() <= IDLE_REDRAWS:
            return
        seen.append(counts)
    busiest = [counts.most_common(3) for counts in seen]
    raise AssertionError(f"{app.screen} at {app.size} keeps redrawing: {busiest}")


def saved(path: Path) -> dict[str, Any]:
    """The workbook file as TOML data."""
    return tomllib.loads(path.read_text("utf-8"))


async def settle(app: LetsTalkApp | ReviewApp, pilot: Pilot[Any]) -> None:
    """Let pending messages and workers run, and every save (debounced ones too) reach the disk."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await app.saved()
    await pilot.pause()


async def opened(app: LetsTalkApp, pilot: Pilot[Any], section_id: str) -> SectionScreen:
    """Open a section and wait until all of it is mounted (it fills in a worker, a block at a time)."""
    app.open_section(section_id)
    for _ in range(ROUNDS):
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        if isinstance(screen, SectionScreen) and screen.section_id == section_id and screen.filled:
            return screen
    raise AssertionError(f"section {section_id} never finished opening")


KEY_CHARACTERS = {"enter": "\r", "escape": "\x1b", "tab": "\t", "space": " ", "backspace": "\x7f"}
"""The characters a terminal sends for the named keys a burst holds (a letter is its own)."""


def queue_keys(app: Any, *keys: str) -> None:
    """Queue ``keys`` at once, as a terminal hands a quick run of keys to the app (nothing waits).

    ``pilot.press`` waits for each key to be handled; queued together, the keys behind the one
    that closes a dialog still land on that dialog, as they do from a slow laptop or typing ahead.
    """
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, KEY_CHARACTERS.get(key, key if len(key) == 1 else None)))


async def type_burst(app: Any, pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` as one burst, as a fast typist or a paste does, then wait for the screen.

    ``pilot.press`` waits for idle after every key (about 70 ms each); here the keys queue up and
    the app takes them in order, so a long walk types in a fraction of the time.
    """
    from textual import events
    from textual.keys import _character_to_key

    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()
