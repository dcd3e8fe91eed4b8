"""Who an export is for (--for, --parts, --without), plain text for email, the card's budget and next meeting."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from letstalk import cli, export, plan, storage
from letstalk.content import Library, load_library
from letstalk.export import card, glance
from letstalk.model import Action, Goal, Meeting, Workbook

DATA = Path(__file__).resolve().parents[1] / "data" / "workbooks"
RICH, STRESS = DATA / "rich.toml", DATA / "stress.toml"
TODAY = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
LEVELS = ("Exploring", "Emerging", "Evolving", "Established", "Leading")


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772452800")  # 2026-03-02 12:00 UTC


@functools.cache
def shipped() -> Library:
    return load_library()


def built(workbook: Workbook | Path = RICH) -> plan.Plan:
    return plan.build(storage.load(workbook) if isinstance(workbook, Path) else workbook, shipped())


def render(name: str, audience: str = "principal", workbook: Workbook | Path = RICH) -> str:
    return export.render(name, built(workbook), TODAY, export.Audience.preset(audience)).decode("utf-8-sig")


def rubric_levels(text: str) -> list[str]:
    return [level for level in LEVELS if f"{level} ●" in text]


def test_for_my_principal_leaves_out_every_rubric_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.html"
    assert cli.main(["export", "html", str(RICH), "--for", "principal", "-o", str(out)]) == 0
    page = out.read_text("utf-8")
    assert rubric_levels(page) == [] and "Principal Collaborative Role" not in page
    assert cli.main(["export", "html", str(RICH), "--for", "all", "-o", str(out)]) == 0
    assert rubric_levels(out.read_text("utf-8")) == ["Emerging", "Evolving"]
    assert "Principal Collaborative Role" in out.read_text("utf-8")
    for name in ("md", "text", "card", "csv"):
        assert rubric_levels(render(name)) == [], name


def test_just_for_me_entries_go_out_only_in_my_own_copy() -> None:
    workbook = storage.load(RICH)
    plan.add(workbook, Action, what="Ask about the vacant aide post quietly", owner="Ana Ruiz", due="2026-04-01")
    workbook.plan.actions[-1].private = True
    plan.add(workbook, Meeting, on="2026-04-02", with_whom="My union rep", agenda="Workload")
    workbook.plan.meetings[-1].private = True
    for name in ("md", "text", "html", "ics", "csv"):
        for audience in ("principal", "all"):
            text = render(name, audience, workbook)
            assert "vacant aide" not in text and "union rep" not in text, (name, audience)
        mine = render(name, "me", workbook)
        assert "vacant aide" in mine.replace("\r\n ", ""), name
    assert "union rep" in render("md", "me", workbook)


def test_a_principal_kept_just_for_me_is_named_in_no_export_and_no_draft() -> None:
    from letstalk import drafts

    workbook = storage.load(RICH)
    principal = workbook.plan.stakeholders[0]  # the plan's principal, now an entry just for her
    principal.name, principal.private = "Dr. Quill Secretname", True
    for name in ("md", "text", "html", "ics", "csv", "card", "card-html"):
        for audience in ("principal", "all"):
            assert "Secretname" not in render(name, audience, workbook), (name, audience)
    assert "Secretname" in render("md", "me", workbook)  # listed in her own copy, among the people
    for kind in drafts.KINDS:
        assert "Secretname" not in drafts.draft(kind, workbook, shipped(), date(2026, 3, 2)).text(), kind


def test_parts_and_without_choose_the_parts(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["plan", str(RICH), "--for", "all", "--without", "rubric,people"]) == 0
    text = capsysbinary.readouterr().out.decode()
    assert "## Who is at the table" not in text and "growth indicators" not in text and "## Actions" in text
    assert cli.main(["plan", str(RICH), "--parts", "goals", "--parts", "actions"]) == 0
    text = capsysbinary.readouterr().out.decode()
    assert "## SMART goals" in text and "## Actions" in text
    assert "## Shared vision" not in text and "## Our shared vision" not in text and "## Meetings" not in text
    custom = export.Audience.preset("all").with_parts(without=["rubric"])
    assert custom.name == "custom" and not custom.holds(export.Share.RUBRIC)


def test_parts_never_widen_who_an_export_is_for(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "md", str(RICH), "--for", "principal", "--parts", "rubric"]) == 2
    err = capsys.readouterr().err
    assert "rubric never goes out in an export for principal; use --for all or --for me" in err
    assert len(err.strip().splitlines()) == 1 and "Principal Collaborative Role" not in capsys.readouterr().out
    assert cli.main(["export", "md", str(RICH), "--for", "all", "--parts", "rubric"]) == 0
    assert "Principal Collaborative Role" in capsys.readouterr().out


def test_an_unknown_part_or_audience_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["plan", str(RICH), "--without", "rubrik"]) != 0
    err = capsys.readouterr().err
    assert "no part called 'rubrik'" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_the_summary_page_comes_first_with_the_next_three_actions_and_meeting() -> None:
    text = render("md")
    first = text.split("\n---\n")[0]
    assert first.index("## Our shared vision") < first.index("## Goals") < first.index("## Next actions")
    assert "## Next meeting" in first and "12 March 2026 · Dr. Maya Chen" in first
    actions = first.split("## Next actions")[1].split("## Next meeting")[0]
    assert actions.count("\n- ") == 3 and "⚠ overdue" in actions  # the cohort commitment due 6 February
    assert "How we will share results" in first


def test_actions_are_a_table_sorted_by_due_with_overdue_marked() -> None:
    page = render("html")
    table = page.split('<table class="actions">')[1].split("</table>")[0]
    rows = table.split("<tr")[2:]
    dues = [glance.by_due(built().actions)[n].due for n in range(len(rows))]
    assert dues == sorted(d for d in dues if d) + [None] * dues.count(None)
    late = [row for row in rows if row.startswith(' class="late"')]
    assert late and all("⚠ overdue" in row for row in late)
    assert '<th scope="col">Due</th>' in table


def test_meetings_are_in_date_order() -> None:
    workbook = storage.load(RICH)
    plan.add(workbook, Meeting, on="2026-01-05", with_whom="Early")
    days = [m.on for m in built(workbook).meetings]
    assert days == sorted(days) and days[0] == date(2026, 1, 5)


def test_plain_text_is_72_columns_without_markup() -> None:
    for workbook in (RICH, STRESS):
        text = render("text", "all", workbook)
        assert max(len(line) for line in text.splitlines()) <= 72
        assert "\\" not in text and "**" not in text and "\n## " not in text
    assert "<script>alert(1)</script>" in render("text")  # shown as typed: plain text has no markup


def test_markdown_stays_commonmark_with_the_table_as_a_list() -> None:
    text = render("md", "all")
    tokens = MarkdownIt("commonmark").parse(text)
    assert not [t for t in tokens if t.type.startswith("table")]
    assert any(t.type == "bullet_list_open" for t in tokens)
    assert "Owner: Ana Ruiz" in text


def test_the_card_keeps_to_its_budget_and_counts_the_rest() -> None:
    page = card.card_markdown(built(STRESS), TODAY)
    assert "+ 6 more questions in the plan" in page and "+ 3 more talking points in the plan" in page
    assert page.count("Question ") == card.QUESTIONS


def test_the_cards_meeting_is_never_in_the_past() -> None:
    workbook = storage.load(RICH)
    later = datetime(2026, 3, 20, tzinfo=UTC)  # after the 12 March follow-up
    page = card.card_markdown(built(workbook), later)
    assert "12 March 2026" not in page and "No date yet" in page
    plan.add(workbook, Meeting, on="2026-04-07", with_whom="Dr. Maya Chen", agenda="Share the unit results.")
    page = card.card_markdown(built(workbook), later)
    assert "Next meeting: 7 April 2026 with Dr. Maya Chen." in page and "Share the unit results." in page


def test_form_values_for_the_new_fields_are_understood() -> None:
    workbook = storage.load(RICH)
    meeting = plan.add(workbook, Meeting, on="2026-04-07", start="15:30", minutes="45", private="True")
    assert (meeting.start, meeting.minutes, meeting.private) == (time(15, 30), 45, True)
    plan.update(workbook, Meeting, meeting.id, start="", minutes="", private=None)
    again = workbook.plan.meetings[-1]
    assert (again.start, again.minutes, again.private) == (None, None, False)
    goal = plan.add(workbook, Goal, title="Readers", target="2026-06-15", evidence="Library loans per month")
    action = plan.add(
        workbook, Action, what="Buy graphic novels", resources="$400 from the book fair", serves="Grade 7"
    )
    text = render("text", "all", workbook)
    assert "Target date: 15 June 2026" in text and "Library loans per month" in text
    assert "Needs: $400 from the book fair" in text and "Serves: Grade 7" in text
    assert goal.target == date(2026, 6, 15) and action.serves == "Grade 7"


def test_the_last_page_holds_a_review_date_and_a_sign_off() -> None:
    workbook = storage.load(RICH)
    workbook.plan.review = date(2026, 6, 20)
    page = render("html", "principal", workbook)
    last = page.split('<div class="part">')[-1]
    assert "We will review this plan together on 20 June 2026." in last
    assert "<td>Dr. Maya Chen</td><td>Principal</td><td></td><td></td>" in last


def test_an_idea_or_quick_win_taken_over_gets_an_owner_and_a_date_and_keeps_its_link() -> None:
    workbook = storage.load(RICH)
    derived = {a.id: a for a in built(workbook).actions if a.origin in (plan.Origin.IDEA, plan.Origin.QUICK_WIN)}
    assert "quick-wins.sel-book-club" in derived and "ideas.standards-collections" in derived
    for action_id in ("quick-wins.sel-book-club", "ideas.standards-collections"):
        own = plan.take_over(workbook, shipped(), action_id)
        plan.update(workbook, Action, own.id, owner="Mrs. Okafor", due="2026-04-15", status="under-way")
        found = [a for a in built(workbook).actions if a.idea == action_id or a.id == action_id]
        assert [(a.origin, a.owner, a.due) for a in found] == [(plan.Origin.PLAN, "Mrs. Okafor", date(2026, 4, 15))]
    with pytest.raises(plan.PlanError, match="no idea or quick win"):
        plan.take_over(workbook, shipped(), "visioning.commitment")
