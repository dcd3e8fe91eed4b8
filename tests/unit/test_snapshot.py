"""The impact snapshot: figures for a period, charts with text equivalents, one printed page, no private entry."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from tests.print_support import PAPERS, page_count, page_texts, print_pdf, require_printing

from letstalk import cli, storage
from letstalk.errors import LetsTalkError
from letstalk.export.snapshot import to_snapshot_html, to_snapshot_text
from letstalk.log import snapshot
from letstalk.model import Action, Goal, LogKind, Workbook, new_workbook

TODAY = date(2027, 3, 10)
GENERATED = datetime(2027, 3, 10, 12, tzinfo=UTC)
SECRET = "Counselling visit about a student, not to be shared"


def sample(entries: int = 60, long_text: bool = False) -> Workbook:
    """A school year of collaborations with stories, a private entry, and a plan with two goals."""
    workbook = new_workbook("Ana Ruiz", "Hillside Elementary")
    log = workbook.log
    log.staff, log.grades = 32, ["K", "1", "2", "3", "4", "5"]
    teachers = ["Ms Lee", "Mr Park", "Ms Diaz", "Mr Oh", "Mrs Grant", "Ms Novak", "Mr Abebe"]
    kinds = list(LogKind)
    for n in range(entries):
        log.add(
            on=date(2026, 8, 20) + timedelta(days=(n * 197) // entries),
            kind=kinds[n % 5],
            what=f"Lesson {n}: research skills with the {['K', '1', '3', '4'][n % 4]} class",
            teachers=[teachers[n % 7]],
            grade=["K", "1", "3", "4"][n % 4],
            students=20 + n % 9,
            evidence=("Students found two sources and cited them. " * (40 if long_text else 2)).strip(),
        )
    if entries > 9:
        log.entries[5].story = True
        log.entries[5].what = "Co-taught the grade 3 animal research unit"
        log.entries[9].story = True
    log.add(
        on=date(2027, 2, 1), kind="other", what=SECRET, teachers=["Mr Secret"], students=987, private=True, story=True
    )
    workbook.plan.goals = [
        Goal(id="g-1", title="Every grade does one research project"),
        Goal(id="g-2", title="Staff PD"),
    ]
    workbook.plan.actions = [
        Action(id="a-1", what="Plan with grade 3", goal="g-1", status="done"),
        Action(id="a-2", what="Plan with grade 5", goal="g-1"),
        Action(id="a-3", what="Database workshop", goal="g-2", status="done"),
    ]
    return workbook


def test_headline_figures_for_the_school_year() -> None:
    view = snapshot.build(sample(), TODAY)
    assert view.period.label == "School year 2026–27"
    assert view.collaborations == 60 and view.teachers == 7 and view.staff == 32
    assert view.grades == ("K", "1", "3", "4") and view.grades_missed == ("2", "5")
    assert [label for _, label in view.headline()] == [
        "collaborations",
        "teachers partnered",
        "students reached",
        "grades covered",
    ]
    assert view.headline()[1][0] == "7 of 32" and view.headline()[3][0] == "4 of 6"
    assert [m for m, _ in view.months] == ["Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    assert sum(v for _, v in view.months) == 60
    assert [(g.title, g.done, g.total) for g in view.goals] == [
        ("Every grade does one research project", 1, 2),
        ("Staff PD", 1, 1),
    ]
    assert [s.title for s in view.stories] == ["Lesson 9: research skills with the 1 class", view.stories[1].title]
    assert view.stories[1].title == "Co-taught the grade 3 animal research unit"


def test_periods_terms_and_a_custom_range() -> None:
    workbook = sample()
    term = snapshot.build(workbook, TODAY, "term")
    last = snapshot.build(workbook, TODAY, "last-term")
    assert term.period.label == "Semester 2 2026–27" and last.period.label == "Semester 1 2026–27"
    assert term.collaborations + last.collaborations == 60
    custom = snapshot.build(workbook, TODAY, "2026-09-01..2026-09-30")
    assert custom.period.label == "1 Sep 2026 to 30 Sep 2026" and custom.collaborations > 0
    with pytest.raises(LetsTalkError, match="is not a period"):
        snapshot.build(workbook, TODAY, "soon")


def test_an_empty_log_still_makes_a_page() -> None:
    view = snapshot.build(new_workbook("Ana"), TODAY)
    assert view.collaborations == 0 and view.stories == ()
    page = to_snapshot_html(view, GENERATED)
    assert "Mark an entry as an evidence story" in page and "<svg" in page


def test_no_private_entry_in_the_snapshot_unless_it_is_just_for_her() -> None:
    workbook = sample()
    for render in (to_snapshot_html, to_snapshot_text):
        out = render(snapshot.build(workbook, TODAY), GENERATED)
        assert SECRET not in out and "Mr Secret" not in out and "987" not in out
    mine = snapshot.build(workbook, TODAY, include_private=True)
    assert mine.collaborations == 61 and mine.stories[0].title == SECRET


def test_the_snapshot_follows_the_audience_of_the_plan_exports() -> None:
    from letstalk.export import Audience
    from letstalk.export.snapshot import render_snapshot

    workbook = sample()
    workbook.plan.goals.append(Goal(id="g-3", title="Mend things with the counsellor", private=True))
    workbook.plan.actions.append(Action(id="a-4", what="Quiet word", goal="g-1", status="done", private=True))

    def page(audience: Audience | None) -> str:
        return render_snapshot("snapshot-text", workbook, "year", GENERATED, audience=audience).decode("utf-8")

    for audience in (None, Audience.preset("principal"), Audience.preset("all")):
        shown = page(audience)
        assert "Every grade does one research project" in shown and "1 of 2" in shown  # a-4 is hers alone
        assert "counsellor" not in shown and SECRET not in shown
    assert "Every grade does one research project" not in page(
        Audience.preset("principal").with_parts(without=["goals"])
    )
    mine = page(Audience.preset("me"))
    assert "Mend things with the counsellor" in mine and SECRET in mine and "2 of 3" in mine


def test_the_charts_have_text_equivalents_and_no_script() -> None:
    page = to_snapshot_html(snapshot.build(sample(), TODAY), GENERATED)
    assert page.count("<svg") == 2 and page.count('role="img"') == 2
    assert '<desc id="months-d">Aug:' in page and "<caption>Collaborations by kind</caption>" in page
    assert "<script" not in page and "default-src 'none'" in page


def test_user_text_cannot_become_markup() -> None:
    workbook = sample(4)
    workbook.log.entries[0].what = '<script>alert(1)</script>"><img src=x>'
    workbook.log.entries[0].story = True
    workbook.meta.school = "<b>School</b>"
    page = to_snapshot_html(snapshot.build(workbook, TODAY), GENERATED)
    assert "<script>alert" not in page and "<img" not in page and "<b>School" not in page
    assert "&lt;script&gt;" in page


def test_text_snapshot_draws_bars() -> None:
    text = to_snapshot_text(snapshot.build(sample(), TODAY), GENERATED)
    assert "LIBRARY IMPACT SNAPSHOT" in text and "7 of 32  teachers partnered" in text
    assert "█" in text and "1. Every grade does one research project: 1 of 2 actions done" in text


def test_cli_export_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(GENERATED.timestamp())))
    path = tmp_path / "ana.toml"
    storage.create(path, sample())
    out = tmp_path / "s.html"
    assert cli.main(["export", "snapshot", str(path), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert b"Library impact snapshot" in first and SECRET.encode() not in first
    assert cli.main(["export", "snapshot", str(path), "-o", str(out)]) == 0
    assert out.read_bytes() == first  # reproducible with SOURCE_DATE_EPOCH
    assert cli.main(["export", "snapshot", str(path), "--period", "nope"]) == 2  # a mistake on the command line


@pytest.mark.parametrize("long_text", [False, True])
def test_the_snapshot_prints_on_one_page_with_two_charts(tmp_path: Path, long_text: bool) -> None:
    require_printing()
    page = to_snapshot_html(snapshot.build(sample(200, long_text), TODAY), GENERATED)
    for paper in PAPERS:
        pdf = print_pdf(page, paper, tmp_path, f"snapshot-{long_text}")
        assert page_count(pdf) == 1, paper
        text = page_texts(pdf)[0].casefold()
        assert "collaborations by month" in text and "collaborations by kind" in text
        assert "progress on our goals" in text and SECRET.casefold() not in text
