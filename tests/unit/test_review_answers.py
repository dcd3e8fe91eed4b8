"""Answers side by side, the printable page per participant, and feedback going back in one step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_support import NOW, SECRETS, folder, shipped  # noqa: F401 - fixtures

from letstalk import cli, storage
from letstalk.content import Library
from letstalk.errors import LetsTalkError
from letstalk.feedback import Feedback, FeedbackError, add_feedback, load_feedback, save_feedback, sidecar_path
from letstalk.review import Participant, Review, scan
from letstalk.review.answers import pages, questions, responses
from letstalk.review.handback import return_feedback
from letstalk.review.pages import answers_html, answers_markdown
from letstalk.review.report import render


def test_one_question_across_the_cohort_never_a_private_one(folder: Path, shipped: Library) -> None:
    review = scan(folder, library=shipped, now=NOW)
    items = questions(shipped, "visioning")
    assert items and not any(item.private for item in items)
    commitment = next(item for item in items if item.id == "visioning.commitment")
    said = responses(review, shipped, commitment)
    assert [r.participant.name for r in said] == [p.name for p in review.readable()]
    assert any(r.answer for r in said)
    text = answers_markdown(review, shipped, "visioning", generated=NOW)
    assert text.startswith("# Answers: Session 1 · On the Leading Edge of Visioning")
    assert "Notes to self" not in text and not any(secret in text for secret in SECRETS)
    one = answers_html(review, shipped, "visioning", "visioning.commitment", generated=NOW)
    assert one.count('<p class="who">') == len(review.readable()) and "<script" not in one
    with pytest.raises(LetsTalkError, match="no question"):
        answers_markdown(review, shipped, "visioning", "visioning.notes")


def test_cli_answers_report(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["review", str(folder), "--report", "answers", "--section", "visioning"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "## One thing you will do before the next session" in out and "**Ana Ruiz" in out
    assert cli.main(["review", str(folder), "--report", "answers"]) == cli.EXIT_USAGE
    path = tmp_path / "answers.html"
    args = ["review", str(folder), "--report", "answers", "--section", "coaching", "-o", str(path)]
    assert cli.main(args) == cli.EXIT_OK
    assert path.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_the_html_report_has_a_printable_page_per_participant(folder: Path, shipped: Library) -> None:
    review = scan(folder, library=shipped, now=NOW)
    ana = next(p for p in review.readable() if p.name == "Ana Ruiz")
    feedback = Feedback(workbook=ana.file, participant=ana.name)
    feedback.set_comment("visioning", "A clear, brave vision.")
    feedback.rate("growth.principal", "evolving")
    save_feedback(feedback, sidecar_path(review.path_of(ana)))
    made = pages(review, shipped)
    assert [page.participant.name for page in made] == [p.name for p in review.readable()]
    html = render(review, "html", NOW, pages=made).decode("utf-8")
    assert html.count('<section class="page">') == len(review.readable())
    assert "A clear, brave vision." in html and "<h3>Commitments</h3>" in html
    assert not any(secret in html for secret in SECRETS)


def _ana_has_feedback(
    folder: Path, shipped: Library, tmp_path: Path, comment: str
) -> tuple[Path, Review, Participant, Feedback, Path]:
    """The facilitator's folder, the review, Ana, the feedback she wrote Ana, and an empty folder to send from."""
    mine = tmp_path / "feedback"
    review = scan(folder, library=shipped, now=NOW, facilitator_dir=mine)
    ana = next(p for p in review.readable() if p.name == "Ana Ruiz")
    feedback = Feedback(workbook=ana.file, participant=ana.name)
    feedback.set_comment("visioning", comment)
    save_feedback(feedback, sidecar_path(review.path_of(ana), mine))
    out = tmp_path / "to-send"
    out.mkdir()
    return mine, review, ana, feedback, out


