"""One participant's summary (:class:`Entry`), a roster row (:class:`Participant`) and a whole folder (:class:`Review`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from letstalk.cohort import Attendance, Cohort
from letstalk.model import Progress, Standing, Status, standing
from letstalk.review.scope import Scope
from letstalk.text import shown_path


class SectionMark(BaseModel):
    """One participant's standing in one section."""

    model_config = ConfigDict(frozen=True)

    status: Status = Field(description="The status she marked.")
    done: int = Field(description="Answered items (private ones not counted).")
    total: int = Field(description="Answerable items (private ones not counted).")

    @property
    def state(self) -> Standing:
        """Her standing here (:func:`letstalk.model.standing`: done only when she marked it done)."""
        return standing(self.status, self.progress)

    @property
    def progress(self) -> Progress:
        """Done out of total."""
        return Progress(self.done, self.total)

    def cell(self, gap: str = " ") -> str:
        """``● 6/6``: a mark that needs no colour, and the fraction (``●6/6`` where space is short)."""
        return f"{self.state.mark}{gap}{self.done}/{self.total}"


class TermLog(BaseModel):
    """One term of a participant's collaboration log, as the cohort report rolls it up."""

    model_config = ConfigDict(frozen=True)

    term: str = Field(description='The term\'s name in her school year ("Fall 2026"), or "Between terms".')
    start: date | None = Field(default=None, description="The term's first day, to order terms across the cohort.")
    collaborations: int = Field(description="Shared log entries dated in the term.")
    teachers: int = Field(description="Distinct teachers in those entries.")


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
    participant: str = Field(default="", description="Her stable participant id (empty in older workbooks).")
    handed_in: datetime | None = Field(
        default=None, description="When the hand-in copy was made; None for a full workbook."
    )
    sections: dict[str, SectionMark] = Field(default_factory=dict, description="Standing per section id.")
    ratings: dict[str, str] = Field(default_factory=dict, description="Her own level per rubric theme id.")
    log: tuple[TermLog, ...] = Field(default=(), description="Her shared collaboration log, per term.")

    @property
    def full(self) -> bool:
        """A whole workbook rather than a hand-in copy (its private answers were still never read)."""
        return self.state == "ok" and self.handed_in is None

    @property
    def when(self) -> datetime | None:
        """When this file was made: the hand-in time, else the last update (which copy is newest)."""
        return self.handed_in or self.updated


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
    older: list[Entry] = field(default_factory=list)
    """Earlier copies of her hand-in (or workbook) in the folder: listed as problems, never counted."""
    key: str = ""
    """Who she is in the facilitator's own files (attendance): her roster file name, else her id, else the file."""

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

    def overall(self, section_ids: list[str]) -> Standing | None:
        """One standing over several sections (all alike, else in progress); None if unreadable."""
        marks = [m for m in (self.mark(s) for s in section_ids) if m is not None]
        if not marks:
            return None
        states = {m.state for m in marks}
        if len(states) == 1:
            return states.pop()
        return Standing.ANSWERED if states == {Standing.DONE, Standing.ANSWERED} else Standing.IN_PROGRESS


@dataclass
class Review:
    """Everything the dashboard and the reports show about one folder."""

    folder: Path
    scope: Scope
    participants: list[Participant]
    cohort: Cohort | None = None
    cohort_problems: list[str] = field(default_factory=list)
    """Every problem in cohort.toml, one line each (what could be read of it is still used)."""
    stale_days: int = 14
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    attendance: Attendance = field(default_factory=Attendance)
    """Who came to each session (the facilitator's attendance file)."""
    attendance_file: Path | None = None
    """Where the attendance is kept: the review folder, or the ``--feedback`` folder."""
    attendance_problems: list[str] = field(default_factory=list)
    """A broken attendance file's one-line error (it is then read as empty and never overwritten)."""

    def readable(self) -> list[Participant]:
        """Participants whose workbook could be read."""
        return [p for p in self.participants if p.state == "ok"]

    def problems(self) -> list[Participant]:
        """Unreadable, newer and missing workbooks, each with its one-line reason."""
        return [p for p in self.participants if p.state != "ok"]

    def notes(self) -> list[str]:
        """Every line of the problems list: the cohort file, files not reviewed, older copies, files off the roster."""
        lines = list(self.cohort_problems) + list(self.attendance_problems)
        lines += [f"{p.name}: {p.error}" for p in self.problems()]
        for participant in self.participants:
            lines += [older_copy(participant, entry) for entry in participant.older]
            if self.cohort and participant.state == "ok" and not participant.on_roster:
                lines.append(
                    f"{shown_path(participant.file)}: {participant.name} is not on the cohort roster; "
                    "add her to cohort.toml if she belongs to this cohort"
                )
        return lines

    def completed(self, section_id: str) -> int:
        """How many participants completed a section (the roll-up row)."""
        return sum(1 for p in self.readable() if (m := p.mark(section_id)) and m.state is Standing.DONE)

    def distribution(self, theme_id: str) -> Counter[str]:
        """How many chose each level of a theme; ``""`` counts those who have not rated it."""
        return Counter(p.entry.ratings.get(theme_id, "") for p in self.readable() if p.entry)

    def path_of(self, participant: Participant) -> Path:
        """The participant's workbook file."""
        return self.folder / participant.file


def _day(when: datetime | None) -> str:
    return f"{when.day} {when:%b}" if when else "undated"


def older_copy(participant: Participant, entry: Entry) -> str:
    """``ana (1).toml: older copy of Ana Ruiz's hand-in, 3 Nov; ana-ruiz.toml (20 Nov) counts``."""
    kind = "workbook" if entry.full else "hand-in"
    newest = participant.entry.when if participant.entry else None
    return (
        f"{shown_path(entry.file)}: older copy of {participant.name}'s {kind}, {_day(entry.when)}; "
        f"{shown_path(participant.file)} ({_day(newest)}) counts"
    )
