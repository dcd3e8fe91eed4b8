"""The Log screen: every collaboration newest first, filters, a this-term-vs-last strip, add/edit/delete.

The screen only shows: the queries are :mod:`letstalk.log`, the edits :class:`letstalk.model.CollabLog`
methods and :mod:`letstalk.log.form`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Select, Static

from letstalk import log as queries
from letstalk.log.form import Form, add_from_form, filter_choices, form_of, new_form, update_from_form
from letstalk.log.terms import Terms
from letstalk.model import LogEntry, LogKind
from letstalk.tui.collector import collect_after_frame
from letstalk.tui.host import Host, WorkbookHost
from letstalk.tui.widgets.footer import HelpFirstFooter
from letstalk.tui.widgets.table import Table

COLUMNS = ("Date", "Kind", "Teachers", "Grade", "What we did", "Students")
FILTERS = ("teacher", "grade", "kind", "term")
MAX_ROW_CHANGES = 50
"""Beyond this many rows added or removed at once, the table is rebuilt whole."""


def entry_cells(entry: LogEntry) -> tuple[Text, ...]:
    """One table row; a private entry is marked, so what is shared is never a guess."""
    what = ("(just me) " if entry.private else "") + ("★ " if entry.story else "") + entry.what
    cells = (entry.on.isoformat(), entry.kind.short, ", ".join(entry.teachers), entry.grade, what)
    return (
        *(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells),
        Text(str(entry.students or ""), justify="right"),
    )


class LogScreen(Screen[None]):
    """The collaboration log as a table, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.home", "Home", tooltip="back to Home"),
        Binding("a", "add", "Add", tooltip="add a collaboration to the log"),
        Binding("e,enter", "edit", "Edit", tooltip="edit the highlighted log entry"),
        Binding("c", "repeat", "Repeat", tooltip="repeat the highlighted entry today (the same lesson again)"),
        Binding("d,delete", "delete", "Delete", tooltip="delete the highlighted log entry (asks first)"),
        Binding("f", "filters", "Filter", tooltip="move to the filters (teacher, grade, kind, term)"),
        Binding("y", "app.school_year", "Year", show=False, tooltip="set the school year and its terms (profile)"),
    ]

    host = Host[WorkbookHost]()

    def __init__(self, today: date | None = None) -> None:
        super().__init__()
        self._today = today
        self._ids: list[str] | None = None  # the entries the table shows, in order (None: not drawn yet)

    @property
    def today(self) -> date:
        """The day "this term" is measured from (fixed in tests)."""
        return self._today or date.today()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="log-summary")
        yield Static(id="log-measures")
        with Horizontal(id="log-filters"):
            for name in FILTERS:
                yield Select([], prompt=f"any {name}", id=f"filter-{name}", allow_blank=True, compact=True)
        yield Table(id="log-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="log-empty")
        yield HelpFirstFooter()

    def on_mount(self) -> None:
        table = self.query_one("#log-table", DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        self.refresh_log()
        table.focus()

    # -- drawing ---------------------------------------------------------------------------

    @property
    def wanted(self) -> queries.LogFilter:
        """The filter the selects describe."""
        values: dict[str, Any] = {}
        for name in FILTERS:
            value = self.query_one(f"#filter-{name}", Select).value
            values[name] = None if value is Select.NULL else value
        if values["kind"] is not None:
            values["kind"] = LogKind(values["kind"])
        return queries.LogFilter(**values)

    def refresh_log(self, select: str | None = None) -> None:
        """Redraw the table, then the summary and the filter choices; highlight ``select`` when given.

        ``select`` is also the entry just added or edited: its row is drawn afresh, and the
        summary, measures and choices (which read every entry) follow once that frame is out.
        """
        terms = queries.terms_for(self.host.workbook.log, self.today)
        wanted = self._draw_table(terms, select)
        if select is None:
            self._draw_aside(terms, wanted)
        else:
            self.call_after_refresh(self._draw_aside, terms, wanted)

    def _draw_table(self, terms: Terms, select: str | None) -> queries.LogFilter:
        """Draw the entries the filters let through; return the filter used."""
        log = self.host.workbook.log
        wanted = self.wanted
        table = self.query_one("#log-table", Table)
        current = select or self._highlighted()
        shown = queries.select(log.entries, wanted, terms)
        ids = self._fill_table(table, shown, select)
        if current in ids:
            table.move_cursor(row=ids.index(current))
        empty = self.query_one("#log-empty", Static)
        empty.display = not shown
        if not log.entries:
            empty.update("Nothing logged yet. Press a to add a collaboration: a teacher, a kind, one line.")
        elif not shown:
            empty.update("No entry matches these filters.")
        return wanted

    def _draw_aside(self, terms: Terms, drawn_with: queries.LogFilter) -> None:
        log = self.host.workbook.log
        self._draw_summary(queries.this_vs_last(log, self.today, terms))
        self._draw_measures()
        self._set_choices(filter_choices(log, terms))
        if self.wanted != drawn_with:
            # A filter whose last entry went (deleted, or edited to another teacher or term) is
            # no longer offered, and the select dropped it quietly: draw what is left unfiltered.
            self._draw_table(terms, None)

    def _fill_table(self, table: Table[Text], shown: list[LogEntry], redraw: str | None) -> list[str]:
        """Show ``shown`` in order, touching only the rows that changed.

        Rebuilding 2,000 rows for one new entry took most of a second; a handful of row changes
        and a re-sort take a few milliseconds. Many changes at once (a new filter) rebuild.
        """
        ids = [entry.id for entry in shown]
        drawn, wanted = set(self._ids or ()), set(ids)
        gone = [entry_id for entry_id in self._ids or () if entry_id not in wanted]
        new = [entry for entry in shown if entry.id not in drawn]
        if self._ids is None or len(gone) + len(new) > MAX_ROW_CHANGES:
            table.clear()
            for entry in shown:
                table.add_row(*entry_cells(entry), key=entry.id)
        else:
            for entry_id in gone:
                table.remove_row(entry_id)
            for entry in new:
                table.add_row(*entry_cells(entry), key=entry.id)
            if redraw in drawn and redraw in wanted:
                entry = next(entry for entry in shown if entry.id == redraw)
                for column, cell in zip(COLUMNS, entry_cells(entry), strict=True):
                    table.update_cell(redraw, column, cell, update_width=True)
            # The table is in self._ids' order after every call; rows added here go at its end.
            if [i for i in self._ids if i in wanted] + [entry.id for entry in new] != ids:
                table.order(ids)
        self._ids = ids
        return ids

    def _draw_summary(self, comparison: queries.Comparison) -> None:
        this, last = comparison.this, comparison.last
        rows = (
            ("Collaborations", this.collaborations, last.collaborations),
            ("Teachers", this.teachers, last.teachers),
            ("Students", this.students, last.students),
        )
        this_name = comparison.this_term.name if comparison.this_term else ""
        last_name = comparison.last_term.name if comparison.last_term else ""
        text = Text()
        text.append(f"{'':15}", "bold")
        text.append(f"{'This term ' + this_name:<30}", "bold")
        text.append(f"{'Last term ' + last_name}\n", "bold")
        for label, now, before in rows:
            top = max(now, before)
            text.append(f"{label:15}{now:>6} ")
            text.append(f"{queries.text_bar(now, top, 20):23}", "bold")
            text.append(f"{before:>6} ")
            text.append(queries.text_bar(before, top, 20), "dim")
            text.append("\n")
        text.rstrip()
        self.query_one("#log-summary", Static).update(text)

    def _draw_measures(self) -> None:
        from letstalk.log.measures import workbook_measures

        found = workbook_measures(self.host.workbook, self.today)
        line = self.query_one("#log-measures", Static)
        line.display = bool(found)
        line.update(Text("Your measures: " + " · ".join(m.line() for m in found), no_wrap=True, overflow="ellipsis"))

    def _set_choices(self, choices: Any) -> None:
        lists = {
            "teacher": [(Text(t), t) for t in choices.teachers],
            "grade": [(Text(g), g) for g in choices.grades],
            "kind": [(Text(k.label), k.value) for k in choices.kinds],
            "term": [(Text(t), t) for t in choices.terms],
        }
        for name, options in lists.items():
            widget = self.query_one(f"#filter-{name}", Select)
            keep = widget.value
            if [value for _, value in options] != getattr(widget, "_offered", None):
                with widget.prevent(Select.Changed):
                    widget.set_options(options)
                    widget._offered = [value for _, value in options]  # type: ignore[attr-defined]  # remembered on the Select itself
                    if keep is not Select.NULL and keep in widget._offered:  # type: ignore[attr-defined]  # set just above
                        widget.value = keep

    def _highlighted(self) -> str | None:
        table = self.query_one("#log-table", DataTable)
        ids = self._ids or []
        return ids[table.cursor_row] if ids and 0 <= table.cursor_row < len(ids) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id and event.select.id.startswith("filter-"):
            self.refresh_log()

    # -- editing ---------------------------------------------------------------------------

    def _goals(self) -> list[tuple[str, str]]:
        return [(g.id, f"{n}. {g.title}") for n, g in enumerate(self.host.workbook.plan.goals, 1)]

    def action_add(self) -> None:
        """Open the add dialog for a new entry dated today."""
        from letstalk.tui.screens.log_entry import LogEntryDialog

        log = self.host.workbook.log
        added: list[str] = []

        def apply(form: Form) -> None:
            added.append(add_from_form(log, form).id)

        def done(result: object) -> None:
            if result and added:
                self._changed(added[-1])

        self.app.push_screen(
            LogEntryDialog("Add a collaboration", new_form(log, self.today), self._goals(), apply), done
        )

    def action_edit(self) -> None:
        """Edit the highlighted entry."""
        from letstalk.tui.screens.log_entry import LogEntryDialog

        log = self.host.workbook.log
        entry_id = self._highlighted()
        entry = log.entry(entry_id) if entry_id else None
        if entry is None:
            return
        changed: list[bool] = []

        def apply(form: Form) -> None:
            changed.append(update_from_form(log, entry.id, form))

        def done(result: object) -> None:
            if result and any(changed):
                self._changed(entry.id)

        self.app.push_screen(LogEntryDialog("Edit the collaboration", form_of(entry, log), self._goals(), apply), done)

    def action_repeat(self) -> None:
        """Log the highlighted entry again today: the same lesson with another class."""
        entry_id = self._highlighted()
        if entry_id is None:
            return
        copy = self.host.workbook.log.duplicate(entry_id, self.today)
        self._changed(copy.id)
        self.notify(f"Repeated today: {copy.what}", timeout=3)

    def action_delete(self) -> None:
        """Delete the highlighted entry, after asking."""
        from letstalk.tui.screens.dialogs import ConfirmDialog

        log = self.host.workbook.log
        entry_id = self._highlighted()
        entry = log.entry(entry_id) if entry_id else None
        if entry is None:
            return

        def confirmed(yes: object) -> None:
            if yes is True and log.entry(entry.id) is not None:
                log.delete(entry.id)
                self._changed(None)

        self.app.push_screen(
            ConfirmDialog("Delete this entry?", entry.one_line(), yes="Delete", no="Keep it"), confirmed
        )

    def action_filters(self) -> None:
        """Focus the first filter."""
        self.query_one("#filter-teacher", Select).focus()

    def _changed(self, select: str | None) -> None:
        collect_after_frame(self)
        self.refresh_log(select)
        # Debounced like typing, not at once: a long log's save would otherwise hold back the frame
        # that shows the change (at 2,000 entries, 150 ms instead of 50). Quitting or a signal saves it.
        self.host.request_save()
