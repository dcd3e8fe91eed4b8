"""letstalk's Table draws exactly what Textual's DataTable draws, while rows move under it."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import DataTable

from letstalk.tui.widgets.table import Table

COLUMNS = ("Date", "What we did", "Students")


def _row(n: int) -> tuple[object, ...]:
    what = Text(f"Lesson {n}: research skills, sources and a much longer tail", no_wrap=True, overflow="ellipsis")
    return (f"2026-03-{n % 28 + 1:02d}", what, Text(str(n), justify="right"))


class Pair(App[None]):
    """A Table and a DataTable side by side, given the same rows and the same moves."""

    def compose(self) -> ComposeResult:
        yield Table(id="ours", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="theirs", cursor_type="row", zebra_stripes=True)

    def ours(self) -> Table[object]:
        return self.query_one("#ours", Table)

    def fill(self, rows: int) -> tuple[Table[object], DataTable[object]]:
        """Both tables 12 lines high with the same ``rows`` rows, neither focused (focus recolours)."""
        ours, theirs = self.ours(), self.query_one("#theirs", DataTable)
        for table in (ours, theirs):
            table.styles.height = 12
            for name in COLUMNS:
                table.add_column(name, key=name)
            for n in range(rows):
                table.add_row(*_row(n), key=f"r{n}")
        self.set_focus(None)
        return ours, theirs


def _dates(table: DataTable[object]) -> list[str]:
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


def _lines(table: DataTable[object]) -> list[list[tuple[str, object]]]:
    """The table's lines as the screen asks for them: all at once (Table keeps styles within that)."""
    region = table.scrollable_content_region
    strips = table.render_lines(Region(0, 0, region.width, region.height))
    return [[(seg.text, seg.style) for seg in strip] for strip in strips]


async def test_a_theme_change_between_frames_is_drawn_in_the_new_colours() -> None:
    app = Pair()
    async with app.run_test(size=(70, 30)) as pilot:
        ours, theirs = app.fill(20)
        await pilot.pause()
        before = _lines(ours)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert _lines(ours) == _lines(theirs) != before
        ours.focus()  # focus recolours the cursor row: the next render sees it
        await pilot.pause()
        focused = _lines(ours)
        theirs.focus()
        await pilot.pause()
        assert focused == _lines(theirs) != _lines(ours)


async def test_the_lines_are_datatables_own_as_rows_are_added_moved_and_changed() -> None:
    app = Pair()
    async with app.run_test(size=(70, 30)) as pilot:
        ours, theirs = app.fill(40)
        await pilot.pause()
        assert _lines(ours) == _lines(theirs)
        assert any("Lesson 0" in text for line in _lines(ours) for text, _ in line)

        # A new row sorted to the top shifts every row's stripe and index; a cell changes; the
        # cursor moves: each time the drawing matches, kept layouts and all.
        for table in (ours, theirs):
            table.add_row(*_row(99), key="new")
            table.sort("Students", key=lambda cell: -int(str(cell)))
            table.update_cell("r3", "What we did", Text("Changed", no_wrap=True))
            table.move_cursor(row=2)
        await pilot.pause()
        assert _lines(ours) == _lines(theirs)
        assert "99" in "".join(text for text, _ in _lines(ours)[1])  # the new row is on top, under the header

        # Clicks report the row's place now, not the one it was first drawn at.
        metas = [style.meta for _, style in _lines(ours)[2] if style is not None and style.meta.get("row") is not None]
        assert metas and {meta["row"] for meta in metas} == {1}


async def test_order_places_the_rows_as_a_sort_would() -> None:
    app = Pair()
    async with app.run_test(size=(70, 30)) as pilot:
        ours, theirs = app.fill(20)
        ours.order([f"r{n}" for n in reversed(range(20))])
        theirs.sort("Students", key=lambda cell: -int(str(cell)))
        await pilot.pause()
        assert _lines(ours) == _lines(theirs)
        assert str(ours.get_row_at(0)[2]) == "19"


async def test_order_refuses_a_list_that_is_not_every_row_once() -> None:
    app = Pair()
    async with app.run_test(size=(70, 30)):
        ours = app.ours()
        ours.add_column("Date", key="Date")
        for n in range(3):
            ours.add_row(f"d{n}", key=f"r{n}")
        for wrong in (["r0", "r1"], ["r0", "r1", "r1"], ["r0", "r1", "nope"], ["r0", "r1", "r2", "r3"]):
            with pytest.raises(ValueError, match="3 rows once"):
                ours.order(wrong)
        assert _dates(ours) == ["d0", "d1", "d2"]


async def test_the_line_map_is_datatables_with_one_line_rows_and_taller_ones() -> None:
    app = Pair()
    async with app.run_test(size=(70, 30)) as pilot:
        ours, theirs = app.fill(30)
        for table in (ours, theirs):
            table.sort("Students", key=lambda cell: -int(str(cell)))
        await pilot.pause()
        assert ours._y_offsets == theirs._y_offsets
        assert [str(key.value) for key, _ in ours._y_offsets[:2]] == ["r29", "r28"]
        for table in (ours, theirs):
            table.add_row(*_row(50), key="tall", height=2)
        await pilot.pause()
        assert ours._y_offsets == theirs._y_offsets
        assert ours._y_offsets[-2:] == [("tall", 0), ("tall", 1)]
        assert _lines(ours) == _lines(theirs)


async def test_order_takes_the_keys_datatable_made_for_rows_added_without_one() -> None:
    app = Pair()
    async with app.run_test(size=(70, 30)):
        ours = app.ours()
        ours.add_column("Date", key="Date")
        made = [ours.add_row(f"d{n}") for n in range(3)]
        ours.order(made[::-1])
        assert _dates(ours) == ["d2", "d1", "d0"]


async def test_a_value_changed_in_place_and_given_back_is_drawn_anew() -> None:
    app = Pair()
    async with app.run_test(size=(70, 30)) as pilot:
        ours, theirs = app.fill(5)
        await pilot.pause()
        for table in (ours, theirs):
            cell = table.get_cell("r2", "What we did")
            assert isinstance(cell, Text)
            cell.plain = "Changed where it lay"
            table.update_cell("r2", "What we did", cell)
        await pilot.pause()
        assert _lines(ours) == _lines(theirs)
        assert any("Changed where it lay" in text for line in _lines(ours) for text, _ in line)
