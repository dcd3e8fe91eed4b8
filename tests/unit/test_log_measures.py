"""Measures that point at the log: a phrase in braces answered with its current value."""

from __future__ import annotations

from datetime import date

import pytest

from letstalk.log.measures import evaluate, find, measures_in
from letstalk.model import CollabLog

TODAY = date(2027, 3, 10)


def sample() -> CollabLog:
    log = CollabLog()
    log.add(on=date(2026, 9, 3), kind="co-taught", what="Research", teachers=["Ms Lee"], grade="3", students=24)
    log.add(on=date(2026, 10, 3), kind="co-planned", what="Weather", teachers=["Mr Park"], grade="4", students=20)
    log.add(
        on=date(2027, 2, 3), kind="co-taught", what="Poetry", teachers=["Ms Lee", "Mr Oh"], grade="Grade 3", students=22
    )
    log.add(
        on=date(2027, 2, 9), kind="event", what="Secret", teachers=["Ms Lee"], grade="3", students=500, private=True
    )
    log.add(on=date(2025, 3, 1), kind="event", what="Old fair", teachers=["Mr Old"], grade="5", students=100)
    return log


def test_queries_are_found_in_her_words() -> None:
    text = "We will track {collaborations with grade 3 this term} and {students reached}.\nAgain {students  reached}."
    assert find(text) == ["collaborations with grade 3 this term", "students reached"]
    assert find("no braces here, {x}") == []


@pytest.mark.parametrize(
    ("query", "value"),
    [
        ("collaborations with grade 3 this term", 1),
        ("collaborations with grade 3 this year", 2),
        ("Collaborations with Grade 3", 2),  # this year by default
        ("students reached this year", 66),
        ("students reached last term", 44),
        ("teachers partnered this term", 2),
        ("co-taught collaborations with Ms Lee", 2),
        ("event collaborations all time", 1),  # the private event never counts
        ("collaborations ever", 4),
    ],
)
def test_values(query: str, value: int) -> None:
    assert evaluate(query, sample(), TODAY).value == value


def test_a_query_without_a_count_says_what_to_write() -> None:
    measure = evaluate("grade 3 this term", sample(), TODAY)
    assert measure.value is None and "collaborations, teachers or students" in measure.line()
    assert [m.line() for m in measures_in(["{students this term} and {teachers}"], sample(), TODAY)] == [
        "students this term: 22",
        "teachers: 3",
    ]


def test_step_7_answers_and_the_plan_measures_are_read() -> None:
    from letstalk.log.measures import workbook_measures
    from letstalk.model import new_workbook

    workbook = new_workbook("Ana")
    workbook.log = sample()
    workbook.set_answer("act.evidence", "Watch {collaborations with grade 3 this term}")
    workbook.set_answer("mindset.x", "{students ever}")  # not a measure: another step
    workbook.plan.measures = "Report {teachers partnered this year} each term."
    assert [m.line() for m in workbook_measures(workbook, TODAY)] == [
        "collaborations with grade 3 this term: 1",
        "teachers partnered this year: 3",
    ]


def test_a_paper_shows_each_measure_with_its_value_and_never_the_braces() -> None:
    from letstalk import export, plan
    from letstalk.content import load_library
    from letstalk.log.measures import fill_in
    from letstalk.model import new_workbook

    log = sample()
    assert fill_in("{collaborations with grade 3 this term} and rubric scores", log, TODAY) == (
        "collaborations with grade 3 this term (1) and rubric scores"
    )
    assert fill_in("{how we feel} and {students ever}", log, None) == "how we feel and students ever"
    workbook = new_workbook("Ana")
    workbook.log = log
    workbook.plan.measures = "{collaborations with grade 3 this term} and research rubric scores"
    workbook.set_answer("act.evidence", "Watch {teachers partnered this year}")
    workbook.set_answer("research.overlap", "Our {literacy push} and theirs")  # not Step 7: her own braces
    built = plan.build(workbook, load_library(), today=TODAY)
    overlap = next(note for notes in built.notes.values() for note in notes if note.item == "research.overlap")
    assert overlap.text == "Our {literacy push} and theirs"
    for name in ("md", "text", "html"):
        paper = export.render(name, built).decode("utf-8-sig")
        assert "{collaborations" not in paper and "{teachers" not in paper, name
        assert "collaborations with grade 3 this term (1) and research rubric scores" in paper, name
