"""File names holding ESC, OSC, BEL, C1 controls and newlines never reach the terminal raw.

A participant's file named ``$'\\e]0;pwned\\a.toml'`` once set the terminal's title when feedback
was saved. Every screen, title, notification, report and CLI line shows such a name escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from letstalk import cli, storage
from letstalk.content import Library
from letstalk.model import new_workbook
from letstalk.review import scan
from letstalk.review.report import render
from letstalk.settings import Settings
from letstalk.tui.review.app import ReviewApp, make_review_app
from letstalk.tui.review.dashboard import DashboardScreen
from letstalk.tui.review.feedback import FeedbackScreen
from letstalk.tui.review.participant import ParticipantScreen

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
TRAP = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u2028x\nsecond line"
"""OSC (set the title) ended by BEL, ESC[2J (clear the screen), a C1 CSI, a line separator and a newline."""
RAW = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
"""What must never be shown as it is (tab aside)."""


def clean(text: str) -> bool:
    return RAW.search(text) is None


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A review folder: one readable workbook with no owner (her name comes from the file) and one broken one."""
    folder = tmp_path / f"cohort{TRAP}"
    folder.mkdir()
    storage.create(folder / f"{TRAP}.toml", new_workbook())
    (folder / f"broken{TRAP}.toml").write_text("schema_version = [\n")
    return folder


@pytest.fixture
def build(shipped_library: Library, tmp_path: Path) -> Iterator:
    def make(folder: Path) -> ReviewApp:
        return make_review_app(
            folder,
            shipped_library,
            settings=Settings(),
            now=NOW,
            cache_dir=tmp_path / "cache",
            bank_file=tmp_path / "bank.toml",
        )

    yield make


def cells(table: DataTable) -> list[str]:
    return [str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)]


def notifications(app: ReviewApp) -> list[str]:
    return [f"{n.title}{n.message}" for n in app._notifications]


async def test_the_review_app_shows_hostile_names_escaped(build, hostile: Path) -> None:
    app = build(hostile)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one("#grid", DataTable)
        shown = cells(table)
        assert any("pwned" in cell for cell in shown) and all(clean(cell) for cell in shown)
        assert clean(app.sub_title) and "pwned" in app.sub_title
        for row in range(table.row_count - 1):
            table.move_cursor(row=row, column=0)
            await pilot.pause()
            detail = str(screen.query_one("#detail", Static).render())
            assert clean(detail) and "pwned" in detail
        broken = next(i for i, p in enumerate(screen.shown) if p.state != "ok")
        table.move_cursor(row=broken, column=2)
        await pilot.press("enter")  # an unreadable workbook: a notification says why
        await pilot.pause()
        assert notifications(app) and all(clean(n) for n in notifications(app))
        readable = next(i for i, p in enumerate(screen.shown) if p.state == "ok")
        table.move_cursor(row=readable, column=2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        assert clean(app.screen.sub_title) and "pwned" in app.screen.sub_title
        await pilot.press("f")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, FeedbackScreen) and clean(editor.sub_title)
        await pilot.press(*"Clear ask.", "ctrl+s")
        await pilot.pause()
        saved = [n for n in notifications(app) if "Saved" in n]
        assert saved and all(clean(n) and "pwned" in n for n in saved)
    assert (hostile / f"{TRAP}.feedback.toml").is_file()  # the sidecar itself keeps the real name


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_reports_show_hostile_names_escaped(hostile: Path, shipped_library: Library, fmt: str) -> None:
    text = render(scan(hostile, library=shipped_library, now=NOW), fmt).decode("utf-8-sig")
    assert "pwned" in text
    lines = text.split("\r\n" if fmt == "csv" else "\n")
    assert all(clean(line) for line in lines)


def test_validate_prints_hostile_names_escaped(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = hostile / f"{TRAP}.toml", hostile / f"broken{TRAP}.toml"
    assert cli.main(["validate", str(good), str(bad)]) == cli.EXIT_PROBLEM
    out, err = capsys.readouterr()
    lines = out.splitlines() + err.splitlines()
    assert len(out.splitlines()) == 2  # one line per file, whatever the names hold
    assert all(clean(line) and "pwned" in line for line in lines)
    assert "valid" in out.splitlines()[0] and "not valid TOML" in out.splitlines()[1]


def test_an_undecodable_file_name_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name that is not UTF-8 (a surrogate in Python) is shown escaped rather than crashing the print."""
    odd = tmp_path / "caf\udce9.toml"
    try:
        storage.create(odd, new_workbook())
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system keeps only valid names")
    assert cli.main(["validate", str(odd)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "caf\\udce9.toml: valid" in out


async def test_a_symlinked_sidecar_is_refused_and_the_comment_stays(build, tmp_path: Path) -> None:
    """`ln -s ../v/x.sh r/ben.feedback.toml`: saving Ben's feedback is refused in one line, x.sh never appears."""
    review, elsewhere = tmp_path / "r", tmp_path / "v"
    review.mkdir()
    elsewhere.mkdir()
    storage.create(review / "ben.toml", new_workbook(owner="Ben"))
    (review / "ben.feedback.toml").symlink_to("../v/x.sh")
    app = build(review)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#grid", DataTable).move_cursor(row=0, column=2)
        await pilot.press("enter", "f")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, FeedbackScreen)
        await pilot.press(*"Clear ask.", "ctrl+s")
        await pilot.pause()
        refused = [n for n in app._notifications if n.title == "Feedback not saved"]
        assert refused and "symbolic link" in refused[-1].message and "\n" not in refused[-1].message
        assert not [n for n in app._notifications if n.message.startswith("Saved")]
        assert editor.query_one("#comment").text == "Clear ask."
    assert not (elsewhere / "x.sh").exists() and (review / "ben.feedback.toml").is_symlink()
    assert sorted(p.name for p in review.iterdir()) == ["ben.feedback.toml", "ben.toml"]
