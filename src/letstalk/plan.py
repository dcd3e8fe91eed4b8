"""The collaborative plan: a read-only view built from a workbook, and the edits that shape it.

:func:`build` merges what the librarian typed on the Plan screen (``Workbook.plan``) with what
her answers already hold (steps 3 to 7, adopted ideas, quick wins, cohort commitments, rubric
ratings), so she never types the same thing twice. The result, a frozen :class:`Plan`, is all
the exporters in :mod:`letstalk.export` see. Answers to ``private`` items never enter it, so no
export can leak them.

The editing functions (:func:`add`, :func:`update`, :func:`delete`, :func:`move`, the ``*_line``
functions, :func:`set_text` and :func:`adopt_idea`) change ``Workbook.plan`` in place and say
what changed; the caller saves. Errors are one-line :class:`PlanError`\\ s.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from letstalk.content import Library, Located, PackKind
from letstalk.errors import LetsTalkError
from letstalk.model import (
    Action,
    ActionStatus,
    CurriculumEntry,
    Goal,
    Meeting,
    Record,
    Stakeholder,
    StakeholderRole,
    Workbook,
    parse_date,
)

MAX_GOALS = 5
"""A plan holds one to five SMART goals."""

ROLE_LABELS: dict[StakeholderRole, str] = {
    StakeholderRole.PRINCIPAL: "Principal",
    StakeholderRole.TEACHER: "Teacher",
    StakeholderRole.COACH: "Instructional coach",
    StakeholderRole.IT: "IT",
    StakeholderRole.DISTRICT: "District",
    StakeholderRole.OTHER: "Other",
}

STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.PLANNED: "Planned",
    ActionStatus.UNDER_WAY: "Under way",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}

QUICK_WINS_SECTION = "quick-wins"
"""The section whose ticked checklist items are quick wins already tried."""

DEFAULT_TALKING_POINTS = (
    "talking-points.national-guidelines",
    "talking-points.document-results",
    "talking-points.best-for-students",
)
"""Content talking points used when the librarian has written fewer than three of her own."""

DEFAULT_PURPOSE = (
    "Listen first: hear what matters most to {whom} this year, show where the library can help, "
    "and leave with one clear next step."
)


class PlanError(LetsTalkError):
    """An edit the plan cannot take, such as a sixth goal or an unknown id."""

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(None, message, where)


class Smart(StrEnum):
    """The five parts of a SMART goal, named as the :class:`~letstalk.model.Goal` fields."""

    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    ACHIEVABLE = "achievable"
    RELEVANT = "relevant"
    TIME_BOUND = "time_bound"

    @property
    def label(self) -> str:
        """The part as a word: ``Time-bound``."""
        return self.value.replace("_", "-").capitalize()


def smart_missing(goal: Goal) -> tuple[Smart, ...]:
    """The SMART parts of ``goal`` still empty (blank or only spaces), in SMART order."""
    return tuple(part for part in Smart if not getattr(goal, part.value).strip())


class Origin(StrEnum):
    """Where a plan entry comes from: typed on the Plan screen, or found in the answers."""

    PLAN = "plan"
    IDEA = "idea"
    QUICK_WIN = "quick-win"
    COMMITMENT = "commitment"
    FOLLOW_UP = "follow-up"


class Part(StrEnum):
    """The parts of a plan that can carry notes taken from the answers."""

    AREAS = "areas"
    STAKEHOLDERS = "stakeholders"
    GOALS = "goals"
    ACTIONS = "actions"
    CURRICULUM = "curriculum"
    LEARNING = "learning"
    MEETINGS = "meetings"
    MEASURES = "measures"
    SHARING = "sharing"


NOTES: dict[Part, tuple[tuple[str, str], ...]] = {
    Part.AREAS: (
        ("research.overlap", "Where our priorities overlap"),
        ("listen.principal-priorities", "What our principal said matters most"),
        ("research.school-priorities", "School priorities"),
        ("research.district-priorities", "District priorities"),
    ),
    Part.STAKEHOLDERS: (
        ("widen.stakeholders", "Who else we will bring in"),
        ("widen.first-partner", "Our first partner"),
    ),
    Part.GOALS: (("plan.smart-goals", "Goals as first drafted"),),
    Part.ACTIONS: (("plan.actions", "Actions as first drafted"),),
    Part.CURRICULUM: (("plan.curriculum-map", "Curriculum map notes"),),
    Part.LEARNING: (("plan.professional-learning", "Professional learning notes"),),
    Part.MEETINGS: (("listen.meeting-rhythm", "How often we meet"),),
    Part.MEASURES: (("act.feedback-loop", "Feedback along the way"),),
    Part.SHARING: (("act.next-cycle", "The next cycle"),),
}
"""Answers shown as context beside each part: (item id, label), in reading order."""


# -- the view model ---------------------------------------------------------------------------


FROZEN = ConfigDict(frozen=True)


class View(BaseModel):
    """Base of the plan's own view types: immutable, unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Note(View):
    """An answer shown as context in a part of the plan."""

    item: str = Field(description="The content item id it was answered under.")
    label: str = Field(description="A short heading for it.")
    text: str = Field(description="The answer.")


