"""The keyboard reference, generated from the real bindings (help screen and README share it)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType

FOCUS_KEYS: list[BindingType] = [
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
]
"""Tab and Shift+Tab, taken by the app as they arrive (Textual's screen takes them after the field).

Typed ahead (``Ana Ruiz<Tab>Hillside``, quicker than the screen), the keys after a Tab went to
the field it left: the app forwards each key to the focused field before that field gets to the
Tab. Moving the focus as the Tab arrives sends what follows to the next field, as she meant.
"""

APP_BINDINGS: list[BindingType] = [
    *FOCUS_KEYS,
    Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="save and quit"),
    Binding("f1", "help", "Help", tooltip="this help: what letstalk does and every key"),
    Binding("ctrl+s", "save_now", "Save", show=False, tooltip="save now (letstalk also saves as you type)"),
]
"""The workbook app's own keys, active on every screen (here so the reference needs no app import)."""

WIDGET_KEYS: list[tuple[str, str, str]] = [
    ("Tab / Shift+Tab", "anywhere", "move to the next / previous field"),
    ("Space", "a checkbox or challenge", "tick or untick; move a challenge's status on"),
    ("Enter", "a list", "open the highlighted section, search result or resource link"),
    ("ctrl+p", "anywhere", "command palette: go to any section, run any action"),
]

_NAMES = {
    "slash": "/",
    "escape": "Escape",
    "f1": "F1",
    "f2": "F2",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "delete": "Delete",
    "enter": "Enter",
}


def key_names(keys: str) -> str:
    """``slash,ctrl+f`` → ``/ or ctrl+f``."""
    return " or ".join(_NAMES.get(key, key) for key in keys.split(","))


def _rows(where: str, bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
    return [
        (key_names(b.key), where, b.tooltip or b.description.lower())
        for b in bindings
        if isinstance(b, Binding) and b.description
    ]


def keyboard_reference() -> list[tuple[str, str, str]]:
    """(keys, where, what) for every key letstalk offers, app keys first."""
    from letstalk.tui.screens.home import HomeScreen
    from letstalk.tui.screens.log import LogScreen
    from letstalk.tui.screens.plan import PlanScreen
    from letstalk.tui.screens.section import SectionScreen
    from letstalk.tui.widgets.plan_parts import PlanTable

    rows = _rows("anywhere", APP_BINDINGS)
    rows += _rows("Home", HomeScreen.BINDINGS)
    rows += _rows("a section", SectionScreen.BINDINGS)
    rows += _rows("the plan", PlanScreen.BINDINGS)
    rows += _rows("a plan table", PlanTable.BINDINGS)
    rows += _rows("the log", LogScreen.BINDINGS)
    return rows + WIDGET_KEYS


def markdown_table() -> str:
    """The reference as a Markdown table."""
    lines = ["| Key | Where | What it does |", "|---|---|---|"]
    lines += [f"| {keys} | {where} | {what} |" for keys, where, what in keyboard_reference()]
    return "\n".join(lines)
