"""Dates typed by hand: ISO, written forms, slashed forms by the month-first setting."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letstalk.model import date_reading, parse_date, parse_time

JAN_15 = date(2027, 1, 15)


@pytest.mark.parametrize(
    "raw",
    [
        "2027-01-15",
        "15 Jan 2027",
        "15 January 2027",
        "15th of January 2027",
        "January 15, 2027",
        "jan 15 2027",
        "Jan. 15, 2027",
        "Friday 15 January 2027",
        "Friday, January 15, 2027",
        "1/15/2027",
        "01/15/27",
    ],
)
def test_written_and_us_forms_read_as_the_same_day(raw: str) -> None:
    assert parse_date(raw) == JAN_15


def test_slashed_dates_follow_the_setting() -> None:
    assert parse_date("3/4/2027") == date(2027, 3, 4)
    assert parse_date("3/4/2027", month_first=False) == date(2027, 4, 3)
    assert parse_date("15/1/2027", month_first=False) == JAN_15
    # A day over twelve can only be the day, whichever way she reads them: no question to ask.
    assert parse_date("15/1/2027") == JAN_15 and parse_date("1/15/2027", month_first=False) == JAN_15
    with pytest.raises(ValueError, match=r"no month 15.*month first \(1/15/2027\)"):
        parse_date("15/13/2027")


def test_a_date_too_far_away_is_refused_where_it_is_typed_and_named_where_it_is_read(tmp_path) -> None:
    from letstalk import cli, storage
    from letstalk.model import Action, answer_problems, new_workbook

    for raw in ("9999-12-31", "12/31/9999", "1 Jan 0001"):
        with pytest.raises(ValueError, match="too far away: type a date from 1900 to 2999"):
            parse_date(raw)
    # One saved by an earlier letstalk still opens (she is never locked out of her file) ...
    workbook = new_workbook(owner="Ana")
    workbook.plan.actions.append(Action(id="a-1", what="x", due=date(9999, 12, 31)))
    workbook.log.add(on=date(27, 3, 4), what="Poetry")
    path = tmp_path / "ana.toml"
    storage.create(path, workbook)
    loaded = storage.load(path)
    # ... validate names each date, and the calendar leaves it out instead of crashing.
    from letstalk.content import load_library

    assert answer_problems(loaded, load_library()) == [
        ("plan.actions[0].due", "9999-12-31 is out of range: write a date from 1900 to 2999"),
        ("log.entries[0].on", "0027-03-04 is out of range: write a date from 1900 to 2999"),
    ]
    assert cli.main(["export", "ics", str(path), "-o", str(tmp_path / "plan.ics")]) == 0
    assert b"VEVENT" not in (tmp_path / "plan.ics").read_bytes()


def test_impossible_dates_say_why() -> None:
    with pytest.raises(ValueError, match="February 2026 has 28 days"):
        parse_date("2026-02-30")
    with pytest.raises(ValueError, match="February 2026 has 28 days"):
        parse_date("30 Feb 2026")
    with pytest.raises(ValueError, match="no month called “smarch”"):
        parse_date("15 Smarch 2027")
    with pytest.raises(ValueError, match=r"YYYY-MM-DD .* 15 Jan 2027 or January 15, 2027"):
        parse_date("next tuesday")


def test_the_reading_names_the_weekday() -> None:
    assert date_reading(JAN_15) == "Friday 15 January 2027"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_every_form_round_trips(day: date) -> None:
    assert parse_date(date_reading(day)) == day
    assert parse_date(f"{day:%B} {day.day}, {day.year}") == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}", month_first=False) == day


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("7:45", time(7, 45)), ("07:45", time(7, 45)), ("7.45", time(7, 45)), ("0800", time(8, 0)), ("1930", time(19, 30)),
     ("19h", time(19, 0)), ("7h45", time(7, 45)), ("2:30 pm", time(14, 30)), ("3pm", time(15, 0)), ("12 am", time(0, 0)),
     ("7:45 p.m.", time(19, 45)), ("", None)],
)  # fmt: skip
def test_times_as_she_writes_them(raw: str, expected: time | None) -> None:
    assert parse_time(raw) == expected


@pytest.mark.parametrize("raw", ["7", "24:00", "9:60", "13pm", "7:4x", "7:45m", "7:45."])
def test_a_time_is_never_guessed(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a time: type it like 07:45, 15:30 or 2:30 pm"):
        parse_time(raw)
