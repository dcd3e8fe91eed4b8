"""Messages filled from the workbook: every draft reads well whether the workbook is full or empty."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pytest
from tests.paths import RICH

from letstalk import storage
from letstalk.cli import main
from letstalk.content import Library, load_library
from letstalk.drafts import KINDS, all_drafts, draft, marker
from letstalk.model import Workbook, new_workbook

TODAY = date(2026, 3, 1)

EMPTY_PLACEHOLDER = re.compile(
    r"\{|\}|\bNone\b|\[\s*\]|\(\s*\)|Dear\s*,|:[ \t]*$(?!\n+[->])|\s[,.;:]|^\s*-\s*$|\.\.|  |\bfor\s+this year\b",
    re.MULTILINE,
)
"""What a template with a hole looks like: braces, None, empty brackets, "Dear ,", a colon with no list after."""


@cache
def shipped() -> Library:
    """The shipped packs."""
    return load_library()


def full() -> Workbook:
    """Ana's rich workbook, with the meeting-prep answers filled in too."""
    workbook = storage.load(RICH)
    for item_id, value in {
        "bank.top-goal": "send",
        "bank.worry-most": "send",
        "bank.one-thing": "ask",
        "pitch.who": "I help every grade find and use information.",
        "listen.focus": "Reading stamina in grade 7",
        "listen.pilot": "A six-week reading project with one grade 7 team",
        "listen.follow-up-date": date(2026, 3, 12),
        "checkin.next-date": date(2026, 4, 7),
        "checkin.result": "Grade 7 borrowing doubled in February",
    }.items():
        workbook.set_answer(item_id, value)
    return workbook


def holes(text: str) -> list[str]:
    """Every spot of ``text`` that looks like an unfilled template field (markers excepted)."""
    cleared = re.sub(r"\[write [^\]]+ here\]", "MARKER", text)
    return [m.group(0) for m in EMPTY_PLACEHOLDER.finditer(cleared.replace("Subject: ", "Subject "))]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("which", ["full", "empty"])
def test_no_draft_shows_an_empty_placeholder(kind: str, which: str) -> None:
    workbook = full() if which == "full" else new_workbook()
    text = draft(kind, workbook, shipped(), TODAY).text()
    assert not holes(text), (holes(text), text)
    assert text.startswith("Subject: ") and text.endswith("\n")


def test_the_full_drafts_carry_the_workbook() -> None:
    request, thanks, checkin = (d.text() for d in all_drafts(full(), shipped(), TODAY))
    assert "Dear Dr. Maya Chen," in request and "Hillside Middle School" in request
    assert "If we could move one goal of the improvement plan this year" in request  # sent ahead
    assert "If the library could take one thing off your plate" not in request  # to ask, not to send
    assert "Focus: Reading stamina in grade 7." in thanks and "Thursday 12 March 2026" in thanks
    assert "Fifteen minutes at the March staff meeting" in thanks  # the ask
    assert "Tuesday 7 April 2026" in checkin and "April" in checkin.splitlines()[0]
    assert "Grade 7 borrowing doubled in February." in checkin
    assert "[write" in request  # only she knows her free times


def test_the_empty_drafts_use_markers_and_sentences() -> None:
    request, thanks, checkin = (d.text() for d in all_drafts(new_workbook(), shipped(), TODAY))
    assert request.count("Hello,") == 1 and marker("your name") in request
    assert "our school" in request and "send them ahead" in request
    assert marker("the date") in thanks and marker("the date") in checkin


def test_private_answers_never_enter_a_draft() -> None:
    workbook = full()
    workbook.set_answer("mindset.doubts", "SECRET WORRY")
    assert all("SECRET" not in d.text() for d in all_drafts(workbook, shipped(), TODAY))


def test_cli_prints_the_request_naming_the_principal(capsys: pytest.CaptureFixture[str]) -> None:
    before = RICH.read_bytes()
    assert main(["draft", "request", "-w", str(RICH)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Subject: ") and "Dear Dr. Maya Chen," in out
    assert RICH.read_bytes() == before


def test_cli_draft_needs_a_known_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["draft", "invite", "-w", str(RICH)])
    assert caught.value.code == 2


def test_the_strongest_and_weakest_wedges_reach_the_card() -> None:
    from letstalk import export, plan
    from letstalk.plan.answers import Answers

    workbook = new_workbook()
    workbook.rate("readiness.frl-literacy", "leading")
    workbook.rate("readiness.frl-partnerships", "established")
    assert Answers(workbook, shipped()).standing("readiness.frl") == ((), "")  # too few to compare
    workbook.rate("readiness.frl-privacy", "exploring")
    workbook.rate("readiness.frl-spaces", "established")
    strongest, weakest = Answers(workbook, shipped()).standing("readiness.frl")
    assert strongest == (
        "Inspires and Supports the Reading Lives of Students and Teachers",
        "Builds Instructional Partnerships",
    )
    assert weakest == "Advocates for Student Privacy"
    card = export.render("card", plan.build(workbook, shipped())).decode("utf-8")
    assert "Growing next: Advocates for Student Privacy." in card
