"""A form dialog for one plan entry (a goal, an action, a meeting...), built from field specs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from letstalk.errors import LetsTalkError
from letstalk.tui.screens.dialogs import Dialog
from letstalk.tui.widgets.items import add_at_end


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entry form."""

    name: str
    label: str
    kind: Literal["text", "long", "date", "select"] = "text"
    options: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(value, label) pairs for a select; a value of "" means none."""
    hint: str = ""


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


class EntryDialog(Dialog[bool]):
    """Edit the fields of one entry; ``apply`` stores them through the domain.

    When ``apply`` raises a :class:`LetsTalkError` (a bad date, a missing title) the message is
    shown and the dialog stays open with everything typed. Returns True once applied.
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        fields: list[FieldSpec],
        values: dict[str, Any],
        apply: Callable[[dict[str, Any]], object],
    ) -> None:
        super().__init__()
        self._title, self._fields, self._values, self._apply = title, fields, values, apply

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog entry"):
            yield Label(Text(self._title), classes="dialog-title")
            for spec in self._fields:
                yield Label(Text(spec.label), classes="field-label")
                value = _shown(self._values.get(spec.name))
                if spec.kind == "long":
                    yield TextArea(value, soft_wrap=True, id=f"f-{spec.name}", classes="long")
                elif spec.kind == "select":
                    options = [(Text(label), key) for key, label in spec.options]
                    current = value if value in {key for key, _ in spec.options} else Select.NULL
                    yield Select(options, value=current, id=f"f-{spec.name}", allow_blank=True, prompt="(none)")
                else:
                    placeholder = "YYYY-MM-DD" if spec.kind == "date" else spec.hint
                    yield Input(value, placeholder=placeholder, id=f"f-{spec.name}")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            add_at_end(area)  # editing means adding to what is there, as a one-line Input already does
        if self._fields:
            self.query_one(f"#f-{self._fields[0].name}").focus()

    def values(self) -> dict[str, Any]:
        """What is in the form now, as text (selects give their value, or None)."""
        out: dict[str, Any] = {}
        for spec in self._fields:
            widget = self.query_one(f"#f-{spec.name}")
            if isinstance(widget, TextArea):
                out[spec.name] = widget.text
            elif isinstance(widget, Select):
                out[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    def action_save(self) -> None:
        try:
            self._apply(self.values())
        except LetsTalkError as exc:
            self.query_one("#problem", Static).update(Text(exc.message))
            return
        self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.action_save()
