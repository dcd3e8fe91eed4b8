"""An open workbook: lock, load, save (snapshot then write), save as, reload, close."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from letstalk.errors import ConflictError, ReadOnlyError, WorkbookError
from letstalk.files.atomic import remove_stale_temps, write_atomic
from letstalk.files.lock import Lock
from letstalk.model import SCHEMA_VERSION, Workbook, new_workbook, now
from letstalk.storage.codec import Stamp, _digest, decode, dumps, loads, read_bytes, render, to_data


def create(path: Path, workbook: Workbook | None = None) -> Workbook:
    """Write a new workbook file; refuses to replace an existing one."""
    if path.is_dir() and not path.is_symlink():
        raise WorkbookError(path, "this is a folder; give a file name for the workbook, such as ana.toml")
    if path.exists() or path.is_symlink():
        raise WorkbookError(
            path, "a file already exists here; open it with `letstalk --workbook PATH` or choose another name"
        )
    if not path.parent.is_dir():
        raise WorkbookError(path, f"the folder {path.parent} does not exist; create it first")
    workbook = workbook or new_workbook()
    _refuse_newer(path, workbook)
    write_atomic(path, dumps(workbook).encode("utf-8"), backup=False)
    return workbook


def _refuse_newer(path: Path, workbook: Workbook) -> None:
    # Read from a newer letstalk with its unknown keys left out: writing it would lose them.
    if workbook.schema_version > SCHEMA_VERSION:
        raise ReadOnlyError(
            path,
            f"written by a newer letstalk (schema {workbook.schema_version}); "
            "saving here would drop what this version cannot read, so nothing was saved. Update letstalk",
        )


def refuse_newer_copy(path: Path, workbook: Workbook) -> None:
    """Refuse a copy for someone else (a hand-in, an export) of a workbook from a newer letstalk.

    This version reads such a file as far as it understands it, and what it cannot read may be
    what keeps an entry just for her: a copy made from that could hand it to her facilitator.
    """
    if workbook.schema_version > SCHEMA_VERSION:
        raise ReadOnlyError(
            path,
            f"written by a newer letstalk (schema {workbook.schema_version}); a copy made by this one could "
            "hold what the newer one keeps just for you, so nothing was written. Update letstalk to hand it in or export it",
            "schema_version",
        )


# -- an open workbook -------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """The workbook's data at one moment, numbered so an older one never overwrites a newer one."""

    generation: int
    data: dict[str, Any]


