"""Every bad workbook file gives one line naming the file, the place and what to do; nothing is touched."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from tests.unit.storage_support import (
    assert_bad_file,
    check_message,
    load_error,
    not_as_root,
    write,
)

from letstalk import storage
from letstalk.cli import main
from letstalk.errors import WorkbookError
from letstalk.files import toml

pytestmark = pytest.mark.usefixtures("mini_content")

# -- reading ----------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.toml"
    assert_bad_file(path, capsys, "no such file", "letstalk new")
    assert not path.exists()


def test_directory_instead_of_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "folder.toml"
    path.mkdir()
    assert_bad_file(path, capsys, "folder", ".toml file")
    assert path.is_dir() and not any(path.iterdir())


def test_not_toml_names_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b"schema_version = 1\n[meta\n")
    message = assert_bad_file(path, capsys, "line 2", "not valid TOML", "text editor")
    assert "column" in message


def test_meta_owner_wrong_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b"schema_version = 1\n[meta]\nowner = 3\n")
    assert_bad_file(path, capsys, "meta.owner", "string")


def test_answer_value_wrong_type_names_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b'schema_version = 1\n[answers."x"]\nvalue = [1]\n')
    assert_bad_file(path, capsys, "answers.x.value")


def test_answer_value_wrong_type_message_is_clean(tmp_path: Path) -> None:
    path = write(tmp_path, b'schema_version = 1\n[answers."x"]\nvalue = [1]\n')
    message = load_error(path)
    assert message.split(": ")[1] == "answers.x.value"
    assert "more)" not in message


@pytest.mark.parametrize("value", [b"1", b"1.0", b"0", b"[1]", b"{ a = 1 }", b"2026-03-14T09:00:00Z"])
def test_answer_value_of_no_answer_type_says_what_an_answer_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: bytes
) -> None:
    path = write(tmp_path, b'schema_version = 1\n[answers."mindset.role"]\nvalue = ' + value + b"\n")
    message = assert_bad_file(
        path, capsys, 'answers."mindset.role".value: ', "true/false", "2026-03-14", "text in quotes"
    )
    assert "more)" not in message


def test_more_counts_places_not_union_branches(tmp_path: Path) -> None:
    path = write(tmp_path, b"schema_version = 1\n[answers.a]\nvalue = 1\n[answers.b]\nvalue = 2\n")
    message = load_error(path)
    assert message.split(": ")[1] == "answers.a.value" and message.endswith("(and 1 more)")


def test_too_long_answer_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, b'schema_version = 1\n[answers.x]\nvalue = "' + b"a" * 1_000_001 + b'"\n')
    assert load_error(path).endswith("answers.x.value: string should have at most 1000000 characters")


def test_key_with_quote_is_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b'schema_version = 1\n[meta]\n"say \\"hi\\"" = 1\n')
    assert_bad_file(path, capsys, 'meta."say \\"hi\\"": unknown key')


def test_newer_schema_with_new_keys_still_says_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b'schema_version = 2\n[meta]\nowner = "Ana"\n[reminders]\nweekly = true\n')
    assert_bad_file(path, capsys, "schema_version: written by a newer letstalk", "update letstalk to open it")


def test_unknown_key_says_check_spelling(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b'schema_version = 1\n[meta]\nownr = "Ana"\n')
    assert_bad_file(path, capsys, "meta.ownr", "unknown key", "spelling")


def test_newer_schema_says_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b"schema_version = 99\n")
    assert_bad_file(path, capsys, "schema_version", "newer letstalk", "99", "update letstalk")


def test_schema_version_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b"schema_version = 0\n")
    assert_bad_file(path, capsys, "schema_version", "0 is not a workbook version")


@pytest.mark.parametrize("line", [b'schema_version = "1"\n', b"schema_version = true\n", b"schema_version = 1.0\n"])
def test_schema_version_not_a_whole_number(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: bytes) -> None:
    path = write(tmp_path, line)
    assert_bad_file(path, capsys, "schema_version", "whole number", "schema_version = 1")


def test_schema_version_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b'[meta]\nowner = "Ana"\n')
    assert_bad_file(path, capsys, "schema_version", "schema_version = 1")


def test_non_utf8_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b'schema_version = 1\n[meta]\nowner = "Ana \xff"\n')
    assert_bad_file(path, capsys, "line 3", "UTF-8")


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    path = write(tmp_path, data)
    (tmp_path / "wb.toml.bak").write_text("schema_version = 1\n")  # the copy an earlier save kept
    assert_bad_file(path, capsys, "empty", "wb.toml.bak", "letstalk new")


@not_as_root
def test_permission_denied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b"schema_version = 1\n")
    path.chmod(0)
    try:
        with pytest.raises(WorkbookError) as info:
            storage.load(path)
        capsys.readouterr()
        code = main(["validate", str(path)])
        captured = capsys.readouterr()
    finally:
        path.chmod(0o600)
    message = str(info.value)
    check_message(message, path, "permission denied")
    assert code == 1 and "Traceback" not in captured.out + captured.err
    assert (captured.out + captured.err).splitlines() == [message]
    assert path.read_bytes() == b"schema_version = 1\n"


def test_permission_denied_simulated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root the chmod test is skipped; a read raising EACCES gives the same message."""
    path = write(tmp_path, b"schema_version = 1\n")
    real = os.open

    def denied(name: str | os.PathLike[str], flags: int, *args: int, **kwargs: int | None) -> int:
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert_bad_file(path, capsys, "permission denied", "ls -l")
    monkeypatch.undo()
    assert path.read_bytes() == b"schema_version = 1\n"


