"""Opening a resource's link: try a browser, and always show the address to copy."""

from __future__ import annotations

import webbrowser

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static, TextArea

from letstalk.tui.screens.dialogs import Dialog


def start_browser(url: str) -> bool:
    """Open ``url`` in a graphical browser; False when none could be started.

    A text browser (lynx, w3m) is never started: it would take over the terminal letstalk runs in.
    """
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if type(browser) is webbrowser.GenericBrowser:  # how webbrowser runs console browsers, in this terminal
        return False
    try:
        return bool(browser.open(url))
    except (OSError, webbrowser.Error):
        return False


class LinkDialog(Dialog[None]):
    """A resource's address, selectable and copyable, and whether a browser opened it."""

    def __init__(self, title: str, url: str, *, opened: bool) -> None:
        super().__init__()
        self._title, self._url, self._opened = title, url, opened

    def compose(self) -> ComposeResult:
        if self._opened:
            message = "Opened in your web browser. If nothing appeared, copy the address into one:"
        else:
            message = "No web browser could be started from here. Copy the address into a browser:"
        with Vertical(classes="dialog"):
            yield Label(Text(self._title), classes="dialog-title")
            yield Static(Text(message), classes="dialog-message")
            yield TextArea(self._url, read_only=True, soft_wrap=True, id="address", classes="address")
            yield Static(id="copied", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Copy the address", id="copy", variant="primary")
                yield Button("Close (Esc)", id="close")

    def on_mount(self) -> None:
        address = self.query_one("#address", TextArea)
        address.select_all()  # ready for the terminal's own copy, too
        self.query_one("#copy", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.app.copy_to_clipboard(self._url)
            self.query_one("#copied", Static).update(
                Text("Copied, if your terminal lets programs copy: paste it into a browser.")
            )
        else:
            self.dismiss(None)
