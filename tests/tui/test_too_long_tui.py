"""In the app, text too long to save stays in its field with one line saying by how much."""

from __future__ import annotations

from textual import events
from textual.widgets import Static, TextArea

from letstalk.model import MAX_TEXT
from letstalk.tui.widgets.items import widget_id
from tests.tui.pilot import opened, saved, settle

# A long document pasted in lines: one 1.1 M-character line costs Textual's TextArea seconds per
# repaint (it splits the whole line for every row it draws), which this test is not about.
LINE = "x" * 79 + "\n"
OVER = LINE * ((MAX_TEXT + 100_000) // len(LINE))
assert len(OVER) == MAX_TEXT + 100_000


async def test_a_pasted_answer_over_the_limit_stays_and_says_so(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await opened(app, pilot, "first")
        area = screen.query_one(f"#{widget_id('first.role')}", TextArea)
        area.focus()
        await pilot.press(*"Before")
        await settle(app, pilot)
        assert saved(workbook_path)["answers"]["first.role"]["value"] == "Before"
        app.post_message(events.Paste(OVER))
        await pilot.pause()
        await settle(app, pilot)
        assert app.is_running
        assert len(area.text) == len("Before") + len(OVER)  # kept in the field, nothing lost
        line = screen.query_one(f"#problem-{area.id}", Static)
        shown = str(line.render())
        assert "this answer is too long to save: 1,100,006 characters, 100,006 over the limit" in shown
        assert "\n" not in shown.strip()
        assert saved(workbook_path)["answers"]["first.role"]["value"] == "Before"  # the saved answer stays
        other = screen.query_one(f"#{widget_id('first.secret')}", TextArea)
        other.focus()
        await pilot.press(*"still saving")
        await settle(app, pilot)
        assert saved(workbook_path)["answers"]["first.secret"]["value"] == "still saving"
        area.focus()
        area.load_text("Short again")
        await settle(app, pilot)
        assert not screen.query(f"#problem-{area.id}")  # the line goes once it fits
        assert saved(workbook_path)["answers"]["first.role"]["value"] == "Short again"


async def test_a_name_too_long_after_cleaning_keeps_the_profile_dialog_open(
    open_app, workbook_path, shipped_library
) -> None:
    from letstalk.tui.screens.profile import ProfileDialog

    app = open_app(workbook_path, shipped_library)
    async with app.run_test() as pilot:
        app.action_profile()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        app.post_message(events.Paste("\x1b" * 150))  # after "Ana Ruiz": 158 characters, 308 once shown as ^[
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and app.is_running
        assert "this name is too long to save: 308 characters" in str(dialog.query_one("#problem-owner").render())
        assert app.workbook.meta.owner == "Ana Ruiz"
