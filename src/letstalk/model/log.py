"""The collaboration log: what she did with whom, and the school calendar its terms come from.

Entries have stable ids (``l-1``, ``l-2`` ...), never derived from position or wording. The queries
over a log live in :mod:`letstalk.log`; this module only holds the data and its small edits.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from letstalk.model.values import Name, Record, Ref, Str, next_ref, unique_ids


class LogKind(StrEnum):
    """What kind of collaboration an entry records."""

    CO_PLANNED = "co-planned"
    CO_TAUGHT = "co-taught"
    RESOURCES = "resources-curated"
    LEARNING = "professional-learning"
    EVENT = "event"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind in words, for tables, charts and exports."""
        return _KIND_LABELS[self]

    @property
    def short(self) -> str:
        """The kind in a word or two, for a narrow table column."""
        return {"resources-curated": "Resources", "professional-learning": "PD led"}.get(self.value, _KIND_LABELS[self])

    @property
    def key(self) -> str:
        """The one key that picks this kind in the add dialog."""
        return _KIND_KEYS[self]

    @classmethod
    def from_text(cls, raw: str) -> LogKind | None:
        """A kind from its id, its label or its key, case and spacing ignored (None when unknown)."""
        wanted = re.sub(r"[\s_]+", "-", raw.strip().lower())
        for kind in cls:
            if wanted in (kind.value, kind.label.lower().replace(" ", "-"), kind.key):
                return kind
        return {"co-plan": cls.CO_PLANNED, "co-teach": cls.CO_TAUGHT, "pd": cls.LEARNING}.get(wanted)


_KIND_LABELS = {
    LogKind.CO_PLANNED: "Co-planned",
    LogKind.CO_TAUGHT: "Co-taught",
    LogKind.RESOURCES: "Resources curated",
    LogKind.LEARNING: "Professional learning led",
    LogKind.EVENT: "Event",
    LogKind.OTHER: "Other",
}
_KIND_KEYS = {
    LogKind.CO_PLANNED: "p",
    LogKind.CO_TAUGHT: "t",
    LogKind.RESOURCES: "r",
    LogKind.LEARNING: "l",
    LogKind.EVENT: "e",
    LogKind.OTHER: "o",
}


class LogEntry(Record):
    """One collaboration: a lesson co-taught, a unit co-planned, a workshop led."""

    id: Ref = Field(description="Stable id within the log, such as l-12.")
    on: date = Field(description="The day it happened.")
    kind: LogKind = Field(default=LogKind.OTHER, description="co-planned, co-taught, resources-curated, ...")
    what: Name = Field(description="What we did, in one line.")
    teachers: list[Name] = Field(default_factory=list, description="The teacher or teachers involved.")
    grade: Name = Field(default="", description="Grade or course, such as 3 or Biology.")
    subject: Name = Field(default="", description="The subject.")
    students: int | None = Field(default=None, ge=0, le=1_000_000, description="Students reached, when known.")
    evidence: Str = Field(default="", description="Evidence or outcome: what changed, what they said.")
    goal: Ref | None = Field(default=None, description="Id of the plan goal it serves.")
    private: bool = Field(default=False, description="Just for me: never in a hand-in or an export.")
    story: bool = Field(default=False, description="Tell it as an evidence story on the impact snapshot.")

    def one_line(self) -> str:
        """``2026-03-02 · Co-taught · Ms Lee · grade 3 · Research skills``, for lists and notices."""
        parts = [self.on.isoformat(), self.kind.label, ", ".join(self.teachers)]
        parts += [f"grade {self.grade}" if self.grade.isdigit() else self.grade, self.what]
        return " · ".join(part for part in parts if part)


class TermScheme(StrEnum):
    """How the school year is divided."""

    SEMESTERS = "semesters"
    TRIMESTERS = "trimesters"
    QUARTERS = "quarters"

    @property
    def parts(self) -> int:
        """How many terms a year has."""
        return {"semesters": 2, "trimesters": 3, "quarters": 4}[self.value]

    @property
    def noun(self) -> str:
        """What one term is called: Semester, Trimester, Quarter."""
        return self.value[:-1].capitalize()


MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")


class Term(Record):
    """One term with its dates (both days included)."""

    name: Name = Field(description="What the school calls it, such as Fall semester.")
    start: date = Field(description="First day of the term.")
    end: date = Field(description="Last day of the term.")

    @model_validator(mode="after")
    def _ordered(self) -> Term:
        if self.end < self.start:
            raise ValueError(f"the term ends ({self.end}) before it starts ({self.start}); swap the dates")
        return self


class SchoolCalendar(Record):
    """The school year and its terms: set once in the profile, used for "this term" and "last term".

    Without explicit ``terms`` each year from ``year_start`` to ``year_end`` is split into equal
    terms of the ``scheme``; the US defaults run from 15 August to 15 June in two semesters.
    """

    scheme: TermScheme = Field(default=TermScheme.SEMESTERS, description="semesters, trimesters or quarters.")
    year_start: Ref = Field(default="08-15", pattern=MONTH_DAY.pattern, description="First school day, MM-DD.")
    year_end: Ref = Field(default="06-15", pattern=MONTH_DAY.pattern, description="Last school day, MM-DD.")
    terms: list[Term] = Field(
        default_factory=list, description="Terms with their dates, when they differ from the split."
    )


class CollabLog(Record):
    """The collaboration log with what its figures are measured against."""

    calendar: SchoolCalendar = Field(default_factory=SchoolCalendar, description="The school year and its terms.")
    staff: int | None = Field(default=None, ge=1, le=100_000, description="How many teachers the school has.")
    grades: list[Name] = Field(default_factory=list, description="The grades or courses the school has, to find gaps.")
    entries: Annotated[list[LogEntry], AfterValidator(unique_ids)] = Field(
        default_factory=list, description="Collaborations, in the order they were added."
    )

    def entry(self, entry_id: str) -> LogEntry | None:
        """The entry with this id, or None."""
        return next((e for e in self.entries if e.id == entry_id), None)

    def next_id(self) -> str:
        """A fresh id: one more than the highest ``l-N`` in use (ids are never reused within a file)."""
        return next_ref((e.id for e in self.entries), "l")

    def add(self, **fields: Any) -> LogEntry:
        """Add an entry from its fields (validated; ``id`` is chosen here) and return it."""
        entry = LogEntry(id=self.next_id(), **fields)
        self.entries.append(entry)
        return entry

    def update(self, entry_id: str, **fields: Any) -> bool:
        """Change an entry's fields (validated first); returns whether anything changed."""
        index = self._index(entry_id)
        current = self.entries[index]
        changed = LogEntry.model_validate({**current.model_dump(), **fields, "id": current.id})
        if changed == current:
            return False
        self.entries[index] = changed
        return True

    def delete(self, entry_id: str) -> LogEntry:
        """Remove an entry and return it."""
        return self.entries.pop(self._index(entry_id))

    def duplicate(self, entry_id: str, on: date) -> LogEntry:
        """A copy of an entry on another day (a repeated lesson), added with a new id."""
        source = self.entries[self._index(entry_id)]
        return self.add(**{**source.model_dump(exclude={"id"}), "on": on})

    def _index(self, entry_id: str) -> int:
        for index, entry in enumerate(self.entries):
            if entry.id == entry_id:
                return index
        raise KeyError(entry_id)
