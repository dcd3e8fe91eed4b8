"""Help: what letstalk is for and the keys, drawn from the real bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# letstalk

A workbook for building partnerships with your principal, teachers and district leaders.
Work through the **Let's Talk** steps, the **On the Leading Edge** sessions, the partnership
toolkit and the growth rubric, a few minutes at a time. Every tick and word is saved as you go
(the header says *saved*), and your workbook is a plain TOML file you can keep and share.

## Keys

| Key | Where | What it does |
|---|---|---|
| Enter | Home | open the highlighted section |
| c | Home | continue where you left off |
| Tab / Shift+Tab | anywhere | move between fields |
| Space | a checkbox | tick or untick |
| ctrl+pagedown / ctrl+pageup | a section | next / previous section |
| f2 | a section | set the section's status |
| ctrl+b | a section | show or hide the list of sections |
| / or ctrl+f | anywhere | search answers and content |
| ctrl+p | anywhere | command palette: go to a section, run an action |
| Escape | anywhere | back |
| F1 | anywhere | this help |
| ctrl+q (or q on Home) | anywhere | save and quit |
"""


class HelpScreen(ModalScreen[None]):
    """A scrollable help page; Escape or F1 closes it."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss()
