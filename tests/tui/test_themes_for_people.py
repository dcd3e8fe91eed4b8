"""Themes for people (issue 18, requirement 11): the picker names themes as a librarian would.

letstalk's light, dark and high-contrast themes come first, then a few Textual themes checked
readable with letstalk's CSS, then "More themes…" (Textual's own list of every theme). A choice
applies at once and is remembered, in the review app too.

"Readable" is measured the way WCAG 2 does it (contrast ratio of relative luminances): 4.5:1 for
every kind of text letstalk shows, 3:1 for the coloured bars that mark challenges and feedback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.color import Color
from textual.command import CommandList, CommandPalette
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import OptionList

from letstalk.settings import Settings, load_settings, settings_path
from letstalk.tui.screens.dialogs import ChoiceDialog
from letstalk.tui.screens.home import HomeScreen
from letstalk.tui.themes import (
    DARK,
    HIGH_CONTRAST,
    LETSTALK_THEMES,
    LIGHT,
    MORE_THEMES,
    THEME_CHOICES,
    pick_theme,
)
from tests.tui.review_support import build, folder, scanned  # noqa: F401 - fixtures

from .pilot import ROUNDS, settle

ALL_THEMES = {**BUILTIN_THEMES, **{theme.name: theme for theme in LETSTALK_THEMES}}

TEXT, MARK = 4.5, 3.0
PAIRS = [
    # (what she reads, its colour, what it sits on, the least contrast that will do)
    ("text", "foreground", "background", TEXT),
    ("text in a dialog", "foreground", "surface", TEXT),
    ("hints", "text-muted", "background", TEXT),
    ("hints in a dialog", "text-muted", "surface", TEXT),
    ("headings", "primary", "background", TEXT),
    ("problems", "error", "background", TEXT),
    ("problems in a dialog", "error", "surface", TEXT),
    ("the highlighted row", "block-cursor-foreground", "block-cursor-background", TEXT),
    ("the Continue button", "button-color-foreground", "primary", TEXT),
    ("keys in the footer", "footer-key-foreground", "footer-background", TEXT),
    ("words in the footer", "footer-description-foreground", "footer-background", TEXT),
    ("the challenge bar", "accent", "background", MARK),
    ("the feedback bar", "success", "background", MARK),
]


def _over(value: str, under: Color) -> Color:
    """A theme variable ("#rrggbb", "#rrggbb 40%", "auto 87%") as it shows on ``under``."""
    name, _, percent = value.strip().partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    if name == "auto":  # Textual's "whichever of black and white stands out"
        return under + under.get_contrast_text(alpha)
    color = Color.parse(name)
    return under + color.with_alpha(color.a * alpha)


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2's contrast ratio, 1 (the same) to 21 (black on white)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def unreadable(theme: Theme) -> list[str]:
    """What letstalk's CSS would show too faintly in ``theme``, with its contrast ratio."""
    colors = theme.to_color_system().generate()
    page = Color.parse(colors["background"])
    problems = []
    for what, fore, back, least in PAIRS:
        behind = _over(colors[back], page)
        ratio = contrast(_over(colors[fore], behind), behind)
        if ratio < least:
            problems.append(f"{what} {ratio:.1f}:1")
    return problems


def _picker_ids(app) -> list[str]:
    choices = app.screen.query_one("#choices", OptionList)
    return [choices.get_option_at_index(i).id for i in range(choices.option_count)]


async def _search_palette(app, pilot, query: str, top: str) -> None:
    """Type ``query`` in the open palette and wait until its search is done, with ``top`` first."""
    await pilot.press(*query)
    results = app.screen.query_one(CommandList)
    for _ in range(ROUNDS):  # the palette searches in a worker, started when the typing reaches it
        await pilot.pause()
        await app.workers.wait_for_complete()
        first = results.get_option_at_index(0) if results.option_count else None
        if first is not None and results.highlighted == 0 and str(first.prompt).startswith(top):
            return
    raise AssertionError(f"the palette never offered {top!r} first for {query!r}")


async def _open_picker(app, pilot) -> OptionList:
    pick_theme(app)
    await pilot.pause()
    assert isinstance(app.screen, ChoiceDialog)
    return app.screen.query_one("#choices", OptionList)


# -- the short list ------------------------------------------------------------------------


def test_letstalks_own_themes_come_first_and_a_new_user_starts_dark() -> None:
    assert [choice.name for choice in THEME_CHOICES[:3]] == [LIGHT, DARK, HIGH_CONTRAST]
    assert [choice.words for choice in THEME_CHOICES[:3]] == ["Light", "Dark", "High contrast (no colour needed)"]
    assert Settings().theme == DARK
    names = [choice.name for choice in THEME_CHOICES]
    assert len(set(names)) == len(names) and MORE_THEMES not in names
    assert all(choice.words and choice.description for choice in THEME_CHOICES)
    for choice in THEME_CHOICES[3:]:  # a Textual theme goes by plain words, its own name in brackets
        assert choice.name in BUILTIN_THEMES and choice.words.endswith(")")


