"""The workbook model on the mini pack: progress, answers, ratings, next step, orphans, answer checks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from letstalk.content import Library
from letstalk.model import Answer, Progress, Rated, Status, Workbook, answer_problems, new_workbook, parse_date

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=7)
T2 = T0 + timedelta(days=14)


@pytest.fixture
def wb() -> Workbook:
    """An empty workbook."""
    return new_workbook(owner="Ana")


def section_progress(wb: Workbook, library: Library, section_id: str) -> Progress:
    """Progress of one mini-pack section."""
    return wb.section_progress(library.sections[section_id])


# -- progress ---------------------------------------------------------------------------------


def test_empty_workbook_progress(wb: Workbook, mini_library: Library) -> None:
    # first: 2 checks, 2 longs, 1 challenge; second: text, date, choice, rating, long.
    # Points, resources and ideas do not count.
    assert section_progress(wb, mini_library, "first") == Progress(0, 5)
    assert section_progress(wb, mini_library, "second") == Progress(0, 5)
    assert wb.pack_progress(mini_library.packs[0]) == Progress(0, 10)
    assert wb.overall_progress(mini_library) == Progress(0, 10)
    assert wb.overall_progress(mini_library).fraction == 0.0
    assert Progress(0, 0).fraction == 0.0


def test_progress_counts_what_is_done(wb: Workbook, mini_library: Library) -> None:
    wb.set_answer("first.read", True, at=T0)  # ticked: counts
    wb.set_answer("first.meet", False, at=T0)  # unticked: does not
    wb.set_answer("first.role", "A partner in learning.", at=T0)  # answered long: counts
    wb.set_answer("first.secret", "  \n\t ", at=T0)  # whitespace only: does not
    wb.set_answer("first.coffee", "trying", at=T0)  # challenge trying: does not
    assert section_progress(wb, mini_library, "first") == Progress(2, 5)
    wb.set_answer("first.coffee", "done", at=T1)  # challenge done: counts
    assert section_progress(wb, mini_library, "first") == Progress(3, 5)
    wb.set_answer("second.due", date(2026, 4, 1), at=T0)
    wb.rate("second.level", "emerging", at=T0)
    wb.set_answer("second.often", "weekly", at=T0)
    wb.set_answer("second.idea-dot", True, at=T0)  # an idea: not answerable, never counted
    assert section_progress(wb, mini_library, "second") == Progress(3, 5)
    assert wb.pack_progress(mini_library.packs[0]) == Progress(6, 10)
    overall = wb.overall_progress(mini_library)
    assert overall == Progress(6, 10) and overall.fraction == 0.6 and str(overall) == "6/10"


def test_answers_for_unknown_ids_do_not_count(wb: Workbook, mini_library: Library) -> None:
    wb.set_answer("gone.item", True, at=T0)
    assert wb.overall_progress(mini_library) == Progress(0, 10)


def test_item_done_matches_progress(wb: Workbook, mini_library: Library) -> None:
    wb.set_answer("first.coffee", "done", at=T0)
    wb.set_answer("first.read", True, at=T0)
    done = [item.id for item in mini_library.sections["first"].answerable() if wb.item_done(item)]
    assert done == ["first.read", "first.coffee"]


# -- answers ----------------------------------------------------------------------------------


def test_set_answer_reports_change(wb: Workbook) -> None:
    assert wb.set_answer("first.read", True, at=T0) is True
    assert wb.set_answer("first.read", True, at=T1) is False
    assert wb.answers["first.read"].updated == T0  # an unchanged answer keeps its time
    assert wb.set_answer("first.read", False, at=T1) is True
    assert wb.answers["first.read"] == Answer(value=False, updated=T1)


def test_set_answer_text_and_date(wb: Workbook) -> None:
    assert wb.set_answer("second.commit", "Meet monthly", at=T0)
    assert not wb.set_answer("second.commit", "Meet monthly", at=T1)
    assert wb.set_answer("second.due", date(2026, 5, 1), at=T0)
    assert not wb.set_answer("second.due", date(2026, 5, 1), at=T1)
    assert wb.value("second.due") == date(2026, 5, 1)
    assert wb.value("second.nothing") is None


def test_clearing_removes_the_answer(wb: Workbook) -> None:
    wb.set_answer("first.role", "Something", at=T0)
    assert wb.set_answer("first.role", "", at=T1) is True
    assert "first.role" not in wb.answers
    assert wb.set_answer("first.role", None, at=T1) is False
    wb.set_answer("first.read", True, at=T0)
    assert wb.set_answer("first.read", None, at=T1) is True
    assert wb.answers == {}


def test_clearing_keeps_note_and_history(wb: Workbook) -> None:
    wb.set_answer("first.coffee", "trying", at=T0)
    wb.set_note("first.coffee", "Asked Ms Lee; she is keen.", at=T0)
    assert wb.set_answer("first.coffee", None, at=T1) is True
    kept = wb.answers["first.coffee"]
    assert kept.value == "" and kept.note == "Asked Ms Lee; she is keen." and kept.updated == T1
    assert wb.set_answer("first.coffee", "", at=T2) is False


def test_set_note(wb: Workbook) -> None:
    assert wb.set_note("first.coffee", "", at=T0) is False
    assert wb.set_note("first.coffee", "A note", at=T0) is True
    assert wb.answers["first.coffee"] == Answer(value="", note="A note", updated=T0)
    assert wb.set_note("first.coffee", "A note", at=T1) is False
    assert wb.set_note("first.coffee", "", at=T1) is True
    assert wb.answers["first.coffee"].note is None


def test_crlf_answers_are_stored_with_lf(wb: Workbook) -> None:
    wb.set_answer("first.role", "one\r\ntwo", at=T0)
    assert wb.value("first.role") == "one\ntwo"


# -- ratings ----------------------------------------------------------------------------------


def test_rate_keeps_history_with_dates(wb: Workbook) -> None:
    assert wb.rate("second.level", "exploring", at=T0) is True
    assert wb.rate("second.level", "exploring", at=T1) is False
    assert wb.rate("second.level", "emerging", at=T1) is True
    assert wb.rate("second.level", "leading", at=T2) is True
    answer = wb.answers["second.level"]
    assert answer.value == "leading" and answer.updated == T2
    assert answer.history == [Rated(level="exploring", at=T0), Rated(level="emerging", at=T1)]


def test_rate_after_clearing_keeps_history(wb: Workbook) -> None:
    wb.rate("second.level", "exploring", at=T0)
    wb.rate("second.level", "emerging", at=T1)
    wb.set_answer("second.level", None, at=T2)
    assert wb.answers["second.level"].value == ""
    wb.rate("second.level", "leading", at=T2)
    answer = wb.answers["second.level"]
    assert answer.value == "leading"
    assert [r.level for r in answer.history] == ["exploring"]  # a blank is not a level


# -- sections, position, next step ------------------------------------------------------------


def test_status_and_touch(wb: Workbook) -> None:
    assert wb.status("first") is Status.NOT_STARTED
    wb.touch_section("first", at=T0)
    assert wb.status("first") is Status.IN_PROGRESS
    assert wb.set_status("first", Status.DONE, at=T1) is True
    wb.touch_section("first", at=T2)  # touching never reopens a finished section
    assert wb.status("first") is Status.DONE and wb.sections["first"].updated == T1
    assert wb.set_status("first", Status.DONE, at=T2) is False
    assert Status.DONE.label == "Done" and len({s.mark for s in Status}) == 3


def test_move_to(wb: Workbook) -> None:
    assert wb.move_to("first", "first.read") is True
    assert wb.move_to("first", "first.read") is False
    assert wb.position.section == "first" and wb.position.item == "first.read"


def test_next_step(wb: Workbook, mini_library: Library) -> None:
    first = mini_library.sections["first"]
    assert wb.next_step(mini_library) == (first, "Read the plan.")
    wb.set_answer("first.read", True, at=T0)
    assert wb.next_step(mini_library) == (first, "Book a meeting.")
    wb.set_answer("first.meet", True, at=T0)
    wb.set_answer("first.coffee", "trying", at=T0)
    assert wb.next_step(mini_library) == (first, "Coffee chat")
    wb.set_answer("first.coffee", "done", at=T0)
    assert wb.next_step(mini_library) is None  # the second section has no checks or challenges


def test_next_step_skips_sections_marked_done(wb: Workbook, mini_library: Library) -> None:
    wb.set_status("first", Status.DONE, at=T0)
    assert wb.next_step(mini_library) is None


def test_resume_section(wb: Workbook, mini_library: Library) -> None:
    assert wb.resume_section(mini_library) is mini_library.sections["first"]
    wb.set_status("first", Status.DONE, at=T0)
    assert wb.resume_section(mini_library) is mini_library.sections["second"]
    wb.move_to("first")
    assert wb.resume_section(mini_library) is mini_library.sections["first"]
    wb.move_to("gone")
    assert wb.resume_section(mini_library) is mini_library.sections["second"]


def test_orphans(wb: Workbook, mini_library: Library) -> None:
    wb.set_answer("first.read", True, at=T0)
    wb.set_answer("zz.removed", "old answer", at=T0)
    wb.set_answer("aa.removed", True, at=T0)
    assert wb.orphans(mini_library) == ["aa.removed", "zz.removed"]


def test_record_packs(wb: Workbook, mini_library: Library) -> None:
    wb.meta.packs = {"old-pack": "0.9"}
    wb.record_packs(mini_library)
    assert wb.meta.packs == {"old-pack": "0.9", "mini": "1.0"}


# -- answer problems --------------------------------------------------------------------------


def problems_of(library: Library, answers: dict[str, object]) -> list[tuple[str, str]]:
    """answer_problems for a workbook holding these answer values."""
    data = {item_id: {"value": value} for item_id, value in answers.items()}
    return answer_problems(Workbook.model_validate({"answers": data}), library)


def test_well_formed_answers_have_no_problems(mini_library: Library) -> None:
    answers = {
        "first.read": True,
        "first.role": "text",
        "first.coffee": "trying",
        "second.commit": "",
        "second.due": date(2026, 1, 1),
        "second.often": "monthly",
        "second.level": "leading",
        "second.idea-dot": True,
        "gone.item": "anything",  # unknown ids are not checked
    }
    assert problems_of(mini_library, answers) == []


def test_check_with_text_value(mini_library: Library) -> None:
    assert problems_of(mini_library, {"first.read": "yes"}) == [
        ('answers."first.read".value', "a tick is true or false")
    ]


def test_choice_not_in_choices(mini_library: Library) -> None:
    [(where, message)] = problems_of(mini_library, {"second.often": "daily"})
    assert where == 'answers."second.often".value'
    assert "'daily'" in message and "weekly, monthly" in message


def test_rating_level_not_in_scale(mini_library: Library) -> None:
    [(where, message)] = problems_of(mini_library, {"second.level": "expert"})
    assert where == 'answers."second.level".value'
    assert "'expert'" in message and "exploring, emerging, leading" in message


@pytest.mark.parametrize(
    ("item_id", "value", "fragment"),
    [
        ("second.due", "next week", "2026-03-14"),
        ("second.commit", True, "text"),
        ("first.role", date(2026, 1, 1), "text"),
        ("first.coffee", "finished", "not-started, trying or done"),
        ("second.idea-dot", "yes", "true or false"),
    ],
)
def test_other_misfits(mini_library: Library, item_id: str, value: object, fragment: str) -> None:
    [(where, message)] = problems_of(mini_library, {item_id: value})
    assert where == f'answers."{item_id}".value' and fragment in message


# -- dates typed by hand ----------------------------------------------------------------------


def test_parse_date() -> None:
    assert parse_date(" 2026-03-14 ") == date(2026, 3, 14)
    assert parse_date("   ") is None
    with pytest.raises(ValueError, match="February 2026 has 28 days"):
        parse_date("2026-02-30")
    with pytest.raises(ValueError, match="no month 13"):
        parse_date("2026-13-01")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("next tuesday")


def test_parse_date_year_zero() -> None:
    with pytest.raises(ValueError, match="there is no year 0"):
        parse_date("0000-02-30")
    with pytest.raises(ValueError, match="there is no year 0"):
        parse_date("0000-01-01")


# -- what the model accepts -------------------------------------------------------------------


def test_answers_without_a_mark_leave_the_section_not_started(wb: Workbook) -> None:
    """status() reports the mark only; views call touch_section when something is answered."""
    wb.set_answer("first.read", True, at=T0)
    assert wb.status("first") is Status.NOT_STARTED


@pytest.mark.parametrize("value", [1, 0, 1.0, 86400])
def test_answer_values_are_strict(value: object) -> None:
    """A hand-edited number is neither a tick nor a date (0 would be 1970-01-01)."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Workbook.model_validate({"answers": {"first.read": {"value": value}}})


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00"])
def test_time_out_of_range_in_utc_is_a_validation_error(stamp: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="out of range"):
        Workbook.model_validate({"meta": {"created": datetime.fromisoformat(stamp)}})


