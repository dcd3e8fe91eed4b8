"""Profile dialog: the workbook owner's name, school and role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from letstalk.errors import TooLongError
from letstalk.model.values import MAX_NAME, check_length
from letstalk.tui.screens.dialogs import Dialog
from letstalk.tui.widgets.problem import show_problem

if TYPE_CHECKING:
    from letstalk.model import Meta


class ProfileDialog(Dialog[dict[str, str]]):
    """Edit owner, school and role; returns a dict of the new values or None."""

    def __init__(self, meta: Meta) -> None:
        super().__init__()
        self._meta = meta

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Your profile", classes="dialog-title")
            yield Label("Name")
            yield Input(self._meta.owner, id="owner", max_length=200)
            yield Label("School")
            yield Input(self._meta.school, id="school", max_length=200)
            yield Label("Role")
            yield Input(self._meta.role, id="role", placeholder="for example: Teacher-librarian", max_length=200)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def _values(self) -> dict[str, str]:
        return {key: self.query_one(f"#{key}", Input).value.strip() for key in ("owner", "school", "role")}

    def _save(self) -> None:
        """Close with the new values, unless one is too long to keep: then it stays, with the reason."""
        values = self._values()
        for key, value in values.items():
            field = self.query_one(f"#{key}", Input)
            try:
                check_length(value, MAX_NAME, "name" if key == "owner" else key)
            except TooLongError as exc:
                show_problem(field, exc.message)
                field.focus()
                return
            show_problem(field, None)
        self.dismiss(values)

    def on_input_submitted(self) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)
