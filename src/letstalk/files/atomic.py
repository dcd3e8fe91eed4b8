"""Atomic writes: temp beside the target, fsync, `os.replace`, the previous file kept as `.bak`."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
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


FSYNC_DIRS = os.name != "nt"
"""Whether a folder can be fsynced (making a rename durable): POSIX only; Windows cannot open a folder as a file."""


def _fsync_dir(folder: Path) -> None:
    if not FSYNC_DIRS:
        return  # NTFS journals the rename itself
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


def refuse_unsafe(path: Path) -> None:
    """Raise a one-line :class:`WorkbookError` when ``path`` is a symlink or exists as anything but a regular file.

    Uses ``lstat``, which never follows a link: a ``NAME.feedback.toml`` planted as a symlink
    into another folder is refused rather than written where it points.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _save_error(path, exc) from None
    if stat.S_ISLNK(st.st_mode):
        raise WorkbookError(
            path, "this is a symbolic link; letstalk does not write through it, nothing was written. Remove the link"
        )
    if not stat.S_ISREG(st.st_mode):
        raise WorkbookError(path, f"this is {kind_of(st.st_mode)}, not a regular file; nothing was written")


def kind_of(mode: int) -> str:
    """What a file's mode says it is, in words: ``a folder``, ``a named pipe (FIFO)``..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


def write_atomic(path: Path, data: bytes, *, backup: bool = True, follow_symlink: bool = False) -> None:
    """Write ``data`` to ``path`` atomically, keeping the previous file as ``path.bak``.

    The temp file lives beside the target (so ``os.replace`` never crosses devices), is created
    with mode 0600, flushed and fsynced before the rename. A symlink, or anything but a regular
    file, at ``path`` is refused (checked again just before the rename); only a workbook the
    librarian opened through a symlink (``follow_symlink``) is written through to its target,
    so the link stays a link.
    """
    target = path.resolve() if follow_symlink and path.is_symlink() else path
    refuse_unsafe(target)
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
        refuse_unsafe(target)  # again: something may have been put there while we wrote
        if backup and target.exists():
            _keep_backup(target)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _save_error(path, exc) from None
    except BaseException:  # a refusal above, or an interrupt: no temp file is left behind
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)


def _keep_backup(target: Path) -> None:
    """Make ``target.bak`` the current file: a hard link when possible (no copy), else a copy."""
    backup = target.with_name(target.name + BACKUP_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        mode = os.lstat(backup).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):  # a link is replaced, never followed
            raise WorkbookError(
                backup,
                f"this backup of {target.name} is {kind_of(mode)}, not a file; "
                "move it away so letstalk can keep a backup. Nothing was saved",
            )
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
