"""The participant's side of a cohort: next session on Home, facilitator feedback beside answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Static

from letstalk import storage
from letstalk.cohort import Session, join, load_cohort, new_cohort, save_cohort
from letstalk.feedback import Feedback, save_feedback, sidecar_path

from .pilot import settle


def joined(workbook_path: Path, tmp_path: Path) -> None:
    """Join Ana's workbook to a cohort whose Communication session is next week."""
    cohort_path = new_cohort(tmp_path, "Region 20 leaders", "Marty")
    cohort = load_cohort(cohort_path)
    soon = dt.date.today() + dt.timedelta(days=7)
    cohort.sessions["communication"] = Session(date=soon, place="ESC-20 room 4")
    cohort.sessions["visioning"] = Session(date=dt.date.today() - dt.timedelta(days=60))
    save_cohort(cohort, cohort_path)
    handle = storage.WorkbookFile.open(workbook_path)
    join(handle.workbook, cohort_path)
    handle.save()
    handle.close()


async def test_home_shows_the_next_cohort_session(open_app, workbook_path, shipped_library, tmp_path) -> None:
    joined(workbook_path, tmp_path)
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        line = str(app.screen.query_one("#cohort-line", Static).render())
        soon = dt.date.today() + dt.timedelta(days=7)
        assert f"Session 4 · Communication · {soon.day} {soon:%b}" in line
        assert "Not started 0/" in line and "ESC-20 room 4" in line


async def test_feedback_sidecar_shows_beside_answers_and_on_the_rubric(
    open_app, workbook_path, shipped_library
) -> None:
    feedback = Feedback(workbook=workbook_path.name, facilitator="Marty")
    feedback.set_comment("mindset", "Lovely honest reflection; try naming one strength to lead with.")
    feedback.rate("growth.principal", "evolving", at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    save_feedback(feedback, sidecar_path(workbook_path))
    handle = storage.WorkbookFile.open(workbook_path)
    handle.workbook.rate("growth.principal", "emerging", at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    handle.save()
    handle.close()
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_section("mindset")
        await settle(app, pilot)
        note = str(app.screen.query_one(".feedback", Static).render())
        assert "Facilitator feedback" in note and "naming one strength" in note
        app.open_section("growth")
        await settle(app, pilot)
        app.screen.query_one("#rubric-grid").move_cursor(row=1, column=1)
        await pilot.pause()
        detail = str(app.screen.query_one("#rubric-detail", Static).render())
        assert "Emerging (01 Sep 2026) → ◆ Evolving (01 Oct 2026)" in detail


async def test_a_broken_cohort_file_is_reported_not_fatal(open_app, workbook_path, shipped_library, tmp_path) -> None:
    joined(workbook_path, tmp_path)
    (tmp_path / "cohort.toml").write_text("name = [", "utf-8")
    app = open_app(workbook_path, shipped_library)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.is_running and app.cohort is None
        line = str(app.screen.query_one("#cohort-line").render())
        assert line.startswith("Cohort file has a problem:") and "cohort.toml" in line  # one line on Home
    # a cohort file that has gone missing: tests/unit/test_cohort.py checks that line


async def test_she_adds_the_feedback_her_facilitator_sent(open_app, workbook_path, shipped_library, tmp_path) -> None:
    from textual.widgets import Input

    from letstalk.tui.screens.handoffs import PathDialog

    sent = tmp_path / "mail" / "ana.feedback.toml"
    sent.parent.mkdir()
    feedback = Feedback(workbook="ana.toml", participant="Someone Else", facilitator="Marty")
    feedback.set_comment("mindset", "Name one strength to lead with.")
    save_feedback(feedback, sent)
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_add_feedback()  # the palette's "Add my facilitator's feedback"
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        app.screen.query_one(Input).value = str(sent)
        await pilot.press("enter")
        await pilot.pause()
        assert app.feedback is None and not sidecar_path(workbook_path).exists()  # for someone else: refused
        feedback.participant = "Ana Ruiz"
        save_feedback(feedback, sent)
        app.action_add_feedback()
        await pilot.pause()
        app.screen.query_one(Input).value = str(sent)
        await pilot.press("enter")
        await pilot.pause()
        assert app.feedback is not None and app.feedback.comment("mindset") is not None
        assert sidecar_path(workbook_path).exists()
        app.open_section("mindset")
        await settle(app, pilot)
        shown = str(app.screen.query_one(".feedback", Static).render())
        assert "Name one strength to lead with." in shown
