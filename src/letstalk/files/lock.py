"""The lock beside a workbook, so two letstalks never write one file."""

from __future__ import annotations

import os
from pathlib import Path

from letstalk.errors import LockedError
from letstalk.files.atomic import FILE_MODE

LOCK_SUFFIX = ".lock"


# -- the lock ---------------------------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class Lock:
    """A lock file beside the workbook holding the owner's pid; stale locks are taken over."""

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(path.name + LOCK_SUFFIX)
        self.held = False
        self.failed: str | None = None
        """Why the lock file could not be made (a read-only folder), if so."""

    def acquire(self) -> None:
        """Take the lock or raise :class:`LockedError` if a live process holds it."""
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            except FileExistsError:
                pid = self._owner()
                if pid is not None and pid != os.getpid() and _pid_alive(pid):
                    raise LockedError(
                        self.path.with_suffix(""),
                        f"already open in another letstalk (pid {pid}); close that one first, "
                        f"or delete {self.path.name} if it is no longer running",
                    ) from None
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            except OSError as exc:
                self.failed = exc.strerror or str(exc)  # a read-only folder: the file opens read-only
                return
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()}\n")
            self.held = True
            return

    def _owner(self) -> int | None:
        try:
            return int(self.path.read_text().strip() or "0") or None
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        """Remove the lock file if this process holds it."""
        if self.held and self._owner() == os.getpid():
            self.path.unlink(missing_ok=True)
        self.held = False
