"""Pilot tests: drive the app with keys and check the saved TOML and the widgets."""

from __future__ import annotations

from textual.widgets import Button, Checkbox, DataTable, Input, OptionList, Static, TextArea

from letstalk import storage
from letstalk.tui.screens.dialogs import ConfirmDialog, ConflictDialog
from letstalk.tui.screens.help import HelpScreen
from letstalk.tui.screens.home import HomeScreen
from letstalk.tui.screens.section import SectionScreen
from letstalk.tui.widgets.items import widget_id

from .pilot import opened, saved, settle


async def test_home_lists_every_section_with_progress(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("#sections", OptionList)
        ids = {options.get_option_at_index(i).id for i in range(options.option_count)}
        assert {s.id for s in shipped_library.all_sections()} <= ids
        assert "Start: Step 1" in str(app.screen.query_one("#continue", Button).label)
        assert app.focused is app.screen.query_one("#continue")
        assert "Ana Ruiz" in app.sub_title and "saved" in app.sub_title
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_ctrl_q_quits_from_a_section(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, SectionScreen)
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_tick_saves_true_at_once(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "first")
        box = app.screen.query_one(f"#{widget_id('first.read')}", Checkbox)
        box.focus()
        await pilot.press("space")
        await settle(app, pilot)
        data = saved(workbook_path)
        assert data["answers"]["first.read"]["value"] is True
        assert data["sections"]["first"]["status"] == "in-progress"
        assert "✓ saved" in app.sub_title


async def test_typing_is_saved_after_the_pause(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "first")
        app.screen.query_one(f"#{widget_id('first.role')}", TextArea).focus()
        await pilot.press(*"I connect people")
        # The last key restarted the pause: the whole sentence cannot be on disk yet.
        assert saved(workbook_path).get("answers", {}).get("first.role", {}).get("value") != "I connect people"
        await settle(app, pilot)
        assert saved(workbook_path)["answers"]["first.role"]["value"] == "I connect people"


async def test_quit_saves_pending_typing(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "first")
        app.screen.query_one(f"#{widget_id('first.role')}", TextArea).focus()
        await pilot.press(*"half a thought")
        await pilot.press("ctrl+q")
    assert saved(workbook_path)["answers"]["first.role"]["value"] == "half a thought"


async def test_reopens_where_she_left_off(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "second")
        app.screen.query_one(f"#{widget_id('second.commit')}", Input).focus()
        await pilot.press(*"Coffee chats")
        await pilot.press("ctrl+q")
    app.handle.close()
    again = open_app(workbook_path, mini_library)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, SectionScreen)
        assert again.screen.section_id == "second"
        assert again.focused is again.screen.query_one(f"#{widget_id('second.commit')}")
        assert again.focused.value == "Coffee chats"


async def test_home_under_a_reopened_section_is_built_when_she_comes_back(
    open_app, workbook_path, mini_library
) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "second")
        await pilot.press("ctrl+q")
    app.handle.close()
    again = open_app(workbook_path, mini_library)
    async with again.run_test() as pilot:
        await pilot.pause()
        home = again.screen_stack[0]
        assert isinstance(home, HomeScreen) and isinstance(again.screen, SectionScreen)
        assert not home.query("#continue")  # nothing of Home is made while the section covers it
        again.action_home()
        await settle(again, pilot)
        assert again.screen is home
        assert "Start: Step 2" in str(home.query_one("#continue", Button).label)  # no answers yet
        assert home.query_one("#sections", OptionList).option_count > 0
        assert again.focused is home.query_one("#continue")
        await pilot.press("enter")  # Continue goes back to the section she left
        await settle(again, pilot)
        assert isinstance(again.screen, SectionScreen) and again.screen.section_id == "second"
        again.action_home()
        await settle(again, pilot)
        assert len(home.query("#continue")) == 1  # built once


async def test_bad_date_is_kept_in_the_field_and_not_saved(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "second")
        field = app.screen.query_one(f"#{widget_id('second.due')}", Input)
        field.focus()
        await pilot.press(*"2026-02-30")
        await settle(app, pilot)
        message = app.screen.query_one(f"#{widget_id('second.due', 'err-')}", Static)
        assert "not a date" in str(message.render())
        assert field.value == "2026-02-30"
        assert "second.due" not in saved(workbook_path).get("answers", {})
        field.value = ""
        await pilot.press(*"2026-03-14")
        await settle(app, pilot)
        assert str(saved(workbook_path)["answers"]["second.due"]["value"]) == "2026-03-14"


async def test_done_with_open_items_asks_first(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "first")
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#choices", OptionList).highlighted = 2  # Done
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await settle(app, pilot)
        assert saved(workbook_path)["sections"]["first"]["status"] == "done"


