"""A one-line problem under a field, such as an answer too long to save: shown, updated, cleared."""

from __future__ import annotations

from rich.text import Text
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Static


def show_problem(field: Widget, message: str | None) -> None:
    """Say ``message`` on the line under ``field`` (mounted on first use), or clear it with None.

    The field keeps whatever was typed; the line only says why it is not saved yet. Nothing is
    mounted for a field that never has a problem, so a section opens as fast as before.
    """
    parent = field.parent
    if field.id is None or not isinstance(parent, Widget):
        return
    line_id = f"problem-{field.id}"
    try:
        line = parent.get_child_by_id(line_id, Static)
    except NoMatches:
        if message:
            parent.mount(Static(Text(message), id=line_id, classes="error"), after=field)
        return
    if message:
        line.update(Text(message))
    else:
        line.remove()