class PlanGoal(Goal):
    """A SMART goal with the parts still missing."""

    model_config = FROZEN
    missing: tuple[Smart, ...] = Field(default=(), description="SMART parts still empty.")

    @property
    def complete(self) -> bool:
        """Whether all five SMART parts are filled."""
        return not self.missing


class PlanAction(Action):
    """An action of the plan, typed on the Plan screen or derived from an answer."""

    model_config = FROZEN
    origin: Origin = Field(default=Origin.PLAN, description="Where the action comes from.")
    source: str | None = Field(default=None, description="The item id it was derived from.")
    source_title: str = Field(default="Plan", description="Where it comes from, in words.")
    goal_title: str = Field(default="", description="Title of the linked goal, if any.")

    @property
    def editable(self) -> bool:
        """Whether the action lives in ``Workbook.plan`` (derived ones change in their step)."""
        return self.origin is Origin.PLAN

    @property
    def status_label(self) -> str:
        """The status in words."""
        return STATUS_LABELS[self.status]


class PlanStakeholder(Stakeholder):
    """A person the plan involves."""

    model_config = FROZEN

    @property
    def role_label(self) -> str:
        """The role in words."""
        return ROLE_LABELS[self.role]


class PlanCurriculum(CurriculumEntry):
    """A curriculum-map entry."""

    model_config = FROZEN


class PlanMeeting(Meeting):
    """A meeting of the plan, typed or the principal follow-up from Step 4."""

    model_config = FROZEN
    origin: Origin = Field(default=Origin.PLAN, description="plan or follow-up.")


class RubricRow(View):
    """One rubric theme: the level chosen, what it looks like, and the evidence for it."""

    id: str = Field(description="The rating item id.")
    theme: str = Field(description="What is rated.")
    level: str | None = Field(default=None, description="The level id chosen, None when not rated.")
    level_label: str = Field(default="", description="The level as shown.")
    position: int = Field(default=0, description="1 for the lowest level; 0 when not rated.")
    levels: int = Field(description="How many levels the scale has.")
    descriptor: str = Field(default="", description="What the chosen level looks like.")
    evidence: str = Field(default="", description="The librarian's evidence for it.")
    rated: date | None = Field(default=None, description="When the level was chosen.")


class TalkingPoint(View):
    """One talking point for the principal conversation."""

    text: str = Field(description="The point.")
    detail: str = Field(default="", description="A line backing it up (content points only).")
    suggested: bool = Field(default=False, description="Taken from the content, not written by her.")


class Card(View):
    """The one-page conversation card for the next principal meeting."""

    purpose: str
    principal: str = Field(default="", description="The principal's name, if the plan names one.")
    talking_points: tuple[TalkingPoint, ...] = ()
    questions: tuple[str, ...] = ()
    ask: str = ""
    follow_up: date | None = None


class Plan(View):
    """The collaborative plan as exports and previews see it. Build it with :func:`build`."""

    owner: str = ""
    school: str = ""
    role: str = ""
    key: str = Field(description="Stable per workbook; calendar UIDs derive from it.")
    vision: str = ""
    mission: str = ""
    areas: tuple[str, ...] = ()
    stakeholders: tuple[PlanStakeholder, ...] = ()
    goals: tuple[PlanGoal, ...] = ()
    actions: tuple[PlanAction, ...] = ()
    curriculum: tuple[PlanCurriculum, ...] = ()
    learning: tuple[str, ...] = ()
    meetings: tuple[PlanMeeting, ...] = ()
    measures: str = ""
    sharing: str = ""
    rubric: tuple[RubricRow, ...] = ()
    card: Card
    notes: dict[Part, tuple[Note, ...]] = Field(default_factory=dict, description="Context answers per part.")
    filled_from: dict[str, str] = Field(
        default_factory=dict, description="Plan field -> item id, where a field was taken from an answer."
    )

    def notes_for(self, part: Part) -> tuple[Note, ...]:
        """The context answers of one part (none when empty)."""
        return self.notes.get(part, ())

    def goal_number(self, goal_id: str | None) -> int | None:
        """The goal's 1-based position, or None when the id names no goal."""
        return next((n for n, goal in enumerate(self.goals, 1) if goal.id == goal_id), None)

    def is_empty(self) -> bool:
        """Whether the plan holds nothing to show yet."""
        lists = (self.areas, self.stakeholders, self.goals, self.actions, self.curriculum, self.learning, self.meetings)
        texts = (self.vision, self.mission, self.measures, self.sharing)
        rated = any(row.level or row.evidence for row in self.rubric)
        return not any(lists) and not any(texts) and not any(self.notes.values()) and not rated


