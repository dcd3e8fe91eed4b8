"""Crash safety: kill a process mid-save, many times; the workbook and its backup always load."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from letstalk import storage
from letstalk.files import atomic
from letstalk.model import new_workbook

KILLS = 60
SEED = 20261126


def version_text(n: int) -> str:
    """The long answer written in version ``n``: it grows, so every version is distinct."""
    return f"version {n}\n" + "Our library partners with every grade team. " * (n % 40 + 1)


def save_forever(path: Path) -> None:
    """In the child: save a growing workbook as fast as possible until killed."""
    handle = storage.WorkbookFile(path, storage.load(path), None)
    n = 0
    while True:
        n += 1
        handle.workbook.set_answer("mindset.reflect-role", version_text(n))
        handle.workbook.set_answer("crash.version", str(n))
        handle.write(handle.snapshot(), force=True)


def assert_is_a_written_version(path: Path) -> int:
    workbook = storage.load(path)
    n = int(workbook.value("crash.version") or 0)
    if n:
        assert workbook.value("mindset.reflect-role") == version_text(n)
    return n


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_during_saves_never_corrupts(tmp_path: Path) -> None:
    path = tmp_path / "crash.toml"
    storage.create(path, new_workbook(owner="Crash Test"))
    # Build the models' validators before forking (they are built on first use), so each child
    # starts saving at once instead of spending its few milliseconds on that.
    handle = storage.WorkbookFile(path, storage.load(path), None)
    handle.workbook.set_answer("crash.version", "0")
    handle.snapshot()
    rng = random.Random(SEED)
    seen: list[int] = []
    for _ in range(KILLS):
        pid = os.fork()
        if pid == 0:  # child
            try:
                save_forever(path)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.001, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        seen.append(assert_is_a_written_version(path))
        backup = path.with_name(path.name + storage.BACKUP_SUFFIX)
        if backup.exists():
            assert_is_a_written_version(backup)
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        for name in leftovers:  # a kill between mkstemp and replace leaves a temp file; never the target
            (tmp_path / name).unlink()
    assert max(seen) > 0, "the child never managed a save: the test proves nothing"


def test_temp_file_always_lives_beside_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even when the workbook is a symlink into another folder (maybe another device), the temp
    file is made in the target's own folder, so ``os.replace`` never crosses devices."""
    import tempfile

    real_dir = tmp_path / "usb-stick"
    real_dir.mkdir()
    target = real_dir / "ana.toml"
    storage.create(target, new_workbook(owner="Ana"))
    link = tmp_path / "ana.toml"
    link.symlink_to(target)
    folders: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args: object, **kwargs: object):
        folders.append(str(kwargs["dir"]))
        return real_mkstemp(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.tempfile, "mkstemp", spy)
    handle = storage.WorkbookFile.open(link)
    handle.workbook.set_answer("mindset.reflect-role", "beside the target")
    handle.save()
    handle.close()
    assert folders == [str(real_dir)]
    assert link.is_symlink() and storage.load(target).value("mindset.reflect-role") == "beside the target"
