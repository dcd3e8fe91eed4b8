"""Questions asked of the collaboration log: how many, with whom, for how many students, when.

Every function is pure: it takes entries (and terms) and returns plain values. Exports and
shared views pass :func:`shared` entries, so a private entry never counts where others look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from letstalk.log.terms import Terms
from letstalk.model import CollabLog, LogEntry, LogKind, Term


def person_key(name: str) -> str:
    """How two spellings of one teacher are matched: case and spacing ignored ("Ms  lee" is "Ms Lee")."""
    return " ".join(name.split()).casefold()


def grade_key(grade: str) -> str:
    """How grades are matched: case, spacing and a leading "grade" ignored ("Grade 3" is "3")."""
    return re.sub(r"^(grade|gr\.?)\s*", "", person_key(grade))


@dataclass(frozen=True)
class Tally:
    """Collaborations, distinct teachers and students reached, for some entries."""

    collaborations: int = 0
    teachers: int = 0
    students: int = 0


def tally(entries: Iterable[LogEntry]) -> Tally:
    """Count entries, the distinct teachers in them and the students they reached."""
    count, students = 0, 0
    teachers: set[str] = set()
    for entry in entries:
        count += 1
        students += entry.students or 0
        teachers.update(person_key(t) for t in entry.teachers if t.strip())
    return Tally(count, len(teachers), students)


def shared(entries: Iterable[LogEntry]) -> list[LogEntry]:
    """The entries others may see: every entry not marked private."""
    return [e for e in entries if not e.private]


def newest_first(entries: Iterable[LogEntry]) -> list[LogEntry]:
    """Entries by date, newest first; on one day, the one added last first."""
    indexed = list(enumerate(entries))
    indexed.sort(key=lambda pair: (pair[1].on, pair[0]), reverse=True)
    return [entry for _, entry in indexed]


def group(entries: Iterable[LogEntry], keys: Callable[[LogEntry], Iterable[str]]) -> dict[str, list[LogEntry]]:
    """Entries under each key ``keys`` gives them (an entry with two teachers is under both)."""
    groups: dict[str, list[LogEntry]] = {}
    for entry in entries:
        for key in dict.fromkeys(keys(entry)):
            groups.setdefault(key, []).append(entry)
    return groups


def by_month(entries: Iterable[LogEntry]) -> dict[str, Tally]:
    """Tallies per month (``2026-03``), in date order."""
    groups = group(entries, lambda e: [e.on.strftime("%Y-%m")])
    return {key: tally(groups[key]) for key in sorted(groups)}


def by_kind(entries: Iterable[LogEntry]) -> dict[LogKind, Tally]:
    """Tallies per kind, in the kinds' own order, kinds with no entry left out."""
    groups = group(entries, lambda e: [e.kind.value])
    return {kind: tally(groups[kind.value]) for kind in LogKind if kind.value in groups}


def teacher_spellings(entries: Iterable[LogEntry]) -> dict[str, str]:
    """Each teacher's match key (:func:`person_key`) and the first spelling seen, spaces tidied."""
    spelling: dict[str, str] = {}
    for entry in entries:
        for name in entry.teachers:
            if name.strip():
                spelling.setdefault(person_key(name), " ".join(name.split()))
    return spelling


def grade_spellings(entries: Iterable[LogEntry]) -> dict[str, str]:
    """Each grade's match key (:func:`grade_key`) and the first spelling seen; entries without a grade skipped."""
    spelling: dict[str, str] = {}
    for entry in entries:
        if entry.grade.strip():
            spelling.setdefault(grade_key(entry.grade), entry.grade.strip())
    return spelling


def by_teacher(entries: Iterable[LogEntry]) -> dict[str, Tally]:
    """Tallies per teacher (first spelling seen), most collaborations first."""
    entries = list(entries)
    spelling = teacher_spellings(entries)
    groups = group(entries, lambda e: [person_key(t) for t in e.teachers if t.strip()])
    ranked = sorted(groups, key=lambda key: (-len(groups[key]), key))
    return {spelling[key]: tally(groups[key]) for key in ranked}


def by_grade(entries: Iterable[LogEntry]) -> dict[str, Tally]:
    """Tallies per grade or course (first spelling seen), grades with no grade left out."""
    entries = list(entries)
    spelling = grade_spellings(entries)
    groups = group(entries, lambda e: [grade_key(e.grade)] if e.grade.strip() else [])
    return {spelling[key]: tally(groups[key]) for key in sorted(groups, key=grade_order)}


def grade_order(key: str) -> tuple[int, int, str]:
    """Kindergarten first, then grades by number, then courses by name."""
    if key in ("k", "kindergarten", "pre-k", "prek", "tk"):
        return (0, 0, key)
    return (1, int(key), key) if key.isdigit() else (2, 0, key)


