"""The collaborative plan's data: people, goals, actions, the curriculum map and meetings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StrictBool

from letstalk.model.values import Name, Record, Ref, Str, unique_ids


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
    private: StrictBool = Field(default=False, description="Just for me: left out of every export for someone else.")


def principal_name(stakeholders: Iterable[Stakeholder]) -> str:
    """The principal's name as the plan gives it, for every audience: never from an entry just for her.

    The name labels the Step 4 follow-up meeting, the card and the drafts' greeting, all of which
    go to the principal; a private entry is hers alone, so those fall back to "my principal".
    """
    return next(
        (s.name for s in stakeholders if s.role is StakeholderRole.PRINCIPAL and not s.private and s.name.strip()), ""
    )


class Goal(Record):
    """A SMART goal of the plan."""

    id: Ref = Field(description="Stable id within the plan.")
    title: Name = Field(description="The goal in a line.")
    specific: Str = Field(default="", description="What exactly will change.")
    measurable: Str = Field(default="", description="How you will know.")
    achievable: Str = Field(default="", description="Why it is within reach.")
    relevant: Str = Field(default="", description="Which school goal it serves.")
    time_bound: Str = Field(default="", description="By when.")
    evidence: Str = Field(default="", description="What we will look at to know it is working.")
    target: date | None = Field(default=None, description="The date it should be reached by.")
    private: StrictBool = Field(default=False, description="Just for me: left out of every export for someone else.")


class Action(Record):
    """A step toward a goal, with an owner and a due date."""

    id: Ref = Field(description="Stable id within the plan.")
    what: Str = Field(description="What will be done.")
    owner: Name = Field(default="", description="Who does it.")
    due: date | None = Field(default=None, description="When it is due.")
    status: ActionStatus = Field(default=ActionStatus.PLANNED, description="Where it stands.")
    goal: Ref | None = Field(default=None, description="Id of the goal it serves.")
    idea: Ref | None = Field(default=None, description="Id of the idea-bank idea or quick win it comes from.")
    resources: Str = Field(default="", description="Resources or budget it needs.")
    serves: Name = Field(default="", description="Who it serves: a grade, a group.")
    private: StrictBool = Field(default=False, description="Just for me: left out of every export for someone else.")


class CurriculumEntry(Record):
    """Where the library contributes to a unit."""

    id: Ref = Field(description="Stable id within the plan.")
    course: Name = Field(description="Grade or course.")
    unit: Name = Field(default="", description="The unit.")
    contribution: Str = Field(default="", description="What the library brings.")
    partner: Name = Field(default="", description="The teacher partner.")
    term: Name = Field(default="", description="When in the year.")
    private: StrictBool = Field(default=False, description="Just for me: left out of every export for someone else.")


class Meeting(Record):
    """A meeting with a stakeholder."""

    id: Ref = Field(description="Stable id within the plan.")
    on: date = Field(description="The date.")
    with_whom: Name = Field(default="", description="Who it is with.")
    agenda: Str = Field(default="", description="What to cover.")
    notes: Str = Field(default="", description="What was said.")
    follow_up: Str = Field(default="", description="What happens next.")
    start: time | None = Field(default=None, description="The start time, local; none for an all-day entry.")
    minutes: int | None = Field(default=None, ge=5, le=720, description="How long it lasts, in minutes.")
    private: StrictBool = Field(default=False, description="Just for me: left out of every export for someone else.")


class Signer(Record):
    """A person who signs the plan off."""

    name: Name = Field(description="Their name.")
    role: Name = Field(default="", description="Their role, such as 'Principal'.")


PRIVATE_LISTS = ("stakeholders", "goals", "actions", "curriculum", "meetings")
"""The plan's lists whose entries she may mark just for me (``private``), here and in the built plan."""


class PlanData(Record):
    """The collaborative plan as the librarian shaped it (see :mod:`letstalk.plan`)."""

    vision: Str = Field(default="", description="The shared vision statement.")
    stakeholders: Annotated[list[Stakeholder], AfterValidator(unique_ids)] = Field(
        default_factory=list, description="People involved."
    )
    areas: list[Str] = Field(default_factory=list, description="Areas of promise where priorities overlap.")
    goals: Annotated[list[Goal], AfterValidator(unique_ids)] = Field(
        default_factory=list, max_length=5, description="One to five SMART goals."
    )
    actions: Annotated[list[Action], AfterValidator(unique_ids)] = Field(
        default_factory=list, description="Steps with owners and dates."
    )
    curriculum: Annotated[list[CurriculumEntry], AfterValidator(unique_ids)] = Field(
        default_factory=list, description="The curriculum map."
    )
    learning: list[Str] = Field(default_factory=list, description="Professional learning offered to teachers.")
    meetings: Annotated[list[Meeting], AfterValidator(unique_ids)] = Field(
        default_factory=list, description="Meetings held or planned."
    )
    measures: Str = Field(default="", description="How success will be measured.")
    sharing: Str = Field(default="", description="How results will be shared.")
    review: date | None = Field(default=None, description="When we will review the plan together.")
    signers: list[Signer] = Field(default_factory=list, description="Who signs the plan off.")

    def without_private(self) -> tuple[PlanData, int]:
        """This plan with every entry she marked just for me left out, and how many there were."""
        kept = {name: [entry for entry in getattr(self, name) if not entry.private] for name in PRIVATE_LISTS}
        dropped = sum(len(getattr(self, name)) - len(entries) for name, entries in kept.items())
        return (self.model_copy(update=kept) if dropped else self), dropped
