"""The one list widget of letstalk's screens: Textual's OptionList, made safe on a tiny terminal."""

from __future__ import annotations

from textual.widgets import OptionList


class SafeOptionList(OptionList):
    """An OptionList whose PageUp and PageDown do nothing when the list has no room at all.

    When a small terminal leaves a list no line inside its border (a dialog at 24x8), Textual
    has not laid out its lines and its page keys raise ``KeyError``. Every list on letstalk's
    screens is one of these; the CSS keeps lists at least 8 columns wide for the other case.
    """

    def _has_room(self) -> bool:
        return bool(self.scrollable_content_region)

    def action_page_down(self) -> None:
        """Move down a page, when there is a page to move by."""
        if self._has_room():
            super().action_page_down()

    def action_page_up(self) -> None:
        """Move up a page, when there is a page to move by."""
        if self._has_room():
            super().action_page_up()