def test_other_os_error_on_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, b"schema_version = 1\n")

    class Broken(io.FileIO):
        """A file whose every read fails, as a dying disk's does."""

        def read(self, size: int | None = -1) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

    def opened(fd: int, *args: object, **kwargs: object) -> Broken:
        return Broken(fd, "rb", closefd=True)

    monkeypatch.setattr(toml, "open", opened, raising=False)  # the reader's own name for open, no one else's
    assert_bad_file(path, capsys, "cannot read", "Input/output error")


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors through /proc")
def test_no_refused_read_leaves_a_descriptor_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder, a named pipe, a failing read and a good file: every descriptor opened is closed."""
    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "pipe.toml")
    good = write(tmp_path, b"schema_version = 1\n")
    before = _open_descriptors()
    for _ in range(20):
        for name in ("folder.toml", "pipe.toml"):
            with pytest.raises(WorkbookError):
                storage.read_bytes(tmp_path / name)
        assert storage.read_bytes(good) == b"schema_version = 1\n"
    assert _open_descriptors() == before

    def refused(fd: int, *args: object, **kwargs: object) -> io.FileIO:
        raise OSError(errno.EIO, "Input/output error")  # as FileIO does for some files it is handed

    monkeypatch.setattr(toml, "open", refused, raising=False)
    for _ in range(20):
        with pytest.raises(WorkbookError, match="Input/output error"):
            storage.read_bytes(good)
    assert _open_descriptors() == before


def test_deeply_nested_toml_is_a_workbook_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b"schema_version = 1\nx = " + b"[" * 5000 + b"\n")
    escaped = None
    try:  # caught here: pytest takes seconds to format a RecursionError's traceback
        assert_bad_file(path, capsys, "line 2")
    except RecursionError:
        escaped = "RecursionError"
    assert escaped is None


def test_deep_nesting_names_its_line_not_brackets_in_text(tmp_path: Path) -> None:
    path = write(tmp_path, b'schema_version = 1\n[meta]\nowner = "' + b"[" * 6000 + b'"\nx = ' + b"[" * 5000 + b"\n")
    escaped = None
    try:
        message = load_error(path)
    except RecursionError:
        escaped = "RecursionError"
    assert escaped is None
    check_message(message, path, "line 4", "nested too deeply")


@pytest.mark.parametrize("stamp", [b"0001-01-01T00:00:00+01:00", b"9999-12-31T23:00:00-05:00"])
def test_out_of_range_time_is_a_workbook_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stamp: bytes
) -> None:
    path = write(tmp_path, b"schema_version = 1\n[meta]\ncreated = " + stamp + b"\n")
    assert_bad_file(path, capsys, "meta.created")


def test_key_with_newline_stays_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b'schema_version = 1\n"odd\\nkey" = 1\n')
    assert_bad_file(path, capsys, "unknown key")


# -- files that are fine ----------------------------------------------------------------------


def test_utf8_bom_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, b'\xef\xbb\xbfschema_version = 1\n[meta]\nowner = "Ana"\n')
    assert storage.load(path).meta.owner == "Ana"
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"{path}: valid (0 answers)"


def test_crlf_line_endings_load(tmp_path: Path) -> None:
    data = (
        b'schema_version = 1\r\n[meta]\r\nowner = "Ana"\r\n'
        b'[answers."first.role"]\r\nvalue = """\r\nline one\r\nline two"""\r\n'
    )
    path = write(tmp_path, data)
    workbook = storage.load(path)
    assert workbook.meta.owner == "Ana"
    assert workbook.value("first.role") == "line one\nline two"


# -- two entries, one id ------------------------------------------------------------------------

_TWINS = {
    "log.entries": 'on = 2026-11-02\nkind = "co-planned"\nwhat = "a lesson"',
    "plan.stakeholders": 'name = "Dr Grant"',
    "plan.goals": 'title = "More readers"',
    "plan.actions": 'what = "Book talks"',
    "plan.curriculum": 'course = "Grade 3"',
    "plan.meetings": "on = 2026-12-09",
}


@pytest.mark.parametrize("table", list(_TWINS))
def test_two_entries_with_one_id_are_refused_in_one_line(
    table: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand edit that copied an entry and kept its id: the screens key their rows by id."""
    entry = f'[[{table}]]\nid = "x-1"\n{_TWINS[table]}\n'
    path = write(tmp_path, b"schema_version = 1\n" + (entry + entry.replace('"x-1"', '"x-2"') + entry).encode())
    message = assert_bad_file(path, capsys, table, 'entries 1 and 3 both have the id "x-1"', "an id of its own")
    assert "\n" not in message


def test_an_empty_workbook_points_at_its_backup_only_when_there_is_one(tmp_path: Path) -> None:
    from letstalk import storage
    from letstalk.errors import WorkbookError

    path = tmp_path / "ana.toml"
    path.write_text("")
    with pytest.raises(WorkbookError) as caught:
        storage.load(path)
    assert str(caught.value) == f"{path}: the file is empty; create a new one with `letstalk new`"
    (tmp_path / "ana.toml.bak").write_text("schema_version = 1\n")
    with pytest.raises(WorkbookError, match=r"the file is empty; restore it from ana\.toml\.bak or create a new one"):
        storage.load(path)
