"""The table every letstalk screen uses: Textual's DataTable, laying each cell out only once."""

from __future__ import annotations

from collections.abc import Sequence

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from textual._two_way_dict import TwoWayDict
from textual._types import SegmentLines
from textual.cache import LRUCache
from textual.css.styles import RenderStyles
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey, RowKey

LAYOUTS_KEPT = 10_000
"""Cell layouts kept per table (as many as DataTable keeps rendered cells)."""


def _name(key: RowKey | str) -> RowKey | str:
    """A row key's string, or the key itself when it has none (a key DataTable made)."""
    return key.value if isinstance(key, RowKey) and key.value is not None else key


class Table(DataTable[CellType]):
    """Textual's DataTable whose one-line cells are laid out once, however often rows move.

    DataTable renders every visible cell again after any change to the table (each change bumps a
    counter that is part of every cache key), so adding one entry at the top of a 2,000-entry log
    laid out all of the 130-odd visible cells again: half of the frame that shows it. Here the
    layout of a cell one line high (cropping, justifying, the padding) is kept for its value and
    width, and only the styles, which follow the row's place (stripes, cursor, the row index
    clicks report), are applied again. The lines are the same as DataTable's own.

    A cell's value is not changed in place: give :meth:`update_cell` the changed value (a new
    object, or the same one, which drops the kept layouts).
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        # Made first: DataTable's __init__ already clears its caches, and with them these.
        self._layouts: LRUCache[tuple[int, int, int], tuple[object, list[list[Segment]]]] = LRUCache(LAYOUTS_KEPT)
        self._places: LRUCache[tuple[int, int], Style] = LRUCache(LAYOUTS_KEPT)
        self._own_style: Style | None = None
        self._component_styles_kept: dict[tuple[str, ...], RenderStyles] | None = None
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines DataTable renders, with the styles every line asks for worked out once.

        For each line DataTable asks for its own Rich style and two of its component styles' (a
        walk up every ancestor each time): 60-odd walks a frame, the same answer every time
        within one render, in which nothing can restyle the table.
        """
        self._component_styles_kept = {}
        try:
            return super().render_lines(crop)
        finally:
            self._own_style = None
            self._component_styles_kept = None

    @property
    def rich_style(self) -> Style:
        """The table's Rich style (worked out once while its lines are rendered)."""
        if self._component_styles_kept is None:
            return super().rich_style
        if self._own_style is None:
            self._own_style = super().rich_style
        return self._own_style

    def get_component_styles(self, *names: str) -> RenderStyles:
        """A component's styles, as DataTable's; while rendering, the same object with its style kept."""
        kept = self._component_styles_kept
        if kept is None:
            return super().get_component_styles(*names)
        styles = kept.get(names)
        if styles is None:
            styles = kept[names] = _KeptStyles(super().get_component_styles(*names))
        return styles

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._layouts.clear()

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: CellType,
        *,
        update_width: bool = False,
    ) -> None:
        """Change a cell, as DataTable does; the same object given again is laid out again.

        A layout is kept for the value object, so a value changed in place and given back would
        show its old text: when the cell already holds this very object, every layout is dropped.
        """
        row = self._data.get(RowKey(row_key) if isinstance(row_key, str) else row_key)
        column = ColumnKey(column_key) if isinstance(column_key, str) else column_key
        if row is not None and row.get(column) is value:
            self._layouts.clear()
        super().update_cell(row_key, column_key, value, update_width=update_width)

    def order(self, keys: Sequence[RowKey | str]) -> None:
        """Show the rows in the order of ``keys``, which names every row once.

        DataTable's ``sort`` calls a key function for every row; a caller that already knows the
        order (the log, newest first) only needs the rows placed.
        """
        # Matched by their strings: a RowKey hashes and compares in Python, a str in C (2,000
        # RowKey lookups took longer than the rest of the log's redraw).
        own = {_name(key): key for key in self.rows}
        names = [_name(key) for key in keys]
        if len(names) != len(own) or own.keys() != set(names):
            raise ValueError(f"order needs each of the table's {len(own)} rows once, got {len(keys)} keys")
        placed = {own[name]: n for n, name in enumerate(names)}
        self._row_locations = TwoWayDict(placed)
        self._update_count += 1
        self.refresh()

    @property
    def _y_offsets(self) -> list[tuple[RowKey, int]]:
        """Each line's row and line within it, as DataTable's; made straight from the row order.

        DataTable builds it a row at a time after every change (3 ms at 2,000 rows, a tenth of
        the frame that shows a new log entry); when every row is one line it is the order itself.
        """
        offsets = self._offset_cache.get(self._update_count)
        if offsets is None:
            if any(row.height != 1 for row in self.rows.values()):
                return super()._y_offsets
            key_at = self._row_locations.get_key
            offsets = [(key, 0) for n in range(len(self.rows)) if (key := key_at(n)) is not None]
            self._offset_cache[self._update_count] = offsets
        return offsets

    def notify_style_update(self) -> None:
        """Forget the kept layouts with DataTable's own caches when the CSS changes."""
        self._layouts.clear()
        super().notify_style_update()

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = self.rows.get(row_key) if row_key is not None else None
        if (
            row is None
            or row_key is None
            or column_key is None
            or row.auto_height
            or row.height != 1
            or row_index < self.fixed_rows
            or column_index < self.fixed_columns
        ):
            # Headers, labels, fixed and taller cells: as DataTable draws them.
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        drawn = self._cell_render_cache.get(cache_key)
        if drawn is not None:
            return drawn
        # The value as stored (a str stays the same object; its Text is made anew on each change).
        value = self._data[row_key][column_key]
        layout_key = (id(value), width, self.cell_padding)
        kept = self._layouts.get(layout_key)
        if kept is not None and kept[0] is value:  # the kept value holds its id: never reused
            lines = kept[1]
        else:
            cell = self._get_row_renderables(row_index).cells[column_index]
            options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
            lines = self.app.console.render_lines(Padding(cell, (0, self.cell_padding)), options)
            self._layouts[layout_key] = (value, lines)
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        # DataTable's own order: the row's style and place, the cursor's, then the cell's own.
        # One place style per cell position, as the same position always has the same meta: made
        # anew, each got a random link id, so no sum of styles could come from Rich's cache.
        place = self._places.get((row_index, column_index))
        if place is None:
            place = self._places[(row_index, column_index)] = Style.from_meta(
                {"row": row_index, "column": column_index}
            )
        pre_style = base_style + place + component_style
        drawn = [list(Segment.apply_style(line, style=pre_style, post_style=post_style)) for line in lines]
        self._cell_render_cache[cache_key] = drawn
        return drawn


class _KeptStyles(RenderStyles):
    """A component's styles whose Rich style is worked out once, for one render of the table."""

    def __init__(self, styles: RenderStyles) -> None:
        node = styles.node
        assert node is not None  # a component's styles always belong to a node
        super().__init__(node, styles.base, styles.inline)
        self._kept_style = styles.rich_style

    @property
    def rich_style(self) -> Style:
        """The Rich style, as it was when the render began."""
        return self._kept_style
