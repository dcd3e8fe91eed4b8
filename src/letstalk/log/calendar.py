"""The school-year part of the profile as a form: scheme, first and last day, own terms, staff, grades.

:func:`calendar_form` fills the form from the log; :func:`apply_calendar` checks what was typed
and stores it, raising a :class:`~letstalk.log.form.FormError` that names the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from letstalk.log.form import FormError
from letstalk.log.terms import year_terms
from letstalk.model import CollabLog, SchoolCalendar, Term, TermScheme
from letstalk.model.log import MONTH_DAY


@dataclass
class CalendarForm:
    """The school year as typed: every field is text."""

    scheme: str = TermScheme.SEMESTERS.value
    year_start: str = "08-15"
    year_end: str = "06-15"
    terms: str = ""
    """Own terms, ``Fall 2026-08-20..2026-12-18; Spring 2027-01-05..2027-06-10`` (blank: split the year)."""
    staff: str = ""
    grades: str = ""


def calendar_form(log: CollabLog) -> CalendarForm:
    """The form filled from the log's calendar, staff count and grades."""
    calendar = log.calendar
    return CalendarForm(
        scheme=calendar.scheme.value,
        year_start=calendar.year_start,
        year_end=calendar.year_end,
        terms="; ".join(f"{t.name} {t.start.isoformat()}..{t.end.isoformat()}" for t in calendar.terms),
        staff="" if log.staff is None else str(log.staff),
        grades=", ".join(log.grades),
    )


_TERM = re.compile(r"(?P<name>.*?)\s*(?P<start>\d{4}-\d{2}-\d{2})\s*(?:\.\.|to|–|-)\s*(?P<end>\d{4}-\d{2}-\d{2})")


def parse_terms(raw: str) -> list[Term]:
    """``Fall 2026-08-20..2026-12-18; Spring ...`` as terms; FormError says which one is wrong."""
    terms: list[Term] = []
    for part in (p.strip() for p in re.split(r"[;\n]", raw)):
        if not part:
            continue
        match = _TERM.fullmatch(part)
        if match is None:
            raise FormError("terms", f"“{part}”: write a term as Name YYYY-MM-DD..YYYY-MM-DD, terms apart with ;")
        try:
            start, end = date.fromisoformat(match["start"]), date.fromisoformat(match["end"])
            terms.append(Term(name=match["name"].strip(" :") or f"Term {len(terms) + 1}", start=start, end=end))
        except (ValueError, ValidationError) as exc:
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ") if isinstance(exc, ValidationError) else exc
            raise FormError("terms", f"“{part}”: {reason}") from None
    return terms


def apply_calendar(log: CollabLog, form: CalendarForm) -> bool:
    """Store the form in the log; returns whether anything changed."""
    try:
        scheme = TermScheme(form.scheme)
    except ValueError:
        raise FormError("scheme", "choose semesters, trimesters or quarters") from None
    for name in ("year_start", "year_end"):
        value = getattr(form, name).strip()
        if not MONTH_DAY.fullmatch(value):
            raise FormError(name, f"“{value}” is not a day of the year; write MM-DD, such as 08-15")
    staff = form.staff.strip()
    if staff and not (staff.isdigit() and int(staff) >= 1):
        raise FormError("staff", f"“{staff}” is not a number of teachers; type digits or leave it empty")
    calendar = SchoolCalendar(
        scheme=scheme, year_start=form.year_start.strip(), year_end=form.year_end.strip(), terms=parse_terms(form.terms)
    )
    grades = [g.strip() for g in re.split(r"[,;]", form.grades) if g.strip()]
    new = (calendar, int(staff) if staff else None, grades)
    if new == (log.calendar, log.staff, log.grades):
        return False
    log.calendar, log.staff, log.grades = new
    return True


def preview(form: CalendarForm, today: date) -> str:
    """The terms of the school year around today, in a line (or what is wrong with the form)."""
    try:
        probe = CollabLog()
        apply_calendar(probe, form)
    except FormError as exc:
        return exc.message
    calendar = probe.calendar
    if calendar.terms:
        shown = sorted(calendar.terms, key=lambda t: t.start)
    else:
        first = year_terms(calendar, today.year)[0].start
        shown = year_terms(calendar, today.year if today >= first else today.year - 1)
    return " · ".join(f"{t.name}: {t.start.isoformat()} to {t.end.isoformat()}" for t in shown[:4])
