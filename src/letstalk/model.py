"""The workbook: one librarian's answers, section states, position and collaborative plan.

Views change a workbook only through its methods, then hand it to :mod:`letstalk.storage`.
Answers are keyed by content item id; answers whose id the content no longer has are kept.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StrictBool

from letstalk.content.models import CHALLENGE_STATUSES
from letstalk.errors import Hint, quote_key
from letstalk.textsafe import printable

if TYPE_CHECKING:
    from letstalk.content import Library, Pack, Section
    from letstalk.content.models import ItemBase

SCHEMA_VERSION = 1
"""The workbook schema this version of letstalk reads and writes."""

MAX_TEXT = 1_000_000
"""Longest answer accepted, in characters (a long reflection is a few thousand)."""


def now() -> datetime:
    """The current time, UTC, to the second (what the workbook records)."""
    return datetime.now(UTC).replace(microsecond=0)


_CRS_THEN_LF = re.compile(r"\r+\n")


def _clean_text(value: object) -> object:
    # A saved string must not hold "\r\n": tomli_w writes it as a raw line break and tomllib
    # reads every raw CRLF back as LF. So fold each run of CRs before a LF into that LF ("\r\r\n"
    # is one line end converted twice; one pass of replace("\r\n", "\n") would leave a CRLF),
    # then a lone "\r" into "\n" (an old Mac line end; on a terminal it returns the cursor and
    # lets later text overwrite earlier text).
    # Every other control character but "\n" and "\t" is then shown as a visible mark
    # (ESC -> "^[", see letstalk.textsafe.printable): typed, pasted or hand-edited text must never
    # carry an escape sequence into a screen, the header, an export or plain mode. Done here, at
    # validation, no view has to remember it; the result holds no control character, so cleaning
    # again changes nothing and save -> load gives the same string back. It runs before the length
    # check ("^[" is two characters), so what is stored always passes that check when read back.
    if not isinstance(value, str):
        return value  # not text: left for the type check to report
    if "\r" in value:
        value = _CRS_THEN_LF.sub("\n", value).replace("\r", "\n")
    return printable(value)


Str = Annotated[str, Field(max_length=MAX_TEXT), BeforeValidator(_clean_text)]
"""Text a librarian writes (answers, notes, plan paragraphs)."""
Name = Annotated[str, Field(max_length=200), BeforeValidator(_clean_text)]
"""A line of text: a name, a title."""
Ref = Annotated[str, BeforeValidator(_clean_text)]
"""An id, level, version or path: kept as written but for line ends and control characters, since a hand edit may put any text here."""

ANSWER_HINT = "an answer is true/false, a date like 2026-03-14, or text in quotes"


def _utc(value: datetime) -> datetime:
    # TOML keeps offsets; a naive or non-UTC time is read as-is and stored as UTC.
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+01:00 is in year 0 in UTC; a ValueError names the field
        edge = "before year 1" if value.year < 5000 else "after year 9999"
        raise ValueError(
            f"{value.isoformat()} is out of range ({edge} in UTC); write a time like 2026-03-14T09:00:00Z"
        ) from None


Stamp = Annotated[datetime, AfterValidator(_utc)]


class Record(BaseModel):
    """Base for workbook models: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Status(StrEnum):
    """Where a section stands."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"

    @property
    def label(self) -> str:
        """The status as words, for screens and exports."""
        return {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}[self.value]

    @property
    def mark(self) -> str:
        """A one-character mark that does not rely on colour."""
        return {"not-started": "○", "in-progress": "◐", "done": "●"}[self.value]


class Rated(Record):
    """An earlier rating, kept when a new one replaces it."""

    level: Ref = Field(description="The level id chosen then.")
    at: Stamp = Field(description="When it was chosen.")


AnswerValue = Annotated[StrictBool | Annotated[date, Strict()] | Str, Hint(ANSWER_HINT)]
"""A tick (bool), a date, or text (short answer, paragraph, choice id, level id, challenge status).

