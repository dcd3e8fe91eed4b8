"""Keys in a burst: several keys in one read (a slow laptop, keys typed ahead) never crash or close too much.

Pilot's ``press`` waits for each key to be handled; a terminal delivers a burst as events queued
together, so the keys behind the one that closes a dialog still land on that dialog. These tests
queue the events the same way (``post_message`` without waiting).
"""

from __future__ import annotations

from textual.command import CommandPalette

from letstalk.model import Status
from letstalk.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from letstalk.tui.screens.home import HomeScreen
from letstalk.tui.screens.section import SectionScreen

from .pilot import queue_keys, saved, settle


async def test_enters_queued_behind_a_choice_close_only_that_choice(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await settle(app, pilot)
        section = app.screen
        assert isinstance(section, SectionScreen)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        queue_keys(app, "up", "enter", "enter", "enter")  # "done", then two Enters too many
        await settle(app, pilot)
        assert app.is_running and app._exception is None
        # The section is still there under the question that "done" asks (items are open), and
        # the Enters typed ahead answered nothing: marking done waits for her own answer.
        assert app.screen_stack[1] is section and isinstance(app.screen, ConfirmDialog)
        assert saved(workbook_path).get("sections", {}).get(section.section_id, {}).get("status") != Status.DONE


async def test_escapes_typed_ahead_go_home_and_no_further(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        queue_keys(app, "escape", "escape", "escape", "escape")
        await settle(app, pilot)
        assert app.is_running and app._exception is None
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_page_keys_typed_ahead_of_the_palette_search_do_nothing(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        queue_keys(app, "ctrl+p", "e", "pagedown", "pageup", "pagedown")
        await settle(app, pilot)
        assert app.is_running and app._exception is None
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_typing_ahead_across_tab_fills_each_field(open_app, workbook_path, shipped_library) -> None:
    from textual.widgets import Input

    from letstalk.tui.screens.profile import ProfileDialog

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_profile()
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        for field in dialog.query(Input):
            field.value = ""
        dialog.query(Input).first().focus()
        await pilot.pause()
        queue_keys(app, *"Ana Ruiz", "tab", *"Hillside", "tab", *"Librarian")
        await settle(app, pilot)
        assert [field.value for field in dialog.query(Input)][:3] == ["Ana Ruiz", "Hillside", "Librarian"]


async def test_a_space_typed_right_before_tab_ticks_the_box_it_was_typed_on(
    open_app, workbook_path, mini_library
) -> None:
    from letstalk.tui.widgets.items import Tick, widget_id

    from .pilot import opened

    app = open_app(workbook_path, mini_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot, "first")
        screen.query_one(f"#{widget_id('first.read')}", Tick).focus()
        await pilot.pause()
        queue_keys(app, "space", "tab")  # one read: the Tab is taken before the box has its Space
        await settle(app, pilot)
        assert screen.query_one(f"#{widget_id('first.read')}", Tick).value is True
        assert screen.query_one(f"#{widget_id('first.meet')}", Tick).value is False
        assert app.focused is screen.query_one(f"#{widget_id('first.meet')}", Tick)
        queue_keys(app, "space", "shift+tab", "space")  # each Space on the box it was typed on
        await settle(app, pilot)
        assert screen.query_one(f"#{widget_id('first.meet')}", Tick).value is True
        assert screen.query_one(f"#{widget_id('first.read')}", Tick).value is False
    answers = saved(workbook_path)["answers"]
    assert answers["first.meet"]["value"] is True and answers["first.read"]["value"] is False


async def test_down_from_the_search_field_highlights_the_first_hit_and_enter_opens_it(
    open_app, workbook_path, shipped_library
) -> None:
    from textual.widgets import OptionList

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_search()
        await settle(app, pilot)
        await pilot.press(*"principal")
        await settle(app, pilot)
        await pilot.press("down")  # the search screen moves the focus to the hits and lets the key on
        await settle(app, pilot)
        hits = app.screen.query_one("#hits", OptionList)
        assert app.focused is hits and hits.highlighted == 0
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SectionScreen)
