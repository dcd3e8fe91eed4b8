"""README's keyboard reference must match the real bindings."""

from __future__ import annotations

import re
from pathlib import Path

from letstalk.tui.keys import markdown_table

README = Path(__file__).parents[2] / "README.md"


def test_readme_keyboard_table_matches_the_bindings() -> None:
    text = README.read_text("utf-8")
    match = re.search(r"<!-- keys:start[^>]*-->\n(.*?)\n<!-- keys:end -->", text, re.S)
    assert match, "README lost its keys:start / keys:end markers"
    assert match.group(1) == markdown_table(), (
        "README's key table is out of date: paste the output of "
        "`python -c 'from letstalk.tui.keys import markdown_table; print(markdown_table())'`"
    )
