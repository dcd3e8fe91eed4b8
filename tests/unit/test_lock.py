"""The workbook lock: an OS lock on the real file, released by the kernel, never a pid to guess about."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from letstalk import storage
from letstalk.errors import LockedError, WorkbookError
from letstalk.files.lock import Lock, held_elsewhere, lock_path
from letstalk.model import new_workbook

HOLDER = """
import sys
from pathlib import Path
from letstalk.files.lock import Lock
held = Lock(Path(sys.argv[1]))
held.acquire()
print("held" if held.held else "not held", flush=True)
sys.stdin.readline()
"""


def make(path: Path) -> Path:
    storage.create(path, new_workbook(owner="Ana"))
    return path


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock of ``tmp_path/wb.toml`` until it is told to go or killed."""
    path = make(tmp_path / "wb.toml")
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait()


def test_open_takes_the_lock_and_close_releases_it(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    handle = storage.WorkbookFile.open(path)
    assert handle._lock is not None and handle._lock.held
    with pytest.raises(LockedError):
        storage.WorkbookFile.open(path)
    handle.close()
    assert not (tmp_path / "wb.toml.lock").exists()  # nothing left beside the workbook
    storage.WorkbookFile.open(path).close()  # free again
    assert not held_elsewhere(path)


@pytest.mark.parametrize("content", ["1\n", f"{os.getppid()}\n", "", "garbage\n"])
def test_whatever_a_lock_file_holds_only_a_live_holder_refuses(tmp_path: Path, content: str) -> None:
    """`echo 1 > w.toml.lock` (pid 1 is alive) no longer claims another letstalk has the workbook."""
    path = make(tmp_path / "wb.toml")
    (tmp_path / "wb.toml.lock").write_text(content)
    handle = storage.WorkbookFile.open(path)
    assert handle.read_only is None and handle._lock is not None and handle._lock.held
    handle.close()


def test_a_live_letstalk_elsewhere_refuses_in_one_line(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    path = tmp_path / "wb.toml"
    before = path.read_bytes()
    assert held_elsewhere(path)
    with pytest.raises(LockedError) as info:
        storage.WorkbookFile.open(path)
    message = str(info.value)
    assert message.startswith(f"{path}: already open in another letstalk") and "\n" not in message
    assert "pid" not in message
    assert path.read_bytes() == before


def test_a_symlink_and_the_file_share_one_lock(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(tmp_path / "wb.toml")
    assert lock_path(link) == lock_path(tmp_path / "wb.toml")
    with pytest.raises(LockedError):
        storage.WorkbookFile.open(link)


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    handle = storage.WorkbookFile.open(tmp_path / "wb.toml")
    assert handle._lock is not None and handle._lock.held
    handle.close()


def test_the_lock_sits_beside_the_real_file(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = make(real_dir / "wb.toml")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    handle = storage.WorkbookFile.open(link)
    assert (real_dir / "wb.toml.lock").is_file() and not (tmp_path / "link.toml.lock").exists()
    handle.close()


def test_a_folder_where_the_lock_goes_is_one_line_naming_the_lock(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    (tmp_path / "wb.toml.lock").mkdir()
    with pytest.raises(WorkbookError) as info:
        storage.WorkbookFile.open(path)
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'wb.toml.lock'}: ") and "lock" in message and "\n" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wb.toml", "wb.toml.lock"]


def test_a_full_disk_is_one_line_and_leaves_no_lock_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make(tmp_path / "wb.toml")
    real_open = os.open

    def full(file, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith(".lock"):
            real_open(file, flags, *args, **kwargs)  # the directory entry appears, then the write fails
            raise OSError(errno.ENOSPC, "No space left on device", str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    with pytest.raises(WorkbookError) as info:
        storage.WorkbookFile.open(path)
    monkeypatch.undo()
    assert "disk is full" in str(info.value) and str(info.value).startswith(f"{tmp_path / 'wb.toml.lock'}: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wb.toml"]


def test_a_read_only_folder_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make(tmp_path / "wb.toml")

    def denied(self: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(FileLock, "acquire", denied)
    handle = storage.WorkbookFile.open(path)
    assert handle.read_only is not None and "cannot be written" in handle.read_only
    handle.close()


def test_save_as_moves_the_lock(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    handle = storage.WorkbookFile.open(path)
    other = tmp_path / "copy.toml"
    handle.save_as(other)
    assert not held_elsewhere(path)
    storage.WorkbookFile.open(path).close()  # the old name is free
    with pytest.raises(LockedError):
        storage.WorkbookFile.open(other)
    handle.close()


def test_open_without_lock_leaves_no_lock_file(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    storage.WorkbookFile.open(path, lock=False).close()
    assert not (tmp_path / "wb.toml.lock").exists()


def test_a_second_lock_in_one_process_is_refused(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    first, second = Lock(path), Lock(path)
    first.acquire()
    with pytest.raises(LockedError):
        second.acquire()
    first.release()
    second.acquire()
    assert second.held
    second.release()