# -- building ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Answers:
    """Typed reads of answers to items the library knows and that are not private."""

    workbook: Workbook
    library: Library

    def located(self, item_id: str | None) -> Located | None:
        # An item the content no longer has might have been private: leave its answer out.
        located = self.library.items.get(item_id) if item_id else None
        return located if located is not None and not located.item.private else None

    def raw(self, item_id: str | None) -> Any:
        return self.workbook.value(item_id) if self.located(item_id) is not None else None

    def text(self, item_id: str | None) -> str:
        value = self.raw(item_id)
        return value.strip() if isinstance(value, str) else ""

    def date(self, item_id: str | None) -> date | None:
        value = self.raw(item_id)
        return value if isinstance(value, date) else None

    def ticked(self, item_id: str) -> bool:
        return self.raw(item_id) is True

    def items(self, kind: str) -> Iterator[Located]:
        """Public items of one kind, in library order."""
        for located in self.library.items.values():
            if located.item.kind == kind and not located.item.private:  # type: ignore[attr-defined]
                yield located


def workbook_key(workbook: Workbook) -> str:
    """A short stable key for the workbook: its creation time and owner, hashed."""
    seed = f"{workbook.meta.created.isoformat()}\n{workbook.meta.owner}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def build(workbook: Workbook, library: Library) -> Plan:
    """The plan view of ``workbook``: pure and deterministic; private answers never enter it."""
    answers = _Answers(workbook, library)
    data = workbook.plan
    filled_from: dict[str, str] = {}

    def typed_or_answer(field: str, typed: str, item_id: str) -> str:
        if typed.strip():
            return typed
        text = answers.text(item_id)
        if text:
            filled_from[field] = item_id
        return text

    goals = tuple(PlanGoal(**goal.model_dump(), missing=smart_missing(goal)) for goal in data.goals)
    stakeholders = tuple(PlanStakeholder(**s.model_dump()) for s in data.stakeholders)
    meetings = _meetings(data.meetings, answers, stakeholders)
    return Plan(
        owner=workbook.meta.owner,
        school=workbook.meta.school,
        role=workbook.meta.role,
        key=workbook_key(workbook),
        vision=typed_or_answer("vision", data.vision, "plan.vision"),
        mission=answers.text("plan.mission"),
        areas=tuple(data.areas),
        stakeholders=stakeholders,
        goals=goals,
        actions=_actions(workbook, answers, goals),
        curriculum=tuple(PlanCurriculum(**entry.model_dump()) for entry in data.curriculum),
        learning=tuple(data.learning),
        meetings=meetings,
        measures=typed_or_answer("measures", data.measures, "act.measures"),
        sharing=typed_or_answer("sharing", data.sharing, "act.share-results"),
        rubric=_rubric(answers),
        card=_card(answers, stakeholders, data.meetings),
        notes=_notes(answers),
        filled_from=filled_from,
    )


def _notes(answers: _Answers) -> dict[Part, tuple[Note, ...]]:
    notes: dict[Part, tuple[Note, ...]] = {}
    for part, sources in NOTES.items():
        found = tuple(
            Note(item=item_id, label=label, text=text)
            for item_id, label in sources
            if (text := answers.text(item_id))
        )
        if found:
            notes[part] = found
    return notes


