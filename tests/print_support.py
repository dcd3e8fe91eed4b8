"""Print HTML exports to PDF with headless Chromium and check the pages, for print tests.

How to use it in a test::

    from tests.print_support import PAPERS, print_pdf, require_printing, lonely_headings

    def test_one_page(tmp_path):
        require_printing()                      # skips, with the reason, when the tools are missing
        html = export.render("card-html", plan).decode()
        for paper in PAPERS:                    # "Letter" and "A4"
            pdf = print_pdf(html, paper, tmp_path)
            assert page_count(pdf) == 1
            assert not lonely_headings(pdf, headings(html))

The tools are Debian's ``chromium`` and ``poppler-utils`` (``pdfinfo``, ``pdftotext``, ``pdftoppm``);
``.ci/run`` installs them when missing. The paper size is forced by adding ``@page { size: ... }``
to a copy of the page, so the export itself stays free of a paper size (it fits both). To look at
what a test printed, :func:`to_png` writes one PNG a page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

PAPERS = ("Letter", "A4")
"""The paper sizes a print test checks: US Letter and ISO A4."""

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
"""Flags for a quiet, offline, one-shot print (no date or file name printed in the margins)."""

TOOLS = ("pdfinfo", "pdftotext", "pdftoppm")


def chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def missing_tools() -> list[str]:
    """The print tools not installed here, by package-ish name (empty when all are)."""
    missing = [] if chromium() else ["chromium"]
    return missing + [tool for tool in TOOLS if shutil.which(tool) is None]


def require_printing() -> None:
    """Skip the calling test, saying which tools are missing, unless all of them are installed."""
    if missing := missing_tools():
        pytest.skip(f"print test needs {', '.join(missing)} (Debian: apt-get install chromium poppler-utils)")


def print_pdf(html: str, paper: str, folder: Path, name: str = "page") -> Path:
    """Print ``html`` to ``folder/<name>-<paper>.pdf`` on ``paper`` ("Letter" or "A4"); returns the PDF."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed; call require_printing() first")
    sized = html.replace("</head>", f"<style>@page {{ size: {paper}; }}</style>\n</head>", 1)
    source = folder / f"{name}-{paper}.html"
    source.write_text(sized, "utf-8")
    pdf = folder / f"{name}-{paper}.pdf"
    with tempfile.TemporaryDirectory(prefix="chromium-", dir=folder) as profile:
        subprocess.run(
            [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", source.as_uri()],
            check=True,
            capture_output=True,
            timeout=120,  # a hung browser fails the test instead of hanging CI
        )
    return pdf


def page_count(pdf: Path) -> int:
    """How many pages the PDF has (``pdfinfo``)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, f"pdfinfo gave no page count for {pdf}"
    return int(match.group(1))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in page order (``pdftotext``, one call a page)."""
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for n in range(1, page_count(pdf) + 1)
    ]


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "th") or self._depth:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
            if not self._depth:
                self.found.append(" ".join("".join(self._text).split()))
                self._text = []

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._text.append(data)


def headings(html: str) -> list[str]:
    """The text of every heading (h1 to h3) and table header cell of an HTML page."""
    parser = _Headings()
    parser.feed(html)
    return [text for text in parser.found if text]


def _words(text: str) -> str:
    return " ".join(text.split())


def lonely_headings(pdf: Path, heads: list[str], min_lines: int = 3) -> list[str]:
    """What is wrong with the page breaks, in words (empty when nothing is).

    A page is wrong when it ends with a heading (the heading is cut off from its text), when it
    holds nothing but headings, or when it holds fewer than ``min_lines`` lines of text (a stray
    tail of a part). The page-number footer does not count as a line.
    """
    problems = []
    pages = page_texts(pdf)
    for number, text in enumerate(pages, 1):
        lines = [line for line in text.splitlines() if line.strip() and not re.fullmatch(r"\s*\d+ / \d+\s*", line)]
        flat = _words(" ".join(lines))
        rest = flat
        for head in sorted(heads, key=len, reverse=True):
            rest = rest.replace(head, " ") if head else rest
        ends = [h for h in heads if h and flat.endswith(h)]
        if lines and not rest.strip():
            problems.append(f"page {number} holds only headings")
        elif ends and number < len(pages):
            problems.append(f"page {number} ends with the heading {ends[0]!r}")
        elif len(lines) < min_lines and len(pages) > 1:
            problems.append(f"page {number} holds only {len(lines)} line(s): {flat[:80]!r}")
    return problems


def to_png(pdf: Path, resolution: int = 50) -> list[Path]:
    """Each page of ``pdf`` as a PNG beside it (``pdftoppm``), for looking at a print by eye."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), str(pdf), str(prefix)], check=True, capture_output=True)
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"))
