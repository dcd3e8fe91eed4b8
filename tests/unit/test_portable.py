"""The portable branches, taken here by pretending to be Windows or macOS where the call differs.

Librarians use Windows laptops and Macs as often as Linux: no POSIX-only call runs without a branch
for the others (a folder fsync, fork, a shell command line, a lock file that cannot be deleted).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from letstalk import storage
from letstalk.content import load_library
from letstalk.files import atomic
from letstalk.files.lock import Lock, held_elsewhere
from letstalk.model import new_workbook
from letstalk.review import cache as review_cache
from letstalk.review import scan
from letstalk.serve import app_command


def test_without_folder_fsync_a_save_still_lands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows cannot open a folder to fsync it: the save skips that step rather than trying."""
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(atomic, "FSYNC_DIRS", False)
    monkeypatch.setattr(atomic.os, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    atomic.write_atomic(tmp_path / "x.toml", b"a = 1\n")
    assert (tmp_path / "x.toml").read_bytes() == b"a = 1\n"
    assert str(tmp_path) not in opened


def test_with_folder_fsync_the_folder_is_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(atomic, "FSYNC_DIRS", True)
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    atomic.write_atomic(tmp_path / "x.toml", b"a = 1\n")
    assert len(synced) == 2  # the temp file, then its folder


def test_without_hard_links_the_backup_is_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """FAT and exFAT (USB sticks, SD cards on any system) have no hard links."""
    target = tmp_path / "x.toml"
    target.write_bytes(b"old\n")

    def no_links(*args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    atomic.write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n" and (tmp_path / "x.toml.bak").read_bytes() == b"old\n"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_review_reads_in_one_process_where_fork_is_not_safe(
    platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fork exists only on POSIX and is unsafe on macOS: there the review reads in this process."""
    folder = tmp_path / "many"
    folder.mkdir()
    workbook = new_workbook(owner="Someone")
    workbook.meta.participant = None  # one person per name, as an older letstalk wrote them
    text = storage.dumps(workbook)
    for index in range(review_cache.PARALLEL_MIN + 5):
        (folder / f"p{index:03}.toml").write_text(text.replace("Someone", f"Person {index:03}"), "utf-8")
    monkeypatch.setattr(sys, "platform", platform)
    assert review_cache._start_method(review_cache.PARALLEL_MIN + 5) is None
    assert review_cache._start_method(review_cache.SPAWN_MIN * 10) is None

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("worker processes were started")

    monkeypatch.setattr(review_cache, "_read_parallel", no_pool)
    review = scan(folder, library=load_library(), cache_dir=tmp_path / "cache", workers=4)
    assert len(review.readable()) == review_cache.PARALLEL_MIN + 5


def test_a_lock_file_that_cannot_be_deleted_is_still_released(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to delete a file someone has open: the lock is released all the same."""
    path = tmp_path / "wb.toml"
    storage.create(path, new_workbook())
    held = Lock(path)
    held.acquire()

    def busy(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used")

    monkeypatch.setattr(Path, "unlink", busy)
    held.release()
    monkeypatch.undo()
    assert not held.held and not held_elsewhere(path)
    again = Lock(path)
    again.acquire()
    assert again.held
    again.release()


def test_the_tab_command_uses_windows_quoting_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    command = app_command(tmp_path / "My Documents" / "wb.toml")
    assert f'"{tmp_path / "My Documents" / "wb.toml"}"' in command and "'" not in command
