"""Messages and About (from Home and the palette): the drafts show filled in and copy; the sources show."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static, TextArea

from letstalk.tui.screens.about import AboutScreen
from letstalk.tui.screens.drafts import DraftsScreen
from letstalk.tui.screens.home import HomeScreen
from tests.paths import RICH


async def test_messages_show_each_draft_filled_in_and_copy_it(open_app, tmp_path, shipped_library) -> None:
    path = Path(shutil.copy(RICH, tmp_path / "ana.toml"))
    app = open_app(path, shipped_library)
    async with app.run_test(size=(100, 30)) as pilot:
        if not isinstance(app.screen, HomeScreen):  # she reopens where she left off
            await pilot.press("escape")
        await pilot.press("m")
        assert isinstance(app.screen, DraftsScreen)
        text = app.screen.query_one("#draft-text", TextArea).text
        assert text.startswith("Subject: ") and "Dear Dr. Maya Chen," in text
        hint = str(app.screen.query_one(".hint").render())
        assert "Anything in [brackets] is for you to write" in hint  # the words, never read as markup
        await pilot.press("2")
        thanks = app.screen.query_one("#draft-text", TextArea).text
        assert thanks != text and "Thank you for making time" in thanks
        await pilot.press("c")
        assert app.clipboard == thanks
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert path.read_bytes() == RICH.read_bytes()  # looking at drafts changes nothing


async def test_about_lists_the_sources(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_about()  # the palette's "About this content"
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        shown = str(app.screen.query_one("#about-text", Static).render())
        assert "Van Meter Library Voice" in shown and "Canadian Library Association, 2014" in shown
        assert "publisher unknown" in shown and "License:" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
