"""Messages: the meeting request, the thank-you and the monthly check-in, ready to copy."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from letstalk.drafts import KINDS, Draft
from letstalk.tui.steady import ClosesOnce
from letstalk.tui.widgets.footer import HelpFirstFooter


class DraftsScreen(ClosesOnce, ModalScreen[None]):
    """Each draft filled from the workbook; a key picks one, ``c`` copies it to the clipboard."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("c", "copy", "Copy"),
        Binding("1", "show('request')", "Request", show=False),
        Binding("2", "show('thanks')", "Thank-you", show=False),
        Binding("3", "show('checkin')", "Check-in", show=False),
    ]

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self._drafts = {d.kind: d for d in drafts}
        self._kind = next(iter(self._drafts))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="drafts"):
            yield Static("Messages to send", classes="dialog-title")
            with Horizontal(id="draft-kinds"):
                for number, (kind, title) in enumerate(KINDS.items(), 1):
                    yield Button(f"{number} {title}", id=f"draft-{kind}", compact=True)
            yield TextArea(self._drafts[self._kind].text(), read_only=True, soft_wrap=True, id="draft-text")
            yield Static(
                Text(
                    "Filled from your workbook. Anything in [brackets] is for you to write before sending. "
                    "c copies the message; paste it into your e-mail."
                ),
                classes="hint",
            )
        yield HelpFirstFooter()

    def on_mount(self) -> None:
        self.action_show(self._kind)

    def action_show(self, kind: str) -> None:
        """Show the draft of ``kind`` (request, thanks or checkin)."""
        self._kind = kind
        self.query_one("#draft-text", TextArea).load_text(self._drafts[kind].text())
        for button in self.query(Button):
            button.variant = "primary" if button.id == f"draft-{kind}" else "default"

    @on(Button.Pressed)
    def _pick(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("draft-"):
            self.action_show(event.button.id.removeprefix("draft-"))

    def action_copy(self) -> None:
        """Copy the shown draft to the clipboard (the terminal's, over OSC 52)."""
        self.app.copy_to_clipboard(self._drafts[self._kind].text())
        self.notify(f"{KINDS[self._kind]} copied. If your terminal blocks copying, select the text instead.")

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