@pytest.mark.parametrize("choice", THEME_CHOICES, ids=lambda c: c.name)
def test_every_theme_in_the_short_list_is_readable_with_letstalks_css(choice) -> None:
    assert unreadable(ALL_THEMES[choice.name]) == []


def test_the_readability_check_turns_a_faint_theme_down() -> None:
    faint = Theme(name="faint", primary="#555555", foreground="#444444", background="#222222", error="#552222")
    problems = unreadable(faint)
    assert any(p.startswith("text ") for p in problems)
    assert any(p.startswith("problems ") for p in problems)
    assert unreadable(ALL_THEMES[HIGH_CONTRAST]) == []


# -- the picker ----------------------------------------------------------------------------


async def test_the_palettes_theme_command_is_letstalks_picker(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme…" in titles and "Theme" not in titles  # one way to pick a theme, not two
        await pilot.press("ctrl+p")
        await pilot.pause()
        await _search_palette(app, pilot, "theme", "Theme…")  # what she would type
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)


async def test_the_picker_lists_the_short_list_in_order_then_more_themes(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        choices = await _open_picker(app, pilot)
        assert _picker_ids(app) == [choice.name for choice in THEME_CHOICES] + [MORE_THEMES]
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        for prompt, choice in zip(prompts, THEME_CHOICES, strict=False):
            assert prompt.startswith(choice.words) and choice.description in prompt
        assert prompts[-1].startswith("More themes…")
        assert choices.highlighted == 1  # it opens on what she has now: Dark
        assert "Now: Dark." in str(app.screen.query_one(".dialog-message").render())


async def test_choosing_high_contrast_switches_and_is_remembered(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == DARK
        assert not settings_path().exists()  # starting on the default writes nothing
        choices = await _open_picker(app, pilot)
        await pilot.press("down")  # from Dark to High contrast
        assert choices.highlighted == _picker_ids(app).index(HIGH_CONTRAST)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == HIGH_CONTRAST
    assert load_settings().theme == HIGH_CONTRAST
    assert Path(os.environ["XDG_CONFIG_HOME"]) in settings_path().parents  # a test's own folder, not hers


async def test_escape_keeps_the_theme(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await _open_picker(app, pilot)
        await pilot.press("down", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and app.theme == DARK
    assert not settings_path().exists()


async def test_more_themes_opens_textuals_full_list(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        choices = await _open_picker(app, pilot)
        choices.highlighted = choices.option_count - 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        await _search_palette(app, pilot, "nord", "nord")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.theme == "nord"
    assert load_settings().theme == "nord"


# -- remembered themes ---------------------------------------------------------------------


async def test_a_textual_theme_in_her_settings_still_opens(open_app, workbook_path, mini_library) -> None:
    # Picked under "More themes…", or before letstalk had its own.
    app = open_app(workbook_path, mini_library, Settings(theme="nord"))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == "nord"
        choices = await _open_picker(app, pilot)
        assert choices.highlighted == choices.option_count - 1  # where her theme is: More themes…
        assert "Now: nord." in str(app.screen.query_one(".dialog-message").render())
    assert not settings_path().exists()


async def test_textual_dark_in_old_settings_stays_textual_dark(open_app, workbook_path, mini_library) -> None:
    # The default before letstalk had its own dark.
    app = open_app(workbook_path, mini_library, Settings(theme="textual-dark"))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"


async def test_a_theme_this_textual_does_not_know_gives_letstalks_dark(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library, Settings(theme="no-such-theme"))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == DARK


@pytest.mark.parametrize("choice", THEME_CHOICES, ids=lambda c: c.name)
async def test_every_theme_in_the_short_list_shows_home_at_80x24(
    open_app, workbook_path, shipped_library, choice
) -> None:
    app = open_app(workbook_path, shipped_library, Settings(theme=choice.name))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.theme == choice.name
        assert isinstance(app.screen, HomeScreen)
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Start: Step 1" in text and "^p palette" in text
        await _open_picker(app, pilot)  # and the picker itself, over Home
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "More themes…" in text and f"Now: {choice.words}." in text


# -- the review app ------------------------------------------------------------------------


async def test_the_review_app_offers_the_same_picker(build, folder) -> None:
    app = build(folder)
    async with app.run_test() as pilot:
        await scanned(app, pilot)
        assert app.theme == DARK
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme…" in titles and "Theme" not in titles
        await _open_picker(app, pilot)
        assert _picker_ids(app) == [choice.name for choice in THEME_CHOICES] + [MORE_THEMES]
        app.screen.query_one("#choices", OptionList).highlighted = 0
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.theme == LIGHT
    assert load_settings().theme == LIGHT
