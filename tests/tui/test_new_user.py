"""Issue 18: the places a new user tripped up, one Pilot test per requirement."""

from __future__ import annotations

from textual.widgets import DataTable, Input, TextArea

from letstalk import plan as planning
from letstalk import storage
from letstalk.model import Action
from letstalk.tui.screens.entry import EntryDialog
from letstalk.tui.screens.profile import ProfileDialog

from .test_plan_screen import open_part
from .test_workbook_app import saved, settle


def with_action(path, what: str = "Meet each 3rd grade team") -> None:
    """Give the workbook at path one action."""
    handle = storage.WorkbookFile.open(path)
    planning.add(handle.workbook, Action, what=what, owner="Ana Ruiz")
    handle.save()
    handle.close()


async def test_editing_an_entry_types_after_the_existing_text(open_app, workbook_path, shipped_library) -> None:
    with_action(workbook_path)
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_part(app, pilot, "actions")
        app.screen.query_one(DataTable).focus()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        await pilot.press("X")
        assert app.screen.query_one("#f-what", TextArea).text == "Meet each 3rd grade teamX"
        await pilot.press("tab")  # into the owner: typing adds to the name, never replaces it
        await pilot.press("X")
        assert app.screen.query_one("#f-owner", Input).value == "Ana RuizX"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert saved(workbook_path)["plan"]["actions"][0]["what"] == "Meet each 3rd grade teamX"


async def test_profile_fields_keep_what_is_there(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_profile()
        await pilot.pause()
        assert isinstance(app.screen, ProfileDialog)
        app.screen.query_one("#owner", Input).focus()
        await pilot.pause()
        await pilot.press(*" Ph.D.")
        assert app.screen.query_one("#owner", Input).value == "Ana Ruiz Ph.D."


async def test_status_list_starts_on_the_current_status_and_enter_marks_done(
    open_app, workbook_path, shipped_library
) -> None:
    from textual.widgets import OptionList

    from letstalk.model import Status
    from letstalk.tui.screens.dialogs import ChoiceDialog, ConfirmDialog

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_section("mindset")
        await settle(app, pilot)
        app.workbook.set_status("mindset", Status.IN_PROGRESS)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        choices = app.screen.query_one("#choices", OptionList)
        assert choices.get_option_at_index(choices.highlighted).id == "in-progress"
        await pilot.press("down", "enter")  # Done: items are still open, so it asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.workbook.status("mindset") is Status.DONE
        assert any("is now ● Done" in n.message for n in app._notifications)
        await pilot.press("f2")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        assert choices.get_option_at_index(choices.highlighted).id == "done"
        await pilot.press("escape")
    assert saved(workbook_path)["sections"]["mindset"]["status"] == "done"


async def test_a_refused_date_says_not_saved_until_it_is_fixed(open_app, workbook_path, shipped_library) -> None:
    from textual.widgets import Static

    from letstalk.tui.widgets.items import widget_id

    item = next(i for i in shipped_library.sections["listen"].items() if i.kind == "date")
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_section("listen", focus_item=item.id)
        await settle(app, pilot)
        field = app.screen.query_one(f"#{widget_id(item.id)}", Input)
        assert app.focused is field
        await pilot.press(*"2026-02-30")
        await settle(app, pilot)
        message = str(app.screen.query_one(f"#{widget_id(item.id, 'err-')}", Static).render())
        assert "February 2026 has 28 days" in message
        assert "not saved: " in app.sub_title and "✓ saved" not in app.sub_title  # named while focused
        await pilot.press("shift+tab")
        assert "! 1 field not saved" in app.sub_title
        field.focus()
        await pilot.press(*["backspace"] * 10, *"January 15, 2027")
        app.save_now()
        await settle(app, pilot)
        assert "= Friday 15 January 2027" in str(
            app.screen.query_one(f"#{widget_id(item.id, 'err-')}", Static).render()
        )
        assert "✓ saved" in app.sub_title
    assert str(saved(workbook_path)["answers"][item.id]["value"]) == "2027-01-15"


async def test_slashed_dates_follow_the_setting(open_app, workbook_path, shipped_library) -> None:
    item = next(i for i in shipped_library.sections["listen"].items() if i.kind == "date")
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_month_first(False)
        app.open_section("listen", focus_item=item.id)
        await settle(app, pilot)
        await pilot.press(*"3/4/2027")
        app.save_now()
        await settle(app, pilot)
    assert str(saved(workbook_path)["answers"][item.id]["value"]) == "2027-04-03"


async def test_plan_dialog_shows_a_date_problem_beside_the_field_on_leaving_it(
    open_app, workbook_path, shipped_library
) -> None:
    from textual.widgets import Static

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_part(app, pilot, "actions")
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        await pilot.press(*"Book the lab", "tab", "tab")
        assert app.focused is dialog.query_one("#f-due", Input)
        await pilot.press(*"15/13/2027", "tab")
        note = str(dialog.query_one("#e-due", Static).render())
        assert "no month 15" in note and "month first" in note
        dialog.query_one("#f-due", Input).value = "15/1/2027"  # a day over twelve: read day first
        dialog.query_one("#f-due", Input).focus()
        await pilot.press("tab")
        assert "= Friday 15 January 2027" in str(dialog.query_one("#e-due", Static).render())
        dialog.query_one("#f-due", Input).value = "Jan 15 2027"
        dialog.query_one("#f-due", Input).focus()
        await pilot.press("tab")
        assert "= Friday 15 January 2027" in str(dialog.query_one("#e-due", Static).render())
        dialog.query_one("#f-what", TextArea).text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs its what" in str(dialog.query_one("#e-what", Static).render())
        dialog.query_one("#f-what", TextArea).text = "Book the lab"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert str(saved(workbook_path)["plan"]["actions"][0]["due"]) == "2027-01-15"
