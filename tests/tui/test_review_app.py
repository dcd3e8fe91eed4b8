"""Pilot tests of the facilitator's review app: grid, filters, sorts, drill-down, feedback, safety."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest
from textual.coordinate import Coordinate
from textual.widgets import Checkbox, DataTable, Input, ProgressBar, Select, Static, TextArea

from letstalk.tui.review.app import ReviewApp
from letstalk.tui.review.dashboard import DashboardScreen
from letstalk.tui.review.feedback import FeedbackScreen
from letstalk.tui.review.lists import ExportDialog, ProblemsScreen, RubricScreen
from letstalk.tui.review.participant import ParticipantScreen
from letstalk.tui.review.question import QuestionScreen
from tests.tui.review_support import SECRETS, build, folder, grid_names, scanned, text_of  # noqa: F401 - fixtures

from .pilot import settle


async def test_dashboard_accounts_for_all_twelve(build, folder: Path) -> None:
    app = build(folder)
    async with app.run_test() as pilot:
        screen = await scanned(app, pilot)
        assert grid_names(screen) == [
            "Ana Ruiz",
            "Ben Okafor",
            "Chloe Nguyen",
            "Dev Patel",
            "Emma Schulz",
            "Farah Haddad",
            "Gus Lindqvist",
            "Hana Kim",
            "Ivan Petrov",
            "Jo Martín",
            "Kai Moreau",
            "Lena Vogel",
            "Completed",
        ]
        table = screen.query_one("#grid", DataTable)
        assert [str(c) for c in table.get_row_at(1)] == [
            "Ben Okafor",
            "24 Nov",
            "●6/6",
            "●6/6",
            "●6/6",
            "◐2/6",
            "○0/6",
            "○0/6",
            "○0/5",
            "○0/6",
        ]
        assert [str(c) for c in table.get_row_at(3)][:2] == ["Dev Patel", "01 Jun stale"]
        assert [str(c) for c in table.get_row_at(7)][:3] == ["Hana Kim", "✗ unreadable", ""]
        assert [str(c) for c in table.get_row_at(10)][:2] == ["Kai Moreau", "? missing"]
        assert [str(c) for c in table.get_row_at(12)][2:] == ["5/6", "4/6", "3/6", "2/6", "2/6", "1/6", "1/6", "1/6"]
        assert "6 readable (1 stale), 3 unreadable, 1 newer, 2 missing" in text_of(screen.query_one("#summary", Static))
        assert not screen.query_one("#scan-progress", ProgressBar).display
        table.move_cursor(row=1, column=5)
        await pilot.pause()
        assert "Session 4 · On the Leading Edge of Communication: ◐ In progress, 2 of 6 answered" in text_of(
            screen.query_one("#detail", Static)
        )
        table.move_cursor(row=7, column=0)
        await pilot.pause()
        assert "hana-kim.toml: line 10, column 39: not valid TOML" in text_of(screen.query_one("#detail", Static))
        await pilot.press("q")
    assert app.return_code == 0


async def test_progress_is_reported_while_scanning(build, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    real = DashboardScreen.show_progress
    monkeypatch.setattr(DashboardScreen, "show_progress", lambda self, d, t: seen.append((d, t)) or real(self, d, t))
    app = build(folder)
    async with app.run_test() as pilot:
        await scanned(app, pilot)
    assert seen[0] == (0, 10) and seen[-1] == (10, 10)


async def test_filter_by_name_status_and_session(build, folder: Path) -> None:
    app = build(folder)
    async with app.run_test() as pilot:
        screen = await scanned(app, pilot)
        await pilot.press("slash", *"chl")
        await pilot.pause()
        assert grid_names(screen) == ["Chloe Nguyen", "Completed"]
        await pilot.press("enter")
        assert app.focused is screen.query_one("#grid")
        screen.query_one("#name", Input).value = ""
        screen.query_one("#show", Select).value = "stale"
        await pilot.pause()
        assert grid_names(screen) == ["Dev Patel", "Completed"]
        screen.query_one("#show", Select).value = "problems"
        await pilot.pause()
        assert len(grid_names(screen)) == 7
        screen.query_one("#session", Select).value = "communication"
        screen.query_one("#show", Select).value = "in-progress"
        await pilot.pause()
        assert grid_names(screen) == ["Ben Okafor", "Completed"]


async def test_sort_and_the_steps_view(build, folder: Path) -> None:
    app = build(folder)
    async with app.run_test() as pilot:
        screen = await scanned(app, pilot)
        await pilot.press("s")
        assert grid_names(screen)[:3] == ["Emma Schulz", "Ben Okafor", "Farah Haddad"]
        await pilot.press("s")
        assert grid_names(screen)[:2] == ["Ana Ruiz", "Emma Schulz"]
        await pilot.press("t")
        table = screen.query_one("#grid", DataTable)
        assert [str(c.label) for c in table.columns.values()][2:] == ["1", "2", "3", "4", "5", "6", "7", "Curr"]
        assert "Let's Talk steps" in text_of(screen.query_one("#summary", Static))


async def test_drill_down_is_read_only_and_private_items_say_private(build, folder: Path) -> None:
    app = build(folder)
    async with app.run_test() as pilot:
        await scanned(app, pilot, at=(2, 2))
        await pilot.press("enter")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, ParticipantScreen) and drill.section_id == "visioning"
        assert (
            not drill.query(Input)
            and not drill.query(TextArea)
            and not drill.query(Checkbox)
            and not drill.query(Select)
        )
        await pilot.press("down")
        assert drill.section_id == "relationships"
        seen = []
        for section in app.library.all_sections():  # every section, without drawing each one
            drill.show_section(section.id)
            seen.append(text_of(drill.query_one("#drill-text", Static)))
        assert any("Notes to self\n  private" in page for page in seen)
        assert all(secret not in page for page in seen for secret in SECRETS)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_feedback_and_the_comment_bank(build, folder: Path, tmp_path: Path) -> None:
    app = build(folder, bank_file=tmp_path / "bank.toml")
    async with app.run_test() as pilot:
        await scanned(app, pilot, at=(1, 5))
        await pilot.press("enter", "f")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, FeedbackScreen) and editor.section_id == "communication"
        await pilot.press(*"Clear ask.", "f3")
        assert tomllib.loads((tmp_path / "bank.toml").read_text())["comments"] == ["Clear ask."]
        editor.query_one("#fb-sections").focus()
        await pilot.press("down", "1")  # Session 5, then the first saved comment with one key
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        sidecar = tomllib.loads((folder / "ben-okafor.feedback.toml").read_text())
        assert sidecar["comments"]["communication"]["text"] == "Clear ask."
        assert sidecar["comments"]["innovation"]["text"] == "Clear ask."
        assert sidecar["participant"] == "Ben Okafor" and sidecar["facilitator"] == "Dana Ortiz"
        await pilot.press("ctrl+t")
        rubric = editor.query_one("#fb-rubric", DataTable)
        assert app.focused is rubric
        rubric.move_cursor(row=1, column=3)
        await pilot.press("enter")
        await settle(app, pilot)
        sidecar = tomllib.loads((folder / "ben-okafor.feedback.toml").read_text())
        assert sidecar["levels"]["growth.principal"][0]["level"] == "evolving"
        assert "● you" in str(rubric.get_cell_at((1, 3))) and "self" in str(rubric.get_cell_at((1, 2)))
        await pilot.press("escape")
        assert isinstance(app.screen, ParticipantScreen)
        assert "Your feedback" in text_of(app.screen.query_one("#drill-text", Static))


async def test_problems_and_rubric_roll_up(build, folder: Path) -> None:
    app = build(folder)
    async with app.run_test() as pilot:
        await scanned(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, ProblemsScreen)
        lines = [text_of(s) for s in app.screen.query(".problem").results(Static)]
        assert len(lines) == 6 and lines[1].startswith("Hana Kim: hana-kim.toml: line 10")
        await pilot.press("escape", "r")
        assert isinstance(app.screen, RubricScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 6
        assert [str(c) for c in table.get_row_at(1)][1:] == ["1", "1", "0", "1", "1", "2"]


async def test_a_broken_sidecar_is_never_overwritten(build, folder: Path) -> None:
    (folder / "ben-okafor.feedback.toml").write_text("comments = [\n")
    app = build(folder)
    async with app.run_test() as pilot:
        await scanned(app, pilot, at=(1, 0))
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert any("never overwritten" in n.message for n in app._notifications)
    assert (folder / "ben-okafor.feedback.toml").read_text() == "comments = [\n"


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime_ns of every file in the folder."""
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())
    }


