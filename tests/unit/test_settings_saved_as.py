"""Settings remember where a workbook was saved as a newer copy; the original file is never written.

The per-workbook records (``saved_as``, ``exports``) survive a round trip through the settings
file, and an entry this version cannot read is dropped on its own, keeping the rest.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.unit.plain_support import handle, play  # noqa: F401 - fixtures

from letstalk import storage
from letstalk.content import Library
from letstalk.log import short_date
from letstalk.model import new_workbook
from letstalk.settings import ExportChoice, SavedAs, Settings, load_settings, save_settings
from letstalk.text import shown_path

WHEN = datetime(2026, 12, 3, 15, 30, tzinfo=UTC)


def files(tmp_path: Path) -> tuple[Path, Path]:
    """Ana's workbook and the newer copy she saved it as (both on disk)."""
    original, copy = tmp_path / "ana.toml", tmp_path / "ana-2027.toml"
    for path in (original, copy):
        storage.create(path, new_workbook(owner="Ana Ruiz"))
    return original, copy


def test_a_saved_as_record_survives_the_settings_file(tmp_path: Path) -> None:
    original, copy = files(tmp_path)
    path = tmp_path / "config" / "settings.toml"
    save_settings(Settings(theme="letstalk-high-contrast").with_saved_as(original, copy, WHEN), path)
    settings = load_settings(path)
    assert settings.theme == "letstalk-high-contrast"
    assert settings.saved_as_for(original) == SavedAs(path=str(copy.resolve()), on=WHEN)
    assert settings.saved_as_for(copy) is None  # the copy itself is the newest


def test_records_are_keyed_by_the_resolved_path(tmp_path: Path, monkeypatch) -> None:
    original, copy = files(tmp_path)
    monkeypatch.chdir(tmp_path)
    settings = Settings().with_saved_as(Path("ana.toml"), Path("ana-2027.toml"), WHEN)
    record = settings.saved_as_for(original)
    assert record is not None and record.path == str(copy.resolve())
    assert settings.saved_as_for(Path("./ana.toml")) == record


def test_a_later_save_as_replaces_the_record(tmp_path: Path) -> None:
    original, copy = files(tmp_path)
    third = tmp_path / "ana-final.toml"
    storage.create(third, new_workbook())
    later = datetime(2027, 1, 9, tzinfo=UTC)
    settings = Settings().with_saved_as(original, copy, WHEN).with_saved_as(original, third, later)
    assert settings.saved_as_for(original) == SavedAs(path=str(third.resolve()), on=later)


def test_saving_back_onto_the_original_clears_its_record(tmp_path: Path) -> None:
    original, copy = files(tmp_path)
    settings = Settings().with_saved_as(original, copy, WHEN)
    back = settings.with_saved_as(copy, original, datetime(2026, 12, 5, tzinfo=UTC))
    assert back.saved_as_for(original) is None  # the original is the newest again
    record = back.saved_as_for(copy)
    assert record is not None and record.path == str(original.resolve())
    assert back.newer_copy_notice(original) == ""


def test_a_save_as_onto_the_same_file_records_nothing(tmp_path: Path) -> None:
    original, _copy = files(tmp_path)
    assert Settings().with_saved_as(original, original, WHEN).saved_as == {}


def test_a_record_naming_the_open_file_itself_is_never_shown(tmp_path: Path) -> None:
    original, _copy = files(tmp_path)
    key = str(original.resolve())
    settings = Settings(saved_as={key: SavedAs(path=key, on=WHEN)})  # by hand, or an older letstalk
    assert settings.saved_as_for(original) is None
    assert settings.newer_copy_notice(original) == ""


def test_the_notice_names_the_copy_and_her_day(tmp_path: Path) -> None:
    original, copy = files(tmp_path)
    notice = Settings().with_saved_as(original, copy, WHEN).newer_copy_notice(original)
    day = short_date(WHEN.astimezone().date())
    assert notice == (
        f"A newer copy of this workbook was saved as {shown_path(copy.resolve())} on {day}. "
        "Open that file to carry on there."
    )


def test_a_copy_that_is_gone_is_still_mentioned(tmp_path: Path) -> None:
    # Moved, or on a USB stick not plugged in now: it is still newer, so carrying on here would fork her work.
    original, copy = files(tmp_path)
    settings = Settings().with_saved_as(original, copy, WHEN)
    copy.unlink()
    notice = settings.newer_copy_notice(original)
    assert notice.startswith(f"A newer copy of this workbook was saved as {shown_path(copy.resolve())} on ")
    assert "not there now" in notice and "Open that file" not in notice


def test_a_hostile_copy_name_is_shown_on_one_line_without_controls(tmp_path: Path) -> None:
    original, _copy = files(tmp_path)
    hostile = tmp_path / "ana\x1b[2J\nrm -rf.toml"
    storage.create(hostile, new_workbook())
    notice = Settings().with_saved_as(original, hostile, WHEN).newer_copy_notice(original)
    assert "\x1b" not in notice and "\n" not in notice and "rm -rf.toml" in notice


def test_no_record_means_no_notice_and_no_lookup(tmp_path: Path) -> None:
    missing = tmp_path / "never" / "there.toml"
    assert Settings().saved_as_for(missing) is None
    assert Settings().newer_copy_notice(missing) == ""


def test_an_unreadable_entry_is_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    # A newer letstalk may write records this one cannot read: they cost nothing else.
    path = tmp_path / "settings.toml"
    path.write_text(
        'theme = "letstalk-high-contrast"\n'
        "[saved_as]\n"
        '"/a.toml" = { path = "/b.toml", on = 2026-12-03T15:30:00Z }\n'
        '"/c.toml" = { path = 3, on = "soon" }\n'
        '"/d.toml" = "not a table"\n'
        "[exports]\n"
        '"/a.toml" = { parts = ["goals"] }\n'
        '"/c.toml" = { parts = "goals", private = "maybe" }\n',
        "utf-8",
    )
    settings = load_settings(path)
    assert settings.theme == "letstalk-high-contrast"
    assert settings.saved_as == {"/a.toml": SavedAs(path="/b.toml", on=WHEN)}
    assert settings.exports == {"/a.toml": ExportChoice(parts=("goals",))}


def test_a_table_that_is_not_one_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "letstalk-high-contrast"\nsaved_as = 3\nexports = ["x"]\n', "utf-8")
    settings = load_settings(path)
    assert settings.theme == "letstalk-high-contrast" and settings.saved_as == {} and settings.exports == {}


def test_plain_mode_says_where_the_newer_copy_went(
    handle: storage.WorkbookFile, mini_library: Library, tmp_path: Path
) -> None:
    copy = tmp_path / "wb-2027.toml"
    storage.create(copy, new_workbook())
    save_settings(Settings().with_saved_as(handle.path, copy, WHEN))
    before = handle.path.read_bytes()
    _code, out = play(handle, mini_library, "quit")
    assert f"A newer copy of this workbook was saved as {shown_path(copy.resolve())} on " in out
    assert out.index("newer copy") < out.index("\n1. ")  # before the list of sections
    assert handle.path.read_bytes() == before


def test_plain_mode_says_nothing_without_a_record(handle: storage.WorkbookFile, mini_library: Library) -> None:
    _code, out = play(handle, mini_library, "quit")
    assert "newer copy" not in out
