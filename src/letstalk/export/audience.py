"""Who an export is for, and so which parts of the plan it holds.

An :class:`Audience` is a set of :class:`Share` parts plus whether entries marked "just for me"
go out. :meth:`Audience.apply` returns the plan with everything else left out, before any
renderer sees it, so every format (Markdown, text, HTML, calendar, CSV, card) obeys the same
choice. Three are built in: ``principal`` (every part but the growth-rubric self-ratings, which
hold her rating of him; nothing "just for me"), ``all`` (every part, nothing "just for me") and
``me`` (every part and her private entries: a copy for herself).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from letstalk.errors import LetsTalkError
from letstalk.model.plan_data import PRIVATE_LISTS
from letstalk.plan import Plan

DEFAULT_AUDIENCE = "principal"
"""What an export holds unless told otherwise: what the librarian would hand her principal."""


class Share(StrEnum):
    """A part of the plan an export can hold or leave out; the value is its name on the command line."""

    SUMMARY = "summary"
    VISION = "vision"
    AREAS = "areas"
    PEOPLE = "people"
    GOALS = "goals"
    ACTIONS = "actions"
    CURRICULUM = "curriculum"
    LEARNING = "learning"
    MEETINGS = "meetings"
    MEASURES = "measures"
    SHARING = "sharing"
    RUBRIC = "rubric"

    @property
    def label(self) -> str:
        """The part in words, as the export dialog lists it."""
        return SHARE_LABELS[self]


SHARE_LABELS: dict[Share, str] = {
    Share.SUMMARY: "Summary page (vision, goals, next actions, next meeting)",
    Share.VISION: "Shared vision and mission",
    Share.AREAS: "Areas of promise",
    Share.PEOPLE: "Who is at the table",
    Share.GOALS: "SMART goals",
    Share.ACTIONS: "Actions",
    Share.CURRICULUM: "Curriculum map",
    Share.LEARNING: "Professional learning",
    Share.MEETINGS: "Meetings and the next conversation",
    Share.MEASURES: "Measuring success",
    Share.SHARING: "Sharing results",
    Share.RUBRIC: "Growth rubric self-ratings",
}

# The plan fields each part empties when it is left out.
_FIELDS: dict[Share, tuple[str, ...]] = {
    Share.VISION: ("vision", "mission"),
    Share.AREAS: ("areas",),
    Share.PEOPLE: ("stakeholders",),
    Share.GOALS: ("goals",),
    Share.ACTIONS: ("actions",),
    Share.CURRICULUM: ("curriculum",),
    Share.LEARNING: ("learning",),
    Share.MEETINGS: ("meetings",),
    Share.MEASURES: ("measures",),
    Share.SHARING: ("sharing",),
    Share.RUBRIC: ("rubric",),
}
# The Plan.notes parts (letstalk.plan.Part values) that belong to each share.
_NOTES: dict[Share, str] = {
    Share.AREAS: "areas",
    Share.PEOPLE: "stakeholders",
    Share.GOALS: "goals",
    Share.ACTIONS: "actions",
    Share.CURRICULUM: "curriculum",
    Share.LEARNING: "learning",
    Share.MEETINGS: "meetings",
    Share.MEASURES: "measures",
    Share.SHARING: "sharing",
}


class Audience(BaseModel):
    """Which parts an export holds, and whether "just for me" entries go out with them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="principal, all, me, or custom.")
    parts: frozenset[Share] = Field(description="The parts the export holds.")
    private: bool = Field(default=False, description="Whether entries marked just for me are included.")

    @classmethod
    def preset(cls, name: str) -> Audience:
        """One of the built-in choices: ``principal``, ``all`` or ``me``."""
        everything = frozenset(Share)
        presets = {
            "principal": cls(name="principal", parts=everything - {Share.RUBRIC}),
            "all": cls(name="all", parts=everything),
            "me": cls(name="me", parts=everything, private=True),
        }
        if name not in presets:
            raise LetsTalkError(None, f"no audience called {name!r}; choose principal, all or me", "--for")
        return presets[name]

    def with_parts(self, only: Iterable[str] = (), without: Iterable[str] = ()) -> Audience:
        """This audience narrowed to ``only`` (when given) and without ``without``: a custom choice.

        Parts only ever narrow who it is for: ``--for principal --parts rubric`` would put her
        ratings, her principal's among them, in a paper for him, so asking for a part the
        audience never gets is refused, naming the way to include it.
        """
        only_parts, without_parts = parse_parts(only, "--parts"), parse_parts(without, "--without")
        beyond = only_parts - self.parts
        if beyond:
            names = ", ".join(sorted(part.value for part in beyond))
            raise LetsTalkError(
                None,
                f"{names} never goes out in an export for {self.name}; use --for all or --for me to include it",
                "--parts",
            )
        parts = (only_parts or self.parts) - without_parts
        if parts == self.parts:
            return self
        return Audience(name="custom", parts=frozenset(parts), private=self.private)

    def holds(self, part: Share) -> bool:
        """Whether the export holds ``part``."""
        return part in self.parts

    def apply(self, plan: Plan) -> Plan:
        """``plan`` with the parts left out emptied and, unless ``private``, the just-for-me entries gone."""
        update: dict[str, object] = {}
        for part, fields in _FIELDS.items():
            if part not in self.parts:
                update.update({field: type(getattr(plan, field))() for field in fields})
        notes = {key: value for key, value in plan.notes.items() if self._keeps_note(key.value)}
        if notes != plan.notes:
            update["notes"] = notes
        if not self.private:
            for field in PRIVATE_LISTS:
                entries = update.get(field, getattr(plan, field))
                # the plan's entry lists are tuples of several view types, read here by field name
                kept = tuple(entry for entry in entries if not getattr(entry, "private", False))  # type: ignore[attr-defined]  # see above
                if len(kept) != len(entries):  # type: ignore[arg-type]  # see above
                    update[field] = kept
        left_out = tuple(part.value for part in Share if part not in self.parts)
        if left_out:
            update["left_out"] = left_out
        return plan.model_copy(update=update) if update else plan

    def _keeps_note(self, note_part: str) -> bool:
        return all(part in self.parts for part, name in _NOTES.items() if name == note_part)


def parse_parts(names: Iterable[str], option: str) -> frozenset[Share]:
    """Part names as typed (``goals,actions``) as shares; an unknown name is a one-line error."""
    out = set()
    for raw in names:
        for name in (piece.strip().lower() for piece in raw.split(",")):
            if not name:
                continue
            try:
                out.add(Share(name))
            except ValueError:
                known = ", ".join(part.value for part in Share)
                raise LetsTalkError(None, f"no part called {name!r}; the parts are {known}", option) from None
    return frozenset(out)
