"""Shared by the export tests: the golden files, a fixed export time, the rich plan, hostile text."""

from __future__ import annotations

import functools
from datetime import UTC, datetime

import pytest
from hypothesis import strategies as st
from tests.paths import DATA, RICH

from letstalk import plan, storage
from letstalk.content import Library, load_library

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
