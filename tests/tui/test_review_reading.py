"""The review app, reading: one participant at 80x24, one question across the cohort, and the feedback sent back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from letstalk.tui.review.dashboard import DashboardScreen
from letstalk.tui.review.feedback import FeedbackScreen
from letstalk.tui.review.participant import ParticipantScreen
from letstalk.tui.review.question import QuestionScreen
from tests.tui.review_support import SECRETS, build, folder, scanned  # noqa: F401 - fixtures


async def test_reading_a_participant_at_80x24(build, folder: Path, tmp_path: Path) -> None:
    """Tab reaches the answers pane, which scrolls; the editor shows the section's answers; bank keys are kept."""
    app = build(folder, bank_file=tmp_path / "bank.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(app, pilot, at=(0, 2))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        await pilot.press("tab")
        body = app.screen.query_one("#drill-body")
        assert app.screen.focused is body
        assert body.max_scroll_y > 0  # Ana's visioning answers are longer than the screen
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("f")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, FeedbackScreen)
        shown = str(editor.query_one("#fb-answers", Static).render())
        assert "One thing you will do before the next session" in shown and "nervous" not in shown
        editor.query_one("#bank").focus()
        await pilot.pause()
        assert editor.focused is editor.query_one("#bank")
        await pilot.press("x", "y", "space", "z")
        await pilot.pause()
        assert editor.query_one("#comment", TextArea).text.endswith("xy z")


async def test_the_question_view_reads_one_question_across_the_cohort(build, folder: Path) -> None:
    app = build(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await scanned(app, pilot, at=(0, 2))
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.section_id == "visioning"
        listing = screen.query_one("#q-list")
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert "visioning.commitment" in ids and "visioning.notes" not in ids  # private questions never offered
        listing.highlighted = ids.index("visioning.commitment")
        await pilot.pause()
        shown = str(screen.query_one("#q-text", Static).render())
        assert shown.startswith("One thing you will do before the next session")
        assert "Ana Ruiz (Hillside Middle School)" in shown and "Ben Okafor" in shown
        assert not any(secret in shown for secret in SECRETS)
        screen.query_one("#q-section").value = "coaching"
        await pilot.pause()
        assert screen.section_id == "coaching"


async def test_send_back_writes_each_participants_feedback_into_a_folder(build, folder: Path, tmp_path: Path) -> None:
    from letstalk.feedback import Feedback, returned_name, save_feedback
    from letstalk.tui.screens.handoffs import PathDialog

    save_feedback(Feedback(workbook="ben-okafor.toml", participant="Ben Okafor"), folder / "ben-okafor.feedback.toml")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    out = tmp_path / "to-send"
    out.mkdir()
    app = build(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await scanned(app, pilot)
        await pilot.press("b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        field = dialog.query_one(Input)
        field.value = str(folder)  # the review folder itself is refused, in the dialog's place
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)  # said in a notice; nothing written
        await pilot.press("b")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        await pilot.pause()
        assert "does not exist" in str(app.screen.query_one("#problem", Static).render())
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
    assert [p.name for p in out.iterdir()] == [returned_name("ben-okafor.toml")]
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before  # the folder is never written
