"""letstalk's themes (light, dark, high contrast), the picker that offers them by name, and the remembered choice.

Both apps set themes up the same way: :func:`set_up_themes` as they are made, :func:`with_theme_picker`
in their palette's system commands, and :func:`remember_theme` from their ``watch_theme``, so a theme
picked in either is the one both open with next time. The theme is set before anything is styled:
set on mount, it made Textual parse all the CSS again and restyle every widget Home had mounted.

The picker lists :data:`THEME_CHOICES` in the words a librarian would use, then "More themes…"
(Textual's own list of every theme, by its name). A Textual theme is in the short list only once it
has been checked readable with letstalk's CSS (tests/tui/test_themes_for_people.py says how).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import App, SystemCommand
from textual.theme import Theme

from letstalk.errors import LetsTalkError

if TYPE_CHECKING:
    from letstalk.settings import Settings

LIGHT = "letstalk-light"
DARK = "letstalk-dark"
"""The theme a new user starts with (``Settings.theme``'s default)."""
HIGH_CONTRAST = "letstalk-high-contrast"
MORE_THEMES = "more-themes"
"""The picker's last answer: open Textual's list of every theme."""

LIGHT_THEME = Theme(
    name=LIGHT,
    primary="#0b5cad",
    secondary="#4f6170",
    accent="#9a4d00",
    warning="#8a5a00",
    error="#b42318",
    success="#1a7f37",
    foreground="#1f2328",
    background="#f7f7f4",
    surface="#edede8",
    panel="#e2e2dc",
    dark=False,
)
"""Near-black text on a warm off-white page; blue for what is focused, a dark red for what went wrong."""

DARK_THEME = Theme(
    name=DARK,
    primary="#3d8fdb",
    secondary="#004578",
    accent="#ffa62b",
    warning="#ffa62b",
    error="#f0717d",
    success="#4ebf71",
    foreground="#e6e6e6",
    background="#121212",
    surface="#1e1e1e",
    dark=True,
    variables={
        # Textual puts white on the primary blue; on this lighter blue dark text is the readable one.
        "block-cursor-foreground": "#101010",
        "button-color-foreground": "#101010",
    },
)
"""Textual's dark, made easier to read: a lighter blue for headings and a brighter red for problems."""

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffffff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff5555",
    dark=True,
    variables={
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
        "input-selection-background": "#ffff00 40%",
        "footer-key-foreground": "#ffff00",
    },
)

LETSTALK_THEMES = (LIGHT_THEME, DARK_THEME, HIGH_CONTRAST_THEME)


class ThemeChoice(NamedTuple):
    """One theme in the picker: its registered name, what people call it, and one line about it."""

    name: str
    words: str
    description: str


THEME_CHOICES: tuple[ThemeChoice, ...] = (
    ThemeChoice(LIGHT, "Light", "dark text on a pale page"),
    ThemeChoice(DARK, "Dark", "light text on near-black (letstalk's usual)"),
    ThemeChoice(HIGH_CONTRAST, "High contrast (no colour needed)", "white on black"),
    ThemeChoice("catppuccin-mocha", "Navy dark (Catppuccin Mocha)", "pale blue text, pink highlights"),
    ThemeChoice("catppuccin-macchiato", "Slate dark (Catppuccin Macchiato)", "softer and greyer, lavender"),
    ThemeChoice("rose-pine", "Purple dark (Rosé Pine)", "pale text on deep purple"),
)
"""The short list, in the picker's order: letstalk's own first, then Textual themes checked with letstalk."""


def theme_words(name: str) -> str:
    """What the picker calls theme ``name`` (a theme not in the short list goes by its own name)."""
    return next((choice.words for choice in THEME_CHOICES if choice.name == name), name)


def set_up_themes(app: App[Any], settings: Settings) -> None:
    """Offer letstalk's themes and switch to the one remembered in ``settings``.

    Any registered theme may be remembered (a Textual theme picked under "More themes…" too); a
    name this Textual does not know gives letstalk's dark.
    """
    for theme in LETSTALK_THEMES:
        app.register_theme(theme)
    app.theme = settings.theme if settings.theme in app.available_themes else DARK


def pick_theme(app: App[Any]) -> None:
    """Ask which theme to use: the short list by name, then "More themes…" (Textual's full list)."""
    from letstalk.tui.screens.dialogs import ChoiceDialog

    choices = [(c.name, f"{c.words} — {c.description}") for c in THEME_CHOICES if c.name in app.available_themes]
    choices.append((MORE_THEMES, "More themes… — every theme Textual has, by its name"))
    current = app.theme if any(key == app.theme for key, _ in choices) else MORE_THEMES

    def chosen(name: str | None) -> None:
        if name == MORE_THEMES:
            app.action_change_theme()
        elif name is not None:
            app.theme = name

    app.push_screen(
        ChoiceDialog(
            "Theme",
            f"Now: {theme_words(app.theme)}. Kept for next time, in the review app too.",
            choices,
            current=current,
        ),
        chosen,
    )


def with_theme_picker(app: App[Any], commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """The palette's system commands with letstalk's "Theme…" in place of Textual's "Theme"."""
    yield SystemCommand("Theme…", "Light, dark, high contrast and more: kept for next time", partial(pick_theme, app))
    for command in commands:
        if command.callback != app.action_change_theme:
            yield command


def remember_theme(app: App[Any], settings: Settings, theme: str) -> Settings:
    """The settings with ``theme`` chosen, saved for next time (a failure is a warning, not a crash)."""
    if theme == settings.theme:
        return settings
    try:
        from letstalk.settings import update_settings

        update_settings(lambda saved: saved.model_copy(update={"theme": theme}))  # the file as it is now
    except LetsTalkError as exc:
        app.notify(str(exc), severity="warning")
    return settings.model_copy(update={"theme": theme})  # this window's own choices, and the new theme
