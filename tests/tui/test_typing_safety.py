"""Typing never runs a command by surprise (issue 18, requirement 1).

Every Tab stop of every screen is visited; at each one a sentence holding every single-letter
binding is typed. A dialog or another screen may open only for a key the footer shows at that
stop, text fields must hold the sentence, and every stop must look different while focused.
"""

from __future__ import annotations

import pytest
from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Input, TextArea
from textual.widgets._footer import FooterKey

from letstalk.content.models import BlockKind
from letstalk.tui.screens.plan import PlanScreen
from letstalk.tui.widgets.plan_parts import PARTS

from .pilot import type_burst

SENTENCE = "Every Oak Ridge child expands ideas with my team."
KEYS = "".join(dict.fromkeys(SENTENCE))
"""Each key of the sentence once, in order: what is typed at each stop."""
ITEM_KINDS = ("check", "long", "text", "date", "choice", "rating", "challenge", "resource", "idea")


def footer_keys(screen: Screen) -> set[str]:
    """The keys the footer on screen shows right now."""
    return {key.key for key in screen.query(FooterKey)}


def letters_bound(screen: Screen) -> set[str]:
    """Every single-letter key bound on the screen, its widgets or the app."""
    nodes = [screen.app, screen, *screen.query("*")]
    return {key for node in nodes for key in node._bindings.key_to_bindings if len(key) == 1 and key.isalpha()}


def look(widget: Widget) -> list[tuple[object, ...]]:
    """What shows focus: the styles of the widget and the widgets inside it."""
    nodes = [widget, *widget.query("*")]
    return [
        (n.styles.background, n.styles.background_tint, n.styles.border, n.styles.outline, n.styles.text_style)
        for n in nodes
    ]


async def tab_stops(app: App, pilot) -> list[Widget]:
    """Press Tab until focus comes back round; the widgets it landed on, in order."""
    stops: list[Widget] = []
    for _ in range(120):
        await pilot.press("tab")
        focused = app.focused
        assert focused is not None, f"Tab landed on nothing after {stops[-1:]}"
        if focused in stops:
            break
        stops.append(focused)
    return stops


def kind_of(widget: Widget) -> tuple[str, ...]:
    """Widgets of one kind take keys alike: a type with the same classes."""
    return (type(widget).__name__, *sorted(widget.classes))


async def type_sentence(app: App, pilot, widget: Widget, chars: list[str]) -> bool:
    """Type ``chars`` at ``widget``; True when no dialog or screen opened."""
    screen = app.screen
    widget.focus()
    await pilot.pause()
    if len(chars) == 1:
        await pilot.press("space" if chars[0] == " " else chars[0])
    else:
        await type_burst(app, pilot, "".join(chars))
    return app.screen is screen


async def type_everywhere(app: App, pilot, where: str) -> tuple[list[str], set[str]]:
    """Type SENTENCE at every kind of Tab stop of the current screen; the problems found, and letters bound.

    Tab visits every stop; at the first stop of each kind (a type with its classes) the focus must
    show, and the sentence is typed in one go (outside text fields, only the keys the footer does
    not show); only when something opened is it typed again a key at a time, to name the key.
    """
    screen = app.screen
    problems: list[str] = []
    bound = letters_bound(screen)
    seen: set[tuple[str, ...]] = set()
    for widget in await tab_stops(app, pilot):
        if not widget.is_attached or kind_of(widget) in seen:
            continue  # one kind looks and takes keys alike: its first stop speaks for the rest
        seen.add(kind_of(widget))
        widget.focus()
        await pilot.pause()
        name = f"{where}: {type(widget).__name__}#{widget.id}"
        focused_look = look(widget)
        app.set_focus(None)
        await pilot.pause()
        if look(widget) == focused_look:
            problems.append(f"{name} looks the same with and without focus")
        shown = footer_keys(screen)
        if isinstance(widget, (Input, TextArea)):
            chars = list(KEYS)  # in a text field every key is text, even one the footer shows
        else:
            # Elsewhere a key the footer shows may act; every other one must not.
            chars = [char for char in KEYS if char.lower() not in shown]
        if await type_sentence(app, pilot, widget, chars):
            typed = widget.value if isinstance(widget, Input) else widget.text if isinstance(widget, TextArea) else None
            if typed is not None and KEYS not in typed:
                problems.append(f"{name} holds {typed!r}, not the typed sentence")
            continue
        await close_to(app, pilot, screen)
        for char in dict.fromkeys(chars):  # name the key that opened something
            if not widget.is_attached:
                break
            if await type_sentence(app, pilot, widget, [char]):
                continue
            opened = type(app.screen).__name__
            if not (char == " " and isinstance(widget, Button)):
                kind = "dialog" if isinstance(app.screen, ModalScreen) else "screen"
                problems.append(f"{name}: {char!r} opened the {kind} {opened} but the footer shows {sorted(shown)}")
            await close_to(app, pilot, screen)
    return problems, bound


async def close_to(app: App, pilot, screen: Screen) -> None:
    """Close what the typing opened, back to ``screen``."""
    while app.screen is not screen and len(app.screen_stack) > 1:
        app.pop_screen()
        await pilot.pause()


def sections_to_walk(shipped_library) -> list[str]:
    """One section for each kind of item and block, so every kind of widget is visited."""
    chosen: list[str] = []
    for kind in ITEM_KINDS:
        section = next((s for s in shipped_library.all_sections() if any(i.kind == kind for i in s.items())), None)
        if section is not None:  # the shipped packs may not use every kind
            chosen.append(section.id)
    chosen += [s.id for s in shipped_library.all_sections() if any(b.kind is BlockKind.RUBRIC for b in s.blocks)][:1]
    return list(dict.fromkeys(chosen))


def _walks() -> list[str]:
    from letstalk.content import load_library

    return ["home", *(f"section:{s}" for s in sections_to_walk(load_library())), *(f"plan:{p.key}" for p in PARTS)]


@pytest.mark.parametrize("walk", _walks())
async def test_typing_at_every_tab_stop_runs_nothing_unseen(open_app, workbook_path, shipped_library, walk) -> None:
    app = open_app(workbook_path, shipped_library)
    app.animation_level = "none"  # Tab scrolls to each stop at once: the walk is about keys, not motion
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        kind, _, key = walk.partition(":")
        if kind == "section":
            app.open_section(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        elif kind == "plan":
            app.action_plan()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PlanScreen)
            parts = screen.query_one("#plan-parts")
            parts.highlighted = [p.key for p in PARTS].index(key)
            await pilot.pause()
        problems, bound = await type_everywhere(app, pilot, walk)
    assert not problems, "\n".join(problems)
    assert bound <= set(SENTENCE.lower()), f"the sentence misses {sorted(bound - set(SENTENCE.lower()))}"


async def test_tab_from_the_parts_list_goes_to_the_shared_vision(open_app, workbook_path, shipped_library) -> None:
    """The acceptance walk: Home, p, Tab, a sentence: it is in the vision field and the file."""
    from .test_workbook_app import saved, settle

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        vision = app.screen.query_one("#text-vision", TextArea)
        assert app.focused is vision
        await pilot.press(*("space" if c == " " else c for c in "Every Oak Ridge student reads widely."))
        assert isinstance(app.screen, PlanScreen)
        assert vision.text == "Every Oak Ridge student reads widely."
        app.save_now()  # skip the quiet spell before a typed answer is saved
        await settle(app, pilot)
    assert saved(workbook_path)["plan"]["vision"] == "Every Oak Ridge student reads widely."
