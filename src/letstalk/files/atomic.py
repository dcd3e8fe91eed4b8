"""Atomic writes: temp beside the target, fsync, `os.replace`, the previous file kept as `.bak`."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from letstalk.errors import WorkbookError

BACKUP_SUFFIX = ".bak"
FILE_MODE = 0o600


# -- writing files ----------------------------------------------------------------------------


def _save_error(path: Path, exc: OSError) -> WorkbookError:
    if exc.errno == errno.ENOSPC:
        return WorkbookError(
            path, "the disk is full; nothing was overwritten. Free some space, or use Save as to save elsewhere"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WorkbookError(
            path, "cannot save: the folder is read-only; nothing was overwritten. Use Save as to pick another place"
        )
    if exc.errno == errno.EISDIR:
        return WorkbookError(path, "cannot save: a folder now stands at this path; use Save as to pick another place")
    return WorkbookError(path, f"cannot save: {exc.strerror or exc}; nothing was overwritten")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, keeping the previous file as ``path.bak``.

    The temp file lives beside the target (so ``os.replace`` never crosses devices), is created
    with mode 0600, flushed and fsynced before the rename. A symlinked path is written through to
    its target, so the link stays a link.
    """
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _save_error(path, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
        if backup and target.exists():
            _keep_backup(target)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _save_error(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)


def _keep_backup(target: Path) -> None:
    """Make ``target.bak`` the current file: a hard link when possible (no copy), else a copy."""
    backup = target.with_name(target.name + BACKUP_SUFFIX)
    staging = target.with_name(f".{target.name}{BACKUP_SUFFIX}.tmp")
    staging.unlink(missing_ok=True)
    try:
        try:
            os.link(target, staging)
        except OSError:
            data = target.read_bytes()
            fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(staging, backup)
    except BaseException:
        staging.unlink(missing_ok=True)  # a half-written copy (a full disk): the target is untouched
        raise


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed save left beside the workbook (only call while holding the lock)."""
    target = path.resolve() if path.is_symlink() else path
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        stale.unlink(missing_ok=True)
