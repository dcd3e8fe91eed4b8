"""The rubric: a theme × level grid, the descriptors around the highlighted level, evidence and history."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.message import Message
from textual.widgets import DataTable, Input, Static, TextArea

from letstalk.content.credits import OWN_WORDS
from letstalk.content.models import Block, LongItem, Origin, Pack, RatingItem, TextItem
from letstalk.feedback import Feedback, timeline
from letstalk.tui.host import Host, WorkbookHost
from letstalk.tui.widgets.items import widget_id
from letstalk.tui.widgets.lists import SIDEBAR_MIN_WIDTH, SIDEBAR_WIDTH
from letstalk.tui.widgets.table import Table

if TYPE_CHECKING:
    from letstalk.model import Workbook

CHOSEN = "●"
FACILITATOR = "◆"
EMPTY = "·"
LEGEND = "● your level   ◆ your facilitator's level   Arrows move; Enter picks the level for that theme."


def history_line(workbook: Workbook, feedback: Feedback | None, item: RatingItem, labels: dict[str, str]) -> Text:
    """Her ratings (and a facilitator's, marked ◆) as a small timeline, oldest first."""
    events = timeline(workbook, feedback, item.id)
    if not events:
        return Text("No level chosen yet: move to a level and press Enter.", style="dim")
    steps = [
        f"{'◆ ' if who == 'facilitator' else ''}{labels.get(level, level)} ({when:%d %b %Y})"
        for when, who, level in events
    ]
    text = Text("History: " + " → ".join(steps))
    if any(who == "facilitator" for _, who, _ in events):
        text.append("   (◆ = your facilitator's rating)", style="dim")
    return text


class RubricGrid(Vertical):
    """Pick a level per theme in a grid; Enter on a cell records it (earlier levels are kept)."""

    host = Host[WorkbookHost]()

    class Rated(Message):
        """The librarian chose ``level`` for the rating item ``item_id``."""

        def __init__(self, item_id: str, level: str) -> None:
            super().__init__()
            self.item_id = item_id
            self.level = level

    def __init__(self, block: Block, pack: Pack) -> None:
        super().__init__(classes="rubric")
        self.block = block
        self.ratings = [item for item in block.items if isinstance(item, RatingItem)]
        self.evidence = {item.id: item for item in block.items if isinstance(item, (LongItem, TextItem))}
        scale = pack.meta.scales[self.ratings[0].scale]
        self.levels = scale.levels
        self.labels = {level.id: level.label for level in scale.levels}
        self._laid_out_for = 0  # the width the grid was last fitted to

    @property
    def workbook(self) -> Workbook:
        return self.host.workbook

    def compose(self) -> ComposeResult:
        yield Static(Text(self.block.heading), classes="block-title")
        yield Static(Text(LEGEND), classes="intro")
        yield Table(id="rubric-grid", cursor_type="cell", zebra_stripes=True)
        yield Static(id="rubric-detail")
        for rating in self.ratings:
            evidence = self.evidence.get(rating.evidence or "")
            if evidence is None:
                continue
            value = self.workbook.value(evidence.id)
            with Vertical(id=widget_id(rating.id, "ev-"), classes="evidence"):
                yield Static(Text(evidence.text), classes="prompt")
                shown = value if isinstance(value, str) else ""
                if isinstance(evidence, TextItem):  # a line of evidence
                    yield Input(shown, placeholder=evidence.placeholder or "", id=widget_id(evidence.id))
                else:
                    yield TextArea(shown, soft_wrap=True, id=widget_id(evidence.id), classes="long")

    def on_mount(self) -> None:
        # A first guess at the room, so the grid is drawn at once; on_resize fits it exactly.
        sidebar = SIDEBAR_WIDTH if self.app.size.width >= SIDEBAR_MIN_WIDTH else 0
        self._lay_out(self.app.size.width - sidebar - 6)
        # The cursor starts on a level (her own, once she has one), where Enter picks it.
        ids = [level.id for level in self.levels]
        chosen = self.workbook.value(self.ratings[0].id)
        column = ids.index(chosen) + 1 if chosen in ids else 1
        self.query_one(DataTable).move_cursor(row=0, column=column, animate=False)
        self._show(0, column)

    def on_resize(self) -> None:
        if self.content_size.width and self.content_size.width != self._laid_out_for:
            self._lay_out(self.content_size.width)

    def _lay_out(self, width: int) -> None:
        """Fit the grid to ``width`` columns: level names whole, theme names wrapped onto as many lines as they need.

        Nothing is cut: at 80 columns a long theme name takes three or four lines rather than
        ending in an ellipsis, and a level name of two words goes on two header lines.
        """
        self._laid_out_for = width
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        level_widths = [max(max(len(word) for word in level.label.split()), 5) for level in self.levels]
        headers = [textwrap.wrap(level.label, w) for level, w in zip(self.levels, level_widths, strict=True)]
        longest_word = max(len(word) for rating in self.ratings for word in rating.text.split())
        # Each column has a space either side; two more columns are the table's scrollbar.
        theme_width = max(longest_word, 12, width - sum(w + 2 for w in level_widths) - 4)
        table.clear(columns=True)
        table.header_height = max(len(lines) for lines in headers)
        table.add_column("Theme", key="theme", width=theme_width)
        for level, header, level_width in zip(self.levels, headers, level_widths, strict=True):
            table.add_column(Text("\n".join(header), justify="center"), key=level.id, width=level_width)
        for rating in self.ratings:
            lines = len(textwrap.wrap(rating.text, theme_width)) or 1
            table.add_row(*self._cells(rating), key=rating.id, height=lines)
        table.move_cursor(row=cursor.row, column=cursor.column, animate=False)

    def _cells(self, rating: RatingItem) -> list[Text]:
        chosen = self.workbook.value(rating.id)
        feedback = self.host.feedback
        theirs = feedback.level(rating.id) if feedback is not None else None
        cells = [Text(rating.text)]  # wrapped onto the lines its row was given (see _lay_out)
        for level in self.levels:
            marks = [CHOSEN if chosen == level.id else "", FACILITATOR if theirs == level.id else ""]
            cells.append(Text("".join(marks) or EMPTY, justify="center"))
        return cells

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._show(event.coordinate.row, event.coordinate.column)
        if event.data_table.has_focus:  # her arrow keys, not the cursor placed as the grid is laid out
            self.call_after_refresh(self._keep_in_view, event.coordinate.row)

    def _keep_in_view(self, row: int) -> None:
        """Scroll the section so the cursor's row is on screen (the grid is as tall as its rows)."""
        scroller = next((node for node in self.ancestors if isinstance(node, ScrollableContainer)), None)
        table = self.query_one(DataTable)
        rows = table.ordered_rows
        if scroller is None or not 0 <= row < len(rows) or not table.region:
            return
        above = table.header_height + sum(r.height for r in rows[:row])
        top = table.region.y + above - scroller.content_region.y + round(scroller.scroll_y)
        height = rows[row].height + (table.header_height if row == 0 else 0)  # the first row with its header
        scroller.scroll_to_region(
            Region(0, top - (table.header_height if row == 0 else 0), 1, height),
            animate=False,
            immediate=True,
            x_axis=False,
        )

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        row, column = event.coordinate.row, event.coordinate.column
        if column == 0:
            return
        rating = self.ratings[row]
        self.post_message(self.Rated(rating.id, self.levels[column - 1].id))

    def refresh_row(self, item_id: str) -> None:
        """Redraw one theme's row and the detail after a rating changed."""
        table = self.query_one(DataTable)
        rating = next(r for r in self.ratings if r.id == item_id)
        row = self.ratings.index(rating)
        for column, cell in enumerate(self._cells(rating)):
            table.update_cell_at(Coordinate(row, column), cell)
        self._show(row, table.cursor_coordinate.column)

    def _show(self, row: int, column: int) -> None:
        """Descriptors of the highlighted level and its neighbours, the history, the evidence box."""
        rating = self.ratings[row]
        ids = [level.id for level in self.levels]
        chosen = self.workbook.value(rating.id)
        focus = column - 1 if column > 0 else (ids.index(chosen) if chosen in ids else 0)
        text = Text.assemble((rating.text, "bold"), "\n")
        if rating.detail:
            own = f" ({OWN_WORDS})" if rating.origin is Origin.LETSTALK else ""
            text.append(rating.detail + own + "\n", style="dim")
        for index in range(max(0, focus - 1), min(len(ids), focus + 2)):
            level = self.levels[index]
            marker = "▶ " if index == focus else "  "
            tag = "  (your level)" if level.id == chosen else ""
            if not rating.descriptors:  # a self-rating on the scale alone (Step 2's wedges)
                text.append(f"{marker}{level.label}{tag}\n", style="bold" if index == focus else "")
                continue
            descriptor = rating.descriptors.get(level.id, "No descriptor for this level.")
            text.append(f"{marker}{level.label}{tag}: ", style="bold" if index == focus else "")
            text.append(descriptor)
            if rating.descriptor_origin(level.id) is Origin.LETSTALK:
                text.append(f" ({OWN_WORDS})", style="italic")
            text.append("\n")
        text.append_text(history_line(self.workbook, self.host.feedback, rating, self.labels))
        self.query_one("#rubric-detail", Static).update(text)
        for other in self.ratings:
            found = self.query(f"#{widget_id(other.id, 'ev-')}")
            if found:
                found.first().display = other.id == rating.id