def by_term(entries: Iterable[LogEntry], terms: Terms) -> dict[str, Tally]:
    """Tallies per term in date order; days between terms are under "Between terms"."""
    groups: dict[str, list[LogEntry]] = {}
    order: dict[str, date] = {}
    for entry in entries:
        term = terms.of(entry.on)
        name = term.name if term else "Between terms"
        groups.setdefault(name, []).append(entry)
        order.setdefault(name, term.start if term else date.max)
    return {name: tally(groups[name]) for name in sorted(groups, key=lambda n: order[n])}


def shared_by_term(log: CollabLog) -> list[tuple[str, date | None, Tally]]:
    """Her shared entries' tallies per term of her school year (name, first day, tally), in date order.

    The terms come from the entries' own dates, never today's, so the result is the same on any day
    (the review cache keeps it).
    """
    entries = shared(log.entries)
    if not entries:
        return []  # most hand-ins: no school year to work out
    terms = Terms(log.calendar, [e.on for e in entries])
    starts = {t.name: t.start for e in entries if (t := terms.of(e.on))}
    return [(name, starts.get(name), counted) for name, counted in by_term(entries, terms).items()]


def in_term(entries: Iterable[LogEntry], term: Term | None) -> list[LogEntry]:
    """The entries dated within ``term`` (none for no term)."""
    if term is None:
        return []
    return [e for e in entries if term.start <= e.on <= term.end]


def distinct_teachers(entries: Iterable[LogEntry]) -> list[str]:
    """Every teacher partnered with, once each, most collaborations first."""
    return list(by_teacher(entries))


def grades_never_reached(entries: Iterable[LogEntry], grades: Sequence[str]) -> list[str]:
    """The school's grades (from the profile) that no entry names, in the profile's order."""
    reached = {grade_key(e.grade) for e in entries}
    return [g for g in grades if grade_key(g) not in reached]


def known_teachers(log: CollabLog) -> list[str]:
    """Teachers named before, most recently logged first: what the add dialog offers."""
    return list(teacher_spellings(newest_first(log.entries)).values())


@dataclass(frozen=True)
class LogFilter:
    """What the Log screen shows: any of teacher, grade, kind and term (None means any)."""

    teacher: str | None = None
    grade: str | None = None
    kind: LogKind | None = None
    term: str | None = None

    def matches(self, entry: LogEntry, terms: Terms) -> bool:
        """Whether the entry passes every part of the filter that is set."""
        if self.teacher and person_key(self.teacher) not in {person_key(t) for t in entry.teachers}:
            return False
        if self.grade and grade_key(self.grade) != grade_key(entry.grade):
            return False
        if self.kind and entry.kind is not self.kind:
            return False
        if self.term:
            term = terms.of(entry.on)
            return term is not None and term.name == self.term
        return True


def select(entries: Iterable[LogEntry], wanted: LogFilter, terms: Terms) -> list[LogEntry]:
    """The entries passing the filter, newest first."""
    return newest_first(e for e in entries if wanted.matches(e, terms))


def terms_for(log: CollabLog, today: date) -> Terms:
    """The terms covering every entry of the log and today."""
    return Terms(log.calendar, [today, *(e.on for e in log.entries)])


@dataclass(frozen=True)
class Comparison:
    """This term against last term, for the summary strip."""

    this_term: Term | None
    this: Tally
    last_term: Term | None
    last: Tally


def this_vs_last(log: CollabLog, today: date, terms: Terms | None = None) -> Comparison:
    """Collaborations, teachers and students this term and last term."""
    terms = terms or terms_for(log, today)
    current, previous = terms.current(today), terms.previous(today)
    return Comparison(current, tally(in_term(log.entries, current)), previous, tally(in_term(log.entries, previous)))


def text_bar(value: int, maximum: int, width: int = 20) -> str:
    """A bar of ``value`` out of ``maximum`` in block characters, for terminals and plain text."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(value / maximum * width * 8)
    full, part = divmod(max(eighths, 1), 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")


NUDGE_DAYS = 21
"""Three weeks of term without an entry earns a gentle reminder on Home."""


def last_logged(log: CollabLog) -> date | None:
    """The date of the newest entry, or None for an empty log."""
    return max((e.on for e in log.entries), default=None)


def needs_nudge(log: CollabLog, today: date, terms: Terms | None = None) -> bool:
    """Whether to remind her to log: school is in term and nothing is logged in the last three weeks.

    An empty log is not nudged: Home's first mention of the log is an invitation, not a reminder.
    """
    last = last_logged(log)
    if last is None or (today - last).days < NUDGE_DAYS:
        return False
    return (terms or terms_for(log, today)).in_term(today)


def home_line(log: CollabLog, today: date) -> str:
    """Home's line about the log: the last entry's date, and a gentle nudge after three quiet weeks of term."""
    last = last_logged(log)
    if last is None:
        return "Collaboration log: nothing yet · press l to note what you did with a teacher"
    if needs_nudge(log, today):
        return f"Log: last entry {short_date(last)}, over three weeks ago · press l to add what you did"
    return f"Collaboration log: last entry {short_date(last)} · press l to open it"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: date) -> str:
    """``2 Mar 2026``, the same whatever the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
