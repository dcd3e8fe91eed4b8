"""Exports of the plan: golden files, injection-proof HTML and Markdown, ICS round trips, the CLI.

Golden files live in tests/data/golden/. After a deliberate change, rewrite them with
``LETSTALK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export.py``, read the diff
as a librarian would, then commit it.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from markdown_it import MarkdownIt
from tests.paths import DATA, RICH

from letstalk import cli, export, plan, storage
from letstalk.content import Library, load_library
from letstalk.errors import LetsTalkError
from letstalk.export import card, html, ics, markdown, summary
from letstalk.export.document import clean, generated_at, one_line, split_title
from letstalk.model import Action, Goal, Meeting, PlanData, Stakeholder, Workbook, new_workbook

GOLDEN = DATA / "golden"
GOLDEN_FILES = {
    "md": "plan.md",
    "text": "plan.txt",
    "html": "plan.html",
    "ics": "plan.ics",
    "csv": "actions.csv",
    "card": "card.md",
    "card-html": "card.html",
}
EPOCH = "1772452800"  # 2026-03-02 12:00 UTC
GENERATED = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PRIVATE = ("a luxury", "asking for planning time will cost me", "talk too fast", "Marisol")
"""Phrases only the rich workbook's private answers (mindset.doubts, visioning.notes) hold."""


@functools.cache
def shipped() -> Library:
    return load_library()


def rich_plan() -> plan.Plan:
    return plan.build(storage.load(RICH), shipped())


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


