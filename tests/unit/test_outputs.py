"""Exports and reports replace only what they should; stdout failures are one line; small files never follow links."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from letstalk import cli, storage
from letstalk.errors import WorkbookError
from letstalk.feedback import CommentBank, Feedback, save_bank, save_feedback
from letstalk.files import atomic
from letstalk.files.target import OutputError, check_output, write_output
from letstalk.model import new_workbook

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "w.toml"
    storage.create(path, new_workbook(owner="Ana"))
    return path


def state(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry of a folder: its mode and, for a regular file, its bytes."""
    out = {}
    for entry in sorted(folder.iterdir()):
        st = os.lstat(entry)
        out[entry.name] = (st.st_mode, entry.read_bytes() if entry.is_file() and not entry.is_symlink() else None)
    return out


@needs_fifo
@pytest.mark.parametrize(
    "command",
    [
        ["export", "md", "{wb}", "-o", "{out}"],
        ["plan", "{wb}", "-o", "{out}"],
        ["review", "{folder}", "--report", "md", "-o", "{out}"],
    ],
)
def test_every_writing_command_refuses_a_fifo_changing_nothing(
    command: list[str], workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fifo = out / "p.md"
    os.mkfifo(fifo)
    before = state(out), state(workbook.parent)
    argv = [a.format(wb=workbook, out=fifo, folder=tmp_path) for a in command]
    assert cli.main(argv) == cli.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert err.startswith(f"{fifo}: this is a named pipe (FIFO)") and err.count("\n") == 1
    assert (state(out), state(workbook.parent)) == before


@pytest.mark.parametrize(
    ("name", "words"),
    [("w.toml.bak", "backup"), ("w.toml.lock", "lock"), ("W.TOML.BAK", "backup"), ("w.toml", "workbook itself")],
)
def test_an_export_never_replaces_the_workbook_its_backup_or_lock(
    name: str, words: str, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handle = storage.WorkbookFile.open(workbook)  # a save makes the backup; the open app holds the lock
    handle.workbook.meta.school = "Hillside"
    handle.save()
    before = state(tmp_path)
    assert cli.main(["export", "md", str(workbook), "-o", str(tmp_path / name)]) == cli.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1
    assert state(tmp_path) == before
    handle.close()


def test_an_export_never_replaces_another_workbook(workbook: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"  # a workbook, whatever it is called
    storage.create(other, new_workbook(owner="Bea"))
    before = other.read_bytes()
    with pytest.raises(OutputError, match="this is a letstalk workbook"):
        write_output(other, b"# plan\n", workbooks=[workbook])
    assert other.read_bytes() == before


@pytest.mark.parametrize("name", ["cohort.toml", "ben.feedback.toml", "attendance.toml", "new.TOML"])
def test_an_export_never_goes_to_a_toml_name(name: str, workbook: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "c" / name
    target.parent.mkdir()
    if name != "new.TOML":  # a cohort file, a feedback sidecar, attendance: letstalk's own files
        target.write_text('schema_version = 1\nname = "Leading Edge 2026"\n')
    before = state(tmp_path)
    for command in (["export", "md", str(workbook)], ["log", "export", str(workbook)]):
        assert cli.main([*command, "-o", str(target)]) == cli.EXIT_PROBLEM
        err = capsys.readouterr().err
        assert "a .toml name is for letstalk's own files" in err and err.count("\n") == 1
    assert state(tmp_path) == before


def test_a_symlink_or_a_folder_is_refused_and_a_plain_file_replaced(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("old")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(OutputError, match="symbolic link"):
        check_output(tmp_path / "link.md")
    with pytest.raises(OutputError, match="this is a folder"):
        check_output(tmp_path / "dir.md")
    with pytest.raises(OutputError, match="does not exist"):
        check_output(tmp_path / "none" / "x.md")
    write_output(tmp_path / "real.md", b"new")
    assert (tmp_path / "real.md").read_bytes() == b"new" and not (tmp_path / "real.md.bak").exists()
    assert (tmp_path / "link.md").is_symlink()


def test_dash_writes_to_stdout(workbook: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["export", "md", str(workbook), "-o", "-"]) == cli.EXIT_OK
    assert capsysbinary.readouterr().out.startswith(b"# Collaborative library plan")
    assert cli.main(["plan", str(workbook), "-o", "-", "--format", "csv"]) == cli.EXIT_OK
    assert capsysbinary.readouterr().out.startswith(b"\xef\xbb\xbfAction")


def test_a_full_disk_under_stdout_is_one_line_and_exit_1(
    workbook: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    class Out(io.StringIO):
        buffer = Full()

    monkeypatch.setattr(sys, "stdout", Out())
    monkeypatch.setattr(cli, "silence_stdout", lambda: None)  # the test's stdout is not a real file
    assert cli.main(["plan", str(workbook)]) == cli.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert err == "<stdout>: cannot write the output: No space left on device; nothing more was written\n"


def test_a_closed_pipe_is_one_line_and_exit_1(workbook: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will ever read: the first write fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "letstalk", "plan", str(workbook)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot write the output" in done.stderr, done.stderr


# -- small files: feedback sidecars, the comment bank, the review cache --------------------------


def test_a_symlinked_sidecar_is_refused_and_nothing_is_written_where_it_points(tmp_path: Path) -> None:
    review, elsewhere = tmp_path / "r", tmp_path / "v"
    review.mkdir()
    elsewhere.mkdir()
    sidecar = review / "ben.feedback.toml"
    sidecar.symlink_to("../v/x.sh")
    with pytest.raises(WorkbookError) as info:
        save_feedback(Feedback(participant="Ben"), sidecar)
    message = str(info.value)
    assert message.startswith(f"{sidecar}: this is a symbolic link") and "\n" not in message
    assert not (elsewhere / "x.sh").exists() and sidecar.is_symlink()
    assert sorted(p.name for p in review.iterdir()) == ["ben.feedback.toml"]  # no temp file left


def test_a_symlink_to_an_existing_file_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    bank = tmp_path / "bank.toml"
    bank.symlink_to(victim)
    with pytest.raises(WorkbookError, match="symbolic link"):
        save_bank(CommentBank(comments=["Clear ask."]), bank)
    assert victim.read_text() == "keep me"


@needs_fifo
def test_a_fifo_sidecar_is_refused(tmp_path: Path) -> None:
    sidecar = tmp_path / "ben.feedback.toml"
    os.mkfifo(sidecar)
    with pytest.raises(WorkbookError, match="named pipe"):
        save_feedback(Feedback(participant="Ben"), sidecar)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ben.feedback.toml"]


def test_something_put_there_during_the_write_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check runs again right before the rename: a link planted meanwhile is not replaced silently."""
    target = tmp_path / "ben.feedback.toml"
    real_fsync = os.fsync

    def plant(fd: int) -> None:
        real_fsync(fd)
        if not target.is_symlink():
            target.symlink_to(tmp_path / "elsewhere")

    monkeypatch.setattr(atomic.os, "fsync", plant)
    with pytest.raises(WorkbookError, match="symbolic link"):
        atomic.write_atomic(target, b"x = 1\n", backup=False)
    assert not (tmp_path / "elsewhere").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["ben.feedback.toml"]


def test_a_backup_that_is_a_folder_is_named_as_the_backup(workbook: Path, tmp_path: Path) -> None:
    (tmp_path / "w.toml.bak").mkdir()
    handle = storage.WorkbookFile.open(workbook)
    handle.workbook.meta.school = "Hillside"
    before = workbook.read_bytes()
    with pytest.raises(WorkbookError) as info:
        handle.save()
    handle.close()
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'w.toml.bak'}: this backup of w.toml is a folder")
    assert workbook.read_bytes() == before


def test_the_review_cache_is_never_written_through_a_symlink(tmp_path: Path) -> None:
    from letstalk.content import load_library
    from letstalk.review import scan
    from letstalk.review.cache import cache_file

    folder = tmp_path / "r"
    folder.mkdir()
    storage.create(folder / "ben.toml", new_workbook(owner="Ben"))
    cache_dir = tmp_path / "cache"
    planted = cache_file(folder, cache_dir)
    planted.parent.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    planted.symlink_to(victim)
    review = scan(folder, library=load_library(), cache_dir=cache_dir)
    assert [p.name for p in review.participants] == ["Ben"]  # the review goes on; only the cache is skipped
    assert victim.read_text() == "keep me" and planted.is_symlink()