# A lone CR is folded into LF too, and other control characters are shown visibly (ESC -> ^[):
# workbook text never carries a terminal control (issue 8).
@pytest.mark.parametrize(
    ("raw", "folded"),
    [("a\r\r\nb", "a\nb"), ("a\r\nb\rc", "a\nb\nc"), ("\r\r\r\n", "\n"), ("a\x1b[2J\x07\tb", "a^[[2J^G\tb")],
)
def test_every_text_field_folds_line_ends(raw: str, folded: str) -> None:
    workbook = Workbook.model_validate(
        {
            "meta": {"cohort": raw, "packs": {raw: raw}},
            "position": {"section": raw, "item": raw},
            "answers": {"x": {"value": raw, "note": raw, "history": [{"level": raw, "at": T0}]}},
            "plan": {
                "actions": [{"id": raw, "what": raw, "goal": raw, "idea": raw}],
                "goals": [{"id": raw, "title": raw}],
            },
        }
    )
    assert workbook.meta.cohort == folded and workbook.meta.packs == {folded: folded}
    assert (workbook.position.section, workbook.position.item) == (folded, folded)
    answer = workbook.answers["x"]
    assert (answer.value, answer.note, answer.history[0].level) == (folded, folded, folded)
    action = workbook.plan.actions[0]
    assert (action.id, action.what, action.goal, action.idea, workbook.plan.goals[0].id) == (folded,) * 5
