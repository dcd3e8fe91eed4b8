"""Any terminal size: every screen and dialog kind opens at 20x5, 30x10 and 40x12 and survives resizes.

At 40 columns or fewer the sections list once crashed Textual's text wrapping (``range() arg 3
must not be zero``) when it opened or when the window shrank while it was open.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from letstalk.content import PackKind
from letstalk.tui.review.app import make_review_app
from letstalk.tui.review.dashboard import DashboardScreen
from letstalk.tui.screens.dialogs import ConfirmDialog, ConflictDialog
from letstalk.tui.screens.section import SectionScreen
from letstalk.tui.widgets.plan_parts import PARTS
from tests.tui.pilot import assert_idle

SMALL = [(20, 5), (30, 10), (40, 12)]
RESIZES = [(20, 5), (33, 9)]  # the narrowest, and an odd width: where wrapping broke before
REVIEW_FIXTURE = Path(__file__).resolve().parents[1] / "data" / "review"


async def alive(app: Any, pilot: Any, size: tuple[int, int]) -> None:
    """Resize through tiny and odd sizes, back to ``size``, check nothing raised and the screen goes idle."""
    for width, height in [*RESIZES, size]:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        assert app.is_running, f"stopped at {width}x{height} on {app.screen}"
        assert getattr(app, "_exception", None) is None, app._exception
    await assert_idle(app, pilot)


async def opened(app: Any, pilot: Any, size: tuple[int, int], kind: type) -> None:
    await pilot.pause()
    assert isinstance(app.screen, kind), f"{app.screen} is not a {kind.__name__}"
    await alive(app, pilot, size)


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_and_dialog_at_a_small_size(
    size, open_app, workbook_path, shipped_library, tmp_path
) -> None:
    from letstalk.tui.screens.dialogs import ChoiceDialog, SaveAsDialog
    from letstalk.tui.screens.entry import EntryDialog
    from letstalk.tui.screens.help import HelpScreen
    from letstalk.tui.screens.home import HomeScreen
    from letstalk.tui.screens.plan import PlanScreen
    from letstalk.tui.screens.profile import ProfileDialog
    from letstalk.tui.screens.search import SearchScreen

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=size) as pilot:
        await opened(app, pilot, size, HomeScreen)
        await pilot.press("c")
        await opened(app, pilot, size, SectionScreen)
        sidebar = app.screen.query_one("#sidebar", OptionList)
        for shown in (True, False, True):
            await pilot.press("ctrl+b")
            await pilot.pause()
            assert sidebar.display is shown
        await alive(app, pilot, size)  # with the sidebar shown: the narrow list that once crashed
        await pilot.press("f2")
        await opened(app, pilot, size, ChoiceDialog)
        app.screen.dismiss("done")  # open items: asks first
        await opened(app, pilot, size, ConfirmDialog)
        await pilot.press("escape")
        rubric = next(p.sections[0] for p in shipped_library.packs if p.meta.kind is PackKind.RUBRIC)
        app.open_section(rubric.id)
        await opened(app, pilot, size, SectionScreen)
        for action, kind in [
            (app.action_search, SearchScreen),
            (app.action_help, HelpScreen),
            (app.action_profile, ProfileDialog),
            (app.action_save_as, SaveAsDialog),
            (lambda: app.push_screen(ConflictDialog("w.toml: changed on disk")), ConflictDialog),
            (app.action_command_palette, object),
        ]:
            action()
            await opened(app, pilot, size, kind)
            await pilot.press("escape")
            await pilot.pause()
        app.action_plan()
        await opened(app, pilot, size, PlanScreen)
        parts = app.screen.query_one("#plan-parts", OptionList)
        kinds: set[type] = set()
        for index, part in enumerate(PARTS):
            parts.highlighted = index
            await pilot.pause()
            if type(part) in kinds:
                await assert_idle(app, pilot)
            else:  # the resizes once per kind of part: text, lines, table, preview
                kinds.add(type(part))
                await alive(app, pilot, size)
            if part.key in ("goals", "learning"):
                app.screen.action_table("add")
                await opened(app, pilot, size, EntryDialog)
                await pilot.press("escape")
        app.screen.action_export()
        await opened(app, pilot, size, ChoiceDialog)
        await pilot.press("escape")
        app.screen.action_adopt()
        await opened(app, pilot, size, ChoiceDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_review_screen_at_a_small_size(size, shipped_library, tmp_path) -> None:
    from letstalk.tui.review.feedback import FeedbackScreen
    from letstalk.tui.review.lists import ExportDialog, ProblemsScreen, RubricScreen
    from letstalk.tui.review.participant import ParticipantScreen

    folder = Path(shutil.copytree(REVIEW_FIXTURE, tmp_path / "review"))
    app = make_review_app(folder, shipped_library, cache_dir=tmp_path / "cache", bank_file=tmp_path / "bank.toml")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await opened(app, pilot, size, DashboardScreen)
        dashboard = app.screen
        for action, kind in [
            (dashboard.action_rubric, RubricScreen),
            (dashboard.action_problems, ProblemsScreen),
            (dashboard.action_export, ExportDialog),
            (dashboard.action_feedback, FeedbackScreen),
        ]:
            action()
            await opened(app, pilot, size, kind)
            if kind is FeedbackScreen:
                await pilot.press("ctrl+t")
                await alive(app, pilot, size)
            await pilot.press("escape")
            await pilot.pause()
        dashboard.action_toggle_view()
        await alive(app, pilot, size)
        await pilot.press("enter")
        await opened(app, pilot, size, ParticipantScreen)
        await pilot.press("f")
        await opened(app, pilot, size, FeedbackScreen)
        assert app.is_running


@pytest.mark.parametrize("size", [(24, 8), (20, 5)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_page_keys_in_a_list_with_no_room(size, open_app, workbook_path, shipped_library) -> None:
    # Found by the monkey (seed 37): at 24x8 the status dialog leaves its list no room inside its
    # border, and PageDown there raised KeyError from Textual's OptionList.
    from letstalk.tui.screens.dialogs import ChoiceDialog

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("f2")
        await opened(app, pilot, size, ChoiceDialog)
        await pilot.press("pagedown", "pageup", "pagedown", "end", "home")
        await pilot.press("escape", "ctrl+b", "pagedown", "pageup")
        app.action_command_palette()
        await pilot.pause()
        await pilot.press("pagedown", "pageup")
        await alive(app, pilot, size)
