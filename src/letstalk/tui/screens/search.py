"""Search dialog: type words, see matching answers and content, Enter jumps to the item."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from letstalk.search import Hit, search
from letstalk.tui.host import Host, WorkbookHost
from letstalk.tui.screens.dialogs import Dialog
from letstalk.tui.widgets.lists import SafeOptionList


class SearchScreen(Dialog[Hit]):
    """Find an answer or a piece of content; returns the chosen :class:`Hit`."""

    host = Host[WorkbookHost]()

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Search your answers and the content", classes="dialog-title")
            yield Input(placeholder="Type words to find; Enter or ↓ to pick a result", id="query")
            yield SafeOptionList(id="hits")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._hits = search(self.host.library, self.host.workbook, event.value)
        options = []
        for index, hit in enumerate(self._hits):
            tag = ("your answer", "bold") if hit.in_answer else ("content", "dim")
            line = Text.assemble(tag, "  ", (hit.where, "italic"), "\n", hit.snippet)
            options.append(Option(line, id=str(index)))
        hits = self.query_one("#hits", OptionList)
        hits.set_options(options)
        if event.value.strip() and not options:
            hits.add_option(Option(Text("Nothing found."), disabled=True))

    def on_input_submitted(self) -> None:
        if self._hits:
            self.dismiss(self._hits[0])

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.query_one("#query"):
            self.query_one("#hits").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self._hits[int(event.option.id)])
