"""A seeded monkey: random keys, hostile pastes, clicks and resizes against the apps.

The events come from ``random.Random(seed)`` alone, never from what is on screen, so a seed gives
the same events again: a failure names the seed and the event index, and
``make soak SEEDS=<seed> EVENTS=<n>`` replays it. After every burst of events the saves are let
finish and the workbook on disk must load; any exception inside the app fails the run at once.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot

from letstalk import storage
from tests.tui.pilot import queue_keys

PASTES: tuple[str, ...] = (
    "[bold red]markup[/] [link=http://x]link[/link] [/]",
    "\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x9b31m",
    "中文输入，图书馆员与校长的合作。日本語のテキスト",
    "👩‍🏫📚✨ 🇫🇷 👍🏽 family 👨‍👩‍👧‍👦",
    "مرحبا بالعالم \u202eRTL override\u202c שלום",
    "e\u0301\u0302\u0303 Z\u0336\u0337a\u0338\u0339l\u033a\u033bg\u033c\u033do",
    "line one\r\nline two\rline three\n\tindented\x00nul\x7fdel",
    "{{ }} $(rm -rf ~) `id` ; DROP TABLE answers; -- \\ \" ' %s %n",
    "word " * 400,
    "a" * 3000,
    "\u200b\u200d\ufeff zero widths \u2028 line sep \u2029 para sep",
    "2026-02-30",
    "2026-03-14",
)

KEYS: tuple[str, ...] = (
    *("tab", "shift+tab", "enter", "escape", "space", "up", "down", "left", "right"),
    *("pageup", "pagedown", "home", "end", "backspace", "delete"),
    *("ctrl+b", "ctrl+f", "ctrl+p", "ctrl+s", "ctrl+t", "ctrl+pagedown", "ctrl+pageup", "f1", "f2", "f3", "f5"),
    *("a", "c", "d", "e", "f", "i", "p", "r", "s", "t", "x", "slash", "left_square_bracket", "right_square_bracket"),
    *("1", "2", "3", "9", "y", "n"),
)
"""Keys the monkey presses: never ctrl+q, ctrl+c or q, which end the run instead of testing it."""

SIZES: tuple[tuple[int, int], ...] = ((20, 5), (24, 8), (30, 10), (40, 12), (60, 20), (80, 24), (120, 40), (200, 60))


@dataclass(frozen=True)
class Event:
    """One thing the monkey does."""

    kind: str
    arg: Any = None

    def __str__(self) -> str:
        arg = self.arg if not isinstance(self.arg, str) or len(self.arg) < 40 else self.arg[:37] + "..."
        return f"{self.kind} {arg!r}"


def events_for(seed: int, count: int, jumps: tuple[str, ...]) -> list[Event]:
    """The events of one run: the same seed always gives the same list."""
    rng = random.Random(seed)
    out: list[Event] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.44:
            out.append(Event("key", rng.choice(KEYS)))
        elif roll < 0.50:  # keys in one read, as a slow laptop or typing ahead delivers them
            out.append(Event("burst", tuple(rng.choice(KEYS) for _ in range(rng.randint(2, 5)))))
        elif roll < 0.64:
            out.append(Event("paste", rng.choice(PASTES)))
        elif roll < 0.78:
            out.append(Event("type", "".join(rng.choice("abcdefghijklmnoprstuvwxyz 0123456789-") for _ in range(6))))
        elif roll < 0.86:
            size = rng.choice(SIZES) if rng.random() < 0.7 else (rng.randint(20, 200), rng.randint(5, 60))
            out.append(Event("resize", size))
        elif roll < 0.92:
            out.append(Event("click", (rng.randint(0, 199), rng.randint(0, 59))))
        else:
            out.append(Event("jump", rng.choice(jumps)))
    return out


class MonkeyFailure(AssertionError):
    """The app raised or the workbook on disk stopped loading: the seed and event replay it."""


async def _do(pilot: Pilot[Any], event: Event, jump: Callable[[str], None]) -> None:
    app = pilot.app
    if event.kind == "key":
        await pilot.press(event.arg)
    elif event.kind == "type":
        await pilot.press(*event.arg)
    elif event.kind == "burst":
        queue_keys(app, *event.arg)  # queued together: each lands where focus is when it is handled
        await pilot.pause()
    elif event.kind == "paste":
        app.post_message(events.Paste(event.arg))
        await pilot.pause()
    elif event.kind == "resize":
        await pilot.resize_terminal(*event.arg)
    elif event.kind == "click":
        x, y = event.arg
        width, height = app.size
        await pilot.click(offset=(x % max(width, 1), y % max(height, 1)))
    elif event.kind == "jump":
        # A person reaches a screen from a screen, never from inside a dialog: close those first
        # (the command palette over a dialog over the palette is not a thing she can open).
        # The palette is closed with escape, as she would: escape cancels its search worker, while
        # popping it by hand leaves that worker to query widgets already gone (a Textual race).
        for _ in range(8):
            if len(app.screen_stack) <= 1 or not app.screen.is_modal:
                break
            if isinstance(app.screen, CommandPalette):
                await pilot.press("escape")
            else:
                await app.pop_screen()
            await pilot.pause()
        jump(event.arg)
        await pilot.pause()


def _crashed(app: App[Any]) -> BaseException | None:
    # Textual keeps an exception raised in a handler here and then shuts the app down.
    return getattr(app, "_exception", None)


async def run_monkey(
    pilot: Pilot[Any],
    seed: int,
    count: int,
    *,
    jumps: dict[str, Callable[[], Any]],
    settle: Callable[[], Any],
    workbook: Callable[[], Path | None] = lambda: None,
    burst: int = 25,
) -> int:
    """Play ``count`` events of ``seed``; after each burst, settle and check the workbook loads.

    Returns the number of events played. Raises :class:`MonkeyFailure` naming the seed and event.
    """
    plan = events_for(seed, count, tuple(sorted(jumps)))

    def stay(*args: Any, **kwargs: Any) -> None:
        """The palette's Quit (or a click on the footer's) ends a run as ctrl+q would: here it does nothing."""

    pilot.app.action_quit = stay  # type: ignore[method-assign]  # this run's app only

    def jump(name: str) -> None:
        jumps[name]()

    def fail(index: int, why: str, cause: BaseException | None = None) -> MonkeyFailure:
        where = f"monkey seed={seed} event={index}/{count}"
        done = "; ".join(str(e) for e in plan[max(0, index - 4) : index + 1])
        error = MonkeyFailure(f"{where}: {why} (last events: {done}); replay: make soak SEEDS={seed} EVENTS={count}")
        error.__cause__ = cause
        return error

    for index, event in enumerate(plan):
        try:
            await _do(pilot, event, jump)
        except Exception as exc:  # the app's own exception is the interesting one
            raise fail(index, f"{type(exc).__name__}: {exc}", _crashed(pilot.app) or exc) from None
        crash = _crashed(pilot.app)
        if crash is not None:
            raise fail(index, f"{type(crash).__name__}: {crash}", crash)
        if not pilot.app.is_running:
            raise fail(index, "the app stopped")
        if (index + 1) % burst == 0 or index == len(plan) - 1:
            await settle()
            crash = _crashed(pilot.app)
            if crash is not None:
                raise fail(index, f"{type(crash).__name__}: {crash}", crash)
            path = workbook()
            if path is not None:
                try:
                    storage.load(path)
                except Exception as exc:
                    raise fail(index, f"the workbook on disk does not load: {exc}", exc) from None
    return len(plan)
