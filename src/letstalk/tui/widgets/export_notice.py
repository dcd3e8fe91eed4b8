"""Export in plain words: what each format is for, and a notice of where the file went that stays."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from letstalk.text import shown_path

EXPORT_WORDS: dict[str, str] = {
    "html": "Printable plan (web page)",
    "card-html": "Conversation card (web page to print)",
    "ics": "Calendar file (Outlook, Google, Apple)",
    "csv": "Spreadsheet of actions",
    "text": "Plain text for email",
    "md": "Markdown (the plan as plain text with headings)",
    "card": "Conversation card (Markdown)",
    "snapshot": "Impact snapshot of the log (web page to print)",
    "snapshot-text": "Impact snapshot of the log (plain text)",
}
"""Each format named by what it is for, in the order the export dialog offers them."""


def export_words(name: str, description: str = "") -> str:
    """A format's name in plain words; one letstalk has no words for yet keeps its description."""
    return EXPORT_WORDS.get(name, description[:1].upper() + description[1:] or name)


def export_choices(formats: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(format name, plain words) for the export dialog, from (name, description) pairs.

    The formats letstalk has words for come first, in EXPORT_WORDS order.
    """
    order = list(EXPORT_WORDS)
    ranked = sorted(formats, key=lambda f: order.index(f[0]) if f[0] in order else len(order))
    return [(name, export_words(name, description)) for name, description in ranked]


class ExportNotice(Horizontal):
    """Where the last export went; it stays until she presses OK (a toast fades before she reads it)."""

    DEFAULT_CSS = """
    ExportNotice {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $success 20%;
        display: none;
    }
    ExportNotice Static {
        width: 1fr;
        padding: 1 0;
    }
    ExportNotice Button {
        margin: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="export-where")
        yield Button("OK", id="export-ok")

    def show(self, what: str, path: Path) -> None:
        """Say what was written where, until dismissed."""
        self.query_one("#export-where", Static).update(Text(f"✓ {what} saved to {shown_path(path)}"))
        self.display = True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            event.stop()
            self.display = False
