"""Fixtures and helpers for the review app's Pilot tests: a copy of the fixture folder, the app, a scanned dashboard."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from letstalk.content import Library
from letstalk.settings import Settings
from letstalk.tui.review.app import ReviewApp, make_review_app
from letstalk.tui.review.dashboard import DashboardScreen
from tests.paths import REVIEW

FIXTURE = REVIEW
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
SECRETS = ("PRIVATE:", "private note", "nervous about the board")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the fixture folder: 10 workbook files, a cohort of 12."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "review"))


@pytest.fixture
def build(shipped_library: Library, tmp_path: Path) -> Callable[..., ReviewApp]:
    def make(folder: Path, **kwargs: object) -> ReviewApp:
        return make_review_app(
            folder, shipped_library, settings=Settings(), now=NOW, cache_dir=tmp_path / "cache", **kwargs
        )  # type: ignore[arg-type]

    return make


async def scanned(app: ReviewApp, pilot, at: tuple[int, int] = (0, 0)) -> DashboardScreen:
    """Wait for the scan worker, put the grid's cursor ``at`` (row, column), return the dashboard."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, DashboardScreen)
    app.screen.query_one("#grid", DataTable).move_cursor(row=at[0], column=at[1])
    return app.screen


def grid_names(screen: DashboardScreen) -> list[str]:
    table = screen.query_one("#grid", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def text_of(widget: Static) -> str:
    return str(widget.render())
