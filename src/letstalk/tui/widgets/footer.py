"""The footer every letstalk screen shows: Textual's, with the help key first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_KEY = "f1"


class HelpFirstFooter(Footer):
    """Textual's footer with F1 Help first, as nano puts its help first.

    Keys that do not fit a narrow terminal are cut at the right edge; the one key that says what
    every other key does must never be among them (at 60 columns Home's keys overflow).
    """

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        first = [w for w in widgets if isinstance(w, FooterKey) and w.key == HELP_KEY]
        yield from first + [w for w in widgets if w not in first]
