"""The monkey in the suite: seeded random keys, pastes, clicks and resizes, in both apps.

``make test`` plays 150 events for each of three seeds (100 in the workbook app, 50 in the review
app); ``make soak SEEDS="1 2 3" EVENTS=5000`` plays as many as asked (``MONKEY_SEEDS`` and ``MONKEY_EVENTS`` in the
environment). A failure names the seed and the event index, so the same run replays.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from letstalk.content import Library, PackKind
from letstalk.tui.review.app import make_review_app
from tests.tui.monkey import run_monkey

REVIEW_FIXTURE = Path(__file__).resolve().parents[1] / "data" / "review"

SEEDS = [int(s) for s in os.environ.get("MONKEY_SEEDS", "11 23 37").split()]
EVENTS = int(os.environ.get("MONKEY_EVENTS", "100"))
"""Events per seed in the workbook app; the review app, which has fewer screens, gets half as many."""
REVIEW_EVENTS = max(1, EVENTS // 2)


async def _settle(app: Any, pilot: Any) -> None:
    """Let workers finish and write what is pending (ctrl+s's own action, not its key)."""
    for _ in range(30):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if hasattr(app, "action_save_now") and not app.handle.read_only:
            app.action_save_now()
            await app.workers.wait_for_complete()
        if not getattr(app, "save_pending", False):
            break
        await pilot.pause(0.05)
    await pilot.pause()


def _workbook_jumps(app: Any, shipped_library: Library) -> dict[str, Any]:
    sections = shipped_library.all_sections()
    rubric = next(p.sections[0] for p in shipped_library.packs if p.meta.kind is PackKind.RUBRIC)
    toolkit = next(p.sections[-1] for p in shipped_library.packs if p.meta.kind is PackKind.TOOLKIT)
    return {
        "home": app.action_home,
        "plan": app.action_plan,
        "search": app.action_search,
        "profile": app.action_profile,
        "save-as": app.action_save_as,
        "first": lambda: app.open_section(sections[0].id),
        "middle": lambda: app.open_section(sections[len(sections) // 2].id),
        "rubric": lambda: app.open_section(rubric.id),
        "toolkit": lambda: app.open_section(toolkit.id),
        "palette": app.action_command_palette,
    }


@pytest.mark.parametrize("seed", SEEDS)
async def test_monkey_workbook_app(seed: int, open_app, workbook_path, shipped_library, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a path typed into Save as or an export lands in the temp folder
    app = open_app(workbook_path, shipped_library)
    app.open_url = lambda *args, **kwargs: None  # a resource's link must not start a browser
    async with app.run_test(size=(80, 24)) as pilot:
        played = await run_monkey(
            pilot,
            seed,
            EVENTS,
            jumps=_workbook_jumps(app, shipped_library),
            settle=lambda: _settle(app, pilot),
            workbook=lambda: app.handle.path,
        )
        assert played == EVENTS
        assert app.is_running


@pytest.mark.parametrize("seed", SEEDS)
async def test_monkey_review_app(seed: int, shipped_library, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path(shutil.copytree(REVIEW_FIXTURE, tmp_path / "review"))
    before = {p.name: p.read_bytes() for p in folder.glob("*.toml") if not p.name.endswith(".feedback.toml")}
    app = make_review_app(folder, shipped_library, cache_dir=tmp_path / "cache", bank_file=tmp_path / "bank.toml")
    app.open_url = lambda *args, **kwargs: None

    def dashboard() -> Any:
        from letstalk.tui.review.dashboard import DashboardScreen

        return next(s for s in app.screen_stack if isinstance(s, DashboardScreen))

    def back() -> None:
        while len(app.screen_stack) > 1:
            app.pop_screen()

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        jumps = {
            "dashboard": back,
            "feedback": lambda: dashboard().action_feedback(),
            "rubric": lambda: dashboard().action_rubric(),
            "problems": lambda: dashboard().action_problems(),
            "export": lambda: dashboard().action_export(),
            "palette": app.action_command_palette,
        }
        played = await run_monkey(pilot, seed, REVIEW_EVENTS, jumps=jumps, settle=lambda: _settle(app, pilot))
        assert played == REVIEW_EVENTS
        assert app.is_running
    after = {p.name: p.read_bytes() for p in folder.glob("*.toml") if not p.name.endswith(".feedback.toml")}
    assert after == before  # the review never writes a participant's workbook
