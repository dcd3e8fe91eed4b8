"""Saving never loses a workbook: read-only folders, a full disk, a folder in the way; one line each, nothing left behind."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from tests.unit.storage_support import (
    check_message,
    leftovers,
    not_as_root,
    saved_workbook,
)

from letstalk import storage
from letstalk.cli import main
from letstalk.errors import WorkbookError

pytestmark = pytest.mark.usefixtures("mini_content")

# -- saving -----------------------------------------------------------------------------------


@not_as_root
def test_read_only_folder_on_save(tmp_path: Path) -> None:
    handle, before = saved_workbook(tmp_path)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(WorkbookError) as info:
            handle.save()
    finally:
        tmp_path.chmod(0o755)
    check_message(str(info.value), handle.path, "read-only", "nothing was overwritten")
    assert handle.path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_read_only_folder_on_save_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handle, before = saved_workbook(tmp_path)

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WorkbookError) as info:
        handle.save()
    check_message(str(info.value), handle.path, "read-only", "nothing was overwritten", "Save as")
    assert handle.path.read_bytes() == before
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "wb.toml.bak").exists()


def test_new_in_read_only_folder_via_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    path = tmp_path / "new.toml"
    assert main(["new", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    [line] = captured.err.splitlines()
    check_message(line, path, "read-only")
    assert list(tmp_path.iterdir()) == []


def test_disk_full_on_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handle, before = saved_workbook(tmp_path)
    handle.save()  # a first save makes wb.toml.bak
    handle.workbook.set_answer("first.meet", True)
    before, bak_before = handle.path.read_bytes(), (tmp_path / "wb.toml.bak").read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WorkbookError) as info:
        handle.save()
    check_message(str(info.value), handle.path, "disk is full", "nothing was overwritten")
    assert handle.path.read_bytes() == before
    assert (tmp_path / "wb.toml.bak").read_bytes() == bak_before
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wb.toml", "wb.toml.bak"]


class _FullDisk:
    """A file handle whose writes fail with ENOSPC (it still closes the real file)."""

    def __init__(self, handle: object) -> None:
        self._handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()  # type: ignore[attr-defined]

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_on_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handle, before = saved_workbook(tmp_path)
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _FullDisk(real_fdopen(fd, *a, **k)))
    with pytest.raises(WorkbookError) as info:
        handle.save()
    check_message(str(info.value), handle.path, "disk is full")
    assert handle.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wb.toml"]


def test_save_works_again_after_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handle, _ = saved_workbook(tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", full)
        with pytest.raises(WorkbookError):
            handle.save()
    handle.save()
    assert storage.load(handle.path).value("first.read") is True


def test_disk_full_while_copying_backup_leaves_no_temp_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handle, before = saved_workbook(tmp_path)
    real_fsync = os.fsync
    calls: list[int] = []

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    def full_on_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the first fsync is the new file's; the second is the backup copy's
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "fsync", full_on_second)
    with pytest.raises(WorkbookError):
        handle.save()
    assert handle.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wb.toml"]


def test_folder_at_save_path(tmp_path: Path) -> None:
    handle, _ = saved_workbook(tmp_path)
    target = tmp_path / "elsewhere.toml"
    target.mkdir()
    with pytest.raises(WorkbookError) as info:
        handle.save_as(target)
    check_message(str(info.value), target, "folder")
    assert leftovers(tmp_path) == []
