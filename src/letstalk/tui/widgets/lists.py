"""The one list widget of letstalk's screens: Textual's OptionList, made safe on a tiny terminal."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from letstalk.content.models import Section


class SafeOptionList(OptionList):
    """An OptionList whose PageUp and PageDown do nothing until Textual has laid out its lines.

    When a small terminal leaves a list no line inside its border (a dialog at 24x8), or a page
    key typed ahead reaches a list whose options were just replaced, Textual's page keys raise
    ``KeyError``. Every list on letstalk's screens is one of these; the CSS keeps lists at least
    8 columns wide for the other case.
    """

    def _has_room(self) -> bool:
        return bool(self.scrollable_content_region)

    def action_page_down(self) -> None:
        """Move down a page, when there is a page to move by."""
        if self._has_room():
            with suppress(KeyError):
                super().action_page_down()

    def action_page_up(self) -> None:
        """Move up a page, when there is a page to move by."""
        if self._has_room():
            with suppress(KeyError):
                super().action_page_up()


SIDEBAR_MIN_WIDTH = 100
"""Below this terminal width a section's list of sections starts hidden (ctrl+b shows it)."""
SIDEBAR_WIDTH = 34
"""Columns the section list takes when shown (``#sidebar`` in letstalk.tcss)."""


class SectionList(SafeOptionList):
    """The sidebar of every section with its status mark, the open one highlighted."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._marks: tuple[str, ...] = ()

    def show(self, sections: Sequence[Section], marks: tuple[str, ...], current: str) -> None:
        """Rebuild the options only when a mark changed: redrawing the whole list on every section
        change is a visible share of the time it takes to open one."""
        if marks != self._marks:
            self._marks = marks
            self.set_options(
                Option(
                    Text(
                        f"{mark} {section.label} · {section.short_title or section.title}",
                        overflow="ellipsis",
                        no_wrap=True,
                    ),
                    id=section.id,
                )
                for mark, section in zip(marks, sections, strict=True)
            )
        self.highlighted = self.get_option_index(current)
