"""Issue 18, requirement 3: the rubric and the dialogs use the width and height there is (Pilot tests)."""

from __future__ import annotations

import textwrap

import pytest
from textual.widgets import Button, DataTable

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
