"""letstalk's own theme: high contrast, readable without relying on colour."""

from __future__ import annotations

from textual.theme import Theme

from letstalk.settings import HIGH_CONTRAST

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