def _actions(workbook: Workbook, answers: _Answers, goals: tuple[PlanGoal, ...]) -> tuple[PlanAction, ...]:
    """Her actions in her order, then ideas, quick wins and commitments from the answers."""
    titles = {goal.id: goal.title for goal in goals}
    actions = [
        PlanAction(**action.model_dump(), goal_title=titles.get(action.goal or "", ""))
        for action in workbook.plan.actions
    ]
    owner = workbook.meta.owner
    adopted = {action.idea for action in workbook.plan.actions if action.idea}
    for located in answers.items("idea"):
        item = located.item
        if item.id not in adopted and answers.ticked(item.id):
            actions.append(
                PlanAction(
                    id=item.id, what=idea_text(located), owner=owner,
                    origin=Origin.IDEA, source=item.id, source_title="Idea bank",
                )
            )
    quick_wins = answers.library.sections.get(QUICK_WINS_SECTION)
    for item in quick_wins.items() if quick_wins else ():
        if item.kind == "check" and not item.private and answers.ticked(item.id):  # type: ignore[attr-defined]
            actions.append(
                PlanAction(
                    id=item.id, what=item.text, owner=owner, status=ActionStatus.UNDER_WAY,  # type: ignore[attr-defined]
                    origin=Origin.QUICK_WIN, source=item.id, source_title="Quick win",
                )
            )
    for section in answers.library.all_sections():
        item_id = f"{section.id}.commitment"
        if what := answers.text(item_id):
            actions.append(
                PlanAction(
                    id=item_id, what=what, owner=owner, due=answers.date(f"{section.id}.commitment-due"),
                    origin=Origin.COMMITMENT, source=item_id, source_title=f"{section.label} commitment",
                )
            )
    return tuple(actions)


def idea_text(located: Located) -> str:
    """What an adopted idea says as an action: its title, then what it looks like."""
    item = located.item
    return f"{item.title}: {item.text}"  # type: ignore[attr-defined]


def _principal(stakeholders: tuple[PlanStakeholder, ...]) -> str:
    return next((s.name for s in stakeholders if s.role is StakeholderRole.PRINCIPAL and s.name.strip()), "")


def _meetings(
    typed: list[Meeting], answers: _Answers, stakeholders: tuple[PlanStakeholder, ...]
) -> tuple[PlanMeeting, ...]:
    """Her meetings, then the Step 4 follow-up unless she already holds a meeting that day."""
    meetings = [PlanMeeting(**meeting.model_dump()) for meeting in typed]
    follow_up = answers.date("listen.follow-up-date")
    if follow_up is not None and all(meeting.on != follow_up for meeting in typed):
        meetings.append(
            PlanMeeting(
                id="listen.follow-up-date", on=follow_up, with_whom=_principal(stakeholders) or "Principal",
                agenda="Follow-up to our first conversation.", origin=Origin.FOLLOW_UP,
            )
        )
    return tuple(meetings)


def _rubric(answers: _Answers) -> tuple[RubricRow, ...]:
    """Every rating of the rubric packs, rated or not, in content order."""
    rows = []
    for located in answers.items("rating"):
        if located.pack.meta.kind is not PackKind.RUBRIC:
            continue
        item = located.item
        scale = located.pack.meta.scales.get(item.scale)  # type: ignore[attr-defined]
        levels = scale.levels if scale else []
        chosen = answers.text(item.id)
        position = next((n for n, level in enumerate(levels, 1) if level.id == chosen), 0)
        answer = answers.workbook.answers.get(item.id)
        rows.append(
            RubricRow(
                id=item.id,
                theme=item.text,  # type: ignore[attr-defined]
                level=chosen if position else None,
                level_label=levels[position - 1].label if position else "",
                position=position,
                levels=len(levels),
                descriptor=item.descriptors.get(chosen, "") if position else "",  # type: ignore[attr-defined]
                evidence=answers.text(item.evidence),  # type: ignore[attr-defined]
                rated=answer.updated.date() if position and answer and answer.updated else None,
            )
        )
    return tuple(rows)


_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")


def split_points(text: str) -> list[str]:
    """The points of a list the librarian typed: one a line, bullets and numbers removed."""
    return [_MARKER.sub("", line).strip() for line in text.splitlines() if _MARKER.sub("", line).strip()]


def split_questions(text: str) -> list[str]:
    """Questions typed on lines, or run together after question marks."""
    return [q.strip() for line in split_points(text) for q in re.split(r"(?<=\?)\s+", line) if q.strip()]


