"""One participant's summary (:class:`Entry`), a roster row (:class:`Participant`) and a whole folder (:class:`Review`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from letstalk.cohort import Cohort
from letstalk.model import Progress, Status
from letstalk.review.scope import Scope
from letstalk.text import shown_path


class SectionMark(BaseModel):
    """One participant's standing in one section."""

    model_config = ConfigDict(frozen=True)

    status: Status = Field(description="The status she marked.")
    done: int = Field(description="Answered items (private ones not counted).")
    total: int = Field(description="Answerable items (private ones not counted).")

    @property
    def state(self) -> Status:
        """Done when marked done or fully answered; in progress once anything is answered."""
        if self.status is Status.DONE or (self.total and self.done >= self.total):
            return Status.DONE
        if self.done or self.status is Status.IN_PROGRESS:
            return Status.IN_PROGRESS
        return Status.NOT_STARTED

    @property
    def progress(self) -> Progress:
        """Done out of total."""
        return Progress(self.done, self.total)

    def cell(self, gap: str = " ") -> str:
        """``● 6/6``: a mark that needs no colour, and the fraction (``●6/6`` where space is short)."""
        return f"{self.state.mark}{gap}{self.done}/{self.total}"


class Entry(BaseModel):
    """One workbook file reduced to what the review shows (this is what the cache keeps)."""

    file: str = Field(description="The file name in the review folder.")
    size: int = Field(description="Size in bytes when read (half of the cache key).")
    mtime_ns: int = Field(description="Modification time when read (the other half).")
    state: Literal["ok", "invalid", "newer"] = Field(description="Read, unreadable, or written by a newer letstalk.")
    error: str = Field(default="", description="The one-line error for an unreadable or newer file.")
    owner: str = Field(default="", description="The participant's name, from the workbook.")
    school: str = Field(default="", description="Her school, from the workbook.")
    updated: datetime | None = Field(default=None, description="When the workbook was last saved.")
    cohort: str | None = Field(default=None, description="The cohort file the workbook joined.")
    sections: dict[str, SectionMark] = Field(default_factory=dict, description="Standing per section id.")
    ratings: dict[str, str] = Field(default_factory=dict, description="Her own level per rubric theme id.")


State = Literal["ok", "invalid", "newer", "missing"]
STATE_WORDS: dict[str, str] = {"ok": "ok", "invalid": "✗ unreadable", "newer": "↑ newer file", "missing": "? missing"}


@dataclass
class Participant:
    """A row of the review: a readable workbook, a problem file, or a roster member with no file."""

    name: str
    school: str
    file: str
    state: State
    entry: Entry | None = None
    stale: bool = False
    on_roster: bool = False

    @property
    def error(self) -> str:
        """Why the workbook is not shown (empty when it is)."""
        if self.state == "missing":
            return f"{shown_path(self.file)}: on the roster, but no such file in the folder"
        return self.entry.error if self.entry else ""

    def mark(self, section_id: str) -> SectionMark | None:
        """Her standing in a section, when her workbook could be read."""
        return self.entry.sections.get(section_id) if self.entry else None

    def progress(self, section_ids: list[str]) -> Progress:
        """Answered out of answerable over several sections."""
        total = Progress(0, 0)
        for section_id in section_ids:
            mark = self.mark(section_id)
            if mark is not None:
                total += mark.progress
        return total

    def overall(self, section_ids: list[str]) -> Status | None:
        """Done when every section is done, not started when none is started; None if unreadable."""
        marks = [m for m in (self.mark(s) for s in section_ids) if m is not None]
        if not marks:
            return None
        states = {m.state for m in marks}
        if states == {Status.DONE}:
            return Status.DONE
        return Status.NOT_STARTED if states == {Status.NOT_STARTED} else Status.IN_PROGRESS


@dataclass
class Review:
    """Everything the dashboard and the reports show about one folder."""

    folder: Path
    scope: Scope
    participants: list[Participant]
    cohort: Cohort | None = None
    cohort_error: str = ""
    stale_days: int = 14
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def readable(self) -> list[Participant]:
        """Participants whose workbook could be read."""
        return [p for p in self.participants if p.state == "ok"]

    def problems(self) -> list[Participant]:
        """Unreadable, newer and missing workbooks, each with its one-line reason."""
        return [p for p in self.participants if p.state != "ok"]

    def completed(self, section_id: str) -> int:
        """How many participants completed a section (the roll-up row)."""
        return sum(1 for p in self.readable() if (m := p.mark(section_id)) and m.state is Status.DONE)

    def distribution(self, theme_id: str) -> Counter[str]:
        """How many chose each level of a theme; ``""`` counts those who have not rated it."""
        return Counter(p.entry.ratings.get(theme_id, "") for p in self.readable() if p.entry)

    def path_of(self, participant: Participant) -> Path:
        """The participant's workbook file."""
        return self.folder / participant.file
