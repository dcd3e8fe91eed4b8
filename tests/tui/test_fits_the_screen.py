"""Issue 18, requirement 3: the rubric and the dialogs use the width and height there is (Pilot tests)."""

from __future__ import annotations

import io
import textwrap

import pytest
from textual.widgets import Button, DataTable

from .pilot import saved
from .test_workbook_app import settle


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_rubric_shows_every_theme_and_level_name_whole(
    open_app, workbook_path, shipped_library, size
) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=size) as pilot:
        app.open_section("growth")
        await settle(app, pilot)
        table = app.screen.query_one("#rubric-grid", DataTable)
        columns = list(table.columns.values())
        theme, levels = columns[0], columns[1:]
        for level in levels:  # each word of a level's name fits its column
            assert all(len(word) <= level.width for word in str(level.label).split())
        for row_key, row in table.rows.items():
            name = str(table.get_cell(row_key, theme.key))
            assert len(textwrap.wrap(name, theme.width)) <= row.height, f"{name!r} is cut"
        # The whole grid is in the page's width: nothing scrolls sideways.
        assert sum(c.get_render_width(table) for c in columns) <= table.size.width


async def test_the_profile_dialog_buttons_are_labelled_at_80x24(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_profile()
        await pilot.pause()
        for button in app.screen.query(Button):
            button.scroll_visible(animate=False)
            await pilot.pause()
            assert button.region.height == 3, f"{button.label} is squeezed"
            assert app.screen.find_widget(button).region.y + 3 <= 24
            label = "".join(s.text for s in app.screen._compositor.render_strips())
            assert str(button.label) in label


@pytest.mark.parametrize("width", [12, 40, 100])
def test_points_wrap_under_their_text_not_under_the_bullet(shipped_library, width) -> None:
    from rich.console import Console

    from letstalk.content.models import Point
    from letstalk.tui.widgets.items import points_text

    block = next(
        b
        for s in shipped_library.all_sections()
        for b in s.blocks
        if b.items and all(isinstance(i, Point) for i in b.items)
    )
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(points_text(block))
    lines = console.export_text().splitlines()
    assert lines[0].startswith("  ") and block.heading.split()[0] in lines[0]
    assert sum(line.startswith("• ") for line in lines) == len(block.items)
    assert all(line.startswith(("• ", "  ")) for line in lines)  # every wrapped line hangs under its text
    assert all(len(line.rstrip()) <= width for line in lines)
    words = " ".join(line[2:].strip() for line in lines).split()
    expected = " ".join(
        [block.heading, block.intro or "", *(f"{i.text} {i.detail or ''}" for i in block.items)]
    ).split()
    assert words == expected or width < 20  # at a tiny width a long word is folded, not lost


async def test_the_rating_grid_keeps_its_cursor_on_screen_at_80x24(open_app, workbook_path, shipped_library) -> None:
    from .pilot import opened

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot, "readiness")  # Step 2: rate each wedge, a long grid
        table = screen.query_one("#rubric-grid", DataTable)
        table.focus()
        await pilot.pause()
        assert table.cursor_coordinate.column == 1  # on a level, where Enter picks it
        body = screen.query_one("#section")
        for down in range(len(table.rows) - 1):
            await pilot.press("down")
            await pilot.pause()
            row = table.cursor_coordinate.row
            above = table.header_height + sum(r.height for r in table.ordered_rows[:row])
            top = table.region.y + above
            shown = body.scrollable_content_region
            assert shown.y <= top and top + table.ordered_rows[row].height <= shown.bottom, (down, row)
        await pilot.press("enter")
        await settle(app, pilot)
    last = table.ordered_rows[-1].key.value
    assert saved(workbook_path)["answers"][last]["value"]  # the row she could see is the one rated


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_export_parts_dialog_keeps_its_title_and_buttons_in_sight(
    open_app, workbook_path, shipped_library, size
) -> None:
    from textual.widgets import Label

    from letstalk.tui.screens.export_dialog import PartsDialog
    from letstalk.tui.widgets.tick_list import TickList

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=size) as pilot:
        app.action_plan()
        await settle(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        await pilot.press("enter")  # the first format
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, PartsDialog)
        screen = dialog.region
        for widget in (
            dialog.query_one(".dialog-title", Label),
            dialog.query_one(TickList),
            dialog.query_one("#confirm"),
        ):
            assert widget.region.y >= 0 and widget.region.bottom <= screen.bottom, (size, widget)
            assert widget.region.height > 0, (size, widget)
