"""Settings and profile: the theme is remembered; owner, school and role are editable."""

from __future__ import annotations

from textual.widgets import Input

from letstalk.settings import load_settings, settings_path
from letstalk.tui.screens.profile import ProfileDialog

from .pilot import saved, settle


async def test_theme_choice_is_remembered(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.set_theme("letstalk-high-contrast")
        await pilot.pause()
    assert settings_path().is_file()
    assert load_settings().theme == "letstalk-high-contrast"


async def test_profile_dialog_edits_the_owner(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.action_profile()
        await pilot.pause()
        assert isinstance(app.screen, ProfileDialog)
        app.screen.query_one("#school", Input).value = "Riverside High"
        app.screen.query_one("#role", Input).value = "Teacher-librarian"
        await pilot.click("#save")
        await settle(app, pilot)
        assert "Riverside High" in app.sub_title
    meta = saved(workbook_path)["meta"]
    assert meta["school"] == "Riverside High" and meta["role"] == "Teacher-librarian"


async def test_second_app_on_the_same_workbook_is_refused(open_app, workbook_path, mini_library) -> None:
    from letstalk import storage
    from letstalk.errors import LockedError
    from letstalk.files.lock import Lock

    other = Lock(workbook_path)  # another letstalk holds it
    other.acquire()
    try:
        storage.WorkbookFile.open(workbook_path)
    except LockedError as exc:
        assert "already open in another letstalk" in str(exc) and str(workbook_path) in str(exc)
    else:
        raise AssertionError("a second letstalk was allowed to open the workbook")
    finally:
        other.release()
