"""Sections opened faster than a frame: every fill but the last is cancelled, and the last one wins."""

from __future__ import annotations

import asyncio

from textual.containers import VerticalScroll

from .pilot import ROUNDS, opened


async def test_switching_sections_faster_than_a_frame_ends_on_the_last_one_whole(
    open_app, workbook_path, shipped_library
) -> None:
    # Found by a reviewer: removing the old page inside the fill let the next section's
    # cancellation stop a removal halfway, and the body stayed blank for good.
    app = open_app(workbook_path, shipped_library)
    sections = shipped_library.all_sections()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(app, pilot, sections[0].id)
        for section in sections[1:12]:
            screen.show(section)
            # Quicker than key repeat, slower than nothing at all. Not pilot.pause(): it waits for
            # every widget to go idle, which these back-to-back fills never all do at once.
            await asyncio.sleep(0.003)
        last = sections[11]
        body = screen.query_one("#section", VerticalScroll)
        for _ in range(ROUNDS * 20):  # bounded: a blank body must fail, not hang
            await asyncio.sleep(0.01)
            if screen.filled and len(body.children) == 1:
                break
        await pilot.pause()
        assert screen.section_id == last.id and screen.filled
        pages = [page for page in body.children if page.display]
        assert pages == [screen._page] and pages[0].is_attached
        assert len(body.children) == 1  # the pages it left behind are gone too
        assert screen.query_one("#section-summary").render() is not None


async def test_an_item_inside_the_rubric_grid_can_be_where_she_left_off(
    open_app, workbook_path, shipped_library
) -> None:
    """Found by the monkey: a remembered item that is not a direct child of the page raised ValueError."""
    from letstalk.tui.screens.section import SectionScreen
    from letstalk.tui.widgets.items import widget_id

    app = open_app(workbook_path, shipped_library)
    rubric = next(s for s in shipped_library.all_sections() if any(str(b.kind) == "rubric" for b in s.blocks))
    evidence = next(i.id for b in rubric.blocks for i in b.items if str(i.kind) in ("text", "long"))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_section(rubric.id, focus_item=evidence)
        for _ in range(ROUNDS):  # bounded, and no waiting on workers: a crashed fill must fail, not hang
            await pilot.pause()
            if app._exception is not None or (isinstance(app.screen, SectionScreen) and app.screen.filled):
                break
        await pilot.pause()
        assert app._exception is None and isinstance(app.screen, SectionScreen) and app.screen.filled
        assert app.screen.focused is app.screen.query_one(f"#{widget_id(evidence)}")


async def test_opening_at_an_answer_shows_its_question_above_the_hint(open_app, workbook_path, shipped_library) -> None:
    from textual.widgets import Static, TextArea

    from letstalk.tui.screens.section import SectionScreen
    from letstalk.tui.widgets.items import widget_id

    from .pilot import settle

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_section("research", focus_item="research.overlap")  # as a search result opens it
        for _ in range(20):
            await settle(app, pilot)
            if isinstance(app.screen, SectionScreen) and app.screen.filled:
                break
        screen = app.screen
        box = screen.query_one(f"#{widget_id('research.overlap')}", TextArea)
        assert app.focused is box
        siblings = list(box.parent.children)
        question = siblings[siblings.index(box) - 2]  # the prompt, then the hint under it
        assert isinstance(question, Static) and question.has_class("prompt")
        shown = screen.query_one("#section").scrollable_content_region
        assert shown.y <= question.region.y < shown.bottom and box.region.y < shown.bottom


async def test_the_sidebar_mark_follows_a_first_answer(open_app, workbook_path, mini_library) -> None:
    from letstalk.tui.widgets.items import Tick, widget_id
    from letstalk.tui.widgets.lists import SectionList

    from .pilot import settle

    app = open_app(workbook_path, mini_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "first")
        sidebar = screen.query_one("#sidebar", SectionList)

        def mark() -> str:
            return str(sidebar.get_option_at_index(0).prompt).lstrip()[:1]

        assert mark() == "○"
        screen.query_one(f"#{widget_id('first.read')}", Tick).focus()
        await pilot.press("space")
        await settle(app, pilot)
        assert mark() == "◐"  # at once, not only after she leaves the section
