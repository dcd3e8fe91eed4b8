"""A step opens on what to do this week: at 80x24 the first checklist item is on the first screen,
the goals and competencies one key away (issue 16)."""

from __future__ import annotations

from textual.widgets import Checkbox, Collapsible, Input

from letstalk.tui.screens.section import SectionScreen
from letstalk.tui.widgets.items import widget_id
from tests.tui.pilot import opened

STEPS = ("mindset", "readiness", "research", "listen", "widen", "plan", "act")


async def test_each_step_shows_its_first_check_above_the_fold(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        for step in STEPS:
            screen = await opened(app, pilot, step)
            folded = screen.query_one("#folded", Collapsible)
            assert folded.collapsed, step
            first = next(item for item in shipped_library.sections[step].items() if item.kind == "check")
            box = screen.query_one(f"#{widget_id(first.id)}", Checkbox)
            assert box.region.y + box.region.height <= 23, f"{step}: first check at row {box.region.y}"


async def test_ctrl_g_unfolds_the_goals(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot, "mindset")
        await pilot.press("ctrl+g")
        assert not screen.query_one("#folded", Collapsible).collapsed
        await pilot.press("ctrl+g")
        assert screen.query_one("#folded", Collapsible).collapsed


async def test_a_search_hit_in_the_goals_opens_them(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_section("mindset", focus_item="mindset.goal-know-your-why")
        for _ in range(50):
            await pilot.pause()
            await app.workers.wait_for_complete()
            if isinstance(app.screen, SectionScreen) and app.screen.filled:
                break
        screen = app.screen
        assert isinstance(screen, SectionScreen)
        assert not screen.query_one("#folded", Collapsible).collapsed


async def test_step_two_takes_a_line_of_evidence_per_wedge(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "readiness")
        line = screen.query_one(f"#{widget_id('readiness.frl-literacy-evidence')}", Input)
        line.focus()
        await pilot.press(*"book club")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.workbook.value("readiness.frl-literacy-evidence") == "book club"
