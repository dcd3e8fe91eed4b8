"""The school-year dialog of the profile: how the year is divided, its days, own terms, staff and grades.

Set once; "this term" and "last term" on the Log screen and the snapshot's periods follow it.
The dialog only shows: reading and checking the fields is :mod:`letstalk.log.calendar`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from letstalk.log.calendar import CalendarForm, apply_calendar, calendar_form, preview
from letstalk.model import TermScheme
from letstalk.tui.host import WorkbookHost
from letstalk.tui.screens.dialogs import FormDialog

FIELDS = ("year_start", "year_end", "terms", "staff", "grades")


class SchoolYearDialog(FormDialog):
    """Edit the school calendar; ``apply`` stores it (a LetsTalkError keeps the dialog open with the reason)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#f-scheme"
    DEFAULT_CSS = """
    SchoolYearDialog .dialog { width: 78; padding: 0 1; }
    SchoolYearDialog Grid { grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; height: auto; grid-gutter: 0 1; }
    SchoolYearDialog Grid Input, SchoolYearDialog Grid Input:focus { border: none; height: 1; padding: 0 1; }
    SchoolYearDialog #preview { color: $text-muted; margin-top: 1; height: auto; }
    SchoolYearDialog .dialog-buttons { height: auto; margin-top: 1; }
    """

    def __init__(self, form: CalendarForm, apply: Callable[[CalendarForm], Any], today: date | None = None) -> None:
        super().__init__()
        self._form, self._apply, self._today = form, apply, today or date.today()

    def compose(self) -> ComposeResult:
        form = self._form
        with Vertical(classes="dialog"):
            yield Label("School year and terms", classes="dialog-title")
            with Grid():
                yield Label("Terms")
                yield Select(
                    [(Text(s.value.capitalize()), s.value) for s in TermScheme],
                    value=form.scheme,
                    allow_blank=False,
                    id="f-scheme",
                    compact=True,
                )
                yield Label("First day")
                yield Input(form.year_start, id="f-year_start", placeholder="MM-DD, such as 08-15")
                yield Label("Last day")
                yield Input(form.year_end, id="f-year_end", placeholder="MM-DD, such as 06-15")
                yield Label("Own term dates")
                yield Input(form.terms, id="f-terms", placeholder="Fall 2026-08-20..2026-12-18; Spring ...")
                yield Label("Teachers (staff)")
                yield Input(form.staff, id="f-staff", placeholder="how many teachers the school has")
                yield Label("Grades/courses")
                yield Input(form.grades, id="f-grades", placeholder="K, 1, 2, 3, 4, 5")
            yield Static(id="preview")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (Enter)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_preview()

    def form(self) -> CalendarForm:
        """What the dialog holds now."""
        values = {name: self.query_one(f"#f-{name}", Input).value for name in FIELDS}
        return CalendarForm(scheme=str(self.query_one("#f-scheme", Select).value), **values)

    def _show_preview(self) -> None:
        self.query_one("#preview", Static).update(Text(preview(self.form(), self._today)))

    def on_input_changed(self) -> None:
        self._show_preview()

    def on_select_changed(self) -> None:
        self._show_preview()


def edit_school_year(app: App[Any], host: WorkbookHost) -> None:
    """Open the school-year dialog over ``app`` and save ``host``'s workbook when the year changed."""
    changed: list[bool] = []

    def apply(form: CalendarForm) -> None:
        changed.append(apply_calendar(host.workbook.log, form))

    def done(result: object) -> None:
        if result and any(changed):
            host.request_save(immediate=True)
            refresh = getattr(app.screen, "refresh_log", None)
            if callable(refresh):
                refresh()

    app.push_screen(SchoolYearDialog(calendar_form(host.workbook.log), apply), done)
