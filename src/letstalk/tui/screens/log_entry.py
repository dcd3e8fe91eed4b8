"""The dialog that adds or edits one collaboration: date, teacher, a kind by one key, one line of text.

Tab order is the quick path: teacher (completing from earlier ones), kind (one key), what, Enter.
Everything else (date, grade, students, evidence, goal, just for me) can be left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.reactive import reactive
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from letstalk.log.form import Form, complete_teacher
from letstalk.model import LogKind
from letstalk.tui.screens.dialogs import FormDialog
from letstalk.tui.widgets.items import Tick


class TeacherSuggester(Suggester):
    """Completes the name being typed in a list of teachers (``Ms Lee; Mr P`` → ``Mr Park``) from earlier entries."""

    def __init__(self, known: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # what she typed, as typed: the domain matches case
        self.known = known

    async def get_suggestion(self, value: str) -> str | None:
        return complete_teacher(value, self.known)


class KindPicker(Widget, can_focus=True):
    """A kind chosen by one key (p, t, r, l, e, o), or with left and right."""

    DEFAULT_CSS = """
    KindPicker { height: auto; width: 1fr; }
    KindPicker:focus { background: $boost; }
    """

    value: reactive[LogKind] = reactive(LogKind.CO_TAUGHT)

    def __init__(self, value: LogKind, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(KindPicker.value, value)

    def render(self) -> Text:
        text = Text()
        for kind in LogKind:
            chosen = kind is self.value
            text.append(f"{'●' if chosen else '○'} {kind.key} {kind.label}", "bold reverse" if chosen else "")
            text.append("  ")
        return text

    def on_key(self, event: events.Key) -> None:
        kinds = list(LogKind)
        picked = next((kind for kind in kinds if event.key == kind.key), None)
        if event.key in ("left", "right"):
            step = 1 if event.key == "right" else -1
            picked = kinds[(kinds.index(self.value) + step) % len(kinds)]
        if picked is not None:
            self.value = picked
            event.stop()
            event.prevent_default()


class LogEntryDialog(FormDialog):
    """Fill in one entry; ``apply`` stores it through the domain (returns True once applied).

    A :class:`LetsTalkError` from ``apply`` is shown under the form, which stays open as typed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#f-teachers"  # focused as the dialog mounts, so no key typed meanwhile goes elsewhere
    DEFAULT_CSS = """
    LogEntryDialog .dialog { width: 78; }
    LogEntryDialog Grid { grid-size: 2; grid-columns: 13 1fr; grid-rows: auto; height: auto; grid-gutter: 0 1; }
    LogEntryDialog Grid Input, LogEntryDialog Grid Input:focus { border: none; height: 1; padding: 0 1; }
    LogEntryDialog Grid Select { height: auto; }
    LogEntryDialog Grid Tick, LogEntryDialog Grid Tick:focus { border: none; height: 1; padding: 0; }
    LogEntryDialog Grid Label { height: 1; }
    LogEntryDialog .dialog-buttons { height: auto; margin-top: 1; }
    LogEntryDialog .dialog { padding: 0 1; }
    LogEntryDialog .dialog-title { margin-bottom: 0; }
    """

    def __init__(self, title: str, form: Form, goals: list[tuple[str, str]], apply: Callable[[Form], Any]) -> None:
        super().__init__()
        self._title, self._form, self._goals, self._apply = title, form, goals, apply

    def compose(self) -> ComposeResult:
        form = self._form
        with Vertical(classes="dialog"):
            yield Label(Text(self._title), classes="dialog-title")
            with Grid():
                yield Label("Teacher(s)")
                yield Input(
                    form.teachers,
                    id="f-teachers",
                    placeholder="Ms Lee; Mr Park (→ completes an earlier name)",
                    suggester=TeacherSuggester(form.suggestions) if form.suggestions else None,
                )
                yield Label("Kind (key)")
                yield KindPicker(LogKind.from_text(form.kind) or LogKind.OTHER, id="f-kind")
                yield Label("What we did")
                yield Input(form.what, id="f-what", placeholder="one line, e.g. Co-taught research skills")
                yield Label("Date")
                yield Input(form.on, id="f-on", placeholder="YYYY-MM-DD")
                yield Label("Grade/course")
                yield Input(form.grade, id="f-grade")
                yield Label("Subject")
                yield Input(form.subject, id="f-subject")
                yield Label("Students")
                yield Input(form.students, id="f-students", placeholder="how many, if you know")
                yield Label("Evidence")
                yield Input(form.evidence, id="f-evidence", placeholder="what changed, what they said")
                yield Label("Plan goal")
                current = form.goal if form.goal in {key for key, _ in self._goals} else Select.NULL
                options = [(Text(label), key) for key, label in self._goals]
                yield Select(options, value=current, id="f-goal", allow_blank=True, prompt="(none)", compact=True)
                yield Label("")
                yield Tick("Just for me (never shared)", form.private, id="f-private")
                yield Label("")
                yield Tick("An evidence story for the impact snapshot", form.story, id="f-story")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (Enter)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def form(self) -> Form:
        """What the dialog holds now."""
        goal = self.query_one("#f-goal", Select).value
        return Form(
            on=self.query_one("#f-on", Input).value,
            teachers=self.query_one("#f-teachers", Input).value,
            kind=self.query_one("#f-kind", KindPicker).value.value,
            what=self.query_one("#f-what", Input).value,
            grade=self.query_one("#f-grade", Input).value,
            subject=self.query_one("#f-subject", Input).value,
            students=self.query_one("#f-students", Input).value,
            evidence=self.query_one("#f-evidence", Input).value,
            goal="" if goal is Select.NULL else str(goal),
            private=self.query_one("#f-private", Tick).value,
            story=self.query_one("#f-story", Tick).value,
        )