def _card(answers: _Answers, stakeholders: tuple[PlanStakeholder, ...], typed: list[Meeting]) -> Card:
    principal = _principal(stakeholders)
    follow_up = answers.date("listen.follow-up-date")
    agenda = next((m.agenda.strip() for m in typed if m.on == follow_up and m.agenda.strip()), "")
    points = [TalkingPoint(text=point) for point in split_points(answers.text("listen.talking-points"))][:3]
    for item_id in DEFAULT_TALKING_POINTS:
        located = answers.located(item_id)
        if len(points) < 3 and located is not None:
            item = located.item
            points.append(TalkingPoint(text=item.text, detail=item.detail or "", suggested=True))  # type: ignore[attr-defined]
    return Card(
        purpose=agenda or DEFAULT_PURPOSE.format(whom=principal or "my principal"),
        principal=principal,
        talking_points=tuple(points),
        questions=tuple(split_questions(answers.text("listen.questions"))),
        ask=answers.text("listen.the-ask"),
        follow_up=follow_up,
    )


# -- editing ----------------------------------------------------------------------------------

E = TypeVar("E", Goal, Action, Stakeholder, CurriculumEntry, Meeting)

# kind -> (PlanData list, id prefix, noun, the field that must not be blank)
_KINDS: dict[type[Record], tuple[str, str, str, str | None]] = {
    Goal: ("goals", "g", "goal", "title"),
    Action: ("actions", "a", "action", "what"),
    Stakeholder: ("stakeholders", "s", "stakeholder", "name"),
    CurriculumEntry: ("curriculum", "c", "curriculum entry", "course"),
    Meeting: ("meetings", "m", "meeting", None),
}
_DATE_FIELDS = ("due", "on")

Lines = Literal["learning", "areas"]
"""The plan's plain lists of text: professional learning offers and areas of promise."""

TextField = Literal["vision", "measures", "sharing"]
"""The plan's single paragraphs."""


def _entries(workbook: Workbook, kind: type[E]) -> list[E]:
    return getattr(workbook.plan, _KINDS[kind][0])


def next_id(ids: list[str], prefix: str) -> str:
    """The next free id such as ``a-7``: one more than the highest ``prefix-N`` in use."""
    numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(rf"{re.escape(prefix)}-(\d+)", i))]
    return f"{prefix}-{max(numbers, default=0) + 1}"


def _find(workbook: Workbook, kind: type[E], entry_id: str) -> int:
    for index, entry in enumerate(_entries(workbook, kind)):
        if entry.id == entry_id:
            return index
    _, _, noun, _ = _KINDS[kind]
    raise PlanError(f"no {noun} with id {entry_id!r}; it may have been deleted", _KINDS[kind][0])


def _validate(workbook: Workbook, kind: type[E], fields: dict[str, Any]) -> E:
    """A checked entry: dates typed as text parsed, required text present, goal links real."""
    name, _, noun, required = _KINDS[kind]
    fields = dict(fields)
    for key in _DATE_FIELDS:
        if isinstance(fields.get(key), str):
            try:
                fields[key] = parse_date(fields[key])
            except ValueError as exc:
                raise PlanError(str(exc), f"{name}.{key}") from None
    if required and not str(fields.get(required) or "").strip():
        raise PlanError(f"a {noun} needs its {required.replace('_', ' ')} written first", f"{name}.{required}")
    goal = fields.get("goal")
    if kind is Action and goal and all(g.id != goal for g in workbook.plan.goals):
        raise PlanError(f"no goal with id {goal!r} to link to", "actions.goal")
    try:
        return kind.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in (name, *err["loc"]))
        raise PlanError(err["msg"][0].lower() + err["msg"][1:], where) from None


def add(workbook: Workbook, kind: type[E], **fields: Any) -> E:
    """Append a new entry of ``kind`` (Goal, Action, ...) with a fresh id; returns it."""
    entries = _entries(workbook, kind)
    if kind is Goal and len(entries) >= MAX_GOALS:
        raise PlanError(f"a plan holds at most {MAX_GOALS} goals; delete or merge one before adding another", "goals")
    if "id" in fields:
        raise PlanError("ids are given by letstalk; leave id out", _KINDS[kind][0])
    entry = _validate(workbook, kind, {**fields, "id": next_id([e.id for e in entries], _KINDS[kind][1])})
    entries.append(entry)
    return entry


def update(workbook: Workbook, kind: type[E], entry_id: str, **fields: Any) -> bool:
    """Change some fields of one entry; returns whether anything changed."""
    if fields.get("id", entry_id) != entry_id:
        raise PlanError("an id never changes; add a new entry instead", _KINDS[kind][0])
    entries = _entries(workbook, kind)
    index = _find(workbook, kind, entry_id)
    changed = _validate(workbook, kind, {**entries[index].model_dump(), **fields})
    if changed == entries[index]:
        return False
    entries[index] = changed
    return True


