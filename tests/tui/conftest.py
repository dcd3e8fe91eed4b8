"""Fixtures for driving the app with Pilot on temp workbooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from letstalk import storage
from letstalk.content import Library
from letstalk.model import new_workbook
from letstalk.settings import Settings
from letstalk.tui.app import LetsTalkApp, make_app


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    """A new workbook file for Ana."""
    path = tmp_path / "ana.toml"
    storage.create(path, new_workbook(owner="Ana Ruiz", school="Hillside Middle School"))
    return path


@pytest.fixture
def open_app() -> Callable[..., LetsTalkApp]:
    """Build an app on a workbook path; the lock is released after the test."""
    handles: list[storage.WorkbookFile] = []

    def build(path: Path, library: Library, settings: Settings | None = None) -> LetsTalkApp:
        handle = storage.WorkbookFile.open(path)
        handles.append(handle)
        return make_app(handle, library, settings or Settings())

    yield build
    for handle in handles:
        handle.close()
