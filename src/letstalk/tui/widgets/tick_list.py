"""A list of parts to tick, each box showing whether it is ticked without relying on colour."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class TickList(SelectionList[str]):
    """Textual's SelectionList, each box showing ✓ when ticked and blank when not.

    Textual draws an X in every box and tells them apart by colour alone: in a monochrome or
    colour-blind view, the export's "Growth rubric self-ratings" looked ticked when it was not.
    """

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return line  # not an option's line (past the end, or Textual drew no box)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        mark = "✓" if selection.value in self.selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, line.cell_length)
