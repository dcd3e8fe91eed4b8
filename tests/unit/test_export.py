"""Exports of the plan: golden files, injection-proof HTML and Markdown, ICS round trips, the CLI.

Golden files live in tests/data/golden/. After a deliberate change, rewrite them with
``LETSTALK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export.py``, read the diff
as a librarian would, then commit it.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from hypothesis import given
from markdown_it import MarkdownIt
from tests.unit.export_support import (  # noqa: F401 - fixtures
    GENERATED,
    GOLDEN,
    GOLDEN_FILES,
    NAME,
    PRIVATE,
    TEXT,
    fixed_time,
    rich_plan,
    shipped,
)

from letstalk import cli, export, plan
from letstalk.errors import LetsTalkError
from letstalk.export import card, html, markdown, summary
from letstalk.export.document import generated_at
from letstalk.model import Action, Goal, Meeting, PlanData, Stakeholder, Workbook, new_workbook

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
