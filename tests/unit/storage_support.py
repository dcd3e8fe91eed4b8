"""Helpers for the storage error tests: files to break, their bytes before and after, the CLI's lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from letstalk import storage
from letstalk.cli import main
from letstalk.errors import WorkbookError
from letstalk.model import new_workbook

not_as_root = pytest.mark.skipif(os.geteuid() == 0, reason="root bypasses file permissions")


# -- helpers ----------------------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "wb.toml") -> Path:
    """Write raw bytes as a workbook file and return its path."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def snapshot(path: Path) -> bytes | None:
    """The file's bytes (read with ``open``, which the tests never patch), or None for no file."""
    if not path.is_file():
        return None
    with open(path, "rb") as handle:
        return handle.read()


def load_error(path: Path) -> str:
    """The message of the WorkbookError ``storage.load`` raises; the file must be unchanged."""
    before = snapshot(path)
    with pytest.raises(WorkbookError) as info:
        storage.load(path)
    assert snapshot(path) == before
    return str(info.value)


def cli_validate_lines(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run ``letstalk validate PATH``; it must exit 1, print no traceback and leave the file as it was."""
    before = snapshot(path)
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    assert snapshot(path) == before
    return output.splitlines()


def check_message(message: str, path: Path, *fragments: str) -> None:
    """One line, starting with the file's path, holding every fragment."""
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def assert_bad_file(path: Path, capsys: pytest.CaptureFixture[str], *fragments: str) -> str:
    """storage.load and the CLI both report the same single line with every fragment."""
    message = load_error(path)
    check_message(message, path, *fragments)
    assert cli_validate_lines(path, capsys) == [message]
    return message


def leftovers(folder: Path) -> list[str]:
    """Temp files a save might leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def saved_workbook(tmp_path: Path) -> tuple[storage.WorkbookFile, bytes]:
    """An opened workbook file with an unsaved change, and the bytes on disk."""
    path = tmp_path / "wb.toml"
    storage.create(path, new_workbook(owner="Ana"))
    handle = storage.WorkbookFile.open(path, lock=False)
    handle.workbook.set_answer("first.read", True)
    return handle, path.read_bytes()
