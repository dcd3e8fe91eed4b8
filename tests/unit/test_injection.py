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

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import webbrowser
from pathlib import Path

import pytest
from tests.paths import MINI

from letstalk import storage
from letstalk.cli import main
from letstalk.content import load_library
from letstalk.errors import ContentError
from letstalk.export import FORMATS
from letstalk.export.markdown import escape
from letstalk.model import Action, Goal, Meeting, Stakeholder, new_workbook
from letstalk.text import printable

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


# -- (d) content packs cannot run code or reach the network -------------------------------------------

UNSAFE_URLS = (
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
)


def pack_with_url(tmp_path: Path, url: str, *, in_source: bool = False) -> Path:
    """A copy of the mini pack whose resource (or source) links to ``url``."""
    pack = Path(shutil.copytree(MINI, tmp_path / "linked"))
    if in_source:
        meta = pack / "pack.toml"
        meta.write_text(
            meta.read_text("utf-8").replace("year = 2026", f"year = 2026\nurl = {toml_string(url)}"), "utf-8"
        )
    else:
        second = pack / "02-second.toml"
        second.write_text(
            second.read_text("utf-8").replace('"https://example.org/framework"', toml_string(url)), "utf-8"
        )
    return pack


@pytest.mark.parametrize("url", ["https://example.org/a", "http://example.org/b", "mailto:librarian@example.org"])
def test_web_and_mail_links_load(url: str, tmp_path: Path) -> None:
    library = load_library([pack_with_url(tmp_path, url)], builtin=False)
    assert library.items["second.framework"].item.url == url  # type: ignore[attr-defined]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_resource_links_are_refused(url: str, tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_library([pack_with_url(tmp_path, url)], builtin=False)
    assert "url" in str(info.value)


def test_unsafe_source_links_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError):
        load_library([pack_with_url(tmp_path, "javascript:alert(1)", in_source=True)], builtin=False)


@pytest.mark.usefixtures("mini_content", "user_dirs")
def test_a_hostile_pack_never_reaches_the_network_or_starts_anything(
    tmp_path: Path, hostile_pack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[str] = []

    def refuse(name: str):
        def called(*args: object, **kwargs: object) -> None:
            calls.append(name)
            raise AssertionError(f"{name} called while reading content")

        return called

    for target, name in (
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (subprocess, "Popen"),
        (os, "system"),
        (os, "execv"),
        (os, "execve"),
        (webbrowser, "open"),
    ):
        monkeypatch.setattr(target, name, refuse(f"{getattr(target, '__name__', target)}.{name}"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    pack = pack_with_url(tmp_path / "js", "javascript:alert(1)")
    workbook = hostile_workbook(tmp_path / "wb.toml")
    for argv in (
        ["content", "check", str(hostile_pack), str(pack)],
        ["--content", str(pack), "content", "list"],
        ["--content", str(hostile_pack), "validate", str(workbook)],
        ["--content", str(hostile_pack), "plan", str(workbook), "--format", "html"],
    ):
        cli(argv, capsys)
    assert calls == []


def test_content_code_imports_nothing_that_runs_code_or_reaches_the_network() -> None:
    forbidden = {
        "socket",
        "ssl",
        "urllib",
        "http",
        "requests",
        "httpx",
        "subprocess",
        "webbrowser",
        "pickle",
        "marshal",
        "shelve",
        "ctypes",
        "multiprocessing",
        "runpy",
        "code",
        "yaml",
    }
    forbidden_calls = {"eval", "exec", "compile", "__import__", "open_url", "system", "popen", "urlopen"}
    for source in sorted((SRC / "content").glob("*.py")):
        tree = ast.parse(source.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{source.name} imports {name}"
            if isinstance(node, ast.ImportFrom) and node.module == "importlib":
                assert [alias.name for alias in node.names] == ["resources"], source.name
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                assert called not in forbidden_calls, f"{source.name}:{node.lineno} calls {called}"
