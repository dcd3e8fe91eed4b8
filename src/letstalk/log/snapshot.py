"""The impact snapshot's content: the figures, charts, stories and goal progress for one period.

:func:`build` reads the workbook (never changing it) and returns a :class:`Snapshot`, which
:mod:`letstalk.export.snapshot` renders as one printed page (HTML) or plain text. Private
entries never count unless the snapshot is just for her (``include_private``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from letstalk.errors import LetsTalkError
from letstalk.log.queries import by_kind, by_month, grades_never_reached, newest_first, shared, tally, terms_for
from letstalk.log.terms import Terms
from letstalk.model import ActionStatus, LogEntry, Workbook

PERIODS = ("year", "term", "last-term", "all")
"""The named periods; ``YYYY-MM-DD..YYYY-MM-DD`` also works."""

STORIES = 2
"""How many evidence stories the page has room for."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Period:
    """The days a snapshot covers, with a name for its heading."""

    label: str
    start: date
    end: date


@dataclass(frozen=True)
class Story:
    """One entry told as evidence: what was done, with whom, and what changed."""

    on: date
    title: str
    who: str
    evidence: str


@dataclass(frozen=True)
class GoalProgress:
    """Actions done out of actions planned for one goal of the plan."""

    title: str
    done: int
    total: int


@dataclass(frozen=True)
class Snapshot:
    """Everything on the one-page impact snapshot, as plain values."""

    owner: str
    school: str
    period: Period
    collaborations: int
    teachers: int
    staff: int | None
    students: int
    grades: tuple[str, ...]
    grades_missed: tuple[str, ...]
    months: tuple[tuple[str, int], ...]
    kinds: tuple[tuple[str, int], ...]
    stories: tuple[Story, ...]
    goals: tuple[GoalProgress, ...]

    def headline(self) -> tuple[tuple[str, str], ...]:
        """The headline figures as (figure, what it counts), as the page and the card show them."""
        teachers = f"{self.teachers} of {self.staff}" if self.staff else str(self.teachers)
        grades = str(len(self.grades)) + (
            f" of {len(self.grades) + len(self.grades_missed)}" if self.grades_missed else ""
        )
        return (
            (str(self.collaborations), "collaborations"),
            (teachers, "teachers partnered"),
            (f"{self.students:,}", "students reached"),
            (grades, "grades covered"),
        )


def period_of(name: str, workbook: Workbook, today: date, terms: Terms | None = None) -> Period:
    """The period called ``name`` (see :data:`PERIODS`) as of ``today``; LetsTalkError for an unknown one."""
    terms = terms or terms_for(workbook.log, today)
    if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", name.strip()):
        try:
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
        except ValueError:
            start, end = date.max, date.min
        if start <= end:
            return Period(f"{_short(start)} to {_short(end)}", start, end)
    if name == "all":
        days = [e.on for e in workbook.log.entries] or [today]
        return Period("All entries", min(days), max(days))
    if name in ("term", "last-term"):
        term = terms.current(today) if name == "term" else terms.previous(today)
        if term is not None:
            return Period(term.name, term.start, term.end)
        raise LetsTalkError(None, "no earlier term in the school calendar; choose --period year or all", "--period")
    if name == "year":
        current = terms.current(today)
        if current is not None:
            year = [t for t in terms.terms if _school_year(t.start, terms) == _school_year(current.start, terms)]
            return Period(
                f"School year {year[0].start.year}–{year[-1].end.year % 100:02d}", year[0].start, year[-1].end
            )
    choices = ", ".join(PERIODS)
    raise LetsTalkError(None, f"{name!r} is not a period; choose {choices} or YYYY-MM-DD..YYYY-MM-DD", "--period")


def _school_year(start: date, terms: Terms) -> int:
    # the school year a term belongs to: the year of the first term starting after the longest gap before it
    index = terms.terms.index(next(t for t in terms.terms if t.start == start))
    while index and (terms.terms[index].start - terms.terms[index - 1].end).days < 30:
        index -= 1
    return index


def _short(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _months(start: date, end: date) -> list[str]:
    keys: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month) and len(keys) < 24:
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def pick_stories(entries: list[LogEntry]) -> tuple[Story, ...]:
    """The entries she marked as stories, newest first; else the newest ones with evidence written."""
    marked = [e for e in newest_first(entries) if e.story]
    if not marked:
        marked = [e for e in newest_first(entries) if e.evidence.strip()]
    return tuple(
        Story(
            e.on,
            e.what,
            " · ".join(p for p in (", ".join(e.teachers), e.grade and f"grade {e.grade}") if p),
            e.evidence,
        )
        for e in marked[:STORIES]
    )


def goal_progress(workbook: Workbook, *, include_private: bool = False) -> tuple[GoalProgress, ...]:
    """Per goal of the plan: actions done out of actions not dropped; "just for me" ones only for her."""
    progress = []
    for goal in workbook.plan.goals:
        if goal.private and not include_private:
            continue
        actions = [
            a
            for a in workbook.plan.actions
            if a.goal == goal.id and a.status is not ActionStatus.DROPPED and (include_private or not a.private)
        ]
        done = sum(a.status is ActionStatus.DONE for a in actions)
        progress.append(GoalProgress(goal.title, done, len(actions)))
    return tuple(progress)


def build(
    workbook: Workbook,
    today: date,
    period: str = "year",
    *,
    include_private: bool = False,
    show_goals: bool = True,
) -> Snapshot:
    """The snapshot of ``workbook``'s log for ``period`` as of ``today``."""
    log = workbook.log
    terms = terms_for(log, today)
    span = period_of(period, workbook, today, terms)
    pool = log.entries if include_private else shared(log.entries)
    entries = [e for e in pool if span.start <= e.on <= span.end]
    total = tally(entries)
    months = by_month(entries)
    month_keys = _months(span.start, min(span.end, max(today, span.start)))
    if len(month_keys) >= 24 or not month_keys:
        month_keys = list(months)
    by_kinds = by_kind(entries)
    reached = {e.grade.strip() for e in entries if e.grade.strip()}
    missed = grades_never_reached(entries, log.grades)
    covered = [g for g in log.grades if g not in missed] or sorted(reached)
    return Snapshot(
        owner=workbook.meta.owner,
        school=workbook.meta.school,
        period=span,
        collaborations=total.collaborations,
        teachers=total.teachers,
        staff=log.staff,
        students=total.students,
        grades=tuple(covered),
        grades_missed=tuple(missed),
        months=tuple(
            (f"{_MONTHS[int(k[5:]) - 1]}", months[k].collaborations if k in months else 0) for k in month_keys
        ),
        kinds=tuple((kind.label, t.collaborations) for kind, t in by_kinds.items()),
        stories=pick_stories(entries),
        goals=goal_progress(workbook, include_private=include_private) if show_goals else (),
    )
