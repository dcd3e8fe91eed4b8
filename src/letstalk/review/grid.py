"""The review grid as text: cells, the roll-up row, filters and sorts (shared by the TUI and reports).

Every mark is a symbol and a fraction or a word, never a colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from letstalk.model import Standing
from letstalk.review.entries import STATE_WORDS, Participant, Review
from letstalk.review.scope import Column

ATTENDED_MARK = "✓"
"""After a session cell when she attended it (the facilitator's attendance file)."""

MARKS_KEY = (
    "● done (marked by her) · ◕ all answered, not marked done · ◐ in progress · ○ not started · "
    "n/m items answered (private items not counted) · ✓ attended · ◷ session already held"
)


class View(StrEnum):
    """Which sections the grid shows as columns."""

    SESSIONS = "sessions"
    STEPS = "steps"


class Show(StrEnum):
    """The status filter."""

    ALL = "all"
    DONE = "done"
    ANSWERED = "answered"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"
    STALE = "stale"
    PROBLEMS = "problems"

    @property
    def label(self) -> str:
        """The filter in words."""
        return {
            "all": "Everyone",
            "done": "Done",
            "answered": "All answered, not marked done",
            "in-progress": "In progress",
            "not-started": "Not started",
            "stale": "Stale",
            "problems": "Missing or unreadable",
        }[self.value]


class Order(StrEnum):
    """The sort order."""

    NAME = "name"
    UPDATED = "updated"
    PROGRESS = "progress"


VIEW_TITLES = {View.SESSIONS: "Sessions", View.STEPS: "Let's Talk steps"}


def columns(review: Review, view: View) -> tuple[Column, ...]:
    """The sections shown for a view."""
    return review.scope.sessions if view is View.SESSIONS else review.scope.steps


def short(column: Column) -> str:
    """A column heading: ``4`` for Session 4 or Step 4 (the view says which), else ``Curr``."""
    match = re.fullmatch(r"\w+ (\d+)", column.label)
    return match.group(1) if match else column.label[:4]


def updated_cell(participant: Participant, *, iso: bool = False) -> str:
    """``20 Nov``, ``01 Jun stale``, ``20 Nov full`` (a whole workbook, not a hand-in), or the problem in words."""
    entry = participant.entry
    if participant.state != "ok" or entry is None:
        return STATE_WORDS[participant.state]
    if entry.updated is None:
        return "full" if entry.full else ""
    day = entry.updated.strftime("%Y-%m-%d") if iso else f"{entry.updated.day:02} {entry.updated:%b}"
    flags = ["stale"] if participant.stale else []
    if entry.full:
        flags.append("full workbook" if iso else "full")
    return " ".join([day, *flags])


def cells(participant: Participant, cols: Sequence[Column], gap: str = " ", review: Review | None = None) -> list[str]:
    """One mark per column (blank for a row whose workbook could not be read); with the review, ✓ for attended."""
    out = []
    for column in cols:
        mark = participant.mark(column.id)
        text = mark.cell(gap) if mark else ""
        if review is not None and review.attendance.attended(column.id, participant.key):
            text = f"{text}{gap}{ATTENDED_MARK}" if text else ATTENDED_MARK
        out.append(text)
    return out


def rollup(review: Review, cols: Sequence[Column]) -> list[str]:
    """How many of the readable workbooks completed each column: ``3/6``."""
    readable = len(review.readable())
    return [f"{review.completed(c.id)}/{readable}" for c in cols]


def counts(review: Review) -> str:
    """``12 participants: 6 readable (1 stale), 3 unreadable, 1 newer, 2 missing``.

    "newer" files were written by a newer letstalk; "missing" are on the roster with no file.
    """
    states: list[str] = [p.state for p in review.participants]
    stale = sum(p.stale for p in review.participants)
    parts = [f"{states.count('ok')} readable" + (f" ({stale} stale)" if stale else "")]
    for state, word in (("invalid", "unreadable"), ("newer", "newer"), ("missing", "missing")):
        if states.count(state):
            parts.append(f"{states.count(state)} {word}")
    return f"{len(states)} participants: " + ", ".join(parts)


def _matches(participant: Participant, show: Show, ids: list[str]) -> bool:
    if show is Show.ALL:
        return True
    if show is Show.PROBLEMS:
        return participant.state != "ok"
    if show is Show.STALE:
        return participant.stale
    return participant.overall(ids) is Standing(show.value)


def rows(
    review: Review,
    cols: Sequence[Column],
    *,
    name: str = "",
    session: str | None = None,
    show: Show = Show.ALL,
    order: Order = Order.NAME,
) -> list[Participant]:
    """The participants to show: filtered by name, status (in ``session``, or overall) and sorted."""
    ids = [session] if session else [c.id for c in cols]
    needle = name.casefold().strip()
    found = [
        p
        for p in review.participants
        if (not needle or needle in p.name.casefold() or needle in p.school.casefold()) and _matches(p, show, ids)
    ]
    by_name = sorted(found, key=lambda p: (p.name.casefold(), p.file))
    if order is Order.UPDATED:
        return sorted(by_name, key=lambda p: -(p.entry.updated.timestamp() if p.entry and p.entry.updated else 0))
    if order is Order.PROGRESS:
        return sorted(by_name, key=lambda p: -p.progress(ids).fraction if p.state == "ok" else 1.0)
    return by_name
