"""About this content: each pack's sources, what was adapted, letstalk's own words, the license."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from letstalk.content import Library
from letstalk.content.credits import source_lines
from letstalk.tui.steady import ClosesOnce
from letstalk.tui.widgets.footer import HelpFirstFooter

INTRO = (
    "letstalk's packs adapt the facts, lists and structure of the sources below; every sentence is "
    "written anew. Where a source does not name its author, publisher or year, it says unknown."
)


def about_text(library: Library) -> Text:
    """The About page as plain rich Text (content is never read as markup)."""
    text = Text(INTRO + "\n")
    for pack in library.packs:
        text.append(f"\n{pack.meta.title}\n", style="bold")
        for line in source_lines(pack):
            text.append(f"{line}\n")
    return text


class AboutScreen(ClosesOnce, ModalScreen[None]):
    """A scrollable page naming every pack's sources; Escape closes it."""

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self._library = library

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about"):
            yield Static(Text("About this content", style="bold"), classes="dialog-title")
            yield Static(about_text(self._library), id="about-text")
        yield HelpFirstFooter()

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
