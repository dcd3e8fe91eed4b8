"""Saving workbooks: atomic, private, backed up, stable, locked, conflict-aware."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from letstalk import storage
from letstalk.content import Library
from letstalk.errors import ConflictError, ReadOnlyError, WorkbookError
from letstalk.model import Status, Workbook, new_workbook
from letstalk.storage import handle

FIXED = datetime(2026, 11, 24, 10, 2, 31, tzinfo=UTC)


def make(path: Path, workbook: Workbook | None = None) -> Path:
    """Create a workbook file for Ana at ``path``."""
    storage.create(path, workbook or new_workbook(owner="Ana", school="Hillside"))
    return path


def tables(text: str, marker: str) -> list[str]:
    """The TOML tables (header and body) whose header contains ``marker``, in file order."""
    chunks: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            chunks.append(line)
        elif chunks:
            chunks[-1] += line
    return [chunk for chunk in chunks if marker in chunk.splitlines()[0]]


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Freeze the time saves write into ``meta.updated``."""
    monkeypatch.setattr(handle, "now", lambda: FIXED)
    return FIXED


# -- atomic save ------------------------------------------------------------------------------


def test_create_writes_mode_0600(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_leaves_mode_0600_even_if_file_was_0644(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    path.chmod(0o644)
    handle = storage.WorkbookFile.open(path)
    handle.workbook.set_answer("first.read", True)
    handle.save()
    handle.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_backup_holds_previous_version_and_no_tmp_left(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    created = path.read_bytes()
    handle = storage.WorkbookFile.open(path)
    handle.workbook.set_answer("first.read", True)
    handle.save()
    first = path.read_bytes()
    assert (tmp_path / "wb.toml.bak").read_bytes() == created
    handle.workbook.set_answer("first.role", "A partner in learning.")
    handle.save()
    assert (tmp_path / "wb.toml.bak").read_bytes() == first
    assert storage.load(path).value("first.role") == "A partner in learning."
    handle.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wb.toml", "wb.toml.bak"]


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    before = path.read_bytes()
    with pytest.raises(WorkbookError, match="already exists"):
        storage.create(path)
    assert path.read_bytes() == before


def test_create_in_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="does not exist"):
        storage.create(tmp_path / "no" / "wb.toml")


def test_open_create_missing_makes_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "wb.toml"
    handle = storage.WorkbookFile.open(path, create_missing=True)
    handle.close()
    assert storage.load(path).schema_version == 1


# -- stable output ----------------------------------------------------------------------------


def test_saving_twice_gives_identical_bytes(tmp_path: Path, fixed_now: datetime) -> None:
    path = make(tmp_path / "wb.toml")
    handle = storage.WorkbookFile.open(path)
    handle.workbook.set_answer("first.role", "Line one\nline two", at=fixed_now)
    handle.save()
    first = path.read_bytes()
    handle.save()
    handle.close()
    assert path.read_bytes() == first
    assert storage.load(path).meta.updated == fixed_now


def test_answers_and_tables_written_in_sorted_stable_order(tmp_path: Path) -> None:
    workbook = new_workbook(owner="Ana")
    for item_id in ("zeta.last", "beta.mid", "alpha.first"):
        workbook.set_answer(item_id, True, at=FIXED)
    workbook.set_status("second", Status.DONE, at=FIXED)
    workbook.set_status("first", Status.IN_PROGRESS, at=FIXED)
    text = storage.dumps(workbook)
    answers = [text.index(f'[answers."{i}"]') for i in ("alpha.first", "beta.mid", "zeta.last")]
    assert answers == sorted(answers)
    assert text.index("[sections.first]") < text.index("[sections.second]")
    tables = [text.index(t) for t in ("schema_version", "[meta]", "[answers.", "[sections.")]
    assert tables == sorted(tables)
    reordered = Workbook.model_validate({**workbook.model_dump(), "answers": dict(reversed(workbook.answers.items()))})
    assert storage.dumps(reordered) == text


def test_long_answers_use_multiline_strings(tmp_path: Path) -> None:
    workbook = new_workbook()
    workbook.set_answer("first.role", "I see my role as\na partner.", at=FIXED)
    assert '"""\nI see my role as\na partner."""' in storage.dumps(workbook)


# -- symlinks ---------------------------------------------------------------------------------


def test_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = make(real_dir / "wb.toml")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    handle = storage.WorkbookFile.open(link)
    handle.workbook.set_answer("first.read", True)
    handle.save()
    handle.close()
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert storage.load(target).value("first.read") is True
    assert (real_dir / "wb.toml.bak").is_file()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not [p for p in (*tmp_path.iterdir(), *real_dir.iterdir()) if p.name.endswith(".tmp")]


# -- conflicts --------------------------------------------------------------------------------


def test_external_edit_is_a_conflict_and_kept(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    handle = storage.WorkbookFile.open(path)
    external = path.read_bytes().replace(b'owner = "Ana"', b'owner = "Ana Ruiz (edited elsewhere)"')
    path.write_bytes(external)
    handle.workbook.set_answer("first.read", True)
    assert handle.changed_on_disk()
    with pytest.raises(ConflictError) as info:
        handle.save()
    assert str(info.value).startswith(f"{path}: ") and "changed on disk" in str(info.value)
    assert path.read_bytes() == external
    handle.save(force=True)
    handle.close()
    saved = storage.load(path)
    assert saved.meta.owner == "Ana" and saved.value("first.read") is True
    assert (tmp_path / "wb.toml.bak").read_bytes() == external


def test_same_size_edit_within_the_mtime_resolution_is_a_conflict(tmp_path: Path) -> None:
    """On FAT (2 s mtimes) an edit can keep size and mtime: the content decides."""
    path = make(tmp_path / "wb.toml")
    handle = storage.WorkbookFile.open(path)
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(b'owner = "Ana"', b'owner = "Bea"'))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert handle.changed_on_disk()
    with pytest.raises(ConflictError):
        handle.save()
    handle.close()


def test_own_saves_are_not_conflicts(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    handle = storage.WorkbookFile.open(path)
    for n in range(3):
        handle.workbook.set_answer("second.commit", f"version {n}")
        handle.save()
        assert not handle.changed_on_disk()
    handle.close()


def test_reload_takes_the_external_version(tmp_path: Path) -> None:
    path = make(tmp_path / "wb.toml")
    handle = storage.WorkbookFile.open(path)
    path.write_bytes(path.read_bytes().replace(b'owner = "Ana"', b'owner = "Bea"'))
    handle.workbook.set_answer("first.read", True)
    handle.reload()
    assert handle.workbook.meta.owner == "Bea" and handle.workbook.value("first.read") is None
    handle.workbook.set_answer("first.read", True)
    handle.save()
    handle.close()
    assert storage.load(path).meta.owner == "Bea"


# -- newer files and unknown answers ----------------------------------------------------------


def test_newer_schema_opens_read_only_and_refuses_save(tmp_path: Path) -> None:
    path = tmp_path / "wb.toml"
    path.write_text('schema_version = 2\n[meta]\nowner = "Ana"\n')
    before = path.read_bytes()
    handle = storage.WorkbookFile.open(path)
    assert handle.read_only and "newer letstalk" in handle.read_only and str(path) in handle.read_only
    assert not (tmp_path / "wb.toml.lock").exists()
    handle.workbook.set_answer("first.read", True)
    with pytest.raises(ReadOnlyError) as info:
        handle.save()
    assert str(info.value).startswith(f"{path}: ")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wb.toml"]


def test_newer_schema_with_new_keys_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "wb.toml"
    path.write_text('schema_version = 2\n[meta]\nowner = "Ana"\n[reminders]\nweekly = true\n')
    handle = storage.WorkbookFile.open(path)
    assert handle.read_only


def test_newer_schema_keeps_what_it_knows_and_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "wb.toml"
    path.write_text(
        'schema_version = 2\n[meta]\nowner = "Ana"\nmood = "new"\n'
        '[answers."first.role"]\nvalue = "A partner."\ncolour = "red"\n'
        'history = [{level = "exploring", at = 2026-01-01T00:00:00Z, why = "new"}]\n'
        '[sections.first]\nstatus = "done"\npinned = true\n'
        '[[plan.goals]]\nid = "g1"\ntitle = "Co-plan"\nweight = 3\n'
        "[reminders]\nweekly = true\n"
    )
    before = path.read_bytes()
    handle = storage.WorkbookFile.open(path)
    assert handle.read_only
    wb = handle.workbook
    assert (wb.meta.owner, wb.value("first.role"), wb.status("first")) == ("Ana", "A partner.", Status.DONE)
    assert wb.answers["first.role"].history[0].level == "exploring" and wb.plan.goals[0].id == "g1"
    with pytest.raises(ReadOnlyError):
        handle.save()
    with pytest.raises(ReadOnlyError):
        handle.save_as(tmp_path / "copy.toml")
    with pytest.raises(ReadOnlyError):
        storage.create(tmp_path / "new.toml", wb)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wb.toml"]


def test_newer_schema_with_a_value_this_version_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "wb.toml"
    path.write_text('schema_version = 2\n[meta]\nowner = ["Ana", "Bea"]\n')
    with pytest.raises(WorkbookError) as info:
        storage.WorkbookFile.open(path)
    message = str(info.value)
    assert message.startswith(f"{path}: meta.owner: written by a newer letstalk") and "update letstalk" in message


def test_plain_load_of_newer_schema_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "wb.toml"
    path.write_text("schema_version = 2\n")
    with pytest.raises(WorkbookError, match="update letstalk"):
        storage.load(path)
    assert storage.load(path, allow_newer=True).schema_version == 2


def test_unknown_answer_ids_are_kept_unchanged(tmp_path: Path, mini_library: Library) -> None:
    workbook = new_workbook(owner="Ana")
    workbook.set_answer("gone.old-question", "An answer to a question we removed.\nSecond line.", at=FIXED)
    workbook.rate("gone.old-rating", "emerging", at=FIXED)
    workbook.rate("gone.old-rating", "leading", at=FIXED.replace(day=25))
    path = make(tmp_path / "wb.toml", workbook)
    before = storage.load(path)
    orphan_tables = tables(path.read_text(), 'answers."gone.')
    assert len(orphan_tables) == 2  # history is written inline
    handle = storage.WorkbookFile.open(path)
    handle.workbook.set_answer("first.read", True, at=FIXED)
    handle.save()
    handle.close()
    after = storage.load(path)
    for item_id in ("gone.old-question", "gone.old-rating"):
        assert after.answers[item_id] == before.answers[item_id]
    assert after.orphans(mini_library) == ["gone.old-question", "gone.old-rating"]
    assert tables(path.read_text(), 'answers."gone.') == orphan_tables


def test_an_older_snapshot_never_overwrites_a_newer_one(tmp_path: Path) -> None:
    """A save still in flight when a newer one lands (quit, save as) is dropped, not written."""
    from letstalk.model import new_workbook

    path = tmp_path / "race.toml"
    storage.create(path, new_workbook(owner="Ana"))
    handle = storage.WorkbookFile.open(path)
    handle.workbook.set_answer("mindset.reflect-role", "first")
    older = handle.snapshot()
    handle.workbook.set_answer("mindset.reflect-role", "first second")
    assert handle.write(handle.snapshot()) is True
    assert handle.write(older) is False
    assert storage.load(path).value("mindset.reflect-role") == "first second"
    handle.close()


def test_reload_into_a_newer_file_makes_it_read_only(tmp_path: Path) -> None:
    from letstalk.errors import ReadOnlyError
    from letstalk.model import new_workbook

    path = tmp_path / "newer.toml"
    storage.create(path, new_workbook(owner="Ana"))
    handle = storage.WorkbookFile.open(path)
    path.write_text(path.read_text("utf-8").replace("schema_version = 1", "schema_version = 2"), "utf-8")
    handle.reload()
    assert handle.read_only and "newer letstalk" in handle.read_only
    with pytest.raises(ReadOnlyError):
        handle.save()
    handle.close()
