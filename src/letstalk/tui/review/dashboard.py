"""The dashboard: participants × sessions (or × Let's Talk steps), with filters, sorts and a roll-up."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, ProgressBar, Select, Static

from letstalk.errors import LetsTalkError
from letstalk.review import Participant, Review
from letstalk.review.grid import (
    MARKS_KEY,
    VIEW_TITLES,
    Order,
    Show,
    View,
    cells,
    columns,
    counts,
    rollup,
    rows,
    short,
    updated_cell,
)
from letstalk.review.sessions import (
    attended,
    attendees,
    heading,
    is_session,
    meeting,
    not_started,
    past_not_started,
)
from letstalk.text import one_line, printable, shown_path
from letstalk.tui.host import Host, ReviewHost
from letstalk.tui.widgets.footer import HelpFirstFooter
from letstalk.tui.widgets.table import Table

ROLLUP = "__rollup__"
NAME_WIDTH = 12
UPDATED_WIDTH = 12
"""``01 Jun stale`` fits; ``full`` and other flags are cut with an ellipsis (the line under the grid says them)."""


class DashboardScreen(Screen[None]):
    """Who has done what: a mark and a fraction per participant and section."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("t", "toggle_view", "View"),
        Binding("s", "sort", "Sort"),
        Binding("f", "feedback", "Feedback"),
        Binding("r", "rubric", "Rubric"),
        Binding("e", "problems", "Problems"),
        Binding("x", "export", "Export"),
        Binding(
            "b",
            "send_back",
            "Send back",
            show=False,
            tooltip="write each participant's feedback into a folder, to send back",
        ),
        Binding("a", "attend", "Attended"),
        Binding("v", "question", "Question view"),
        Binding("slash", "find", "Find", show=False),
        Binding("f5", "rescan", "Rescan", show=False),
    ]

    host = Host[ReviewHost]()

    def __init__(self) -> None:
        super().__init__()
        self.view = View.SESSIONS
        self.order = Order.NAME
        self.shown: list[Participant] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the workbooks…", id="summary")
        with Horizontal(id="filters"):
            yield Input(placeholder="/ name or school", id="name")
            yield Select([], prompt="All sessions", id="session")
            yield Select([(s.label, s.value) for s in Show], value=Show.ALL.value, allow_blank=False, id="show")
        yield ProgressBar(id="scan-progress", show_eta=False)
        yield Table(id="grid", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Static(id="detail")
        yield HelpFirstFooter()

    @property
    def review(self) -> Review | None:
        return self.host.review

    # -- scanning --------------------------------------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """Move the progress bar while the workbooks are read."""
        bar = self.query_one("#scan-progress", ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        self.query_one("#summary", Static).update(f"Reading the workbooks… {done} of {total}")

    def show_failure(self, message: str) -> None:
        """The folder itself could not be read."""
        self.query_one("#scan-progress").display = False
        self.query_one("#summary", Static).update(Text(printable(message)))

    def show_review(self, review: Review) -> None:
        """Fill the grid once the scan is done."""
        self.query_one("#scan-progress").display = False
        self.app.sub_title = review.cohort.name if review.cohort else shown_path(review.folder)
        self._fill_sessions()
        self.refresh_grid()
        self.query_one("#grid").focus()

    def _fill_sessions(self) -> None:
        if self.review is None:
            return
        select = self.query_one("#session", Select)
        select.set_options([(f"{c.label} · {c.title}", c.id) for c in columns(self.review, self.view)])
        select.prompt = "All sessions" if self.view is View.SESSIONS else "All steps"

    # -- the grid --------------------------------------------------------------------------

    def refresh_grid(self) -> None:
        """Rebuild the grid from the review, the filters and the sort order."""
        review = self.review
        if review is None:
            return
        cols = columns(review, self.view)
        session = self.query_one("#session", Select).value
        shown = self.query_one("#show", Select).value  # blank for a moment while the Select mounts
        show = Show(shown) if isinstance(shown, str) else Show.ALL
        name = self.query_one("#name", Input).value
        self.shown = rows(
            review, cols, name=name, session=session if isinstance(session, str) else None, show=show, order=self.order
        )
        table = self.query_one("#grid", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        grid = [[p.name, updated_cell(p), *cells(p, cols, gap="", review=review)] for p in self.shown]
        totals = ["Completed", "", *rollup(review, cols)]
        table.header_height = 3 if self.view is View.SESSIONS else 1  # number, date, place
        table.add_column("Participant", width=NAME_WIDTH, key="name")
        table.add_column("Updated", width=UPDATED_WIDTH, key="updated")
        for index, column in enumerate(cols, 2):
            label = heading(review, column, short(column))
            width = max(len(row[index]) for row in [*grid, totals])
            width = max(width, len(label.split("\n")[0]), 6)
            table.add_column(Text(label, no_wrap=True, overflow="ellipsis"), width=width, key=column.id)
        for participant, values in zip(self.shown, grid, strict=True):
            table.add_row(
                *(Text(one_line(printable(v)), no_wrap=True, overflow="ellipsis") for v in values), key=participant.file
            )
        table.add_row(*(Text(v, style="bold") for v in totals), key=ROLLUP)
        table.move_cursor(row=min(cursor.row, table.row_count - 1), column=min(cursor.column, len(table.columns) - 1))
        summary = Text(counts(review))
        if review.cohort_problems:
            count = len(review.cohort_problems)
            summary.append(
                f"\ncohort.toml has {count} problem{'s' if count != 1 else ''} (showing what could be read):",
                style="bold",
            )
            for line in review.cohort_problems:
                summary.append("\n• " + printable(line), style="bold")
        else:
            summary.append(
                f"\n{VIEW_TITLES[self.view]} · sorted by {self.order.value} · stale after {review.stale_days} days",
                style="dim",
            )
        behind = past_not_started(review)
        if behind and self.view is View.SESSIONS:
            summary.append(
                "\nNot started after the session: "
                + " · ".join(f"{short(held.column)}: {len(people)}" for held, people in behind)
                + " (move to a column for names)"
            )
        self.query_one("#summary", Static).update(summary)
        self._describe()

    def current(self) -> Participant | None:
        """The participant under the cursor (None on the roll-up row)."""
        row = self.query_one("#grid", DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _describe(self) -> None:
        """The highlighted cell in words, under the grid."""
        if self.review is None:
            return
        table = self.query_one("#grid", DataTable)
        cols = columns(self.review, self.view)
        index = table.cursor_column - 2
        column = cols[index] if 0 <= index < len(cols) else None
        participant = self.current()
        detail = self.query_one("#detail", Static)
        if participant is None:
            if column is not None:
                words = (
                    f"{column.label} · {column.title}: completed by {self.review.completed(column.id)} "
                    f"of {len(self.review.readable())} readable workbooks"
                )
                if is_session(self.review, column):
                    words += (
                        f" · {meeting(self.review, column).when()} · attended: {len(attendees(self.review, column))}"
                    )
                    if meeting(self.review, column).past and (late := not_started(self.review, column)):
                        words += " · not started: " + ", ".join(p.name for p in late)
                detail.update(Text(printable(words)))
            else:
                detail.update(f"Completed: how many finished each section.  {MARKS_KEY}")
            return
        came = ""
        if column is not None and is_session(self.review, column):
            came = (
                " · attended" if attended(self.review, participant, column) else " · not marked as attended (a marks)"
            )
        if participant.state != "ok":
            detail.update(Text(one_line(printable(f"{participant.name}: {participant.error}{came}"))))
            return
        if column is None:
            words = f"{participant.name} · {participant.school} · {shown_path(participant.file)}"
            if participant.stale:
                words += f" · stale: not updated in {self.review.stale_days} days"
            if self.review.cohort and not participant.on_roster:
                words += " · not on the roster"
            if participant.entry and participant.entry.full:
                words += " · full workbook, not a hand-in (its private answers were not read)"
            if participant.older:
                words += f" · {len(participant.older)} older copy(ies) not counted (e lists them)"
            detail.update(Text(one_line(printable(words))))
            return
        mark = participant.mark(column.id)
        state = f"{mark.state.mark} {mark.state.label}, {mark.done} of {mark.total} answered" if mark else "not read"
        held = f" · {meeting(self.review, column).when()}" if is_session(self.review, column) else ""
        detail.update(
            Text(one_line(printable(f"{participant.name} · {column.label} · {column.title}: {state}{came}{held}")))
        )

    @on(DataTable.CellHighlighted, "#grid")
    def _highlighted(self) -> None:
        self._describe()

    @on(DataTable.CellSelected, "#grid")
    def _open(self, event: DataTable.CellSelected) -> None:
        participant = self.current()
        if participant is None:
            return
        if participant.state != "ok":
            self.notify(
                one_line(printable(participant.error)),
                title=one_line(printable(participant.name)),
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        from letstalk.tui.review.participant import ParticipantScreen

        cols = columns(self.review, self.view) if self.review else ()
        index = event.coordinate.column - 2
        self.app.push_screen(ParticipantScreen(participant, cols[index].id if 0 <= index < len(cols) else None))

    @on(Input.Changed, "#name")
    @on(Select.Changed, "#session")
    @on(Select.Changed, "#show")
    def _filtered(self) -> None:
        self.refresh_grid()

    @on(Input.Submitted, "#name")
    def _to_grid(self) -> None:
        self.query_one("#grid").focus()

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_view(self) -> None:
        """Switch the columns between the cohort sessions and the Let's Talk steps."""
        self.view = View.STEPS if self.view is View.SESSIONS else View.SESSIONS
        self.query_one("#session", Select).clear()
        self._fill_sessions()
        self.refresh_grid()

    def action_sort(self) -> None:
        """Sort by name, then last update, then progress."""
        order = list(Order)
        self.order = order[(order.index(self.order) + 1) % len(order)]
        self.refresh_grid()
        self.notify(f"Sorted by {self.order.value}", timeout=2)

    def action_find(self) -> None:
        self.query_one("#name", Input).focus()

    def action_rescan(self) -> None:
        self.host.rescan()

    def action_feedback(self) -> None:
        """Write feedback for the highlighted participant."""
        participant = self.current()
        if participant is None or participant.state != "ok":
            self.notify("Move to a participant whose workbook could be read.", severity="warning")
            return
        from letstalk.tui.review.feedback import FeedbackScreen

        self.app.push_screen(FeedbackScreen(participant))

    def action_question(self) -> None:
        """Read one question across the cohort: the section under the cursor (else the first session)."""
        review = self.review
        if review is None:
            return
        cols = columns(review, self.view)
        index = self.query_one("#grid", DataTable).cursor_column - 2
        column = cols[index] if 0 <= index < len(cols) else cols[0]
        from letstalk.tui.review.question import QuestionScreen

        self.app.push_screen(QuestionScreen(column.id))

    def action_attend(self) -> None:
        """Mark (or unmark) the highlighted participant as present at the highlighted session."""
        review = self.review
        participant = self.current()
        index = self.query_one("#grid", DataTable).cursor_column - 2
        cols = columns(review, View.SESSIONS) if review else ()
        if review is None or participant is None or self.view is not View.SESSIONS or not 0 <= index < len(cols):
            self.notify("Move to a participant's cell under a session (press t for sessions).", severity="warning")
            return
        if self.host.toggle_attendance(participant, cols[index]):
            self.refresh_grid()

    def action_rubric(self) -> None:
        """How the cohort rated itself on each rubric theme."""
        if self.review is not None:
            from letstalk.tui.review.lists import RubricScreen

            self.app.push_screen(RubricScreen(self.review))

    def action_problems(self) -> None:
        """Files that could not be reviewed, with their one-line errors."""
        if self.review is not None:
            from letstalk.tui.review.lists import ProblemsScreen

            self.app.push_screen(ProblemsScreen(self.review))

    def action_send_back(self) -> None:
        """Ask for a folder, then write each participant's feedback there, named to match her hand-in."""
        from letstalk.tui.screens.handoffs import PathDialog

        if self.review is None:
            return

        def chosen(out_dir: Path | None) -> None:
            if out_dir is None:
                return
            try:
                written, without, problems = self.host.return_feedback(out_dir)
            except LetsTalkError as exc:
                self.notify(str(exc), title="Nothing sent back", severity="error", timeout=12, markup=False)
                return
            missing = f"; {len(without)} without feedback yet" if without else ""
            self.notify(
                f"{len(written)} feedback file(s) written to {shown_path(out_dir)}{missing}. "
                "Send each participant hers; she adds it in letstalk (palette: Add my facilitator's feedback).",
                timeout=15,
                markup=False,
            )
            for problem in problems:
                self.notify(problem, severity="warning", timeout=15, markup=False)

        prompt = "An empty folder (not the review folder) to write each participant's feedback into. Type it and press Enter."
        self.app.push_screen(
            PathDialog(self.review.folder.parent, title="Send feedback back", prompt=prompt, kind="folder"), chosen
        )

    def action_export(self) -> None:
        """Write a report (md, html or csv)."""
        if self.review is not None:
            from letstalk.tui.review.lists import ExportDialog

            self.app.push_screen(ExportDialog(self.review))
