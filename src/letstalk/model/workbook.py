"""The workbook: one librarian's answers, section states, position, collaborative plan and log.

Views change a workbook only through its methods, then hand it to :mod:`letstalk.storage`.
Answers are keyed by content item id; answers whose id the content no longer has are kept.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import Field

from letstalk.content.models import CHALLENGE_STATUSES
from letstalk.model.log import CollabLog
from letstalk.model.plan_data import PlanData
from letstalk.model.values import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_NAME,
    MAX_TEXT,
    SCHEMA_VERSION,
    Answer,
    AnswerValue,
    Meta,
    Position,
    Rated,
    Record,
    SectionState,
    Status,
    check_length,
    now,
    plausible_day,
)
from letstalk.text import quote_key

if TYPE_CHECKING:
    from letstalk.content import Library, Pack, Section


class ItemRef(Protocol):
    """What progress needs of an item: a content item, or the review's lighter ``ScopeItem``."""

    @property
    def id(self) -> str:
        """The item's id."""

    @property
    def kind(self) -> str:
        """The item's kind (``check``, ``challenge``...)."""


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


class Standing(StrEnum):
    """Where a section stands for every view: her own status, and whether everything is answered."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ANSWERED = "answered"
    DONE = "done"

    @property
    def label(self) -> str:
        """The standing in words."""
        return {
            "not-started": "Not started",
            "in-progress": "In progress",
            "answered": "All answered, not marked done",
            "done": "Done",
        }[self.value]

    @property
    def mark(self) -> str:
        """One character that needs no colour: ○ ◐ ◕ ●."""
        return {"not-started": "○", "in-progress": "◐", "answered": "◕", "done": "●"}[self.value]


def answered(value: AnswerValue, kind: str) -> bool:
    """Whether an answer counts as done for an item of ``kind``: a challenge once done, a tick once
    ticked, text once written (not only spaces), a date always. The one definition of done."""
    if kind == "challenge":
        return value == "done"
    if isinstance(value, str):
        return bool(value.strip())
    return value is not False


def standing(status: Status, progress: Progress) -> Standing:
    """The one meaning of done: done only when she marked it done (her own decision).

    Everything answered but not marked done is :attr:`Standing.ANSWERED`; anything answered, or
    a section marked in progress, is in progress. The grid, drill-down, roll-ups, reports, Home
    and plain mode all ask here.
    """
    if status is Status.DONE:
        return Standing.DONE
    if progress.total and progress.done >= progress.total:
        return Standing.ANSWERED
    if progress.done or status is Status.IN_PROGRESS:
        return Standing.IN_PROGRESS
    return Standing.NOT_STARTED


class Workbook(Record):
    """One librarian's workbook file."""

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, description="Workbook format version.")
    meta: Meta = Field(default_factory=Meta, description="Owner, school and provenance.")
    answers: dict[str, Answer] = Field(default_factory=dict, description="Answers keyed by item id.")
    sections: dict[str, SectionState] = Field(default_factory=dict, description="Section states keyed by section id.")
    position: Position = Field(default_factory=Position, description="Where the librarian left off.")
    plan: PlanData = Field(default_factory=PlanData, description="The collaborative plan.")
    log: CollabLog = Field(default_factory=CollabLog, description="The collaboration log and the school calendar.")

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

    def item_done(self, item: ItemRef) -> bool:
        """Whether an item counts as done: a challenge once done, a tick once ticked, text once written."""
        answer = self.answers.get(item.id)
        return answer is not None and answered(answer.value, item.kind)

    def done_count(self, items: Iterable[ItemRef]) -> int:
        """How many of ``items`` count as done (:meth:`item_done`)."""
        answers = self.answers
        return sum(1 for item in items if (a := answers.get(item.id)) is not None and answered(a.value, item.kind))

    def done_per(self, counted: Mapping[str, tuple[str, str]]) -> dict[str, int]:
        """Done items per group, ``counted`` giving each item id its group and kind (items in no group don't count).

        A review counts about 200 items in each of thousands of files: a pass over her answers
        (fewer, and most ids she answered are counted) instead of a lookup for every item.
        """
        done: dict[str, int] = {}
        for item_id, answer in self.answers.items():
            place = counted.get(item_id)
            if place is not None and answered(answer.value, place[1]):
                done[place[0]] = done.get(place[0], 0) + 1
        return done

    def section_progress(self, section: Section) -> Progress:
        """Answered items out of answerable items in a section."""
        items = section.answerable()
        return Progress(self.done_count(items), len(items))

    def standing(self, section: Section) -> Standing:
        """The section's :func:`standing`: her status and its answered items."""
        return standing(self.status(section.id), self.section_progress(section))

    def progress_words(self, section: Section) -> str:
        """How far she is, in words that fit the section: ``3/7 answered``, ``2 ideas adopted``, ``read``.

        A section with nothing to answer never says 0/0: an idea bank counts the ideas she
        adopted, a section to read says ``read`` once she marked it, else ``to read``.
        """
        progress = self.section_progress(section)
        if progress.total:
            return f"{progress} answered"
        ideas = [item for item in section.items() if item.kind == "idea"]
        if ideas:
            adopted = sum(self.value(item.id) is True for item in ideas)
            return f"{adopted} idea{'' if adopted == 1 else 's'} adopted"
        return "to read" if self.status(section.id) is Status.NOT_STARTED else "read"

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
                if item.kind == "check" and self.value(item.id) is not True:
                    return section, item.text
                if item.kind == "challenge" and self.value(item.id) != "done":
                    return section, item.title
        return None

    # -- changing ----------------------------------------------------------------------------

    def set_answer(self, item_id: str, value: AnswerValue | None, *, at: datetime | None = None) -> bool:
        """Set (or with None or "", clear) an answer. Returns whether anything changed.

        Text over :data:`MAX_TEXT` is refused with a :class:`TooLongError`, the saved answer kept.
        """
        check_length(value, MAX_TEXT, "answer", f"answers.{quote_key(item_id)}.value")
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
        """Set the note beside an answer (a challenge's note). Returns whether it changed.

        A note over :data:`MAX_TEXT` is refused with a :class:`TooLongError`, the saved one kept.
        """
        check_length(note, MAX_TEXT, "note", f"answers.{quote_key(item_id)}.note")
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

    def set_profile(self, **fields: str) -> bool:
        """Set the owner, school and/or role; returns whether any changed.

        A value over :data:`MAX_NAME` is refused with a :class:`TooLongError` before anything changes.
        """
        unknown = set(fields) - {"owner", "school", "role"}
        if unknown:
            raise ValueError(f"not a profile field: {', '.join(sorted(unknown))}")
        for key, value in fields.items():
            check_length(value, MAX_NAME, "name" if key == "owner" else key, f"meta.{key}")
        changed = False
        for key, value in fields.items():
            if getattr(self.meta, key) != value:
                setattr(self.meta, key, value)
                changed = True
        return changed

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

    def follow_aliases(self, library: Library) -> list[str]:
        """Move answers saved under a renamed item's old id to its new id; the old ids moved.

        An answer already under the new id wins: the old one then stays where it is (kept, as
        every answer the content no longer knows is kept).
        """
        moved = []
        for old, new in library.aliases.items():
            if old in self.answers and new not in self.answers:
                self.answers[new] = self.answers.pop(old)
                moved.append(old)
        return moved

    def ensure_participant(self) -> bool:
        """Give the workbook its stable participant id once (a UUID). Returns whether it was new."""
        if self.meta.participant:
            return False
        self.meta.participant = str(uuid.uuid4())
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
        where = f"answers.{quote_key(item_id)}.value"
        if item.kind in ("check", "idea") and not isinstance(value, bool):
            problems.append((where, "a tick is true or false"))
        elif item.kind == "date" and not isinstance(value, date) and value != "":
            problems.append((where, "a date is written like 2026-03-14"))
        elif item.kind in ("text", "long") and not isinstance(value, str):
            problems.append((where, "an answer here is text in quotes"))
        elif item.kind == "choice":
            options = [c.id for c in item.choices]
            if value not in {"", *options}:
                problems.append((where, f"{value!r} is not one of the options ({', '.join(options)})"))
        elif item.kind == "rating":
            scale = located.pack.meta.scales.get(item.scale)
            levels = [level.id for level in scale.levels] if scale else []
            if value not in {"", *levels}:
                problems.append((where, f"{value!r} is not a level ({', '.join(levels)})"))
        elif item.kind == "challenge" and value not in {"", *(s for s, _ in CHALLENGE_STATUSES)}:
            problems.append((where, "a challenge is not-started, trying or done"))
    return problems + date_problems(workbook)


