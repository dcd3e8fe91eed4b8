"""Too long is a message, never a traceback: answers, notes, names, plan fields, feedback, plain mode.

The limits count characters as stored, after cleaning: a control character is stored as two
visible characters (ESC as ``^[``), so 600,000 ESCs are 1,200,000 characters.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from letstalk import plan as planning
from letstalk import storage
from letstalk.content import load_library
from letstalk.errors import TooLongError
from letstalk.feedback import CommentBank, Feedback
from letstalk.model import MAX_NAME, MAX_TEXT, Goal, check_length, new_workbook
from letstalk.plain import run
from letstalk.plan import PlanError

MINI = Path(__file__).resolve().parents[1] / "data" / "packs" / "mini"
OVER = "x" * (MAX_TEXT + 100_000)


def test_an_answer_over_the_limit_is_refused_with_the_figures_and_the_old_answer_kept() -> None:
    workbook = new_workbook()
    workbook.set_answer("a.long", "what I wrote before")
    with pytest.raises(TooLongError) as caught:
        workbook.set_answer("a.long", OVER)
    assert caught.value.message == (
        "this answer is too long to save: 1,100,000 characters, 100,000 over the limit of 1,000,000; "
        "shorten it to save it"
    )
    assert "\n" not in str(caught.value)
    assert workbook.value("a.long") == "what I wrote before"
    assert workbook.set_answer("a.other", "still saved")  # every other answer goes on


def test_the_limit_counts_characters_as_stored_after_cleaning() -> None:
    workbook = new_workbook()
    assert workbook.set_answer("a", "\x1b" * (MAX_TEXT // 2))  # exactly the limit once shown as ^[
    assert len(workbook.value("a")) == MAX_TEXT
    with pytest.raises(TooLongError) as caught:
        workbook.set_answer("a", "\x1b" * (MAX_TEXT // 2 + 1))
    assert caught.value.length == MAX_TEXT + 2
    with pytest.raises(TooLongError):
        workbook.set_note("a", OVER)
    check_length("\r\n" * MAX_TEXT)  # line ends fold to one character each: exactly the limit


def test_names_stop_at_their_limit_after_cleaning() -> None:
    workbook = new_workbook(owner="Ana")
    with pytest.raises(TooLongError, match="this name is too long to save: 300 characters, 100 over the limit of 200"):
        workbook.set_profile(owner="\x1b" * 150)
    assert workbook.meta.owner == "Ana"
    assert workbook.set_profile(owner="n" * MAX_NAME, school="Hillside")
    with pytest.raises(ValueError, match="not a profile field"):
        workbook.set_profile(created="now")


def test_plan_fields_say_which_field_and_by_how_much() -> None:
    workbook = new_workbook()
    with pytest.raises(PlanError) as caught:
        planning.add(workbook, Goal, title="t" * (MAX_NAME + 5))
    assert str(caught.value) == (
        "goals.title: this title is too long to save: 205 characters, 5 over the limit of 200; shorten it to save it"
    )
    with pytest.raises(PlanError, match="this vision is too long to save: 1,100,000 characters"):
        planning.set_text(workbook, "vision", OVER)
    with pytest.raises(PlanError, match="this entry is too long to save"):
        planning.add_line(workbook, "learning", OVER)
    assert workbook.plan.goals == [] and workbook.plan.vision == "" and workbook.plan.learning == []


def test_feedback_comments_and_the_bank_refuse_text_over_the_limit() -> None:
    feedback = Feedback()
    assert feedback.set_comment("first", "Good start.")
    with pytest.raises(TooLongError, match="this comment is too long to save"):
        feedback.set_comment("first", OVER)
    assert feedback.comment("first").text == "Good start."
    with pytest.raises(TooLongError):
        CommentBank().add(OVER)


def _plain(tmp_path: Path, typed: str) -> tuple[int, str, storage.WorkbookFile]:
    handle = storage.WorkbookFile.open(tmp_path / "wb.toml", create_missing=True)
    out = io.StringIO()
    code = run(handle, load_library([MINI], builtin=False), io.StringIO(typed), out)
    handle.close()
    return code, out.getvalue(), handle


def test_plain_mode_refuses_a_one_line_answer_over_the_limit_and_asks_again(tmp_path: Path) -> None:
    # Section 1, item 1 is a tick: a 1.1 M-character line is refused in one line, then y is taken.
    code, out, handle = _plain(tmp_path, f"1\n1\n{OVER}\ny\nquit\n")
    assert code == 0
    refusal = [line for line in out.splitlines() if "too long to save" in line]
    assert refusal == ["this answer is too long to save: 1,100,000 characters, 100,000 over the limit of 1,000,000; "
                       "shorten it to save it"]  # fmt: skip
    assert len(out) < 20_000  # the reply is never echoed back
    assert storage.load(handle.path).value("first.read") is True


def test_plain_mode_refuses_a_long_answer_over_the_limit_and_asks_for_it_again(tmp_path: Path) -> None:
    half = "y" * (MAX_TEXT // 2 + 10)
    # Item 3 is the long "How do you see your role?"; two lines of half the limit each are too long.
    code, out, handle = _plain(tmp_path, f"1\n3\n{half}\n{half}\n.\nA short answer.\n.\nquit\n")
    assert code == 0, out
    assert sum("Not saved: this answer is too long to save: 1,000,021 characters" in line for line in out.splitlines())
    assert storage.load(handle.path).value("first.role") == "A short answer."