Strict: a hand-edited ``value = 1`` is an error, not a tick, and ``value = 0`` not 1970-01-01.
"""


class Answer(Record):
    """The answer to one item."""

    value: AnswerValue = Field(description="The tick, text, date, choice id, level id or challenge status.")
    note: Str | None = Field(default=None, description="A note beside the answer (challenges).")
    updated: Stamp | None = Field(default=None, description="When the answer last changed.")
    history: list[Rated] = Field(default_factory=list, description="Earlier ratings, oldest first.")

    def is_filled(self) -> bool:
        """Whether the answer counts as done for progress."""
        if isinstance(self.value, bool):
            return self.value
        if isinstance(self.value, str):
            return bool(self.value.strip())
        return True


class SectionState(Record):
    """What the librarian marked about a section."""

    status: Status = Field(default=Status.NOT_STARTED, description="not-started, in-progress or done.")
    updated: Stamp | None = Field(default=None, description="When the status last changed.")


class Position(Record):
    """Where the librarian was, so the app can reopen there."""

    section: Ref | None = Field(default=None, description="Id of the last open section.")
    item: Ref | None = Field(default=None, description="Id of the last focused item.")
    in_plan: bool = Field(default=False, description="Whether she left off in the collaborative plan.")


class Meta(Record):
    """Who the workbook belongs to and what it was made with."""

    owner: Name = Field(default="", description="The librarian's name.")
    school: Name = Field(default="", description="Her school.")
    role: Name = Field(default="", description="Her role, such as 'Teacher-librarian'.")
    created: Stamp = Field(default_factory=now, description="When the workbook was created.")
    updated: Stamp = Field(default_factory=now, description="When it was last saved.")
    packs: dict[Ref, Ref] = Field(default_factory=dict, description="Pack id -> content version used.")
    cohort: Ref | None = Field(default=None, description="Path of the cohort.toml joined, if any.")


class StakeholderRole(StrEnum):
    """The roles a plan names."""

    PRINCIPAL = "principal"
    TEACHER = "teacher"
    COACH = "instructional-coach"
    IT = "it"
    DISTRICT = "district"
    OTHER = "other"


class ActionStatus(StrEnum):
    """Where an action of the plan stands."""

    PLANNED = "planned"
    UNDER_WAY = "under-way"
    DONE = "done"
    DROPPED = "dropped"


class Stakeholder(Record):
    """A person the plan involves."""

    id: Ref = Field(description="Stable id within the plan.")
    name: Name = Field(description="Their name.")
    role: StakeholderRole = Field(default=StakeholderRole.OTHER, description="Their role.")
    cares_about: Str = Field(default="", description="What they care about most.")


class Goal(Record):
    """A SMART goal of the plan."""

    id: Ref = Field(description="Stable id within the plan.")
    title: Name = Field(description="The goal in a line.")
    specific: Str = Field(default="", description="What exactly will change.")
    measurable: Str = Field(default="", description="How you will know.")
    achievable: Str = Field(default="", description="Why it is within reach.")
    relevant: Str = Field(default="", description="Which school goal it serves.")
    time_bound: Str = Field(default="", description="By when.")


class Action(Record):
    """A step toward a goal, with an owner and a due date."""

    id: Ref = Field(description="Stable id within the plan.")
    what: Str = Field(description="What will be done.")
    owner: Name = Field(default="", description="Who does it.")
    due: date | None = Field(default=None, description="When it is due.")
    status: ActionStatus = Field(default=ActionStatus.PLANNED, description="Where it stands.")
    goal: Ref | None = Field(default=None, description="Id of the goal it serves.")
    idea: Ref | None = Field(default=None, description="Id of the idea-bank idea it adopts.")


class CurriculumEntry(Record):
    """Where the library contributes to a unit."""

    id: Ref = Field(description="Stable id within the plan.")
    course: Name = Field(description="Grade or course.")
    unit: Name = Field(default="", description="The unit.")
    contribution: Str = Field(default="", description="What the library brings.")
    partner: Name = Field(default="", description="The teacher partner.")
    term: Name = Field(default="", description="When in the year.")


class Meeting(Record):
    """A meeting with a stakeholder."""

    id: Ref = Field(description="Stable id within the plan.")
    on: date = Field(description="The date.")
    with_whom: Name = Field(default="", description="Who it is with.")
    agenda: Str = Field(default="", description="What to cover.")
    notes: Str = Field(default="", description="What was said.")
    follow_up: Str = Field(default="", description="What happens next.")


class PlanData(Record):
    """The collaborative plan as the librarian shaped it (see :mod:`letstalk.plan`)."""

    vision: Str = Field(default="", description="The shared vision statement.")
    stakeholders: list[Stakeholder] = Field(default_factory=list, description="People involved.")
    areas: list[Str] = Field(default_factory=list, description="Areas of promise where priorities overlap.")
    goals: list[Goal] = Field(default_factory=list, max_length=5, description="One to five SMART goals.")
    actions: list[Action] = Field(default_factory=list, description="Steps with owners and dates.")
    curriculum: list[CurriculumEntry] = Field(default_factory=list, description="The curriculum map.")
    learning: list[Str] = Field(default_factory=list, description="Professional learning offered to teachers.")
    meetings: list[Meeting] = Field(default_factory=list, description="Meetings held or planned.")
    measures: Str = Field(default="", description="How success will be measured.")
    sharing: Str = Field(default="", description="How results will be shared.")


@dataclass(frozen=True)
class Progress:
    """Done out of total, for a section, a pack or the whole workbook."""

    done: int
    total: int

    @property
    def fraction(self) -> float:
        """Done as a share of total (0.0 for nothing to do)."""
        return self.done / self.total if self.total else 0.0

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.done + other.done, self.total + other.total)

    def __str__(self) -> str:
        return f"{self.done}/{self.total}"


class Workbook(Record):
    """One librarian's workbook file."""

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, description="Workbook format version.")
    meta: Meta = Field(default_factory=Meta, description="Owner, school and provenance.")
    answers: dict[str, Answer] = Field(default_factory=dict, description="Answers keyed by item id.")
    sections: dict[str, SectionState] = Field(default_factory=dict, description="Section states keyed by section id.")
    position: Position = Field(default_factory=Position, description="Where the librarian left off.")
    plan: PlanData = Field(default_factory=PlanData, description="The collaborative plan.")

    # -- reading -----------------------------------------------------------------------------

    def value(self, item_id: str) -> Any:
        """The answer's value, or None when unanswered."""
        answer = self.answers.get(item_id)
        return answer.value if answer is not None else None

    def status(self, section_id: str) -> Status:
        """The section's status as marked; unmarked is NOT_STARTED, answers or not.

        Views mark a section in progress when something in it is answered (:meth:`touch_section`).
        """
        state = self.sections.get(section_id)
        return state.status if state is not None else Status.NOT_STARTED

    def item_done(self, item: ItemBase) -> bool:
        """Whether an item counts as done: a challenge once done, a tick once ticked, text once written."""
        answer = self.answers.get(item.id)
        if answer is None:
            return False
        if item.kind == "challenge":  # type: ignore[attr-defined]
            return answer.value == "done"
        return answer.is_filled()

    def section_progress(self, section: Section) -> Progress:
        """Answered items out of answerable items in a section."""
        items = section.answerable()
        return Progress(sum(self.item_done(item) for item in items), len(items))

    def pack_progress(self, pack: Pack) -> Progress:
        """Progress summed over a pack's sections."""
        total = Progress(0, 0)
        for section in pack.sections:
            total += self.section_progress(section)
        return total

    def overall_progress(self, library: Library) -> Progress:
        """Progress summed over every loaded pack."""
        total = Progress(0, 0)
        for pack in library.packs:
            total += self.pack_progress(pack)
        return total

    def resume_section(self, library: Library) -> Section | None:
        """Where "continue" goes: the last open section, else the first one not done."""
        if self.position.section in library.sections:
            return library.sections[self.position.section]
        return next((s for s in library.all_sections() if self.status(s.id) is not Status.DONE), None)

    def orphans(self, library: Library) -> list[str]:
        """Answer ids the loaded content no longer has (kept, never dropped)."""
        return sorted(item_id for item_id in self.answers if item_id not in library.items)

    def next_step(self, library: Library) -> tuple[Section, str] | None:
        """The first unticked checklist item or unfinished challenge, with its text."""
        for section in library.all_sections():
            if self.status(section.id) is Status.DONE:
                continue
            for item in section.items():
                kind = item.kind  # type: ignore[attr-defined]
                if kind == "check" and self.value(item.id) is not True:
                    return section, item.text  # type: ignore[attr-defined]
                if kind == "challenge" and self.value(item.id) != "done":
                    return section, item.title  # type: ignore[attr-defined]
        return None

    # -- changing ----------------------------------------------------------------------------

    def set_answer(self, item_id: str, value: AnswerValue | None, *, at: datetime | None = None) -> bool:
        """Set (or with None or "", clear) an answer. Returns whether anything changed."""
        at = at or now()
        current = self.answers.get(item_id)
        if value is None or value == "":
            if current is None or current.value == "":
                return False
            if current.note or current.history:
                current.value = ""  # keep the note and rating history
                current.updated = at
            else:
                del self.answers[item_id]
            return True
        if current is not None and current.value == value and type(current.value) is type(value):
            return False
        if current is None:
            self.answers[item_id] = Answer(value=value, updated=at)
        else:
            current.value = value
            current.updated = at
        return True

    def set_note(self, item_id: str, note: str, *, at: datetime | None = None) -> bool:
        """Set the note beside an answer (a challenge's note). Returns whether it changed."""
        at = at or now()
        current = self.answers.get(item_id)
        if current is None:
            if not note:
                return False
            self.answers[item_id] = Answer(value="", note=note, updated=at)
            return True
        if (current.note or "") == note:
            return False
        current.note = note or None
        current.updated = at
        return True

    def rate(self, item_id: str, level: str, *, at: datetime | None = None) -> bool:
        """Choose a level; the previous level moves into the answer's history with its date."""
        at = at or now()
        current = self.answers.get(item_id)
        if current is None:
            self.answers[item_id] = Answer(value=level, updated=at)
            return True
        if current.value == level:
            return False
        if isinstance(current.value, str) and current.value:
            current.history.append(Rated(level=current.value, at=current.updated or at))
        current.value = level
        current.updated = at
        return True

    def set_status(self, section_id: str, status: Status, *, at: datetime | None = None) -> bool:
        """Mark a section's status. Returns whether it changed."""
        if self.status(section_id) is status:
            return False
        self.sections[section_id] = SectionState(status=status, updated=at or now())
        return True

    def touch_section(self, section_id: str, *, at: datetime | None = None) -> None:
        """Mark a not-started section as in progress once the librarian answers something in it."""
        if self.status(section_id) is Status.NOT_STARTED:
            self.set_status(section_id, Status.IN_PROGRESS, at=at)

    def move_to(self, section_id: str | None, item_id: str | None = None) -> bool:
        """Record the current position in a section. Returns whether it changed."""
        position = Position(section=section_id, item=item_id)
        if self.position == position:
            return False
        self.position = position
        return True

    def move_to_plan(self, in_plan: bool = True) -> bool:
        """Record that she is (or no longer is) in the plan; the last section is kept. Returns whether it changed."""
        if self.position.in_plan == in_plan:
            return False
        self.position = self.position.model_copy(update={"in_plan": in_plan})
        return True

    def record_packs(self, library: Library) -> None:
        """Note the content versions this workbook was last used with."""
        self.meta.packs = {**self.meta.packs, **library.versions()}


