"""School terms from the calendar in the profile: which term a day is in, this term, last term."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date, timedelta

from letstalk.model import SchoolCalendar, Term


def _month_day(raw: str, year: int) -> date:
    month, day = (int(part) for part in raw.split("-"))
    try:
        return date(year, month, day)
    except ValueError:  # 02-29 in a year that has none
        return date(year, month, day - 1)


def year_terms(calendar: SchoolCalendar, year: int) -> list[Term]:
    """The school year starting in ``year``, split into equal terms of the calendar's scheme.

    Names say which year they belong to: ``Semester 1 2026–27``.
    """
    start = _month_day(calendar.year_start, year)
    end = _month_day(calendar.year_end, year)
    if end <= start:
        end = _month_day(calendar.year_end, year + 1)
    days = (end - start).days + 1
    parts = calendar.scheme.parts
    label = f"{year}–{(year + 1) % 100:02d}" if end.year > year else str(year)
    terms = []
    for index in range(parts):
        first = start + timedelta(days=days * index // parts)
        last = start + timedelta(days=days * (index + 1) // parts - 1)
        terms.append(Term(name=f"{calendar.scheme.noun} {index + 1} {label}", start=first, end=last))
    return terms


class Terms:
    """The terms that matter for a set of days, in date order, with quick look-ups.

    Explicit terms in the calendar are used as written; otherwise every school year from the one
    before the earliest day to the one after the latest is generated from the split.
    """

    def __init__(self, calendar: SchoolCalendar, days: Iterable[date]) -> None:
        if calendar.terms:
            self.terms = sorted(calendar.terms, key=lambda t: (t.start, t.end))
        else:
            years = {day.year for day in days}
            low, high = (min(years), max(years)) if years else (date.today().year, date.today().year)
            self.terms = [t for year in range(low - 1, high + 1) for t in year_terms(calendar, year)]
        self._starts = [t.start for t in self.terms]

    def of(self, day: date) -> Term | None:
        """The term ``day`` falls in, or None in a holiday between terms."""
        index = bisect.bisect_right(self._starts, day) - 1
        # overlapping hand-written terms: the latest one starting on or before the day that holds it
        while index >= 0:
            term = self.terms[index]
            if term.start <= day <= term.end:
                return term
            if index and self.terms[index - 1].end >= day:
                index -= 1
                continue
            return None
        return None

    def current(self, today: date) -> Term | None:
        """This term: the one holding today, else (in a holiday) the last one that ended."""
        if (term := self.of(today)) is not None:
            return term
        ended = [t for t in self.terms if t.end < today]
        return ended[-1] if ended else None

    def previous(self, today: date) -> Term | None:
        """Last term: the one before :meth:`current`."""
        current = self.current(today)
        if current is None:
            return None
        index = self.terms.index(current)
        return self.terms[index - 1] if index else None

    def in_term(self, day: date) -> bool:
        """Whether school is in session on ``day`` (it falls within a term)."""
        return self.of(day) is not None
