"""Print tests: the plan and the card printed by headless Chromium on Letter and A4.

Skipped, with the reason, where Chromium or poppler-utils is missing; CI installs them
(``.ci/run``). The machinery is in ``tests/print_support.py``.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.paths import WORKBOOKS
from tests.print_support import PAPERS, headings, lonely_headings, page_count, page_texts, print_pdf, require_printing

from letstalk import export, plan, storage
from letstalk.content import Library, load_library

DATA = WORKBOOKS
FIXTURES = ("rich", "stress")


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772452800")  # 2026-03-02 12:00 UTC


@functools.cache
def shipped() -> Library:
    return load_library()


def rendered(fixture: str, name: str) -> str:
    return export.render(name, plan.build(storage.load(DATA / f"{fixture}.toml"), shipped())).decode("utf-8")


def test_the_checker_finds_lonely_headings_and_short_pages(tmp_path: Path) -> None:
    require_printing()
    lines = "".join(f"<p>Line {n} of the text.</p>" for n in range(5))
    page_break = '<div style="break-before: page"></div>'
    page = (
        f"<html><head></head><body>{lines}<h2>Sharing results</h2>{page_break}"
        f"<h2>Alone</h2>{page_break}<p>One line.</p>{page_break}{lines}</body></html>"
    )
    pdf = print_pdf(page, "Letter", tmp_path)
    assert page_count(pdf) == 4
    assert lonely_headings(pdf, headings(page)) == [
        "page 1 ends with the heading 'Sharing results'",
        "page 2 holds only headings",
        "page 3 holds only 1 line(s): 'One line.'",
    ]
    good = f"<html><head></head><body><h2>Heading</h2>{lines}</body></html>"
    assert lonely_headings(print_pdf(good, "A4", tmp_path, "good"), headings(good)) == []


@pytest.mark.parametrize("fixture", FIXTURES)
def test_the_plan_prints_without_a_lonely_heading(fixture: str, tmp_path: Path) -> None:
    require_printing()
    html = rendered(fixture, "html")
    for paper in PAPERS:
        pdf = print_pdf(html, paper, tmp_path, f"plan-{fixture}")
        assert lonely_headings(pdf, headings(html)) == [], f"{fixture} plan on {paper}"


@pytest.mark.parametrize("fixture", FIXTURES)
def test_the_card_is_one_page_on_letter_and_a4(fixture: str, tmp_path: Path) -> None:
    require_printing()
    html = rendered(fixture, "card-html")
    for paper in PAPERS:
        assert page_count(print_pdf(html, paper, tmp_path, f"card-{fixture}")) == 1, paper


def test_the_card_carries_the_logs_headline_figures_and_stays_one_page(tmp_path: Path) -> None:
    workbook = storage.load(DATA / "stress.toml")
    workbook.log.staff = 40
    for n in range(30):
        workbook.log.add(
            on=date(2026, 1, 5) + timedelta(days=n),
            kind="co-taught",
            what=f"Lesson {n}",
            teachers=[f"T{n % 9}"],
            students=25,
        )
    workbook.log.add(
        on=date(2026, 2, 9), kind="other", what="Not for anyone", teachers=["Mr X"], students=900, private=True
    )
    assert plan.build(workbook, shipped()).card.impact == ()  # no day given, no figures
    built = plan.build(workbook, shipped(), today=date(2026, 3, 2))
    assert built.card.impact == ("30 collaborations", "9 of 40 teachers partnered", "750 students reached")
    html = export.render("card-html", built).decode("utf-8")
    assert "This school year: 30 collaborations · 9 of 40 teachers partnered · 750 students reached." in html
    require_printing()
    for paper in PAPERS:
        assert page_count(print_pdf(html, paper, tmp_path, "card-figures")) == 1, paper


@pytest.mark.parametrize("fixture", FIXTURES)
def test_the_summary_is_the_first_page_alone(fixture: str, tmp_path: Path) -> None:
    require_printing()
    html = rendered(fixture, "html")
    for paper in PAPERS:
        pages = page_texts(print_pdf(html, paper, tmp_path, f"summary-{fixture}"))
        assert "Next actions" in pages[0] and "Next meeting" in pages[0], paper
        assert pages[1].lstrip().startswith("Shared vision"), paper  # the summary never spills over
