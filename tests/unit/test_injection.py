"""Injection: markup and terminal escape sequences in user text are shown literally, never acted on.

What counts as right, decided here (issue 8, requirement 4):

* CLI output to a terminal (``validate``, ``content list``, ``cohort join``, ``review``): no raw
  control byte from a file ever reaches stdout or stderr; an escape sequence is shown visibly
  (``^[`` as :func:`letstalk.text.printable` does, or ``\\u001b`` as the error lines do).
* Exports (``plan``, ``export``): stdout and the ``-o`` file get the same bytes, and control
  characters are dropped from both (``letstalk.export.document.clean``): a Markdown or HTML file is
  ``cat``-ed to a terminal as often as it is opened, and a calendar rejects them anyway. Markup
  characters stay: escaped for Markdown so it renders them literally, as-is elsewhere.
* Plain mode prints everything through ``printable``.
* Content packs are data: read with tomllib, never executed; they may not name ``javascript:`` or
  ``file:`` links (only http, https and mailto), and nothing opens a link without the user.
  Their text may hold markup (shown literally) but no control character: a pack with one is refused.
* Workbook text is cleaned when it is validated: ESC and the other controls become visible marks
  (``^[``), so no answer, name or school carries one into a screen, an export or plain mode.

Tests marked xfail(strict) are src bugs, with the place and what happens in their reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.paths import MINI
from tests.unit.injection_support import (  # noqa: F401 - fixtures
    ESCAPES,
    MARKUP,
    PAYLOAD,
    assert_inert,
    cli,
    hostile_pack,
    hostile_workbook,
    pack_holding,
    toml_string,
    user_dirs,
)

from letstalk import storage
from letstalk.cli import main
from letstalk.export import FORMATS
from letstalk.export.markdown import escape
from letstalk.model import new_workbook
from letstalk.text import printable

# -- (a) CLI output ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("mini_content")
def test_validate_of_a_workbook_full_of_payloads_prints_nothing_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_workbook(tmp_path / "wb.toml")
    code, out = cli(["--content", str(MINI), "validate", str(path)], capsys)
    assert code == 0 and out.startswith(f"{path}: valid (")
    assert_inert(out)


@pytest.mark.usefixtures("mini_content")
def test_validate_shows_a_bad_value_visibly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wb.toml"
    workbook = new_workbook()
    workbook.set_answer("second.often", PAYLOAD)  # a choice: the value is not one of its options
    storage.create(path, workbook)
    code, out = cli(["--content", str(MINI), "validate", str(path)], capsys)
    assert code == 1 and len(out.splitlines()) == 1
    assert_inert(out)
    assert MARKUP in out and "^[[2J" in out  # the value was cleaned on loading: ESC is the mark ^[


@pytest.mark.usefixtures("mini_content")
def test_validate_shows_a_bad_answer_key_visibly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wb.toml"
    path.write_text(f"schema_version = 1\n\n[answers.{toml_string(PAYLOAD)}]\nvalue = [1]\n", "utf-8")
    code, out = cli(["validate", str(path)], capsys)
    assert code == 1 and len(out.splitlines()) == 1
    assert_inert(out)
    assert MARKUP in out


@pytest.mark.usefixtures("mini_content")
def test_validate_shows_kept_answer_ids_visibly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wb.toml"
    path.write_text(
        f'schema_version = 1\n\n[answers.{toml_string(PAYLOAD + chr(10) + "x")}]\nvalue = "kept"\n', "utf-8"
    )
    code, out = cli(["--content", str(MINI), "validate", str(path)], capsys)
    assert code == 0 and len(out.splitlines()) == 1
    assert_inert(out)


@pytest.mark.usefixtures("mini_content")
def test_content_check_of_a_hostile_pack_prints_nothing_raw(
    hostile_pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = cli(["content", "check", str(hostile_pack)], capsys)
    assert code == 0 and out.startswith("ok  mini 1.0")
    assert_inert(out)


@pytest.mark.usefixtures("mini_content")
def test_content_check_refuses_control_characters_in_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = pack_holding(tmp_path / "escapes", PAYLOAD)
    code, out = cli(["content", "check", str(pack)], capsys)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 4, lines
    assert_inert(out)
    assert all("control characters are not allowed" in line for line in lines)
    for file, where in (
        ("pack.toml", "title"),
        ("01-first.toml", "title"),
        ("01-first.toml", "blocks[1].items[0].text"),
        ("02-second.toml", "blocks[1].items[0].why"),
    ):
        assert f"{pack / file}: {where}: " in out


@pytest.mark.usefixtures("mini_content")
def test_content_list_shows_pack_text_visibly(hostile_pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli(["--content", str(hostile_pack), "content", "list"], capsys)
    assert code == 0 and MARKUP in out
    assert_inert(out)


@pytest.mark.usefixtures("mini_content")
@pytest.mark.parametrize("name", list(FORMATS))
def test_plan_and_export_drop_control_characters_and_keep_markup_literal(
    name: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    path = hostile_workbook(tmp_path / "wb.toml")
    before = path.read_bytes()
    capsysbinary.readouterr()
    assert main(["--content", str(MINI), "plan", str(path), "--format", name]) == 0
    printed = capsysbinary.readouterr().out
    out = tmp_path / f"plan-{name}"
    assert main(["--content", str(MINI), "export", name, str(path), "-o", str(out)]) == 0
    assert out.read_bytes() == printed  # the file keeps exactly what stdout shows
    assert path.read_bytes() == before
    text = printed.decode("utf-8-sig").replace("\r\n ", "")  # unfold iCalendar lines
    assert_inert(text)
    assert MARKUP in text or escape(MARKUP) in text, f"the markup is not shown literally in {name}"


@pytest.mark.usefixtures("user_dirs")
def test_review_report_of_hostile_workbooks_prints_nothing_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "review"
    folder.mkdir()
    hostile_workbook(folder / "ana.toml")
    (folder / "broken.toml").write_text(f"schema_version = 1\n[answers.{toml_string(PAYLOAD)}]\nvalue = [1]\n", "utf-8")
    for fmt in ("md", "html", "csv"):
        code, out = cli(["review", str(folder), "--report", fmt], capsys)
        assert code == 0
        assert_inert(out)


@pytest.mark.usefixtures("user_dirs")
def test_cohort_join_shows_the_cohort_text_visibly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cohort = tmp_path / "cohort.toml"
    cohort.write_text(
        f"schema_version = 1\nname = {toml_string(PAYLOAD)}\nfacilitator = {toml_string(PAYLOAD)}\n", "utf-8"
    )
    workbook = tmp_path / "wb.toml"
    storage.create(workbook, new_workbook())
    code, out = cli(["cohort", "join", str(cohort), "--workbook", str(workbook)], capsys)
    assert code == 0 and MARKUP in out
    assert_inert(out)


# -- (b) plain mode, through the real command ---------------------------------------------------------


def plain(tmp_path: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m letstalk --plain`` with user folders in tmp_path and stdin piped."""
    env = {k: v for k, v in os.environ.items() if k not in ("ACCESSIBLE", "TEXTUAL_DRIVER")}
    env.update({f"XDG_{name}_HOME": str(tmp_path / name.lower()) for name in ("DATA", "CONFIG", "CACHE", "STATE")})
    env.update({"TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8"})
    command = [sys.executable, "-m", "letstalk", "--plain", *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, timeout=30)


def test_plain_mode_shows_answers_and_content_literally(tmp_path: Path, hostile_pack: Path) -> None:
    path = hostile_workbook(tmp_path / "wb.toml")
    args = ("--workbook", str(path), "--content", str(hostile_pack))
    menu = plain(tmp_path, "quit\n", *args)
    assert menu.returncode == 0, menu.stderr
    number = next(int(line.split(".")[0]) for line in menu.stdout.splitlines() if "· Second things" in line)
    done = plain(tmp_path, f"{number}\n1\n\nquit\n", *args)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    for out in (menu.stdout, done.stdout):
        assert_inert(out)
    assert f"· {MARKUP}" in menu.stdout  # the section title, from the pack (which may hold no control character)
    assert f"Current answer:\n{MARKUP} {printable(ESCAPES)}\n" in done.stdout