# -- golden files -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(GOLDEN_FILES))
def test_golden(name: str) -> None:
    produced = export.render(name, rich_plan(), audience=export.Audience.preset("all"))  # every part, to review
    path = GOLDEN / GOLDEN_FILES[name]
    if os.environ.get("LETSTALK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(produced)
    assert produced == path.read_bytes(), f"{path.name} differs; see this module's docstring to update it"


def test_golden_set_covers_every_format() -> None:
    assert set(GOLDEN_FILES) == set(export.FORMATS) and tuple(export.FORMATS) == cli.EXPORT_FORMATS


@pytest.mark.parametrize("name", list(GOLDEN_FILES))
def test_reexport_is_byte_identical_and_private_text_never_leaks(name: str) -> None:
    first, second = export.render(name, rich_plan()), export.render(name, rich_plan())
    assert first == second
    text = first.decode("utf-8-sig")
    unfolded = text.replace("\r\n ", "")  # ICS folds long lines
    assert not [phrase for phrase in PRIVATE if phrase in text or phrase in unfolded]


def test_generated_time_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert generated_at() == GENERATED
    assert generated_at({}) > GENERATED
    with pytest.raises(LetsTalkError, match="SOURCE_DATE_EPOCH"):
        generated_at({"SOURCE_DATE_EPOCH": "yesterday"})
    later = datetime(2026, 4, 1, tzinfo=UTC)
    assert "1 April 2026" in markdown.to_markdown(rich_plan(), later)


# -- HTML -------------------------------------------------------------------------------------

TAGS = {
    "html",
    "head",
    "meta",
    "footer",
    "title",
    "style",
    "body",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "div",
    "section",
    "ul",
    "ol",
    "li",
    "strong",
    "span",
    "br",
    "table",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRS = {"lang", "charset", "name", "content", "http-equiv", "class", "id", "start", "scope"}


class Structure(HTMLParser):
    """Every tag, attribute and stylesheet of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: set[str] = set()
        self.styles: list[str] = []
        self.text: list[str] = []

        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.update(name for name, _ in attrs)
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self.in_style else self.text).append(data)


def structure(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


def test_html_is_self_contained_printable_and_escaped() -> None:
    page = export.render("html", rich_plan(), audience=export.Audience.preset("all")).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower() and "javascript:alert" not in page.split("<body")[0]
    assert "@page" in page and "break-before: page" in page and "@media print" in page
    assert "Content-Security-Policy" in page and "src=" not in page and "href=" not in page
    found = structure(page)
    assert set(found.tags) <= TAGS and found.attrs <= ATTRS
    assert found.tags.count("div") == 6  # the summary page, then five parts, each a printed page or more


def test_card_html_holds_the_five_parts_of_a_card() -> None:
    page = card.card_html(rich_plan())
    for heading in ("Purpose", "Three talking points", "Questions to ask", "The one ask", "Next meeting"):
        assert f"<h2>{heading}</h2>" in page
    assert "Next meeting: 12 March 2026 with Dr. Maya Chen." in page and "@page" in page


# Text built to break things: markup, quotes, entities, Markdown and iCalendar specials.
TRICKY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "</style><script>x()</script>",
        "'",
        '"',
        "&amp;",
        "&#60;",
        "[x](javascript:alert(1))",
        "![i](x.png)",
        "<http://evil.example>",
        "# heading",
        "- item",
        "1. item",
        "2026.",
        "> quote",
        "---",
        "===",
        "***",
        "```",
        "~~~",
        "`code`",
        "*em*",
        "__b__",
        "|a|b|",
        "[ref]: /u",
        "\\",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\x1b[31m",
        "\x00",
        ",",
        ";",
        ":",
        "    indented",
        "x" * 90,
        "é" * 50,
        "👩🏽‍🏫",
        "\u2028",
        "\ufeff",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), TRICKY), max_size=8).map("".join)
NAME = TEXT.map(lambda s: s[:100])  # cleaning may double a name (ESC -> ^[), and names stop at 200


def hostile_workbook(text: str, name: str) -> Workbook:
    """Every place user text can reach an export, filled with ``text`` (``name`` where short)."""
    workbook = new_workbook(owner=name, school=name, role=name)
    workbook.plan = PlanData(
        vision=text,
        areas=[text],
        learning=[text],
        measures=text,
        sharing=text,
        stakeholders=[Stakeholder(id="s-1", name=name or "x", role="principal", cares_about=text)],
        goals=[Goal(id="g-1", title=name or "x", specific=text, relevant=text)],
        actions=[Action(id="a-1", what=text or "x", owner=name, due=date(2026, 3, 1), goal="g-1")],
        curriculum=[
            {"id": "c-1", "course": name or "x", "unit": name, "contribution": text, "partner": name, "term": name}
        ],
        meetings=[Meeting(id="m-1", on=date(2026, 3, 2), with_whom=name, agenda=text, notes=text, follow_up=text)],
    )
    for item_id in (
        "plan.mission",
        "research.overlap",
        "listen.questions",
        "listen.talking-points",
        "listen.the-ask",
        "growth.teacher-evidence",
        "visioning.commitment",
    ):
        workbook.set_answer(item_id, text or "x")
    workbook.rate("growth.teacher", "emerging")
    return workbook


@given(text=TEXT, name=NAME)
def test_no_user_text_can_inject_html(text: str, name: str) -> None:
    built = plan.build(hostile_workbook(text, name), shipped())
    for page, css in (
        (html.to_html(built, GENERATED), html.PLAN_CSS),
        (card.card_html(built, GENERATED), html.CARD_CSS),
    ):
        found = structure(page)
        assert set(found.tags) <= TAGS and found.attrs <= ATTRS
        assert found.tags.count("style") == 1 and found.styles == [f"\n{css}"]
        assert found.tags.count("script") == 0


# -- Markdown ---------------------------------------------------------------------------------


def tokens(text: str) -> list:
    out = []
    for token in MarkdownIt("gfm-like").parse(text):
        out += [token, *(token.children or [])]
    return out


def expected_headings(doc: summary.Document) -> int:
    groups = sum(1 for part in doc.parts for s in part for b in s.blocks if getattr(b, "title", ""))
    return 1 + sum(len(part) for part in doc.parts) + groups


@given(text=TEXT, name=NAME)
def test_no_user_text_becomes_markdown_markup(text: str, name: str) -> None:
    built = plan.build(hostile_workbook(text, name), shipped())
    for doc in (summary.plan_document(built, GENERATED), card.card_document(built, GENERATED)):
        found = tokens(markdown.render_document(doc))
        kinds = [t.type for t in found]
        assert "html_inline" not in kinds and "html_block" not in kinds and "image" not in kinds
        assert not [
            t
            for t in found
            if t.type == "link_open" and not str(t.attrs.get("href", "")).startswith(("http", "mailto:"))
        ]
        assert kinds.count("heading_open") == expected_headings(doc)
        assert kinds.count("hr") == len(doc.parts) - 1
        assert "code_block" not in kinds and "fence" not in kinds and "table_open" not in kinds


def test_markdown_shows_the_rich_traps_literally() -> None:
    text = markdown.to_markdown(rich_plan())
    assert r"\[x\](javascript:alert(1))" in text and r"\<script\>alert(1)\</script\>" in text
    assert "\n  \\# Digital citizenship mini-lesson" in text
    assert markdown.escape("2026. was a good year") == r"2026\. was a good year"
    assert markdown.escape("Q&A &amp; more") == r"Q&A \&amp; more"


# -- iCalendar --------------------------------------------------------------------------------


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_one_event_per_dated_action_and_meeting() -> None:
    built = rich_plan()
    found = events(ics.to_ics(built))
    dated = [a for a in built.actions if a.due]
    assert len(found) == len(dated) + len(built.meetings) == 10  # a-5 has no due date
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids) and uids[0] == f"{built.key}-a-1@letstalk"
    assert f"{built.key}-listen.follow-up-date@letstalk" in uids
    assert all(type(e.decoded("dtstart")) is date for e in found)  # all-day events
    assert all((e.decoded("dtend") - e.decoded("dtstart")).days == 1 for e in found)
    assert all(e.decoded("dtstamp") == GENERATED for e in found)


def test_ics_reexport_keeps_uids_and_cancels_dropped_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = storage.load(RICH)
    first = [str(e["uid"]) for e in events(ics.to_ics(plan.build(workbook, shipped())))]
    plan.update(workbook, Action, "a-1", what="Co-plan the ecosystems unit", status="dropped")
    later = datetime(2026, 5, 1, tzinfo=UTC)
    again = events(ics.to_ics(plan.build(workbook, shipped()), later))
    assert [str(e["uid"]) for e in again] == first
    assert str(again[0]["status"]) == "CANCELLED" and str(again[0]["summary"]) == "Co-plan the ecosystems unit"


@given(what=TEXT, agenda=TEXT, whom=NAME)
def test_ics_survives_any_text(what: str, agenda: str, whom: str) -> None:
    workbook = new_workbook(owner="Ana")
    what = what if clean(what) else "x"
    workbook.plan.actions.append(Action(id="a-1", what=what, due=date(2026, 3, 1)))
    workbook.plan.meetings.append(Meeting(id="m-1", on=date(2026, 3, 2), with_whom=whom, agenda=agenda))
    # what the workbook holds: validation shows control characters as marks (ESC -> ^[) and folds line ends
    what, whom, agenda = (
        workbook.plan.actions[0].what,
        workbook.plan.meetings[0].with_whom,
        workbook.plan.meetings[0].agenda,
    )
    data = ics.to_ics(plan.build(workbook, shipped()), GENERATED)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    action, meeting = events(data)
    assert str(action["summary"]) == one_line(split_title(what)[0])
    assert str(action["description"]).startswith(clean(what) + "\n\n")
    assert str(meeting["summary"]) == (f"Meeting with {one_line(whom)}" if one_line(whom) else "Meeting")
    assert (str(meeting.get("description", "")) == f"Agenda:\n{clean(agenda)}") == bool(clean(agenda))


# -- CSV --------------------------------------------------------------------------------------


def test_csv_rows_and_formula_defusing() -> None:
    built = rich_plan()
    data = export.render("csv", built)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Action", "Owner", "Due", "Status", "Goal", "From"]
    assert len(rows) == len(built.actions) + 2  # the header, the actions, the credit row
    assert rows[-1][0].startswith("Adapted from ") and rows[-1][1:] == [""] * 5
    assert rows[1][0].endswith("Then co-teach two lessons: note-taking, and citing sources.")
    assert rows[1][1:4] == ["Ana Ruiz, Luis Ortiz", "2026-03-06", "Under way"]
    from letstalk.export.csv import cell

    assert [cell(v) for v in ("=SUM(A1)", "+1", "-x", "@me", "ok")] == ["'=SUM(A1)", "'+1", "'-x", "'@me", "ok"]


# -- an empty workbook ------------------------------------------------------------------------


def test_an_empty_plan_still_exports() -> None:
    built = plan.build(new_workbook(owner="Ana Ruiz"), shipped())
    assert summary.EMPTY in markdown.to_markdown(built)
    assert summary.EMPTY in html.to_html(built)
    assert events(ics.to_ics(built)) == []
    header, credit = export.render("csv", built).decode("utf-8-sig").splitlines()
    assert header == "Action,Owner,Due,Status,Goal,From" and credit.startswith('"Adapted from ')
    assert "Write the questions you will ask" in card.card_markdown(built)


# -- the command line -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["md", "ics", "card-html"])
def test_cli_export_to_stdout(name: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["export", name, str(RICH)]) == 0
    assert capsysbinary.readouterr().out == export.render(name, rich_plan())


def test_cli_export_to_a_file_never_touches_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = tmp_path / "w.toml"
    workbook.write_bytes(RICH.read_bytes())
    before = (workbook.read_bytes(), workbook.stat().st_mtime_ns)
    out = tmp_path / "plan.html"
    assert cli.main(["export", "html", str(workbook), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote {out}\n"
    assert out.read_bytes() == export.render("html", rich_plan())
    assert (workbook.read_bytes(), workbook.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html", "w.toml"]  # no backup, no lock


def test_cli_plan_prints_markdown_or_another_format(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["plan", str(RICH)]) == 0
    assert capsysbinary.readouterr().out.startswith(b"# Collaborative library plan\n")
    assert cli.main(["plan", str(RICH), "--format", "csv"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"\xef\xbb\xbfAction,Owner")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "md", "{tmp}/missing.toml"], "missing.toml: no such file"),
        (["export", "md", "{rich}", "-o", "{tmp}/nowhere/plan.md"], "nowhere does not exist"),
        (["export", "md", "{rich}", "-o", "{tmp}"], "this is a folder"),
        (["export", "md", "{rich}", "-o", "{rich}"], "this is the workbook itself"),
        (["plan", "{tmp}"], "this is a folder, not a workbook file"),
    ],
)
def test_cli_errors_are_one_line(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(tmp=tmp_path, rich=RICH) for a in argv]
    assert cli.main(args) == cli.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_cli_honours_content_folders(
    mini_content: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    workbook = new_workbook(owner="Ana Ruiz")
    workbook.set_answer("second.idea-dot", True)
    path = tmp_path / "w.toml"
    storage.create(path, workbook)
    assert cli.main(["--content", str(mini_content), "plan", str(path), "--format", "csv"]) == 0
    assert (
        "Dot Day: Make dot art with the art teacher.,Ana Ruiz,,Planned,,Idea bank"
        in capsysbinary.readouterr().out.decode("utf-8-sig")
    )


def test_plan_and_exports_never_import_textual() -> None:
    code = (
        "import sys, letstalk.plan, letstalk.export\n"
        "from letstalk.export import markdown, html, ics, csv, card, summary, document\n"
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