async def test_search_jumps_to_the_answer(open_app, workbook_path, mini_library) -> None:
    path = workbook_path
    handle = storage.WorkbookFile.open(path)
    handle.workbook.set_answer("second.commit", "Visit the science department")
    handle.save()
    handle.close()
    app = open_app(path, mini_library)
    async with app.run_test() as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"science")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.section_id == "second"
        assert app.focused is app.screen.query_one(f"#{widget_id('second.commit')}")


async def test_external_edit_is_never_overwritten(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.open_section("first")
        await settle(app, pilot)
        edited = workbook_path.read_text("utf-8").replace('owner = "Ana Ruiz"', 'owner = "Edited Elsewhere"')
        workbook_path.write_text(edited, "utf-8")
        box = app.screen.query_one(f"#{widget_id('first.read')}", Checkbox)
        box.focus()
        await pilot.press("space")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictDialog)
        assert workbook_path.read_text("utf-8") == edited
        choices = app.screen.query_one("#choices", OptionList)
        assert choices.get_option_at_index(choices.highlighted or 0).id == "keep"  # Enter never discards
        choices.highlighted = choices.get_option_index("reload")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.workbook.meta.owner == "Edited Elsewhere"


async def test_rubric_keeps_earlier_ratings(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test(size=(100, 40)) as pilot:
        await opened(app, pilot, "second")
        select = app.screen.query_one(f"#{widget_id('second.level')}")
        select.value = "emerging"
        await settle(app, pilot)
        select.value = "leading"
        await settle(app, pilot)
        answer = saved(workbook_path)["answers"]["second.level"]
        assert answer["value"] == "leading"
        assert [h["level"] for h in answer["history"]] == ["emerging"]


async def test_growth_grid_rates_with_enter(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await opened(app, pilot, "growth")
        table = screen.query_one("#rubric-grid", DataTable)
        table.focus()
        table.move_cursor(row=1, column=2)
        await pilot.press("enter")
        await settle(app, pilot)
        table.move_cursor(row=1, column=3)
        await pilot.press("enter")
        await settle(app, pilot)
        answer = saved(workbook_path)["answers"]["growth.principal"]
        assert answer["value"] == "evolving"
        assert [h["level"] for h in answer["history"]] == ["emerging"]
        detail = str(app.screen.query_one("#rubric-detail", Static).render())
        assert "History: Emerging" in detail and "Evolving" in detail


async def test_markup_in_answers_is_shown_literally(open_app, workbook_path, mini_library) -> None:
    handle = storage.WorkbookFile.open(workbook_path)
    handle.workbook.set_answer("second.commit", "[@click=app.quit]quit[/] [bold red]x")
    handle.save()
    handle.close()
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "second")
        field = app.screen.query_one(f"#{widget_id('second.commit')}", Input)
        assert field.value == "[@click=app.quit]quit[/] [bold red]x"
        await pilot.click(f"#{widget_id('second.commit')}")
        await pilot.pause()
        assert app.is_running


async def test_help_opens_and_closes(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_next_and_previous_section_keys(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await opened(app, pilot, "first")
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        assert app.screen.section_id == "second"
        await pilot.press("ctrl+pageup")
        await pilot.pause()
        assert app.screen.section_id == "first"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_palette_offers_the_screens_actions(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.open_section("first")
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open the next section")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SectionScreen) and app.screen.section_id == "second"


async def test_keep_editing_after_a_conflict_stops_autosave_until_ctrl_s(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.open_section("first")
        await settle(app, pilot)
        edited = workbook_path.read_text("utf-8").replace('owner = "Ana Ruiz"', 'owner = "Edited Elsewhere"')
        workbook_path.write_text(edited, "utf-8")
        app.screen.query_one(f"#{widget_id('first.read')}", Checkbox).focus()
        await pilot.press("space")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("enter")  # keep editing
        await settle(app, pilot)
        app.screen.query_one(f"#{widget_id('first.role')}", TextArea).focus()
        await pilot.press(*"still here")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConflictDialog)
        assert workbook_path.read_text("utf-8") == edited
        assert app.workbook.value("first.role") == "still here"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictDialog)  # saving over the other change is still her call


async def test_the_first_paint_hook_runs_once_after_home_is_drawn(open_app, workbook_path, mini_library) -> None:
    """The command line turns the garbage collector back on through it (see letstalk.__main__)."""
    app = open_app(workbook_path, mini_library)
    calls: list[bool] = []
    app.after_first_paint = lambda: calls.append(app.screen.is_mounted)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
    assert calls == [True]
