"""The school year in the profile: scheme, first and last day, own terms, staff and grades."""

from __future__ import annotations

from datetime import date

import pytest

from letstalk.log.calendar import CalendarForm, apply_calendar, calendar_form, parse_terms, preview
from letstalk.log.form import FormError
from letstalk.log.terms import Terms
from letstalk.model import CollabLog, TermScheme


def test_the_form_round_trips_and_says_whether_anything_changed() -> None:
    log = CollabLog()
    form = calendar_form(log)
    assert (form.scheme, form.year_start, form.year_end, form.terms) == ("semesters", "08-15", "06-15", "")
    assert apply_calendar(log, form) is False
    form.scheme, form.staff, form.grades = "quarters", "32", "K, 1, 2; 3"
    assert apply_calendar(log, form) is True
    assert (log.calendar.scheme, log.staff, log.grades) == (TermScheme.QUARTERS, 32, ["K", "1", "2", "3"])
    assert calendar_form(log).grades == "K, 1, 2, 3"
    assert len(Terms(log.calendar, [date(2026, 10, 1)]).terms) == 8  # the school years either side of the day


def test_own_terms_are_read_and_used() -> None:
    log = CollabLog()
    form = CalendarForm(terms="Fall 2026-08-20..2026-12-18; Spring: 2027-01-05 to 2027-06-10")
    assert apply_calendar(log, form)
    assert [t.name for t in log.calendar.terms] == ["Fall", "Spring"]
    assert Terms(log.calendar, []).current(date(2027, 2, 1)).name == "Spring"
    assert calendar_form(log).terms == "Fall 2026-08-20..2026-12-18; Spring 2027-01-05..2027-06-10"


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        (CalendarForm(scheme="months"), "scheme", "semesters, trimesters or quarters"),
        (CalendarForm(year_start="8/15"), "year_start", "write MM-DD"),
        (CalendarForm(staff="many"), "staff", "not a number of teachers"),
        (CalendarForm(terms="Fall from August"), "terms", "Name YYYY-MM-DD..YYYY-MM-DD"),
        (CalendarForm(terms="Fall 2026-12-18..2026-08-20"), "terms", "swap the dates"),
        (CalendarForm(terms="Fall 2026-02-30..2026-06-01"), "terms", "day is out of range"),
    ],
)
def test_a_wrong_field_is_named(form: CalendarForm, field: str, words: str) -> None:
    log = CollabLog()
    with pytest.raises(FormError, match=words) as caught:
        apply_calendar(log, form)
    assert caught.value.field == field
    assert log == CollabLog()  # nothing stored


def test_preview_shows_this_school_years_terms() -> None:
    assert preview(CalendarForm(scheme="trimesters"), date(2027, 3, 1)).startswith("Trimester 1 2026–27: 2026-08-15 to")
    assert preview(CalendarForm(scheme="semesters"), date(2026, 8, 1)).startswith("Semester 1 2025–26")
    assert "write MM-DD" in preview(CalendarForm(year_end="June"), date(2027, 3, 1))
    assert parse_terms("") == []
