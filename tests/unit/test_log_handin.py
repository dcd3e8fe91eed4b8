"""The hand-in copy carries her shared log and never an entry marked just for her."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letstalk import storage
from letstalk.cli import main
from letstalk.content import load_library
from letstalk.handin import make_copy
from letstalk.model import new_workbook

SECRET = "Talked about a student's home situation"


def test_the_hand_in_keeps_shared_entries_and_drops_private_ones() -> None:
    workbook = new_workbook("Ana Ruiz")
    workbook.log.add(on=date(2026, 9, 3), kind="co-taught", what="Research skills", teachers=["Ms Lee"])
    workbook.log.add(on=date(2026, 9, 4), what=SECRET, teachers=["Mr Secret"], private=True)
    copy = make_copy(workbook, load_library()).workbook
    assert [e.what for e in copy.log.entries] == ["Research skills"]
    assert [e.what for e in workbook.log.entries] == ["Research skills", SECRET]  # her workbook is unchanged


def test_cli_handin_copy_holds_no_private_log_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ana.toml"
    workbook = new_workbook("Ana Ruiz")
    workbook.log.add(on=date(2026, 9, 3), what="Research skills", teachers=["Ms Lee"])
    workbook.log.add(on=date(2026, 9, 4), what=SECRET, teachers=["Mr Secret"], private=True)
    storage.create(path, workbook)
    monkeypatch.chdir(tmp_path)
    assert main(["handin", "-w", str(path)]) == 0
    text = (tmp_path / "ana-ruiz.toml").read_text("utf-8")
    assert "Research skills" in text and SECRET not in text and "Mr Secret" not in text