def test_feedback_returns_in_one_step_and_the_participant_adds_it(
    folder: Path, shipped: Library, tmp_path: Path
) -> None:
    mine, review, _, _, out = _ana_has_feedback(folder, shipped, tmp_path, "Well done.")
    written, without, problems = return_feedback(review, out, mine)
    assert written == [out / "ana-ruiz.feedback.toml"] and not problems
    assert "Ben Okafor" in [p.name for p in without]
    with pytest.raises(LetsTalkError, match="review folder"):
        return_feedback(review, folder, mine)
    home = tmp_path / "ana"
    home.mkdir()
    shutil.copy(folder / "ana-ruiz.toml", home / "workbook.toml")
    target = add_feedback(written[0], storage.load(home / "workbook.toml"), home / "workbook.toml")
    assert target == home / "workbook.feedback.toml"
    assert load_feedback(target).comment("visioning").text == "Well done."
    storage.create(tmp_path / "ben.toml", storage.load(folder / "ben-okafor.toml"))
    with pytest.raises(FeedbackError, match="for Ana Ruiz, not Ben Okafor"):
        add_feedback(written[0], storage.load(tmp_path / "ben.toml"), tmp_path / "ben.toml")


def test_returning_feedback_replaces_only_an_earlier_return(folder: Path, shipped: Library, tmp_path: Path) -> None:
    mine, review, ana, feedback, out = _ana_has_feedback(folder, shipped, tmp_path, "First read.")
    assert return_feedback(review, out, mine)[0] == [out / "ana-ruiz.feedback.toml"]
    feedback.set_comment("visioning", "Second read.")
    save_feedback(feedback, sidecar_path(review.path_of(ana), mine))
    written, _, problems = return_feedback(review, out, mine)  # her earlier return: replaced
    assert written == [out / "ana-ruiz.feedback.toml"] and not problems
    assert load_feedback(out / "ana-ruiz.feedback.toml").comment("visioning").text == "Second read."
    for stranger in ("notes I keep here\n", 'workbook = "someone-else.toml"\n'):
        (out / "ana-ruiz.feedback.toml").write_text(stranger)
        written, _, problems = return_feedback(review, out, mine)
        assert written == [] and len(problems) == 1
        assert "another file already stands here, so nothing was written for Ana Ruiz" in problems[0]
        assert (out / "ana-ruiz.feedback.toml").read_text() == stranger


def test_cli_return_and_feedback_add(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_feedback(Feedback(workbook="ben-okafor.toml", participant="Ben Okafor"), folder / "ben-okafor.feedback.toml")
    out = tmp_path / "send"
    out.mkdir()
    assert cli.main(["review", str(folder), "--return", str(out)]) == cli.EXIT_OK
    said = capsys.readouterr().out
    assert f"Wrote {out / 'ben-okafor.feedback.toml'}" in said and "letstalk feedback add" in said
    ben = tmp_path / "ben.toml"
    storage.create(ben, storage.load(folder / "ben-okafor.toml"))
    assert cli.main(["feedback", "add", str(out / "ben-okafor.feedback.toml"), "-w", str(ben)]) == cli.EXIT_OK
    assert (tmp_path / "ben.feedback.toml").exists()
    (tmp_path / "junk.toml").write_text("comments = 3\n")
    assert cli.main(["feedback", "add", str(tmp_path / "junk.toml"), "-w", str(ben)]) == cli.EXIT_PROBLEM


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_unknown_section_or_question_is_one_line(
    fmt: str, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"a.{fmt}"
    for extra, where in (
        (["--section", "nosuch"], "--section: no section 'nosuch'; use one of: mindset,"),
        (["--section", "coaching", "--item", "nosuch"], "--item: no question 'nosuch' in coaching"),
    ):
        assert cli.main(["review", str(folder), "--report", "answers", *extra, "-o", str(out)]) == cli.EXIT_USAGE
        err = capsys.readouterr().err
        assert err.startswith(where) and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
