"""Hostile text for the injection tests (markup, escape sequences, control characters) and the packs and workbooks that carry it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from tests.paths import MINI

from letstalk import storage
from letstalk.cli import main
from letstalk.model import Action, Goal, Meeting, Stakeholder, new_workbook

SRC = Path(__file__).resolve().parents[2] / "src" / "letstalk"

MARKUP = "[bold red]B[/] [link=https://x]L[/link] [@click=app.quit]Q[/]"
ESCAPES = "\x1b[2J \x1b]8;;http://x\x1b\\H\x1b]8;;\x1b\\ \x1b]52;c;aGk=\x07 \x9b31m"
"""ESC[2J clears the screen, OSC 8 makes a hyperlink, OSC 52 sets the clipboard, 0x9b is a C1 CSI."""
PAYLOAD = f"{MARKUP} {ESCAPES}"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters that must never reach a terminal (tab, LF and CR are allowed)."""


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text)


def assert_inert(output: str) -> None:
    """No raw control character anywhere in what was printed."""
    found = CONTROL.search(output)
    assert found is None, (
        f"raw {found.group()!r} reached the terminal near {output[max(0, found.start() - 40) : found.end() + 20]!r}"
    )


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the CLI in-process: exit code and everything printed (stdout, then stderr)."""
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep settings, data and caches out of the real user folders."""
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "user" / var.lower()))


def pack_holding(folder: Path, text: str) -> Path:
    """The mini pack with ``text`` in its title, a section title, a check and a resource."""
    pack = Path(shutil.copytree(MINI, folder))
    meta = pack / "pack.toml"
    meta.write_text(
        meta.read_text("utf-8").replace('title = "Mini pack for tests"', f"title = {toml_string(text)}"), "utf-8"
    )
    first = pack / "01-first.toml"
    source = first.read_text("utf-8").replace('title = "First things"', f"title = {toml_string(text)}")
    first.write_text(source.replace('text = "Read the plan."', f"text = {toml_string(text)}"), "utf-8")
    second = pack / "02-second.toml"
    second.write_text(
        second.read_text("utf-8").replace('why = "It names the parts."', f"why = {toml_string(text)}"), "utf-8"
    )
    return pack


@pytest.fixture
def hostile_pack(tmp_path: Path) -> Path:
    """The mini pack with markup in four places: what a pack may hold (control characters are refused)."""
    return pack_holding(tmp_path / "hostile", MARKUP)


def hostile_workbook(path: Path) -> Path:
    """A workbook with the payload in its owner, answers, notes and every part of the plan."""
    workbook = new_workbook(owner=PAYLOAD, school=PAYLOAD, role=PAYLOAD)
    for item_id in (
        "first.role",
        "second.commit",
        "second.evidence",
        "plan.vision",
        "plan.mission",
        "mindset.reflect-role",
    ):
        workbook.set_answer(item_id, PAYLOAD)
    workbook.set_note("first.coffee", PAYLOAD)
    plan = workbook.plan
    plan.vision = plan.measures = plan.sharing = PAYLOAD
    plan.areas = plan.learning = [PAYLOAD]
    plan.goals = [Goal(id="g-1", title=PAYLOAD, specific=PAYLOAD)]
    plan.actions = [Action(id="a-1", what=PAYLOAD, owner=PAYLOAD, due="2026-03-02", goal="g-1")]
    plan.stakeholders = [Stakeholder(id="s-1", name=PAYLOAD, cares_about=PAYLOAD)]
    plan.meetings = [Meeting(id="m-1", on="2026-03-09", with_whom=PAYLOAD, agenda=PAYLOAD)]
    storage.create(path, workbook)
    return path
