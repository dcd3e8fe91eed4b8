"""The collaboration log: entries and their ids, terms from the calendar, and the queries."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from letstalk import log as queries
from letstalk.log import LogFilter, Tally, Terms, year_terms
from letstalk.model import CollabLog, LogKind, SchoolCalendar, Term, TermScheme, new_workbook
from letstalk.storage import codec


def fixture_log() -> CollabLog:
    """A year of collaborations across both US-default semesters, one private."""
    log = CollabLog(grades=["K", "1", "2", "3", "4", "5"])
    log.add(on=date(2026, 8, 20), kind="co-planned", what="Library orientation", teachers=["Ms Lee"], grade="K")
    log.add(
        on=date(2026, 9, 3),
        kind="co-taught",
        what="Research skills",
        teachers=["Ms Lee", "Mr Park"],
        grade="3",
        students=48,
    )
    log.add(
        on=date(2026, 9, 30),
        kind="resources-curated",
        what="Weather texts",
        teachers=["mr  park"],
        grade="Grade 3",
        students=24,
    )
    log.add(on=date(2027, 1, 15), kind="co-taught", what="Reading groups", teachers=["Ms Diaz"], grade="1", students=20)
    log.add(on=date(2027, 1, 16), kind="professional-learning", what="Staff workshop", teachers=["Ms Diaz", "Mr Oh"])
    log.add(on=date(2027, 3, 1), kind="event", what="Family night", teachers=["Mr Oh"], students=120, private=True)
    log.add(on=date(2027, 7, 1), kind="other", what="Summer reading", teachers=["Ms Lee"])
    return log


def test_ids_are_stable_and_never_reused_within_the_file() -> None:
    log = fixture_log()
    assert [e.id for e in log.entries] == [f"l-{n}" for n in range(1, 8)]
    removed = log.delete("l-7")
    assert removed.what == "Summer reading"
    assert log.add(on=date(2027, 7, 2), what="Again").id == "l-7"  # the highest is gone: its number comes back
    log.delete("l-3")
    assert log.add(on=date(2027, 7, 3), what="Later").id == "l-8"  # a gap below the highest stays a gap
    copy = log.duplicate("l-2", date(2026, 9, 10))
    assert (copy.id, copy.on, copy.teachers, copy.students) == ("l-9", date(2026, 9, 10), ["Ms Lee", "Mr Park"], 48)


def test_a_hand_edited_id_counts_only_when_it_is_l_and_a_number() -> None:
    log = fixture_log()
    for odd in ("l-40x", "L-90", "x-50", "l-", "l-²", "l-" + "9" * 5000):
        log.entries[0] = log.entries[0].model_copy(update={"id": odd})
        assert log.next_id() == "l-8", odd
    log.entries[0] = log.entries[0].model_copy(update={"id": "l-0031"})
    assert log.next_id() == "l-32"


def test_update_validates_and_says_whether_anything_changed() -> None:
    log = fixture_log()
    assert log.update("l-1", what="Library orientation") is False
    assert log.update("l-1", students=22) is True
    assert log.entry("l-1").students == 22
    with pytest.raises(ValidationError):
        log.update("l-1", students=-1)
    with pytest.raises(KeyError):
        log.update("l-99", what="x")
    assert log.entry("l-1").students == 22


def test_a_workbook_with_a_log_round_trips_and_writes_the_log_last() -> None:
    workbook = new_workbook("Ana")
    workbook.log = fixture_log()
    workbook.log.staff = 40
    text = codec.dumps(workbook)
    assert text.index("[meta]") < text.index("[[log.entries]]")
    assert codec.loads(text) == workbook
    assert "[log" not in codec.dumps(new_workbook("Ana"))  # an empty log writes nothing


def test_a_term_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="swap the dates"):
        Term(name="Fall", start=date(2026, 12, 1), end=date(2026, 9, 1))


@pytest.mark.parametrize(("scheme", "count"), [("semesters", 2), ("trimesters", 3), ("quarters", 4)])
def test_the_default_year_splits_into_terms_that_cover_it_without_gaps(scheme: str, count: int) -> None:
    terms = year_terms(SchoolCalendar(scheme=scheme), 2026)
    assert len(terms) == count
    assert terms[0].start == date(2026, 8, 15) and terms[-1].end == date(2027, 6, 15)
    for before, after in itertools.pairwise(terms):
        assert after.start == before.end + timedelta(days=1)
    assert terms[0].name == f"{TermScheme(scheme).noun} 1 2026–27"


def test_term_boundaries_this_term_and_last_term() -> None:
    terms = Terms(SchoolCalendar(), [date(2027, 1, 1)])
    first, second = year_terms(SchoolCalendar(), 2026)
    assert first.end == date(2027, 1, 13) and second.start == date(2027, 1, 14)
    assert terms.of(date(2027, 1, 13)) == first and terms.of(date(2027, 1, 14)) == second
    assert terms.of(date(2026, 8, 14)) is None  # summer holiday
    assert terms.current(date(2027, 3, 1)) == second and terms.previous(date(2027, 3, 1)) == first
    # in the summer, "this term" is the one that just ended
    assert terms.current(date(2027, 7, 20)) == second
    assert not terms.in_term(date(2027, 7, 20)) and terms.in_term(date(2027, 6, 15))


def test_explicit_terms_win_over_the_split() -> None:
    calendar = SchoolCalendar(
        terms=[
            Term(name="Spring", start=date(2027, 1, 5), end=date(2027, 5, 30)),
            Term(name="Fall", start=date(2026, 9, 1), end=date(2026, 12, 18)),
        ]
    )
    terms = Terms(calendar, [])
    assert [t.name for t in terms.terms] == ["Fall", "Spring"]
    assert terms.of(date(2026, 12, 25)) is None
    assert terms.current(date(2026, 12, 25)).name == "Fall"
    assert terms.previous(date(2026, 9, 2)) is None


def test_counts_and_students_by_month_term_teacher_grade_and_kind() -> None:
    entries = queries.shared(fixture_log().entries)
    assert queries.tally(entries) == Tally(collaborations=6, teachers=4, students=92)
    assert queries.by_month(entries)["2026-09"] == Tally(2, 2, 72)
    assert list(queries.by_month(entries)) == ["2026-08", "2026-09", "2027-01", "2027-07"]
    terms = queries.terms_for(fixture_log(), date(2027, 3, 1))
    by_term = queries.by_term(entries, terms)
    assert list(by_term) == ["Semester 1 2026–27", "Semester 2 2026–27", "Between terms"]
    assert by_term["Semester 1 2026–27"].collaborations == 3
    assert by_term["Semester 2 2026–27"] == Tally(2, 2, 20)  # 15 January belongs to the second semester
    teachers = queries.by_teacher(entries)
    assert list(teachers)[:2] == ["Ms Lee", "Mr Park"]  # "mr  park" is the same teacher
    assert teachers["Mr Park"] == Tally(2, 2, 72)
    assert list(queries.by_grade(entries)) == ["K", "1", "3"]  # "Grade 3" is grade 3
    assert queries.by_kind(entries)[LogKind.CO_TAUGHT] == Tally(2, 3, 68)
    assert LogKind.EVENT not in queries.by_kind(entries)  # only the private entry was an event
    assert queries.distinct_teachers(entries) == ["Ms Lee", "Mr Park", "Ms Diaz", "Mr Oh"]
    assert queries.grades_never_reached(entries, fixture_log().grades) == ["2", "4", "5"]


def test_empty_terms_and_an_empty_log() -> None:
    empty = CollabLog()
    comparison = queries.this_vs_last(empty, date(2027, 3, 1))
    assert comparison.this == Tally() and comparison.last == Tally()
    assert comparison.this_term is not None and comparison.this_term.name == "Semester 2 2026–27"
    assert queries.by_month([]) == {} and queries.grades_never_reached([], ["3"]) == ["3"]
    assert queries.last_logged(empty) is None and not queries.needs_nudge(empty, date(2027, 3, 1))


def test_this_term_against_last() -> None:
    comparison = queries.this_vs_last(fixture_log(), date(2027, 3, 10))
    assert comparison.this == Tally(3, 2, 140)  # the private family night counts on her own screen
    assert comparison.last == Tally(3, 2, 72)


def test_filters_combine_and_sort_newest_first() -> None:
    log = fixture_log()
    terms = queries.terms_for(log, date(2027, 3, 1))
    assert [e.id for e in queries.select(log.entries, LogFilter(teacher="MS LEE"), terms)] == ["l-7", "l-2", "l-1"]
    assert [e.id for e in queries.select(log.entries, LogFilter(grade="grade 3"), terms)] == ["l-3", "l-2"]
    only = LogFilter(kind=LogKind.CO_TAUGHT, term="Semester 2 2026–27")
    assert [e.id for e in queries.select(log.entries, only, terms)] == ["l-4"]
    assert queries.known_teachers(log)[:3] == ["Ms Lee", "Mr Oh", "Ms Diaz"]


def test_the_nudge_waits_three_weeks_and_only_in_term() -> None:
    log = fixture_log()
    log.delete("l-7")  # last entry 2027-03-01
    assert not queries.needs_nudge(log, date(2027, 3, 21))
    assert queries.needs_nudge(log, date(2027, 3, 22))
    assert not queries.needs_nudge(log, date(2027, 7, 22))  # summer


def test_text_bars_scale_to_the_largest() -> None:
    assert queries.text_bar(10, 10, 10) == "█" * 10
    assert queries.text_bar(0, 10) == "" and queries.text_bar(1, 1000, 10) == "▏"
    assert queries.text_bar(5, 10, 10) == "█" * 5


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), max_size=30))
def test_every_school_day_is_in_exactly_one_generated_term(days: list[date]) -> None:
    terms = Terms(SchoolCalendar(scheme="quarters"), days)
    for day in days:
        holding = [t for t in terms.terms if t.start <= day <= t.end]
        assert len(holding) <= 1
        assert terms.of(day) == (holding[0] if holding else None)


def test_two_thousand_entries_query_in_one_pass() -> None:
    log = CollabLog()
    start = date(2026, 8, 15)
    for n in range(2000):
        log.add(on=start + timedelta(days=n % 300), kind=list(LogKind)[n % 6], what=f"Lesson {n}",
                teachers=[f"Teacher {n % 45}"], grade=str(n % 9), students=n % 30)  # fmt: skip
    terms = queries.terms_for(log, date(2027, 3, 1))
    entries = log.entries
    assert queries.tally(entries).collaborations == 2000
    assert len(queries.distinct_teachers(entries)) == 45
    assert sum(t.collaborations for t in queries.by_term(entries, terms).values()) == 2000
    assert sum(t.collaborations for t in queries.by_month(entries).values()) == 2000
    assert queries.by_kind(entries)[LogKind.EVENT].collaborations == 333
