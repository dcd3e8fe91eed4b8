"""Helpers for Pilot tests: read what was saved, and wait for the app to finish what it started."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from letstalk.tui.app import LetsTalkApp
from letstalk.tui.review.app import ReviewApp
from letstalk.tui.screens.section import SectionScreen

ROUNDS = 50
"""How many pauses a wait may take before it gives up (a loaded machine needs a few)."""


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
