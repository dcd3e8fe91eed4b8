"""Faults while saving: the app says so in one line, keeps running and keeps the answer."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from letstalk.files import atomic
from letstalk.tui.widgets.items import widget_id

from .pilot import saved, settle


async def tick(app, pilot, item: str = "first.read") -> None:
    app.screen.query_one(f"#{widget_id(item)}").focus()
    await pilot.press("space")
    await settle(app, pilot)


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_disk_full_keeps_the_answer_and_retries(open_app, workbook_path, mini_library, monkeypatch) -> None:
    before = workbook_path.read_bytes()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.open_section("first")
        await settle(app, pilot)
        before = workbook_path.read_bytes()
        monkeypatch.setattr(atomic.os, "fsync", full)
        await tick(app, pilot)
        assert app.save_state == "error" and "not saved" in app.sub_title
        assert any("disk is full" in m for m in messages(app))
        assert workbook_path.read_bytes() == before
        assert app.workbook.value("first.read") is True
        assert not [p for p in workbook_path.parent.iterdir() if p.name.endswith(".tmp")]
        monkeypatch.setattr(atomic.os, "fsync", real_fsync)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert saved(workbook_path)["answers"]["first.read"]["value"] is True
        assert app.save_state == "saved"


async def test_file_deleted_while_open_is_written_again(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.open_section("first")
        await settle(app, pilot)
        workbook_path.unlink()
        await tick(app, pilot)
        assert saved(workbook_path)["answers"]["first.read"]["value"] is True


async def test_file_replaced_by_a_folder(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.open_section("first")
        await settle(app, pilot)
        workbook_path.unlink()
        workbook_path.mkdir()
        await tick(app, pilot)
        assert app.is_running and app.save_state == "error"
        assert app.workbook.value("first.read") is True
        assert workbook_path.is_dir()


async def test_read_only_folder(open_app, workbook_path, mini_library, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.open_section("first")
        await settle(app, pilot)
        before = workbook_path.read_bytes()
        monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
        await tick(app, pilot)
        assert any("read-only" in m and "Save as" in m for m in messages(app))
        assert workbook_path.read_bytes() == before


async def test_save_as_moves_work_to_a_new_file(open_app, workbook_path, mini_library, tmp_path: Path) -> None:
    app = open_app(workbook_path, mini_library)
    target = tmp_path / "elsewhere.toml"
    async with app.run_test() as pilot:
        app.action_save_as()
        await pilot.pause()
        field = app.screen.query_one("#path")
        field.value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.handle.path == target
        app.open_section("first")
        await settle(app, pilot)
        await tick(app, pilot)
        assert saved(target)["answers"]["first.read"]["value"] is True


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
async def test_symlinked_workbook_stays_a_link(open_app, workbook_path, mini_library, tmp_path: Path) -> None:
    real = tmp_path / "real" / "ana.toml"
    real.parent.mkdir()
    shutil.move(workbook_path, real)
    workbook_path.symlink_to(real)
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.open_section("first")
        await settle(app, pilot)
        await tick(app, pilot)
    assert workbook_path.is_symlink()
    assert saved(real)["answers"]["first.read"]["value"] is True
