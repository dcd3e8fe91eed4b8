"""Feedback sidecars and the comment bank: round trips, accessors, errors, the participant's side."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from letstalk.feedback import (
    CommentBank,
    Feedback,
    FeedbackError,
    bank_path,
    load_bank,
    load_feedback,
    load_for_workbook,
    save_bank,
    save_feedback,
    sidecar_path,
    timeline,
)
from letstalk.model import new_workbook

DAY1 = datetime(2026, 10, 1, 9, tzinfo=UTC)
DAY2 = datetime(2026, 11, 20, 9, tzinfo=UTC)


def test_sidecar_path_sits_beside_the_workbook_or_in_a_folder(tmp_path: Path) -> None:
    assert sidecar_path(tmp_path / "ana-ruiz.toml") == tmp_path / "ana-ruiz.feedback.toml"
    assert sidecar_path(tmp_path / "ana-ruiz.toml", tmp_path / "fb") == tmp_path / "fb" / "ana-ruiz.feedback.toml"


def test_round_trip_and_the_participant_side(tmp_path: Path) -> None:
    feedback = Feedback(workbook="ana.toml", participant="Ana Ruiz", facilitator="Dana")
    assert feedback.set_comment("communication", 'Clear "ask".\nTry it at the staff meeting.', at=DAY1)
    assert not feedback.set_comment("communication", 'Clear "ask".\nTry it at the staff meeting.')
    assert feedback.rate("growth.principal", "emerging", at=DAY1)
    assert feedback.rate("growth.principal", "evolving", at=DAY2)
    save_feedback(feedback, sidecar_path(tmp_path / "ana.toml"))
    assert load_for_workbook(tmp_path / "ana.toml") == feedback
    assert load_for_workbook(tmp_path / "ben.toml") is None
    loaded = load_feedback(tmp_path / "ana.feedback.toml")
    assert loaded.comment("communication").text.endswith("staff meeting.")
    assert loaded.comment("visioning") is None
    assert [r.level for r in loaded.levels_for("growth.principal")] == ["emerging", "evolving"]
    assert loaded.level("growth.principal") == "evolving" and loaded.level("growth.district") is None


def test_a_blank_comment_removes_it_and_a_same_day_level_replaces_that_day() -> None:
    feedback = Feedback()
    feedback.set_comment("visioning", "Good start", at=DAY1)
    assert feedback.set_comment("visioning", "   ")
    assert feedback.comment("visioning") is None
    feedback.rate("growth.teacher", "emerging", at=DAY1)
    feedback.rate("growth.teacher", "evolving", at=DAY1.replace(hour=15))
    assert not feedback.rate("growth.teacher", "evolving", at=DAY2)
    assert [(r.level, r.at) for r in feedback.levels_for("growth.teacher")] == [("evolving", DAY1.replace(hour=15))]


def test_self_and_facilitator_levels_over_time() -> None:
    workbook = new_workbook()
    workbook.rate("growth.principal", "exploring", at=DAY1)
    workbook.rate("growth.principal", "evolving", at=DAY2)
    feedback = Feedback()
    feedback.rate("growth.principal", "emerging", at=datetime(2026, 10, 15, tzinfo=UTC))
    assert timeline(workbook, feedback, "growth.principal") == [
        (DAY1, "self", "exploring"),
        (datetime(2026, 10, 15, tzinfo=UTC), "facilitator", "emerging"),
        (DAY2, "self", "evolving"),
    ]
    assert timeline(workbook, None, "growth.district") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[comments.visioning]\ntext = 3\n", "comments.visioning.text: input should be a valid string"),
        (
            '[[levels."growth.principal"]]\nlevel = "x"\nat = "soon"\n',
            'levels."growth.principal"[0].at: input should be a valid datetime',
        ),
        (
            "schema_version = 2\n",
            "schema_version: written by a newer letstalk (schema 2; this one reads up to 1); update letstalk",
        ),
        ("praise = true\n", "praise: unknown key"),
        ("[comments\n", "line 1, column 10: not valid TOML"),
    ],
)
def test_broken_sidecars_are_one_line_errors(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "ana.feedback.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(FeedbackError) as caught:
        load_for_workbook(tmp_path / "ana.toml")
    assert str(caught.value).startswith(f"{path}: {expected}") and "\n" not in str(caught.value)


def test_the_comment_bank_lives_in_the_config_folder(tmp_path: Path) -> None:
    assert bank_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "letstalk" / "comment-bank.toml"
    assert load_bank() == CommentBank()
    bank = CommentBank()
    assert bank.add("  Lovely detail.  ") and not bank.add("Lovely detail.") and not bank.add(" ")
    save_bank(bank)
    assert load_bank().comments == ["Lovely detail."]
    bank_path().write_text("comments = 3\n")
    with pytest.raises(FeedbackError, match="comments: input should be a valid list"):
        load_bank()
