"""Two letstalks open at once never undo each other's settings.

Each app reads the settings file when it starts; before this, each wrote back the whole of what it
had read, so the last one to save a choice dropped the other's (her export parts for one workbook,
the theme she picked in the other window). Now each change is made to the file as it is on disk.
"""

from __future__ import annotations

from pathlib import Path

from letstalk import storage
from letstalk.model import new_workbook
from letstalk.settings import ExportChoice, load_settings, update_settings


def two_workbooks(tmp_path: Path) -> tuple[Path, Path]:
    """Ana's workbook for this year and last year's, both on disk."""
    paths = tmp_path / "ana.toml", tmp_path / "ana-2026.toml"
    for path in paths:
        storage.create(path, new_workbook(owner="Ana Ruiz"))
    return paths


async def test_each_app_keeps_what_the_other_saved(open_app, tmp_path, mini_library) -> None:
    this_year, last_year = two_workbooks(tmp_path)
    first = open_app(this_year, mini_library, load_settings())
    second = open_app(last_year, mini_library, load_settings())  # read before the first saves anything
    async with first.run_test() as pilot:
        first.remember_export(ExportChoice(parts=("goals",)))
        first.set_theme("letstalk-light")
        await pilot.pause()
    async with second.run_test() as pilot:
        second.remember_export(ExportChoice(parts=("actions", "rubric")))
        second.set_month_first(False)
        await pilot.pause()
        assert second.settings.month_first is False  # its own choices, not the other window's theme
    saved = load_settings()
    assert saved.export_choice(this_year) == ExportChoice(parts=("goals",))
    assert saved.export_choice(last_year) == ExportChoice(parts=("actions", "rubric"))
    assert saved.theme == "letstalk-light" and saved.month_first is False


def test_an_update_reads_the_file_again(tmp_path) -> None:
    path = tmp_path / "settings.toml"
    update_settings(lambda settings: settings.model_copy(update={"theme": "letstalk-high-contrast"}), path)
    kept = update_settings(lambda settings: settings.model_copy(update={"month_first": False}), path)
    assert (kept.theme, kept.month_first) == ("letstalk-high-contrast", False)
    assert load_settings(path) == kept


async def test_a_choice_the_other_window_undid_is_saved_again(open_app, tmp_path, mini_library) -> None:
    this_year, last_year = two_workbooks(tmp_path)
    first = open_app(this_year, mini_library, load_settings())
    second = open_app(last_year, mini_library, load_settings())
    async with second.run_test() as pilot:
        second.set_month_first(False)  # the other window: day first
        await pilot.pause()
    async with first.run_test() as pilot:
        first.set_month_first(True)  # this one already read month first, and says so again
        await pilot.pause()
    assert load_settings().month_first is True  # what she was just told is what is saved
