"""Handing in from the app: Home's h suggests a file beside the workbook, and writes a copy with nothing private."""

from __future__ import annotations

from textual.widgets import Input

from letstalk import storage
from letstalk.tui.screens.dialogs import SaveAsDialog
from letstalk.tui.screens.home import HomeScreen

from .pilot import settle


async def test_h_hands_in_beside_the_workbook_with_nothing_private(open_app, workbook_path, mini_library) -> None:
    handle = storage.WorkbookFile.open(workbook_path)
    handle.workbook.set_answer("first.secret", "PRIVATE-NOTE about the budget")
    handle.workbook.set_answer("first.role", "I teach research skills.")
    handle.save()
    handle.close()
    app = open_app(workbook_path, mini_library)
    async with app.run_test(size=(80, 24)) as pilot:
        if not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")
        await pilot.press("h")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveAsDialog)
        suggested = dialog.query_one("#path", Input).value
        assert suggested == str(workbook_path.with_name("ana-ruiz.toml"))  # beside her workbook, as exports are
        await pilot.press("enter")
        await settle(app, pilot)
        said = [str(n.message) for n in app._notifications]
    copy = workbook_path.with_name("ana-ruiz.toml")
    assert "PRIVATE-NOTE" not in copy.read_text("utf-8") and "I teach research skills." in copy.read_text("utf-8")
    assert any(line.startswith(f"Wrote {copy} (1 private answer left out)") for line in said), said