def answer_problems(workbook: Workbook, library: Library) -> list[tuple[str, str]]:
    """Answers whose value does not fit their item (a hand edit gone wrong): (field, message)."""
    problems: list[tuple[str, str]] = []
    for item_id, answer in sorted(workbook.answers.items()):
        located = library.items.get(item_id)
        if located is None:
            continue
        item, value = located.item, answer.value
        kind = item.kind  # type: ignore[attr-defined]
        where = f"answers.{quote_key(item_id)}.value"
        if kind in ("check", "idea") and not isinstance(value, bool):
            problems.append((where, "a tick is true or false"))
        elif kind == "date" and not isinstance(value, date) and value != "":
            problems.append((where, "a date is written like 2026-03-14"))
        elif kind in ("text", "long") and not isinstance(value, str):
            problems.append((where, "an answer here is text in quotes"))
        elif kind == "choice" and value not in {"", *(c.id for c in item.choices)}:  # type: ignore[attr-defined]
            options = ", ".join(c.id for c in item.choices)  # type: ignore[attr-defined]
            problems.append((where, f"{value!r} is not one of the options ({options})"))
        elif kind == "rating":
            scale = located.pack.meta.scales.get(item.scale)  # type: ignore[attr-defined]
            levels = [level.id for level in scale.levels] if scale else []
            if value not in {"", *levels}:
                problems.append((where, f"{value!r} is not a level ({', '.join(levels)})"))
        elif kind == "challenge" and value not in {"", *(s for s, _ in CHALLENGE_STATUSES)}:
            problems.append((where, "a challenge is not-started, trying or done"))
    return problems


def parse_date(raw: str) -> date | None:
    """A date typed as YYYY-MM-DD (None when blank); ValueError says how to write it."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"“{raw}” is not a date: {_date_reason(raw)}") from None


def _date_reason(raw: str) -> str:
    # A well-formed but impossible date (2026-02-30) deserves the real reason, not the format.
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    if match:
        year, month, day = (int(part) for part in match.groups())
        if year < 1:
            return "there is no year 0; type the year in full, for example 2026"
        if not 1 <= month <= 12:
            return f"there is no month {month}; months go from 01 to 12"
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return f"{calendar.month_name[month]} {year} has {days} days"
    return "type it as YYYY-MM-DD, for example 2026-03-14"


def new_workbook(owner: str = "", school: str = "", role: str = "") -> Workbook:
    """A fresh, empty workbook."""
    stamp = now()
    return Workbook(meta=Meta(owner=owner, school=school, role=role, created=stamp, updated=stamp))