def date_problems(workbook: Workbook) -> list[tuple[str, str]]:
    """Dates outside FIRST_YEAR to LAST_YEAR (a typo such as 0027 for 2027): (field, message).

    Such a file still opens; ``validate`` names each one, and papers and calendars leave it out.
    """
    found: list[tuple[str, date | None]] = [
        (f"answers.{quote_key(item_id)}.value", a.value)
        for item_id, a in sorted(workbook.answers.items())
        if isinstance(a.value, date)
    ]
    plan = workbook.plan
    found += [(f"plan.goals[{n}].target", goal.target) for n, goal in enumerate(plan.goals)]
    found += [(f"plan.actions[{n}].due", action.due) for n, action in enumerate(plan.actions)]
    found += [(f"plan.meetings[{n}].on", meeting.on) for n, meeting in enumerate(plan.meetings)]
    found += [
        ("plan.review", plan.review),
        *((f"log.entries[{n}].on", e.on) for n, e in enumerate(workbook.log.entries)),
    ]
    return [
        (where, f"{day.isoformat()} is out of range: write a date from {FIRST_YEAR} to {LAST_YEAR}")
        for where, day in found
        if day is not None and not plausible_day(day)
    ]


def new_workbook(owner: str = "", school: str = "", role: str = "") -> Workbook:
    """A fresh, empty workbook."""
    stamp = now()
    meta = Meta(
        owner=owner,
        school=school,
        role=role,
        created=stamp,
        updated=stamp,
        participant=str(uuid.uuid4()),
        key=secrets.token_hex(8),
    )
    return Workbook(meta=meta)
