"""An answer in words: the one function plain mode, the drill-down and the plan's rubric rows share."""

from __future__ import annotations

from datetime import date

import pytest

from letstalk.content import Library
from letstalk.model import answer_in_words


@pytest.mark.parametrize(
    ("item_id", "value", "words"),
    [
        ("second.often", "monthly", "Every month"),
        ("second.often", "gone-option", "gone-option"),
        ("second.level", "emerging", "Emerging"),
        ("second.level", "unknown", "unknown"),
        ("first.coffee", "trying", "Trying"),
        ("first.coffee", "not-started", "Not started"),
        ("first.read", True, "yes"),
        ("first.read", False, "no"),
        ("second.idea-dot", True, "adopted"),
        ("second.idea-dot", False, "not adopted"),
        ("second.due", date(2026, 3, 14), "2026-03-14"),
        ("first.role", "In my own words", "In my own words"),
        ("first.role", "", ""),
        ("first.role", None, ""),
    ],
)
def test_an_answer_reads_the_same_everywhere(mini_library: Library, item_id: str, value: object, words: str) -> None:
    located = mini_library.items[item_id]
    assert answer_in_words(located.item, value, located.pack) == words
