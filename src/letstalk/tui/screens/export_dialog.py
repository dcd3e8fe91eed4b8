"""The export dialog's second step: which parts of the plan go out, as checkboxes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from letstalk.export import Audience, Share
from letstalk.tui.screens.dialogs import Dialog
from letstalk.tui.widgets.tick_list import TickList

PRIVATE = "just-for-me"
"""The selection id of the "entries marked just for me" box (not a part: a filter over all of them)."""


class PartsDialog(Dialog[Audience]):
    """Tick the parts an export holds; "For my principal" and "Everything" fill the ticks in.

    Returns the :class:`~letstalk.export.Audience` chosen, or None when cancelled.
    """

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Export", priority=True),
        Binding("f2", "preset('principal')", "For my principal"),
        Binding("f3", "preset('all')", "Everything"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, audience: Audience) -> None:
        super().__init__()
        self._audience = audience

    def compose(self) -> ComposeResult:
        chosen = self._audience
        with Vertical(classes="dialog parts"):
            yield Label(Text("What goes out"), classes="dialog-title")
            yield Static(
                Text("Space ticks or unticks a part. Private answers never leave, whatever you tick."),
                classes="dialog-message",
            )
            selections = [Selection(Text(part.label), part.value, part in chosen.parts) for part in Share]
            selections.append(Selection(Text("Entries I marked just for me"), PRIVATE, chosen.private))
            yield TickList(*selections, id="parts")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (ctrl+s)", id="confirm", variant="primary")
                yield Button("For my principal (F2)", id="principal")
                yield Button("Everything (F3)", id="all")

    def on_mount(self) -> None:
        self.query_one("#parts", SelectionList).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "confirm":
            self.action_confirm()
        elif event.button.id in ("principal", "all"):
            self.action_preset(event.button.id)

    def action_preset(self, name: str) -> None:
        """Tick the parts of a built-in audience."""
        preset = Audience.preset(name)
        parts = self.query_one("#parts", SelectionList)
        parts.deselect_all()
        for part in preset.parts:
            parts.select(part.value)
        if preset.private:
            parts.select(PRIVATE)

    def action_confirm(self) -> None:
        """Export with the ticked parts."""
        ticked = set(self.query_one("#parts", SelectionList).selected)
        self.dismiss(chosen_audience(ticked))


def chosen_audience(ticked: set[str]) -> Audience:
    """The audience for a set of ticked ids: a built-in one when the ticks match it, else custom."""
    parts = frozenset(Share(value) for value in ticked if value != PRIVATE)
    private = PRIVATE in ticked
    for name in ("principal", "all", "me"):
        preset = Audience.preset(name)
        if preset.parts == parts and preset.private == private:
            return preset
    return Audience(name="custom", parts=parts, private=private)
