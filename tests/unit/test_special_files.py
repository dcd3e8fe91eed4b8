"""A named pipe where a TOML file should be is refused at once, never read (it would hang letstalk)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from letstalk.cli import main
from letstalk.errors import WorkbookError
from letstalk.files import toml
from letstalk.settings import Settings, load_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def test_a_named_pipe_is_refused_by_the_one_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "ana.toml"
    os.mkfifo(fifo)
    with pytest.raises(WorkbookError, match=r"named pipe \(FIFO\), not a workbook file"):
        toml.read_bytes(fifo, WorkbookError, missing="", kind="workbook file")


def test_validate_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "ana.toml"
    os.mkfifo(fifo)
    assert main(["validate", str(fifo)]) != 0
    captured = capsys.readouterr()
    err = (captured.err or captured.out).strip()
    assert len(err.splitlines()) == 1 and "ana.toml" in err and "named pipe" in err


def test_a_settings_file_that_is_a_pipe_gives_the_defaults(tmp_path: Path) -> None:
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)
    assert load_settings(fifo) == Settings()


def test_a_folder_keeps_its_message(tmp_path: Path) -> None:
    folder = tmp_path / "ana.toml"
    folder.mkdir()
    with pytest.raises(WorkbookError, match="this is a folder, not a workbook file"):
        toml.read_bytes(folder, WorkbookError, missing="", kind="workbook file")
