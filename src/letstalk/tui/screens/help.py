"""Help: what letstalk is for and the keys, drawn from the real bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from letstalk.tui.keys import markdown_table
from letstalk.tui.steady import ClosesOnce
from letstalk.tui.widgets.footer import HelpFirstFooter

HELP = """\
# letstalk

A workbook for building partnerships with your principal, teachers and district leaders.
Work through the **Let's Talk** steps, the **On the Leading Edge** sessions, the partnership
toolkit and the growth rubric, a few minutes at a time. Every tick and word is saved as you go
(the header says *saved*), and your workbook is a plain TOML file you can keep and share.

## Keys
"""


class HelpScreen(ClosesOnce, ModalScreen[None]):
    """A scrollable help page; Escape or F1 closes it."""

    BINDINGS = [Binding("escape,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP + "\n" + markdown_table())
        yield HelpFirstFooter()

    def action_dismiss(self) -> None:  # type: ignore[override]  # Escape, F1 and q close it; no result to pass
        self.dismiss()
