"""A form dialog for one plan entry (a goal, an action, a meeting...), built from field specs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Literal

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from letstalk.errors import LetsTalkError
from letstalk.model import date_reading, parse_date
from letstalk.tui.screens.dialogs import KeepsTyping
from letstalk.tui.widgets.items import DATE_PLACEHOLDER


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entry form."""

    name: str
    label: str
    kind: Literal["text", "long", "date", "select"] = "text"
    options: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(value, label) pairs for a select; a value of "" means none."""
    hint: str = ""
    default: str = ""
    """What the field holds for a new entry (a select's key), when the entry has no value yet."""


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


class EntryDialog(KeepsTyping[bool]):
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
        *,
        month_first: bool = True,
    ) -> None:
        super().__init__()
        self._title, self._fields, self._values, self._apply = title, fields, values, apply
        self._month_first = month_first
        """How a slashed date is read (her setting)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog entry"):
            yield Label(Text(self._title), classes="dialog-title")
            for spec in self._fields:
                yield Label(Text(spec.label), classes="field-label")
                value = _shown(self._values.get(spec.name)) or spec.default
                if spec.kind == "long":
                    yield TextArea(value, soft_wrap=True, id=f"f-{spec.name}", classes="long")
                elif spec.kind == "select":
                    options = [(Text(label), key) for key, label in spec.options]
                    current = value if value in {key for key, _ in spec.options} else Select.NULL
                    yield Select(options, value=current, id=f"f-{spec.name}", allow_blank=True, prompt="(none)")
                else:
                    placeholder = DATE_PLACEHOLDER if spec.kind == "date" else spec.hint
                    yield Input(value, placeholder=placeholder, id=f"f-{spec.name}")
                # A field's own problem (or a date's reading) shows under it, as soon as she leaves it.
                yield Static(self._reading(spec, value), id=f"e-{spec.name}", classes="reading")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        if self._fields:
            self.query_one(f"#f-{self._fields[0].name}").focus()

    def _reading(self, spec: FieldSpec, raw: str) -> Text:
        """A date's reading in words, or why it is not a date; nothing for other fields."""
        if spec.kind != "date":
            return Text()
        try:
            value = parse_date(raw, month_first=self._month_first)
        except ValueError as exc:
            return Text(str(exc))
        return Text(f"= {date_reading(value)}" if value else "")

    def _check(self, spec: FieldSpec) -> None:
        """Show a date field's reading or problem under it; another field's note goes once she has been back to it."""
        widget = self.query_one(f"#f-{spec.name}")
        note = self.query_one(f"#e-{spec.name}", Static)
        if spec.kind == "date" and isinstance(widget, Input):
            reading = self._reading(spec, widget.value)
            note.update(reading)
            note.set_class(bool(reading.plain) and not reading.plain.startswith("= "), "error")
        elif note.has_class("error"):
            note.update(Text())  # the save that follows says again if it still will not do
            note.set_class(False, "error")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        spec = next((f for f in self._fields if f"f-{f.name}" == event.widget.id), None)
        if spec is not None:
            self._check(spec)

    def values(self) -> dict[str, Any]:
        """What is in the form now: text, dates read by her setting, selects' values (or None).

        A date that cannot be read raises :class:`LetsTalkError` naming the field.
        """
        out: dict[str, Any] = {}
        for spec in self._fields:
            widget = self.query_one(f"#f-{spec.name}")
            if isinstance(widget, TextArea):
                out[spec.name] = widget.text
            elif isinstance(widget, Select):
                out[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Input) and spec.kind == "date":
                try:
                    out[spec.name] = parse_date(widget.value, month_first=self._month_first)
                except ValueError as exc:
                    raise LetsTalkError(None, str(exc), spec.name) from None
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    def action_save(self) -> None:
        for spec in self._fields:
            self._check(spec)
        try:
            self._apply(self.values())
        except LetsTalkError as exc:
            self.query_one("#problem", Static).update(Text(exc.message))
            field = (exc.where or "").rpartition(".")[2]
            if any(spec.name == field for spec in self._fields):
                note = self.query_one(f"#e-{field}", Static)
                note.update(Text(exc.message))
                note.set_class(True, "error")
                # Her cursor goes to what needs fixing, and the note under it is in sight.
                self.query_one(f"#f-{field}").focus()
                self.call_after_refresh(note.scroll_visible, animate=False)
            return
        self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        self.action_save()
