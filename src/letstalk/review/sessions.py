"""Sessions in time: each session's date and place, which are past, who has not started, who came.

The dates, times and places come from the facilitator's cohort.toml, attendance from her own
attendance file; none of it is read from (or written to) a participant's file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from letstalk.model import Standing
from letstalk.review.entries import Participant, Review
from letstalk.review.scope import Column

PAST_MARK = "◷"
"""Put before a session already held, in headings (no colour needed)."""


@dataclass(frozen=True)
class Meeting:
    """One session of the cohort: when and where it meets, and whether it is past."""

    column: Column
    date: dt.date | None
    time: str
    place: str
    past: bool

    def when(self) -> str:
        """``15 Sep 2026 · 16:00-17:30 · Online (held)``, or ``no date yet``."""
        parts = [f"{self.date.day} {self.date:%b %Y}" if self.date else "no date yet"]
        parts += [part for part in (self.time, self.place) if part]
        return " · ".join(parts) + (" (held)" if self.past else "")


def meeting(review: Review, column: Column) -> Meeting:
    """A session column with its date and place from the cohort file (blank when there is none)."""
    session = review.cohort.sessions.get(column.id) if review.cohort else None
    date = session.date if session else None
    past = date is not None and date < review.now.date()
    return Meeting(column, date, session.time if session else "", session.place if session else "", past)


def meetings(review: Review) -> list[Meeting]:
    """Every cohort session, in order, with its date and place."""
    return [meeting(review, column) for column in review.scope.sessions]


def is_session(review: Review, column: Column) -> bool:
    """Whether a column is a cohort session (steps have no dates)."""
    return any(c.id == column.id for c in review.scope.sessions)


def heading(review: Review, column: Column, short: str) -> str:
    """A session column's heading in three lines: number (◷ when past), date, place."""
    if not is_session(review, column):
        return short
    held = meeting(review, column)
    day = f"{held.date.day} {held.date:%b}" if held.date else ""
    return "\n".join([f"{PAST_MARK} {short}" if held.past else short, day, held.place])


def not_started(review: Review, column: Column) -> list[Participant]:
    """Readable participants who have not started a session's worksheet."""
    return [p for p in review.readable() if (m := p.mark(column.id)) is not None and m.state is Standing.NOT_STARTED]


def past_not_started(review: Review) -> list[tuple[Meeting, list[Participant]]]:
    """For each past session, who has not started its worksheet (sessions where everyone has are left out)."""
    out = []
    for held in meetings(review):
        if held.past and (missing := not_started(review, held.column)):
            out.append((held, missing))
    return out


def attended(review: Review, participant: Participant, column: Column) -> bool:
    """Whether the facilitator marked her as present at a session."""
    return review.attendance.attended(column.id, participant.key)


def attendees(review: Review, column: Column) -> list[Participant]:
    """Everyone marked present at a session (roster members without a file too)."""
    return [p for p in review.participants if attended(review, p, column)]
