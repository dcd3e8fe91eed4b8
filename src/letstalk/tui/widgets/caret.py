"""Where the cursor goes when she comes back to a field she already filled in."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets.input import Selection


def add_at_end(widget: Widget | None) -> None:
    """Put the cursor after the existing text: coming back to a field means adding to it.

    Textual starts a TextArea at its first letter and selects all of an Input on focus, so the
    first key she typed would go before, or replace, what she wrote.
    """
    if isinstance(widget, TextArea) and widget.text and widget.cursor_location == (0, 0):
        widget.move_cursor(widget.document.end)
    elif isinstance(widget, Input) and widget.value:
        widget.selection = Selection.cursor(len(widget.value))


class AddsAtEnd:
    """Mixed into both apps: wherever focus lands (a screen, a dialog), typing adds after her text.

    Focus events bubble up to the app, so this one handler serves every field of every screen.
    """

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A focus can reach the app after its screen closed (quitting as the section opened):
        # moving the cursor then asks Textual for a screen there no longer is.
        widget = event.widget
        if widget.is_attached and widget.screen.is_active:
            add_at_end(widget)