async def _session(app: ReviewApp, report: Path) -> None:
    async with app.run_test() as pilot:
        await scanned(app, pilot, at=(0, 3))
        await pilot.press("a")  # Ana attended session 2: the facilitator's attendance file
        await pilot.pause()
        assert "✓" in str(app.screen.query_one("#grid", DataTable).get_cell_at(Coordinate(0, 3)))
        await pilot.press("v")  # the question view of session 2
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("down", "escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "f")
        await pilot.pause()
        await pilot.press(*"Good.")
        await pilot.press("escape", "escape", "x")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = str(report)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_a_full_review_never_changes_a_participant_file(build, folder: Path, tmp_path: Path) -> None:
    """Feedback, attendance, a question view, a --return and reports: the participants' files stay byte-identical.

    Sidecars and the attendance file are the facilitator's own new files; with ``--feedback DIR``
    nothing at all is added to the review folder.
    """
    from letstalk import cli

    before = fingerprint(folder)
    assert len(before) == 11
    await _session(build(folder, feedback_dir=tmp_path / "feedback"), tmp_path / "elsewhere.md")
    send = tmp_path / "send"
    send.mkdir()
    assert cli.main(["review", str(folder), "--feedback", str(tmp_path / "feedback"), "--return", str(send)]) == 0
    assert (
        cli.main(["review", str(folder), "--report", "answers", "--section", "visioning", "-o", str(tmp_path / "a.md")])
        == 0
    )
    assert fingerprint(folder) == before  # not one byte, not one new file
    await _session(build(folder), tmp_path / "in-folder.html")  # feedback and attendance beside the hand-ins
    after = fingerprint(folder)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == {"ana-ruiz.feedback.toml", "attendance.toml"}
    assert (tmp_path / "feedback" / "ana-ruiz.feedback.toml").exists()
    assert (tmp_path / "feedback" / "attendance.toml").exists() and (send / "ana-ruiz.feedback.toml").exists()
    assert (tmp_path / "in-folder.html").read_text().startswith("<!DOCTYPE html>")
    assert (tmp_path / "elsewhere.md").read_text().startswith("# Review: Region 20")


async def test_a_missing_folder_and_a_bad_report_name_are_told_in_words(build, folder: Path, tmp_path: Path) -> None:
    app = build(tmp_path / "nowhere")
    async with app.run_test() as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not a folder" in text_of(app.screen.query_one("#summary", Static))
    app = build(folder)
    async with app.run_test() as pilot:
        await scanned(app, pilot)
        await pilot.press("x")
        app.screen.query_one(Input).value = str(folder / "ana-ruiz.toml")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog)
        assert "End the name with .md, .html or .csv." in text_of(app.screen.query_one("#problem", Static))


async def test_feedback_typed_in_the_same_read_as_ctrl_q_is_saved(build, folder: Path, tmp_path: Path) -> None:
    from .pilot import queue_keys

    app = build(folder, bank_file=tmp_path / "bank.toml")
    async with app.run_test() as pilot:
        await scanned(app, pilot, at=(1, 5))
        await pilot.press("enter", "f")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        queue_keys(app, *"TypedAhead", "ctrl+q")
        for _ in range(50):
            if not app.is_running:
                break
            await pilot.pause()
    sidecar = tomllib.loads((folder / "ben-okafor.feedback.toml").read_text("utf-8"))
    assert any("TypedAhead" in comment["text"] for comment in sidecar["comments"].values())
