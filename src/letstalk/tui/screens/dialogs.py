"""Small modal dialogs: conflicts, save as, confirmations, choosing from a short list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from letstalk.errors import LetsTalkError
from letstalk.tui.steady import ClosesOnce
from letstalk.tui.widgets.footer import HelpFirstFooter
from letstalk.tui.widgets.lists import SafeOptionList

R = TypeVar("R")


class Dialog(ClosesOnce, ModalScreen[R | None]):
    """Base for dialogs answering an ``R``: a centred box; Escape cancels (returns None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @on(events.Mount)
    def _add_footer(self) -> None:
        # A footer of the dialog's own keys, over the one of the screen behind it.
        self.mount(HelpFirstFooter())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(Dialog[str]):
    """Ask a question with a few answers; returns the chosen answer's id."""

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self._title, self._message, self._choices, self._current = title, message, choices, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self._title), classes="dialog-title")
            yield Static(Text(self._message), classes="dialog-message")
            yield SafeOptionList(*(Option(Text(label), id=key) for key, label in self._choices), id="choices")
            yield Static(Text("↑↓ choose · Enter confirms · Escape cancels"), classes="hint")

    def on_mount(self) -> None:
        if self._current is not None:  # start on what is true now (a section's current status)
            choices = self.query_one("#choices", OptionList)
            choices.highlighted = choices.get_option_index(self._current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ConflictDialog(ChoiceDialog):
    """The workbook changed on disk: reload it, save elsewhere, or keep editing unsaved."""

    def __init__(self, message: str) -> None:
        super().__init__(
            "The workbook changed on disk",
            f"{message}\nletstalk will not overwrite it. What would you like to do?",
            [
                ("keep", "Keep editing here without saving for now (ctrl+s saves over it later)"),
                ("save-as", "Save your version under a new name"),
                ("reload", "Reload the file from disk: your unsaved changes here are dropped"),
            ],
        )


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; returns True or False."""

    def __init__(
        self, title: str, message: str, yes: str = "Yes", no: str = "No", *, default_yes: bool = False
    ) -> None:
        super().__init__()
        self._title, self._message, self._yes, self._no = title, message, yes, no
        self._default_yes = default_yes
        """Enter answers yes (she asked for it); otherwise no (deleting is never one Enter away)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self._title), classes="dialog-title")
            yield Static(Text(self._message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, id="yes", variant="primary")
                yield Button(self._no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self._default_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PathQuestion(Dialog[Path]):
    """Ask for a path, suggesting one; what is wrong with the answer is said under the field.

    Subclasses say what a good answer is in :meth:`problem`; the dialog returns the Path or None.
    """

    def __init__(self, suggestion: Path, *, title: str, prompt: str) -> None:
        super().__init__()
        self._suggestion, self._title, self._prompt = suggestion, title, prompt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Static(Text(self._prompt), classes="dialog-message")
            yield Input(str(self._suggestion), id="path")
            yield Static(id="problem", classes="error")

    def problem(self, path: Path | None) -> str:
        """Why ``path`` (None when nothing was typed) will not do, or "" when it will."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        path = Path(raw).expanduser() if raw else None
        problem = self.problem(path)
        if problem or path is None:
            self.query_one("#problem", Static).update(Text(problem))
            return
        self.dismiss(path)


class SaveAsDialog(PathQuestion):
    """Ask for a file name to write; returns the Path or None.

    For a workbook ``current`` is the open file and a ``-copy`` name is suggested; with
    ``overwrite`` (exports) ``current`` is the suggestion itself and an existing file may be replaced.
    """

    def __init__(
        self,
        current: Path,
        *,
        title: str = "Save as",
        overwrite: bool = False,
        prompt: str = "Type the path of the new workbook file and press Enter.",
        check: Callable[[Path], str] | None = None,
    ) -> None:
        suggestion = current if overwrite else current.with_name(current.stem + "-copy.toml")
        super().__init__(suggestion, title=title, prompt=prompt)
        self._overwrite = overwrite
        self._check = check
        """The caller's own refusal of a path (an export's target check), said under the field too."""

    def problem(self, path: Path | None) -> str:
        """A new file in a folder that exists (or, with ``overwrite``, an existing file)."""
        if path is None:
            return "Type a file name."
        if path.is_dir():
            return f"{path} is a folder; add a file name."
        if path.exists() and not self._overwrite:
            return f"{path} already exists; choose another name."
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
        return self._check(path) if self._check is not None else ""


class KeepsTyping(Dialog[R]):
    """A form whose Escape (or Cancel) asks before throwing away what she typed in it.

    Its fields have ids ``f-NAME``; what they hold as the dialog opens is compared with what they
    hold on Escape. Unchanged, the form closes at once, as any dialog does.
    """

    _as_opened: tuple[tuple[str, object], ...] | None = None

    @on(events.Mount)
    def _remember_fields(self) -> None:
        self.call_after_refresh(self._record)  # after the fields are filled in

    def _record(self) -> None:
        self._as_opened = self._fields_now()

    def _fields_now(self) -> tuple[tuple[str, object], ...]:
        fields = (widget for widget in self.query("*") if widget.id and widget.id.startswith("f-"))
        return tuple((w.id or "", w.text if isinstance(w, TextArea) else getattr(w, "value", None)) for w in fields)

    def action_cancel(self) -> None:
        """Close without saving; when something was typed, ask first."""
        if self._as_opened is None or self._fields_now() == self._as_opened:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = ConfirmDialog(
            "Throw away what you typed?", "Nothing in this form is saved yet.", yes="Throw it away", no="Keep editing"
        )
        self.app.push_screen(question, answered)


class FormDialog(KeepsTyping[bool]):
    """A dialog holding a form: save applies it; a refused field shows its one-line problem and takes focus."""

    _apply: Callable[[Any], None]

    def form(self) -> Any:
        """The fields as typed (each dialog says which)."""
        raise NotImplementedError

    def action_save(self) -> None:
        try:
            self._apply(self.form())
        except LetsTalkError as exc:
            self.query_one("#problem", Static).update(Text(exc.message))
            if field_name := getattr(exc, "field", None):
                self.query_one(f"#f-{field_name}").focus()
            return
        self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
