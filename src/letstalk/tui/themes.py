"""letstalk's own theme (high contrast, readable without relying on colour) and the remembered choice.

Both apps set themes up the same way: :func:`set_up_themes` on mount, and :func:`remember_theme`
from their ``watch_theme``, so a theme picked in either is the one both open with next time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.theme import Theme

from letstalk.errors import LetsTalkError

if TYPE_CHECKING:
    from letstalk.settings import Settings

HIGH_CONTRAST = "letstalk-high-contrast"

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


def set_up_themes(app: App[Any], settings: Settings) -> None:
    """Offer letstalk's theme and switch to the one remembered in ``settings``."""
    app.register_theme(HIGH_CONTRAST_THEME)
    if settings.theme in app.available_themes:
        app.theme = settings.theme


def remember_theme(app: App[Any], settings: Settings, theme: str) -> Settings:
    """The settings with ``theme`` chosen, saved for next time (a failure is a warning, not a crash)."""
    if theme == settings.theme:
        return settings
    settings = settings.model_copy(update={"theme": theme})
    try:
        from letstalk.settings import save_settings

        save_settings(settings)
    except LetsTalkError as exc:
        app.notify(str(exc), severity="warning")
    return settings
