"""The lock beside a workbook, so two letstalks never write one file.

An OS lock (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows, through the ``filelock``
package) on ``NAME.toml.lock`` beside the workbook's real file. The kernel drops it when the
process ends, however it ends (even SIGKILL), so there is no pid to read and no stale lock to
guess about: whatever a lock file holds, only a live holder refuses a second letstalk. Closing
removes the lock file while still holding the lock; ``filelock`` sees that a file it locked has
no name any more and does not count such a lock, so no two holders can result.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from letstalk.errors import LockedError, WorkbookError
from letstalk.files.atomic import FILE_MODE

LOCK_SUFFIX = ".lock"


def real_path(path: Path) -> Path:
    """The file a path names once every symlink is followed (a workbook opened both ways is one file)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: lock beside the name given
        return path.absolute()


def lock_path(path: Path) -> Path:
    """Where the lock of the workbook at ``path`` lives: beside its real file."""
    real = real_path(path)
    return real.with_name(real.name + LOCK_SUFFIX)


class Lock:
    """The OS lock of one workbook; :meth:`acquire` refuses when another letstalk holds it."""

    def __init__(self, path: Path) -> None:
        self.workbook = path
        self.path = lock_path(path)
        self.held = False
        self.failed: str | None = None
        """Why the lock file could not be made (a read-only folder), if so: the workbook opens read-only."""
        # Imported here: the commands that only read a workbook (validate, plan, export) never lock it.
        from filelock import FileLock

        self._lock = FileLock(self.path, mode=FILE_MODE, timeout=0, thread_local=False)
        self._identity: tuple[int, int] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`LockedError` when a live letstalk holds it.

        A folder where the lock file goes, or a disk too full to create it, raises a one-line
        :class:`WorkbookError` naming the lock file; a folder that cannot be written sets
        :attr:`failed` instead. Nothing is left behind when the lock was not taken.
        """
        from filelock import Timeout

        existed = os.path.lexists(self.path)
        if existed and not stat.S_ISREG(os.lstat(self.path).st_mode):
            raise self._not_a_file()
        try:
            self._lock.acquire()
        except Timeout:
            raise LockedError(
                self.workbook,
                "already open in another letstalk; close that one first (its window, tab or terminal)",
            ) from None
        except IsADirectoryError:
            raise self._not_a_file() from None
        except OSError as exc:
            if not existed:
                _remove_quietly(self.path)
            if exc.errno == errno.ENOSPC:
                raise WorkbookError(
                    self.path, "the disk is full, so the workbook's lock cannot be made; free some space and try again"
                ) from None
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                self.failed = exc.strerror or str(exc)
                return
            raise WorkbookError(self.path, f"cannot make the workbook's lock: {exc.strerror or exc}") from None
        self.held = True
        self._identity = _identity(self.path)

    def _not_a_file(self) -> WorkbookError:
        return WorkbookError(
            self.path,
            "something other than a file stands where letstalk keeps this workbook's lock; "
            "move it away, then open the workbook again",
        )

    def release(self) -> None:
        """Let go of the lock (the kernel would on exit anyway), removing the lock file if it is still ours."""
        if self.held:
            if self._identity is not None and _identity(self.path) == self._identity:
                with contextlib.suppress(OSError):  # left in place: harmless, the next letstalk locks it again
                    self.path.unlink()
            self._lock.release(force=True)
        self.held = False
        self._identity = None


def held_elsewhere(path: Path) -> bool:
    """Whether another process holds the lock of the workbook at ``path`` right now."""
    probe = Lock(path)
    if not os.path.lexists(probe.path):
        return False
    try:
        probe.acquire()
    except LockedError:
        return True
    except WorkbookError:
        return False
    probe.release()
    return False


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _remove_quietly(path: Path) -> None:
    try:
        if os.path.lexists(path) and stat.S_ISREG(os.lstat(path).st_mode) and os.lstat(path).st_size == 0:
            path.unlink()
    except OSError:
        pass
