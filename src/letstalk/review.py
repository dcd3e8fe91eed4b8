"""The facilitator's review: read a folder of participants' workbooks, never write them.

:func:`scan` reduces each workbook to an :class:`Entry` (completion per section, rubric levels,
last update; private answers never loaded), lists unreadable files with their one-line error,
roster members with no file as missing, and keeps entries in a cache so a second look is quick.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from letstalk.cohort import COHORT_FILE, SESSION_IDS, Cohort, CohortError, load_cohort
from letstalk.content import Library, PackKind
from letstalk.content.models import RatingItem
from letstalk.errors import LetsTalkError
from letstalk.feedback import FEEDBACK_SUFFIX
from letstalk.model import Progress, Status

Progressed = Callable[[int, int], None]
"""Called with (files read, files to read) while scanning."""


class ReviewError(LetsTalkError):
    """A review folder that cannot be read."""


class ScopeItem(NamedTuple):
    """An answerable item that counts toward completion (private items never do)."""

    id: str
    kind: str


class Column(NamedTuple):
    """A section shown as a column of the grid."""

    id: str
    label: str
    title: str


class Theme(NamedTuple):
    """A rubric theme and its levels, lowest first: ((level id, label), ...)."""

    id: str
    text: str
    levels: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Scope:
    """What the review reads from each workbook, taken from the content once."""

    sessions: tuple[Column, ...]
    steps: tuple[Column, ...]
    items: dict[str, tuple[ScopeItem, ...]]
    themes: tuple[Theme, ...]
    private: frozenset[str]

    @classmethod
    def from_library(cls, library: Library) -> Scope:
        """The cohort sessions, the Let's Talk steps and the rubric themes of the loaded content."""
        sessions = [s for s in library.all_sections() if s.id in SESSION_IDS]
        steps = [s for p in library.packs if p.meta.kind is PackKind.STEPS for s in p.sections]
        items = {
            s.id: tuple(ScopeItem(i.id, i.kind) for i in s.answerable() if not i.private)  # type: ignore[attr-defined]
            for s in sessions + steps
        }
        themes = []
        for pack in library.packs:
            if pack.meta.kind is not PackKind.RUBRIC:
                continue
            for section in pack.sections:
                for item in section.items():
                    if isinstance(item, RatingItem) and not item.private:
                        levels = tuple((lv.id, lv.label) for lv in pack.meta.scales[item.scale].levels)
                        themes.append(Theme(item.id, item.text, levels))
        return cls(
            sessions=tuple(Column(s.id, s.label, s.title) for s in sessions),
            steps=tuple(Column(s.id, s.label, s.title) for s in steps),
            items=items,
            themes=tuple(themes),
            private=frozenset(i for i, located in library.items.items() if located.item.private),
        )

    @property
    def fingerprint(self) -> str:
        """Changes whenever the content would change a summary: cached entries must match it."""
        text = repr((self.sessions, self.steps, self.items, self.themes, sorted(self.private)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


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
            return f"{self.file}: on the roster, but no such file in the folder"
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


def workbook_files(folder: Path) -> list[tuple[str, int, int]]:
    """(name, size, mtime_ns) of each workbook in the folder: its cohort and sidecar files left out."""
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise ReviewError(folder, f"cannot read the folder: {exc.strerror or exc}") from None
    found = []
    for path in entries:
        name = path.name
        if not name.endswith(".toml") or name == COHORT_FILE or name.endswith(FEEDBACK_SUFFIX) or name.startswith("."):
            continue
        try:
            st = path.stat()
        except OSError:
            continue  # gone since the listing: it is simply not there
        if path.is_file():
            found.append((name, st.st_size, st.st_mtime_ns))
    return sorted(found)


def scan(
    folder: Path,
    *,
    library: Library | None = None,
    cache_dir: Path | None = None,
    stale_days: int = 14,
    workers: int | None = None,
    progress: Progressed | None = None,
    now: datetime | None = None,
) -> Review:
    """Review every workbook in ``folder``: read from the cache where unchanged, in parallel when many."""
    from letstalk.review_cache import summaries

    if not folder.is_dir():
        raise ReviewError(folder, "not a folder; give the folder that holds the participants' workbook files")
    if library is None:
        from letstalk.content import load_library

        library = load_library()
    scope = Scope.from_library(library)
    cohort, cohort_error = None, ""
    if (folder / COHORT_FILE).exists():
        try:
            cohort = load_cohort(folder / COHORT_FILE)
        except CohortError as exc:
            cohort_error = str(exc)
    entries = summaries(folder, workbook_files(folder), scope, cache_dir=cache_dir, workers=workers, progress=progress)
    review = Review(folder, scope, [], cohort, cohort_error, stale_days, now or datetime.now(UTC))
    review.participants = _participants(entries, review)
    return review


def _participants(entries: list[Entry], review: Review) -> list[Participant]:
    cohort = review.cohort
    cutoff = review.now - timedelta(days=review.stale_days)
    rows = []
    for entry in entries:
        member = cohort.member_for(entry.file) if cohort else None
        name = entry.owner or (member.name if member else "") or Path(entry.file).stem
        school = entry.school or (member.school if member else "")
        stale = entry.state == "ok" and entry.updated is not None and entry.updated < cutoff
        rows.append(Participant(name, school, entry.file, entry.state, entry, stale, member is not None))
    present = {entry.file for entry in entries}
    for member in cohort.roster if cohort else []:
        if member.file not in present:
            rows.append(Participant(member.name, member.school, member.file, "missing", on_roster=True))
    return sorted(rows, key=lambda p: (p.name.casefold(), p.file))
