"""The plan as exports and previews see it: frozen view types, SMART parts, labels in words."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from letstalk.model import (
    Action,
    ActionStatus,
    CurriculumEntry,
    Goal,
    Meeting,
    Signer,
    Stakeholder,
    StakeholderRole,
)

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


class PlanSigner(Signer):
    """A person who signs the plan off."""

    model_config = FROZEN


class PlanSession(View):
    """A cohort session the librarian joined, dated by the facilitator's cohort file."""

    id: str = Field(description="The session's section id, such as visioning.")
    title: str = Field(description="The session's title.")
    on: date = Field(description="The day it meets.")
    place: str = Field(default="", description="Where it meets.")


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
    own_words: bool = Field(default=False, description="The chosen level's descriptor is letstalk's own words.")


class TalkingPoint(View):
    """One talking point for the principal conversation."""

    text: str = Field(description="The point.")
    detail: str = Field(default="", description="A line backing it up (content points only).")
    suggested: bool = Field(default=False, description="Taken from the content, not written by her.")


class Card(View):
    """The one-page conversation card for the next principal meeting."""

    purpose: str
    principal: str = Field(default="", description="The principal's name, if the plan names one.")
    talking_points: tuple[TalkingPoint, ...] = Field(default=(), description="Hers, else three suggested.")
    questions: tuple[str, ...] = ()
    ask: str = ""
    focus: str = Field(default="", description="The one focus for the second meeting (Step 4).")
    pilot: str = Field(default="", description="The small pilot for the second meeting (Step 4).")
    pitch: tuple[str, ...] = Field(default=(), description="The three-sentence elevator pitch, as written.")
    strengths: tuple[str, ...] = Field(default=(), description="Her two strongest framework wedges (Step 2).")
    to_grow: str = Field(default="", description="Her weakest framework wedge (Step 2).")
    follow_up: date | None = Field(default=None, description="The date of the second meeting (Step 4).")
    impact: tuple[str, ...] = Field(
        default=(), description='This school year\'s headline figures from the log ("24 collaborations"), if any.'
    )


class Plan(View):
    """The collaborative plan as exports and previews see it. Build it with :func:`build`."""

    owner: str = ""
    school: str = ""
    role: str = ""
    key: str = Field(description="Stable per workbook; calendar UIDs derive from it.")
    credit: str = Field(default="", description='The one-line "Adapted from ..." credit every export ends with.')
    rubric_note: str = Field(default="", description="Which rubric descriptors are letstalk's own words.")
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
    review: date | None = Field(default=None, description="When the plan will be reviewed together.")
    signers: tuple[PlanSigner, ...] = ()
    sessions: tuple[PlanSession, ...] = Field(default=(), description="Dated cohort sessions, when she joined one.")
    left_out: tuple[str, ...] = Field(default=(), description="Parts the export's audience left out.")
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
