"""Where an export or a report may be written: the one check every file-writing command makes.

``letstalk export -o``, ``plan -o``, ``review --report -o``, the app's export dialog and the
review app's report dialog all come through :func:`check_output` before writing. It refuses, in
one line and before anything changes, a target that is a folder, a pipe, a device, a socket or
a symlink, a workbook (the one exported or any other), a workbook's backup or its lock, and any
``.toml`` name (a cohort file, a feedback sidecar, attendance: letstalk's own files are TOML).
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterable
from pathlib import Path

from letstalk.errors import LetsTalkError
from letstalk.files.atomic import BACKUP_SUFFIX, kind_of, write_atomic
from letstalk.files.lock import LOCK_SUFFIX
from letstalk.files.toml import loads

STDOUT = "-"
"""The output name that means standard output."""
SNIFF_LIMIT = 32 * 1024 * 1024
"""Files larger than this are not read to see whether they are workbooks (no workbook is so big)."""


class OutputError(LetsTalkError):
    """A file an export or report must not be written to."""


def looks_like_workbook(path: Path) -> bool:
    """Whether the regular file at ``path`` is a letstalk workbook (TOML with ``schema_version`` and ``[meta]``)."""
    try:
        if os.lstat(path).st_size > SNIFF_LIMIT:
            return False
        data = loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return False
    return "schema_version" in data and isinstance(data.get("meta"), dict)


def check_output(path: Path, *, workbooks: Iterable[Path] = ()) -> None:
    """Raise a one-line :class:`OutputError` unless ``path`` may receive an export or a report.

    ``workbooks`` are the workbooks involved (the one exported): the target may be none of them,
    nor their backup or lock. Any other workbook found at ``path`` is refused too.
    """
    name = path.name.lower()  # Windows and macOS names ignore case
    for suffix, what in ((BACKUP_SUFFIX, "backup"), (LOCK_SUFFIX, "lock")):
        if name.endswith(".toml" + suffix):
            raise OutputError(path, f"this is the name of a workbook's {what}; choose another file name")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(path, f"cannot use this file: {exc.strerror or exc}") from None
    if st is None:
        if not path.parent.is_dir():
            raise OutputError(path, f"the folder {path.parent} does not exist; create it first")
        _refuse_toml(path)
        return
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(path, "this is a folder; give a file name, such as plan.html")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(path, f"this is {kind_of(st.st_mode)}, not a regular file; nothing was written")
    for workbook in workbooks:
        if os.path.lexists(workbook) and os.path.samefile(path, workbook):
            raise OutputError(path, "this is the workbook itself; choose another file for the export")
    if looks_like_workbook(path):
        raise OutputError(path, "this is a letstalk workbook; an export never replaces one, choose another file name")
    _refuse_toml(path)


def _refuse_toml(path: Path) -> None:
    # letstalk's own files are TOML (workbooks, the cohort file, feedback, attendance, the comment
    # bank) and no export or report is: a .toml target is one of them, or would be taken for one.
    if path.name.lower().endswith(".toml"):
        raise OutputError(
            path, "a .toml name is for letstalk's own files; export to a .md, .html, .txt, .ics or .csv file"
        )


def write_output(path: Path, data: bytes, *, workbooks: Iterable[Path] = ()) -> None:
    """Check ``path`` with :func:`check_output`, then write ``data`` there atomically (no backup)."""
    workbooks = list(workbooks)
    check_output(path, workbooks=workbooks)
    write_atomic(path, data, backup=False)
