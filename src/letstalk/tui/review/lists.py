"""Small review screens: the rubric roll-up, the files not reviewed, and the report dialog."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from letstalk.errors import LetsTalkError
from letstalk.files.target import write_output
from letstalk.review import Review
from letstalk.text import printable, shown_path
from letstalk.tui.screens.dialogs import Dialog
from letstalk.tui.steady import ClosesOnce
from letstalk.tui.widgets.table import Table

REPORT_SUFFIXES = {".md": "md", ".html": "html", ".csv": "csv"}


class ReviewModal(ClosesOnce, ModalScreen[None]):
    """A full-width read-only panel over the dashboard; Escape closes it."""

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review

    def action_close(self) -> None:
        self.dismiss()


class RubricScreen(ReviewModal):
    """The rubric roll-up: how many chose each level, per theme."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-panel"):
            yield Label(
                "Growth rubric: how the cohort rates itself (counts of readable workbooks)", classes="dialog-title"
            )
            yield Table(id="rubric-rollup", cursor_type="row", zebra_stripes=True, fixed_columns=1)
            yield Static("Escape closes.", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        themes = self.review.scope.themes
        if not themes:
            return
        table.add_column("Theme", width=24, key="theme")
        for level, label in themes[0].levels:
            table.add_column(label, key=level)
        table.add_column("Not rated", key="")
        for theme in themes:
            counted = self.review.distribution(theme.id)
            values = [str(counted.get(level, 0)) for level, _ in theme.levels] + [str(counted.get("", 0))]
            table.add_row(Text(theme.text, no_wrap=True, overflow="ellipsis"), *values, key=theme.id)
        table.focus()


class ProblemsScreen(ReviewModal):
    """Every file that could not be reviewed, and why, one line each."""

    def compose(self) -> ComposeResult:
        lines = self.review.notes()
        with Vertical(classes="review-panel"):
            yield Label(f"Problems ({len(lines)})", classes="dialog-title")
            with VerticalScroll(id="problems"):
                for line in lines or ["Every file could be read, one per person, all on the roster."]:
                    yield Static(Text(printable(line)), classes="problem")
            yield Static(
                "Fix a file in a text editor (or ask its owner to), then press F5 on the dashboard.", classes="hint"
            )


class ExportDialog(Dialog[Path]):
    """Ask for a report file name; the format follows its ending (.md, .html or .csv)."""

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review

    def compose(self) -> ComposeResult:
        # Beside the review folder, not in it: the folder holds participants' files only.
        suggestion = self.review.folder.resolve().parent / f"{self.review.folder.resolve().name}-report.html"
        with Vertical(classes="dialog"):
            yield Label("Export a report", classes="dialog-title")
            yield Static(
                "Type the report's file name (ending .md, .html or .csv) and press Enter.", classes="dialog-message"
            )
            yield Input(str(suggestion), id="report-path")
            yield Static(id="problem", classes="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from letstalk.review.report import render

        path = Path(event.value.strip()).expanduser()
        problem = self.query_one("#problem", Static)
        fmt = REPORT_SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            problem.update("End the name with .md, .html or .csv.")
            return
        if path.is_dir() or not path.parent.is_dir():
            problem.update(Text(f"Choose a file in a folder that exists: {shown_path(path.parent)} is not one."))
            return
        try:
            write_output(path, render(self.review, fmt))
        except LetsTalkError as exc:
            problem.update(Text(printable(str(exc))))
            return
        self.notify(f"Wrote {shown_path(path)}", markup=False)
        self.dismiss(path)
