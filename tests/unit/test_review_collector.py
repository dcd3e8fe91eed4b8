"""A review pauses Python's garbage collector while it builds its entries, and always turns it back on."""

from __future__ import annotations

import gc
import importlib
from pathlib import Path

import pytest
from review_support import NOW, folder, shipped  # noqa: F401 - fixtures

from letstalk.review import scan

scan_module = importlib.import_module("letstalk.review.scan")  # the package's `scan` is the function


def test_the_collector_is_paused_while_entries_are_built_and_back_on_after(
    folder: Path, shipped, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = scan_module._participants

    def watched(entries, review):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(entries, review)

    monkeypatch.setattr(scan_module, "_participants", watched)
    review = scan(folder, library=shipped, now=NOW, cache_dir=tmp_path / "cache")
    assert review.participants and seen == [False]
    assert gc.isenabled()


def test_the_collector_is_back_on_when_a_review_fails(
    folder: Path, shipped, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(entries, review):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(scan_module, "_participants", broken)
    with pytest.raises(RuntimeError):
        scan(folder, library=shipped, now=NOW, cache_dir=tmp_path / "cache")
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off(folder: Path, shipped, tmp_path: Path) -> None:
    gc.disable()
    try:
        scan(folder, library=shipped, now=NOW, cache_dir=tmp_path / "cache")
        assert not gc.isenabled()
    finally:
        gc.enable()