class WorkbookFile:
    """A workbook opened for editing: the model, where it lives, and whether it may be saved.

    ``read_only`` holds the reason when saving is refused (a newer schema, a file we could not
    lock); :meth:`save` refuses to overwrite a file changed on disk since it was read.
    """

    def __init__(self, path: Path, workbook: Workbook, stamp: Stamp | None, read_only: str | None = None) -> None:
        self.path = path
        self.workbook = workbook
        self.stamp = stamp
        self.read_only = read_only
        self._lock: Lock | None = None
        self._io = threading.Lock()  # one write at a time: check, replace and re-stamp together
        self._generation = 0  # of the last snapshot taken
        self._written = 0  # of the last snapshot written (or superseded by a reload / save as)
        self._substance = substance(to_data(workbook))  # what ``meta.updated`` dates: see :func:`substance`

    @classmethod
    def open(cls, path: Path, *, create_missing: bool = False, lock: bool = True) -> WorkbookFile:
        """Open a workbook for editing, creating it first when asked and it does not exist."""
        if create_missing and not path.exists() and not path.is_symlink():
            path.parent.mkdir(parents=True, exist_ok=True)
            create(path)
        data = read_bytes(path)
        text = decode(data, path)
        workbook = loads(text, path, allow_newer=True)
        opened = cls(path, workbook, _stamp_of(path, data))
        if workbook.schema_version > SCHEMA_VERSION:
            opened.read_only = (
                f"{path}: written by a newer letstalk (schema {workbook.schema_version}); "
                "opened read-only, update letstalk to edit it"
            )
        elif lock:
            opened._lock = Lock(path)
            opened._lock.acquire()
            if opened._lock.held:
                remove_stale_temps(path)
            elif opened._lock.failed:
                opened.read_only = (
                    f"{path}: this folder cannot be written ({opened._lock.failed}); opened read-only, "
                    "use Save as to keep your changes elsewhere"
                )
        if opened.read_only is None and not os.access(path, os.W_OK):
            opened.read_only = (
                f"{path}: the file is marked read-only; opened read-only, use Save as to keep your changes elsewhere"
            )
        return opened

    def changed_on_disk(self) -> bool:
        """Whether the file on disk differs from what was last read or written.

        Always compares content: a same-size edit within the mtime's resolution (2 s on FAT)
        would pass a size-and-mtime check, and reading a workbook costs well under a millisecond.
        """
        try:
            data = self.path.read_bytes()
        except OSError:
            return self.stamp is not None or self.path.exists()
        return self.stamp is None or _digest(data) != self.stamp.digest

    def save(self, *, force: bool = False) -> None:
        """Save atomically, keeping a backup. Refuses when read-only or changed elsewhere."""
        if self.read_only:
            raise ReadOnlyError(self.path, "opened read-only; nothing was saved")
        self.write(self.snapshot(), force=force)

    def snapshot(self) -> Snapshot:
        """The workbook's data as of now (call on the UI thread).

        ``meta.updated`` moves only when something she wrote changed since the last snapshot:
        opening, moving around and joining a cohort save the position or the link, not a change.
        Only the cheap half of a save happens here; :meth:`write` renders the TOML, so a large
        workbook never holds up typing.
        """
        _refuse_newer(self.path, self.workbook)
        data = to_data(self.workbook)
        current = substance(data)
        if current != self._substance:
            self._substance = current
            self.workbook.meta.updated = now()
            data["meta"]["updated"] = self.workbook.meta.updated
        self._generation += 1
        return Snapshot(self._generation, data)

    def write(self, snapshot: Snapshot | bytes, *, force: bool = False) -> bool:
        """Write a :meth:`snapshot` (or ready file bytes); safe to call from a worker thread.

        Returns False, writing nothing, when a newer snapshot was written meanwhile (a save
        racing a quit, a save as or a reload must never put older text on disk).
        """
        if isinstance(snapshot, bytes):
            data, generation = snapshot, None
        else:
            data, generation = render(snapshot.data).encode("utf-8"), snapshot.generation
        with self._io:
            if self.read_only:
                raise ReadOnlyError(self.path, "opened read-only; nothing was saved")
            if generation is not None and generation <= self._written:
                return False
            path = self.path
            if not force and path.exists() and self.changed_on_disk():
                raise ConflictError(path, "changed on disk since it was opened; reload it or use Save as")
            write_atomic(path, data, follow_symlink=True)
            self.stamp = _stamp_of(path, data)
            if generation is not None:
                self._written = generation
        return True

    def save_as(self, path: Path) -> None:
        """Save to a new path and keep editing there."""
        if path.exists() and path.is_dir():
            raise WorkbookError(path, "this is a folder; give a file name ending in .toml")
        snapshot = self.snapshot()
        data = render(snapshot.data).encode("utf-8")
        with self._io:
            write_atomic(path, data, follow_symlink=True)
            self.close()
            self.path, self.read_only = path, None
            self.stamp = _stamp_of(path, data)
            self._written = snapshot.generation
            self._lock = Lock(path)
            self._lock.acquire()

    def reload(self) -> None:
        """Throw away in-memory changes and read the file again (saves in flight are dropped)."""
        with self._io:
            data = read_bytes(self.path)
            self.workbook = loads(decode(data, self.path), self.path, allow_newer=True)
            self._substance = substance(to_data(self.workbook))
            self.stamp = _stamp_of(self.path, data)
            self._written = self._generation
            if self.workbook.schema_version > SCHEMA_VERSION:
                self.read_only = (
                    f"{self.path}: written by a newer letstalk (schema {self.workbook.schema_version}); "
                    "opened read-only, update letstalk to edit it"
                )

    def close(self) -> None:
        """Release the lock."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None


UNDATED_META = frozenset({"updated", "cohort", "packs", "participant", "handed_in"})
"""Meta keys that are bookkeeping, not something she wrote: changing them never moves ``updated``."""


def substance(data: dict[str, Any]) -> dict[str, Any]:
    """What ``meta.updated`` dates in :func:`to_data`'s output: answers, statuses, ratings, plan, profile.

    The position (where she left off) and the bookkeeping in :data:`UNDATED_META` are left out.
    """
    out = {key: value for key, value in data.items() if key != "position"}
    out["meta"] = {key: value for key, value in data.get("meta", {}).items() if key not in UNDATED_META}
    return out


def _stamp_of(path: Path, data: bytes) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return Stamp(st.st_mtime_ns, st.st_size, _digest(data))
