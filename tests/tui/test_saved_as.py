"""After a Save as, Home on the original file says where the newer copy went (in settings, never in the file)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from letstalk import storage
from letstalk.content import Library
from letstalk.log import short_date
from letstalk.model import now
from letstalk.settings import load_settings, settings_path
from letstalk.text import shown_path
from letstalk.tui.app import LetsTalkApp, make_app
from letstalk.tui.screens.home import HomeScreen

from .pilot import settle


def messages(app: LetsTalkApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def save_as(app: LetsTalkApp, pilot, target: Path) -> None:
    """Save as through the dialog, as she would: the palette's Save as, a path, Enter."""
    app.action_save_as()
    await pilot.pause()
    app.screen.query_one("#path", Input).value = str(target)
    await pilot.press("enter")
    await settle(app, pilot)


def home_notice(app: LetsTalkApp) -> str:
    """Home's saved-as line, or "" when it is hidden."""
    assert isinstance(app.screen, HomeScreen)
    line = app.screen.query_one("#saved-as-line", Static)
    return str(line.render()) if line.display else ""


def reopen(path: Path, library: Library, handles: list[storage.WorkbookFile]) -> LetsTalkApp:
    """A new letstalk on ``path``, with the settings on disk (as the CLI starts it)."""
    handle = storage.WorkbookFile.open(path)
    handles.append(handle)
    return make_app(handle, library)


async def test_home_on_the_original_names_the_newer_copy(
    open_app, workbook_path: Path, mini_library: Library, tmp_path: Path
) -> None:
    copy = tmp_path / "ana-2027.toml"
    handles: list[storage.WorkbookFile] = []
    app = open_app(workbook_path, mini_library)
    try:
        async with app.run_test() as pilot:
            await settle(app, pilot)
            before = workbook_path.read_bytes()
            await save_as(app, pilot, copy)
            assert app.handle.path == copy
            assert home_notice(app) == ""  # she works in the copy now
        app.handle.close()  # that letstalk has ended
        assert workbook_path.read_bytes() == before  # the record is not in the original
        assert settings_path().is_file()

        again = reopen(workbook_path, mini_library, handles)
        async with again.run_test(size=(100, 30)) as pilot:
            await settle(again, pilot)
            notice = home_notice(again)
        assert notice.startswith(f"A newer copy of this workbook was saved as {shown_path(copy.resolve())} on ")
        assert short_date(now().astimezone().date()) in notice and "Open that file to carry on there." in notice
        assert workbook_path.read_bytes() == before  # opening it, and Home's notice, wrote nothing there

        in_copy = reopen(copy, mini_library, handles)
        async with in_copy.run_test() as pilot:
            await settle(in_copy, pilot)
            assert home_notice(in_copy) == ""
    finally:
        for handle in handles:
            handle.close()


async def test_a_copy_no_longer_there_is_still_mentioned(
    open_app, workbook_path: Path, mini_library: Library, tmp_path: Path
) -> None:
    copy = tmp_path / "usb" / "ana-2027.toml"
    copy.parent.mkdir()
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await save_as(app, pilot, copy)
    copy.unlink()  # the stick is not plugged in today
    handles: list[storage.WorkbookFile] = []
    again = reopen(workbook_path, mini_library, handles)
    try:
        async with again.run_test(size=(100, 30)) as pilot:
            await settle(again, pilot)
            notice = home_notice(again)
    finally:
        handles[0].close()
    assert shown_path(copy.resolve()) in notice and "not there now" in notice


async def test_saving_back_onto_the_original_clears_the_notice(
    open_app, workbook_path: Path, mini_library: Library, tmp_path: Path
) -> None:
    copy = tmp_path / "ana-2027.toml"
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await save_as(app, pilot, copy)
        workbook_path.unlink()  # she moved the old one away; the dialog never replaces a file
        await save_as(app, pilot, workbook_path)
        assert app.handle.path == workbook_path
        assert home_notice(app) == ""
    settings = load_settings()
    assert settings.saved_as_for(workbook_path) is None
    record = settings.saved_as_for(copy)
    assert record is not None and record.path == str(workbook_path.resolve())  # the copy is the older one now


async def test_settings_that_cannot_be_written_give_a_warning(
    open_app, workbook_path: Path, mini_library: Library, tmp_path: Path, monkeypatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocked))  # the settings folder cannot be made
    copy = tmp_path / "ana-2027.toml"
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await save_as(app, pilot, copy)
        assert app.handle.path == copy and copy.is_file()  # the Save as itself went through
        assert any(m.startswith("Saved as ") for m in messages(app))
        assert any("Settings not saved" in m and "will not mention this copy" in m for m in messages(app))
        assert app.is_running
        assert app.settings.saved_as_for(workbook_path) is not None  # still known for this session


async def test_a_settings_file_with_a_bad_record_still_opens(
    workbook_path: Path, mini_library: Library, tmp_path: Path
) -> None:
    # From a newer letstalk: a record this one cannot read is left out, the theme is kept.
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(workbook_path.resolve())
    path.write_text(
        f'theme = "letstalk-high-contrast"\n[saved_as]\n{key!r} = {{ path = 7, on = "yesterday", kind = "x" }}\n',
        "utf-8",
    )
    handles: list[storage.WorkbookFile] = []
    app = reopen(workbook_path, mini_library, handles)
    try:
        async with app.run_test() as pilot:
            await settle(app, pilot)
            assert home_notice(app) == ""
            assert app.settings.theme == "letstalk-high-contrast"
    finally:
        handles[0].close()
