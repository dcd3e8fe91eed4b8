"""The add/edit form of a log entry, as the screens and plain mode see it: text in, fields out.

Screens hand over what was typed; :func:`parse_form` turns it into entry fields or raises a
:class:`FormError` naming the field and what to type. :func:`form_of` goes the other way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from letstalk.errors import LetsTalkError
from letstalk.log.queries import grade_order, grade_spellings, known_teachers, newest_first, teacher_spellings
from letstalk.log.sheet import split_teachers
from letstalk.log.terms import Terms
from letstalk.model import CollabLog, LogEntry, LogKind, parse_date


class FormError(LetsTalkError):
    """A field of the entry form that cannot be read; ``where`` is the field's name."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(None, message, field_name)
        self.field = field_name


@dataclass
class Form:
    """The entry form's fields as text (``kind`` is a kind id, ``private`` a tick)."""

    on: str = ""
    teachers: str = ""
    kind: str = LogKind.CO_TAUGHT.value
    what: str = ""
    grade: str = ""
    subject: str = ""
    students: str = ""
    evidence: str = ""
    goal: str = ""
    private: bool = False
    story: bool = False
    suggestions: list[str] = field(default_factory=list)
    """Teachers named before, most recent first, for the teacher field to complete from."""


_LAST_NAME_STARTS = re.compile(r"(?:.*(?:[;,/&]|\band\b)\s*)?")
"""Everything up to where the name being typed starts: the names before it and their separators."""


def complete_teacher(typed: str, known: list[str]) -> str | None:
    """``typed`` with the name being typed (the last one) completed from ``known``, or None.

    ``Ms Lee; Mr P`` completes to ``Ms Lee; Mr Park``: each name of a list completes, not only
    the first, and never to a name already in the list.
    """
    before = _LAST_NAME_STARTS.match(typed)
    start = before.end() if before is not None else 0
    partial = typed[start:]
    if not partial.strip():
        return None
    named = {name.casefold() for name in split_teachers(typed[:start])}
    wanted = partial.casefold()
    match = next((n for n in known if n.casefold().startswith(wanted) and n.casefold() not in named), None)
    return typed[:start] + match if match is not None else None


def new_form(log: CollabLog, today: date) -> Form:
    """A blank form for today, with the kind of the last entry (she often logs the same kind)."""
    last = newest_first(log.entries)
    kind = last[0].kind.value if last else LogKind.CO_TAUGHT.value
    return Form(on=today.isoformat(), kind=kind, suggestions=known_teachers(log))


def form_of(entry: LogEntry, log: CollabLog) -> Form:
    """The form filled with an entry, to edit it."""
    return Form(
        on=entry.on.isoformat(),
        teachers="; ".join(entry.teachers),
        kind=entry.kind.value,
        what=entry.what,
        grade=entry.grade,
        subject=entry.subject,
        students="" if entry.students is None else str(entry.students),
        evidence=entry.evidence,
        goal=entry.goal or "",
        private=entry.private,
        story=entry.story,
        suggestions=known_teachers(log),
    )


def parse_form(form: Form) -> dict[str, Any]:
    """The entry fields for a filled form; FormError names the first field that cannot be read."""
    try:
        on = parse_date(form.on)
    except ValueError as exc:
        raise FormError("on", str(exc)) from None
    if on is None:
        raise FormError("on", "type the date, for example 2026-03-14")
    what = " ".join(form.what.split())
    if not what:
        raise FormError("what", "say in a few words what you did, for example 'Co-taught research skills'")
    students = form.students.strip().replace(",", "")
    if students and not students.isdigit():
        raise FormError(
            "students", f"“{form.students.strip()}” is not a number of students; type digits or leave it empty"
        )
    kind = LogKind.from_text(form.kind)
    if kind is None:
        raise FormError("kind", "pick a kind: " + ", ".join(f"{k.key} {k.label.lower()}" for k in LogKind))
    return {
        "on": on,
        "teachers": split_teachers(form.teachers),
        "kind": kind,
        "what": what,
        "grade": " ".join(form.grade.split()),
        "subject": " ".join(form.subject.split()),
        "students": int(students) if students else None,
        "evidence": form.evidence.strip(),
        "goal": form.goal.strip() or None,
        "private": form.private,
        "story": form.story,
    }


def _validated(change: Callable[[], Any]) -> Any:
    try:
        return change()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "what"
        raise FormError(name, error["msg"].removeprefix("Value error, ")) from None


def add_from_form(log: CollabLog, form: Form) -> LogEntry:
    """Add the entry a filled form describes; FormError when a field cannot be read."""
    fields = parse_form(form)
    return _validated(lambda: log.add(**fields))


def update_from_form(log: CollabLog, entry_id: str, form: Form) -> bool:
    """Change an entry to what the form says; returns whether anything changed."""
    fields = parse_form(form)
    return bool(_validated(lambda: log.update(entry_id, **fields)))


@dataclass(frozen=True)
class Choices:
    """What the Log screen's filters offer, each list in a sensible order."""

    teachers: list[str]
    grades: list[str]
    kinds: list[LogKind]
    terms: list[str]


def filter_choices(log: CollabLog, terms: Terms) -> Choices:
    """The teachers, grades, kinds and terms that occur in the log.

    Only the names are collected: the Log screen asks after every change, and tallying every group
    (as the summary does) cost most of the time it takes to show a new entry.
    """
    grades = grade_spellings(log.entries)
    starts: dict[str, date] = {}
    for entry in log.entries:
        term = terms.of(entry.on)
        if term is not None:
            starts.setdefault(term.name, term.start)
    kinds = {entry.kind for entry in log.entries}
    return Choices(
        teachers=sorted(teacher_spellings(log.entries).values(), key=str.casefold),
        grades=[grades[key] for key in sorted(grades, key=grade_order)],
        kinds=[kind for kind in LogKind if kind in kinds],
        terms=sorted(starts, key=lambda name: starts[name], reverse=True),
    )