def delete(workbook: Workbook, kind: type[E], entry_id: str) -> E:
    """Remove one entry and return it; actions linked to a deleted goal become unlinked."""
    entries = _entries(workbook, kind)
    removed = entries.pop(_find(workbook, kind, entry_id))
    if kind is Goal:
        for action in workbook.plan.actions:
            if action.goal == entry_id:
                action.goal = None
    return removed


def _swap(items: list[Any], index: int, offset: int) -> bool:
    target = index + offset
    if offset == 0 or not 0 <= target < len(items):
        return False
    items.insert(target, items.pop(index))
    return True


def move(workbook: Workbook, kind: type[E], entry_id: str, offset: int) -> bool:
    """Move an entry up (``offset=-1``) or down (``+1``); False at either end."""
    return _swap(_entries(workbook, kind), _find(workbook, kind, entry_id), offset)


def _lines(workbook: Workbook, which: Lines, index: int | None = None) -> list[str]:
    lines: list[str] = getattr(workbook.plan, which)
    if index is not None and not 0 <= index < len(lines):
        raise PlanError(f"there is no entry {index + 1}; the list holds {len(lines)}", which)
    return lines


def _line_text(which: Lines, text: str) -> str:
    if not text.strip():
        raise PlanError("write something first; an empty entry is not kept", which)
    return text.replace("\r\n", "\n")


def add_line(workbook: Workbook, which: Lines, text: str) -> int:
    """Append a line to ``learning`` or ``areas``; returns its index."""
    lines = _lines(workbook, which)
    lines.append(_line_text(which, text))
    return len(lines) - 1


def update_line(workbook: Workbook, which: Lines, index: int, text: str) -> bool:
    """Rewrite one line; returns whether it changed."""
    lines = _lines(workbook, which, index)
    text = _line_text(which, text)
    if lines[index] == text:
        return False
    lines[index] = text
    return True


def delete_line(workbook: Workbook, which: Lines, index: int) -> str:
    """Remove one line and return it."""
    return _lines(workbook, which, index).pop(index)


def move_line(workbook: Workbook, which: Lines, index: int, offset: int) -> bool:
    """Move a line up (``-1``) or down (``+1``); False at either end."""
    return _swap(_lines(workbook, which, index), index, offset)


def set_text(workbook: Workbook, field: TextField, text: str) -> bool:
    """Set the vision, measures or sharing paragraph ("" falls back to the step's answer)."""
    if field not in ("vision", "measures", "sharing"):
        raise PlanError(f"{field!r} is not one of vision, measures, sharing", "plan")
    if getattr(workbook.plan, field) == text:
        return False
    setattr(workbook.plan, field, text)
    return True


class IdeaOption(View):
    """An idea of the idea bank as the Plan screen lists it for adopting."""

    id: str
    title: str
    text: str
    partner: str = ""
    chosen: bool = Field(default=False, description="Ticked in the idea bank.")
    action: str | None = Field(default=None, description="Id of the action that adopted it, if any.")


def idea_options(workbook: Workbook, library: Library) -> tuple[IdeaOption, ...]:
    """Every public idea in the loaded content, in order, with whether and where it was adopted."""
    adopted = {action.idea: action.id for action in workbook.plan.actions if action.idea}
    answers = _Answers(workbook, library)
    return tuple(
        IdeaOption(
            id=located.item.id,
            title=located.item.title,  # type: ignore[attr-defined]
            text=located.item.text,  # type: ignore[attr-defined]
            partner=located.item.partner or "",  # type: ignore[attr-defined]
            chosen=answers.ticked(located.item.id),
            action=adopted.get(located.item.id),
        )
        for located in answers.items("idea")
    )


def adopt_idea(workbook: Workbook, library: Library, idea_id: str) -> Action:
    """Turn an idea-bank idea into an action of the plan and tick the idea; returns the action."""
    located = library.items.get(idea_id)
    if located is None or located.item.kind != "idea" or located.item.private:  # type: ignore[attr-defined]
        raise PlanError(f"no idea with id {idea_id!r} in the loaded content", "actions.idea")
    existing = next((a for a in workbook.plan.actions if a.idea == idea_id), None)
    if existing is not None:
        raise PlanError(f"this idea is already in the plan as action {existing.id}", "actions.idea")
    action = add(workbook, Action, what=idea_text(located), owner=workbook.meta.owner, idea=idea_id)
    workbook.set_answer(idea_id, True)
    return action
