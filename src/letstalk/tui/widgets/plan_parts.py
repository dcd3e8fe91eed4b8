"""The parts of the Plan screen: what each shows and which fields its entries have.

The screen draws every table part with one :class:`PlanTable`; all the editing goes through
:mod:`letstalk.plan`, so this file only says what to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from letstalk.model import Action, ActionStatus, CurriculumEntry, Goal, Meeting, Stakeholder, StakeholderRole, Workbook
from letstalk.plan import ROLE_LABELS, STATUS_LABELS, Lines, Part, Plan, Smart
from letstalk.tui.screens.entry import FieldSpec
from letstalk.tui.widgets.table import Table

Cell = Callable[[Any, Plan], str]

JUST_FOR_ME = (
    ("False", "Shared: it goes out with the plan"),
    ("True", "Just for me: left out of every export for someone else"),
)
"""The "who sees it" select's two answers (a new entry is shared)."""
SHORT_COLUMN = 24
"""A column this narrow (a name, a date, a status) is never cut; longer text wraps instead."""
PLAN_CHROME = 28
"""Columns of the Plan screen that are not the table: the parts list, borders, padding, scrollbar."""
MAX_ROW_LINES = 3
"""Longest a wrapped cell grows before it ends in an ellipsis."""


def fit_widths(natural: list[int], least: list[int], room: int) -> list[int]:
    """Column widths that fit ``room``: the widest column gives way first, none below its ``least``."""
    widths = list(natural)
    while sum(widths) > room:
        shrinkable = [i for i, width in enumerate(widths) if width > least[i]]
        if not shrinkable:
            break  # cannot fit: the table scrolls sideways
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _line(text: str, width: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _smart(goal: Any, plan: Plan) -> str:
    return " ".join(p.value[0].upper() if p not in goal.missing else "·" for p in Smart)


def _goal_fields(workbook: Workbook) -> list[FieldSpec]:
    return [
        FieldSpec("title", "Goal, in a line"),
        FieldSpec("specific", "Specific: what exactly will change?", "long"),
        FieldSpec("measurable", "Measurable: how will you know?", "long"),
        FieldSpec("achievable", "Achievable: why is it within reach?", "long"),
        FieldSpec("relevant", "Relevant: which school goal does it serve?", "long"),
        FieldSpec("time_bound", "Time-bound: by when?"),
        FieldSpec("evidence", "How we will know: the evidence we will look at", "long"),
        FieldSpec("target", "Target date", "date"),
        FieldSpec("private", "Who sees it", "select", JUST_FOR_ME, default="False"),
    ]


def _action_fields(workbook: Workbook) -> list[FieldSpec]:
    goals = tuple((g.id, f"{n}. {g.title}") for n, g in enumerate(workbook.plan.goals, 1))
    return [
        FieldSpec("what", "What will be done", "long"),
        FieldSpec("owner", "Who does it"),
        FieldSpec("due", "Due", "date"),
        FieldSpec("status", "Status", "select", tuple((s.value, STATUS_LABELS[s]) for s in ActionStatus)),
        FieldSpec("goal", "Goal it serves", "select", goals),
        FieldSpec("resources", "Resources or budget it needs"),
        FieldSpec("serves", "Who it serves (a grade, a group)"),
        FieldSpec("private", "Who sees it", "select", JUST_FOR_ME, default="False"),
    ]


def _stakeholder_fields(workbook: Workbook) -> list[FieldSpec]:
    return [
        FieldSpec("name", "Name"),
        FieldSpec("role", "Role", "select", tuple((r.value, ROLE_LABELS[r]) for r in StakeholderRole)),
        FieldSpec("cares_about", "What they care about most", "long"),
        FieldSpec("private", "Who sees it", "select", JUST_FOR_ME, default="False"),
    ]


def _curriculum_fields(workbook: Workbook) -> list[FieldSpec]:
    return [
        FieldSpec("course", "Grade or course"),
        FieldSpec("unit", "Unit"),
        FieldSpec("contribution", "What the library brings", "long"),
        FieldSpec("partner", "Teacher partner"),
        FieldSpec("term", "Term or month"),
        FieldSpec("private", "Who sees it", "select", JUST_FOR_ME, default="False"),
    ]


def _meeting_fields(workbook: Workbook) -> list[FieldSpec]:
    return [
        FieldSpec("on", "Date", "date"),
        FieldSpec("start", "Start time (such as 07:45 or 2:30 pm; empty for all day)", hint="15:30"),
        FieldSpec("minutes", "Length in minutes", hint="30"),
        FieldSpec("with_whom", "With whom"),
        FieldSpec("agenda", "Agenda", "long"),
        FieldSpec("notes", "Notes", "long"),
        FieldSpec("follow_up", "Follow-up", "long"),
        FieldSpec("private", "Who sees it", "select", JUST_FOR_ME, default="False"),
    ]


@dataclass(frozen=True)
class TablePart:
    """A part of the plan shown as a table of entries with add, edit, delete and reorder."""

    key: str
    title: str
    intro: str
    kind: type
    noun: str
    note_part: Part
    columns: tuple[tuple[str, Cell], ...]
    fields: Callable[[Workbook], list[FieldSpec]]

    def rows(self, plan: Plan) -> tuple[Any, ...]:
        """The entries as the built plan has them (actions include ones found in the answers)."""
        return getattr(plan, self.key)


@dataclass(frozen=True)
class LinesPart:
    """A plain list of lines: areas of promise, professional learning."""

    key: Lines
    title: str
    intro: str
    noun: str
    note_part: Part


@dataclass(frozen=True)
class TextPart:
    """One or two paragraphs: the vision, measures and sharing."""

    key: str
    title: str
    intro: str
    fields: tuple[tuple[str, str, str | None], ...]
    """(plan field, label, content item id the answer falls back to)."""


@dataclass(frozen=True)
class PreviewPart:
    """The whole summary as it will be exported, with export keys."""

    key: str
    title: str
    intro: str


PlanPart = TablePart | LinesPart | TextPart | PreviewPart

PARTS: tuple[PlanPart, ...] = (
    TextPart(
        "vision",
        "Shared vision",
        "What you and your principal see the library doing for students.",
        (("vision", "Shared vision statement", "plan.vision"),),
    ),
    LinesPart(
        "areas", "Areas of promise", "Where library, school and district priorities overlap.", "area", Part.AREAS
    ),
    TablePart(
        "stakeholders",
        "People",
        "Who the plan involves and what each cares about.",
        Stakeholder,
        "person",
        Part.STAKEHOLDERS,
        (
            ("Name", lambda e, p: e.name),
            ("Role", lambda e, p: e.role_label),
            ("Cares about", lambda e, p: _line(e.cares_about)),
        ),
        _stakeholder_fields,
    ),
    TablePart(
        "goals",
        "SMART goals",
        "One to five goals. The SMART column shows the parts still missing as ·.",
        Goal,
        "goal",
        Part.GOALS,
        (("#", lambda e, p: str(p.goal_number(e.id))), ("SMART", _smart), ("Goal", lambda e, p: _line(e.title))),
        _goal_fields,
    ),
    TablePart(
        "actions",
        "Actions",
        "Who does what, by when. Actions from your answers show where they came from.",
        Action,
        "action",
        Part.ACTIONS,
        (
            ("What", lambda e, p: _line(e.what)),
            ("Owner", lambda e, p: _line(e.owner)),  # before the date: at 80 columns a name still shows whole
            ("Due", lambda e, p: _date(e.due)),
            ("Status", lambda e, p: e.status_label),
            ("Goal", lambda e, p: str(p.goal_number(e.goal) or "")),
            ("From", lambda e, p: e.source_title),
        ),
        _action_fields,
    ),
    TablePart(
        "curriculum",
        "Curriculum map",
        "Where the library contributes to units, and with whom.",
        CurriculumEntry,
        "entry",
        Part.CURRICULUM,
        (
            ("Course", lambda e, p: e.course),
            ("Unit", lambda e, p: e.unit),
            ("Library brings", lambda e, p: _line(e.contribution)),
            ("Partner", lambda e, p: e.partner),
            ("Term", lambda e, p: e.term),
        ),
        _curriculum_fields,
    ),
    LinesPart("learning", "Professional learning", "What you will offer teachers.", "offer", Part.LEARNING),
    TablePart(
        "meetings",
        "Meetings",
        "Meetings held or planned; the Step 4 follow-up appears here too.",
        Meeting,
        "meeting",
        Part.MEETINGS,
        (
            ("Date", lambda e, p: _date(e.on)),
            ("With", lambda e, p: e.with_whom),
            ("Agenda", lambda e, p: _line(e.agenda)),
            ("Follow-up", lambda e, p: _line(e.follow_up)),
        ),
        _meeting_fields,
    ),
    TextPart(
        "measures",
        "Measures and sharing",
        "How you will know it worked, and who hears about it.",
        (
            ("measures", "Measures of success", "act.measures"),
            ("sharing", "How results will be shared", "act.share-results"),
        ),
    ),
    PreviewPart(
        "preview",
        "Preview and export",
        "The summary as it will print. x exports it (Markdown, HTML, calendar, card, CSV).",
    ),
)


class PlanTable(Vertical):
    """One table part: the entries, the answers that give context, and the editing keys."""

    BINDINGS = [
        Binding("a", "add", "Add", tooltip="add an entry"),
        # The footer shows an action's first key: the letter, so a letter never acts unseen.
        Binding("e,enter", "edit", "Edit", tooltip="edit the highlighted entry"),
        Binding("d,delete", "delete", "Delete", tooltip="delete the highlighted entry (asks first)"),
        # [ and ] are not letters a sentence types; the hint under the table names them.
        Binding("left_square_bracket", "move(-1)", "Up", show=False, tooltip="move the entry up"),
        Binding("right_square_bracket", "move(1)", "Down", show=False, tooltip="move the entry down"),
    ]

    class Request(Message):
        """Ask the screen to add, edit, delete or move the entry ``entry_id`` (None for add)."""

        def __init__(self, part: TablePart | LinesPart, action: str, entry_id: str | None, offset: int = 0) -> None:
            super().__init__()
            self.part, self.action, self.entry_id, self.offset = part, action, entry_id, offset

    def __init__(self, part: TablePart | LinesPart) -> None:
        super().__init__(classes="plan-part")
        self.part = part

    def compose(self) -> ComposeResult:
        yield Static(Text(self.part.intro), classes="intro")
        yield Table(cursor_type="row", zebra_stripes=True, id="entries")
        yield Static(id="notes", classes="notes")
        keys = "a add · Enter edit · d delete · [ and ] move up and down"
        if self.part.key == "actions":
            keys += " · i adopt an idea"
        yield Static(Text(keys), classes="hint")

    def show(self, plan: Plan) -> None:
        """Fill the table from the built plan, keeping the cursor where it was."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        if isinstance(self.part, LinesPart):
            labels = [self.part.title]
            rows = [(str(index), [_line(line)]) for index, line in enumerate(getattr(plan, self.part.key))]
        else:
            labels = [label for label, _ in self.part.columns]
            rows = [(entry.id, [cell(entry, plan) for _, cell in self.part.columns]) for entry in self.part.rows(plan)]
        # Widths are set from the cells (DataTable's own sizing shrinks columns after a clear) and
        # fitted to the terminal: short columns (names, dates) stay whole, long text wraps.
        natural = [max([len(label)] + [len(cells[column]) for _, cells in rows]) for column, label in enumerate(labels)]
        keep = [
            width if width <= SHORT_COLUMN else max(len(label), 12)
            for width, label in zip(natural, labels, strict=True)
        ]
        room = max(40, self.app.size.width - PLAN_CHROME) - 2 * len(labels)  # two cells of padding a column
        widths = fit_widths(natural, keep, room)
        for label, width in zip(labels, widths, strict=True):
            table.add_column(label, width=width)
        for key, cells in rows:
            texts = [
                Text(cell[: width * MAX_ROW_LINES], overflow="ellipsis")
                for cell, width in zip(cells, widths, strict=True)
            ]
            table.add_row(*texts, key=key, height=None)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        notes = plan.notes_for(self.part.note_part)
        text = Text()
        for note in notes:
            text.append(f"{note.label} (from your answers)\n", style="bold")
            text.append(note.text.strip() + "\n\n")
        self.query_one("#notes", Static).update(text)
        self.query_one("#notes").display = bool(notes)

    def _current(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_add(self) -> None:
        self.post_message(self.Request(self.part, "add", None))

    def action_edit(self) -> None:
        if (entry := self._current()) is not None:
            self.post_message(self.Request(self.part, "edit", entry))

    def action_delete(self) -> None:
        if (entry := self._current()) is not None:
            self.post_message(self.Request(self.part, "delete", entry))

    def action_move(self, offset: int) -> None:
        if (entry := self._current()) is not None:
            self.post_message(self.Request(self.part, "move", entry, offset))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def select(self, entry_id: str) -> None:
        """Put the cursor on one entry (search jumps here) and focus the table."""
        table = self.query_one(DataTable)
        try:
            table.move_cursor(row=table.get_row_index(entry_id))
        except RowDoesNotExist:  # the entry was deleted meanwhile: stay where the cursor is
            return
        table.focus()

    def move_cursor_by(self, offset: int) -> None:
        """Follow an entry that was moved."""
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + offset)))
