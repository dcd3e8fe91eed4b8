"""Reading and writing workbook files: TOML in a stable order, atomic saves, backups, a lock.

Every failure becomes a one-line :class:`~letstalk.errors.WorkbookError` naming the file and
what to do; nothing here ever overwrites a file it could not read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
import threading
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import tomli_w
from pydantic import BaseModel, ValidationError

from letstalk import tomlread
from letstalk.errors import (
    ConflictError,
    Hint,
    LockedError,
    ReadOnlyError,
    WorkbookError,
    format_place,
)
from letstalk.model import SCHEMA_VERSION, Workbook, new_workbook, now

BACKUP_SUFFIX = ".bak"
LOCK_SUFFIX = ".lock"
FILE_MODE = 0o600

# Top-level tables in the order they are written: a stable order keeps diffs small.
_ORDER = ("schema_version", "meta", "answers", "sections", "position", "plan")


# -- text <-> model ---------------------------------------------------------------------------


def dumps(workbook: Workbook) -> str:
    """The workbook as TOML text: stable key order, multi-line strings for paragraphs."""
    return render(to_data(workbook))


def to_data(workbook: Workbook) -> dict[str, Any]:
    """The workbook as plain, freshly built dicts in file order: what :func:`render` writes.

    This is the cheap half of a save (pydantic's dump), safe to hand to another thread since it
    shares nothing with the model.
    """
    data = workbook.model_dump(mode="python", exclude_none=True)
    for answer in data["answers"].values():
        if not answer.get("history"):
            answer.pop("history", None)
    data["answers"] = dict(sorted(data["answers"].items()))
    data["sections"] = dict(sorted(data["sections"].items()))
    data["plan"] = workbook.plan.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    return {key: data[key] for key in _ORDER if data.get(key) not in ({}, None)}


def render(data: dict[str, Any]) -> str:
    """TOML text for :func:`to_data`'s output: the slow half of a save, fine in a worker thread."""
    return tomli_w.dumps(data, multiline_strings=True)


def loads(text: str, path: Path | str = "<workbook>", *, allow_newer: bool = False) -> Workbook:
    """Parse workbook TOML text, or raise a one-line :class:`WorkbookError`."""
    path = Path(path)
    if not text.strip():
        raise WorkbookError(
            path,
            f"the file is empty; restore it from {path.name}{BACKUP_SUFFIX} or create a new one with `letstalk new`",
        )
    data = tomlread.parse(text, path, WorkbookError, kind="workbook file")
    return from_data(data, path, allow_newer=allow_newer)


def from_data(data: dict[str, Any], path: Path, *, allow_newer: bool = False) -> Workbook:
    """Validate parsed TOML as a workbook, checking its schema version first.

    With ``allow_newer``, a file from a newer letstalk is read as far as this version understands
    it: keys the models do not know are left out (such a workbook must never be written back).
    """
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise WorkbookError(path, "a whole number is needed, as in `schema_version = 1`", "schema_version")
    newer = f"written by a newer letstalk (schema {version}; this one reads up to {SCHEMA_VERSION})"
    if version > SCHEMA_VERSION and not allow_newer:
        raise WorkbookError(path, f"{newer}; update letstalk to open it", "schema_version")
    if version < 1:
        raise WorkbookError(path, f"{version} is not a workbook version (the first is 1)", "schema_version")
    if version > SCHEMA_VERSION:
        data = prune_unknown(Workbook, data)
    try:
        return Workbook.model_validate(data)
    except ValidationError as exc:
        where, message = describe_validation_error(exc, Workbook)
        if version > SCHEMA_VERSION:
            message = f"{newer}, and this value is not one it can read ({message}); update letstalk to open it"
        raise WorkbookError(path, message, where) from None


# -- validation errors as one line --------------------------------------------------------------


def describe_validation_error(exc: ValidationError, model: type[BaseModel] | None = None) -> tuple[str, str]:
    """The first problem as (place, message), with ``(and N more)`` counting the other places.

    Given the model, pydantic's union branch labels (``value.bool``, ``value.date``) leave the
    place, and the errors of one value's branches become one message: the constraint it broke if
    it had the right type, else the type's :class:`~letstalk.errors.Hint`.
    """
    errors = exc.errors(include_url=False)
    located = [(_clean_loc(tuple(err["loc"]), model), err) for err in errors]
    (first, hint), _ = located[0]
    branches = [err for (loc, _), err in located if loc == first]
    places = {loc for (loc, _), _ in located}
    extra = f" (and {len(places) - 1} more)" if len(places) > 1 else ""
    return format_place(first), _describe_branches(branches, hint) + extra


def _describe_branches(errors: list[Any], hint: str | None) -> str:
    if len(errors) == 1 and not (hint and _is_type_error(errors[0])):
        return _describe(errors[0])
    broken = [err for err in errors if not _is_type_error(err)]
    if broken:
        return _describe(broken[0])  # right type, broken rule (a too-long text)
    if hint:
        return hint
    return "; or ".join(dict.fromkeys(_describe(err) for err in errors))


def _is_type_error(err: Any) -> bool:
    kind = err["type"]
    return kind.endswith(("_type", "_parsing")) or kind in ("is_instance_of", "model_type", "dataclass_type")


def _where(loc: tuple[int | str, ...], model: type[BaseModel] | None = None) -> str:
    """A pydantic location as a place in the file (union labels dropped when the model is given)."""
    return format_place(_clean_loc(tuple(loc), model)[0])


def _describe(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown key; check its spelling or remove it"
    if kind == "missing":
        return "this field is required"
    if kind in ("value_error", "assertion_error") and err.get("ctx", {}).get("error") is not None:
        return str(err["ctx"]["error"])
    return f"{err['msg'][0].lower()}{err['msg'][1:]}"


def _unwrap(annotation: Any) -> tuple[Any, str | None]:
    """The type inside ``Annotated[...]`` (and ``X | None``), with its hint if it has one."""
    hint = None
    while True:
        if get_origin(annotation) is Annotated:
            hint = next((m.text for m in annotation.__metadata__ if isinstance(m, Hint)), hint)
            annotation = annotation.__origin__
            continue
        options = _union_options(annotation)
        if options is not None and len(options) == 1:  # Optional: pydantic adds no label
            annotation = options[0]
            continue
        return annotation, hint


def _union_options(annotation: Any) -> list[Any] | None:
    if get_origin(annotation) in (Union, types.UnionType):
        return [arg for arg in get_args(annotation) if arg is not type(None)]
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field_hint(field: Any) -> str | None:
    return next((m.text for m in field.metadata if isinstance(m, Hint)), None)


def _clean_loc(loc: tuple[int | str, ...], model: type[BaseModel] | None) -> tuple[tuple[int | str, ...], str | None]:
    """Walk ``loc`` through the model's types: keep keys, fields and indexes, drop union labels.

    Returns the cleaned location and the hint of the type it ends at. Where the walk loses the
    model (an unknown key, a label it cannot match), the rest is kept as it is.
    """
    kept: list[int | str] = []
    node: Any = model
    hint: str | None = None
    for part in loc:
        node, inner_hint = _unwrap(node)
        hint = inner_hint or hint
        options = _union_options(node)
        if options is not None and isinstance(part, str):  # a union branch label, not a place
            node = next((o for o in options if _is_model(_unwrap(o)[0]) and _unwrap(o)[0].__name__ == part), None)
            continue
        kept.append(part)
        hint = None
        if _is_model(node) and isinstance(part, str):
            field = node.model_fields.get(part)
            node, hint = (field.annotation, _field_hint(field)) if field is not None else (None, None)
        elif get_origin(node) is dict:
            node = get_args(node)[1]
        elif get_origin(node) in (list, tuple, set, frozenset) and isinstance(part, int):
            node = get_args(node)[0]
        else:
            node = None
    node, inner_hint = _unwrap(node)
    return tuple(kept), inner_hint or hint


def prune_unknown(model: type[BaseModel], data: Any) -> Any:
    """``data`` without the keys ``model`` has no field for, at every depth its fields describe.

    Used on files from a newer letstalk, whose new keys this version cannot know. Values that do
    not have the shape the model expects are left alone for validation to report.
    """
    if not isinstance(data, dict):
        return data
    kept: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        for key in {name, field.alias or name}:
            if key in data:
                kept[key] = _prune_as(field.annotation, data[key])
    return kept


def _prune_as(annotation: Any, value: Any) -> Any:
    annotation, _ = _unwrap(annotation)
    if _is_model(annotation):
        return prune_unknown(annotation, value)
    options = _union_options(annotation)
    if options is not None:
        models = [o for o in (_unwrap(o)[0] for o in options) if _is_model(o)]
        return prune_unknown(models[0], value) if len(models) == 1 and isinstance(value, dict) else value
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is dict and isinstance(value, dict) and len(args) == 2:
        return {key: _prune_as(args[1], item) for key, item in value.items()}
    if origin is list and isinstance(value, list) and args:
        return [_prune_as(args[0], item) for item in value]
    return value


# -- reading files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What a file looked like when read, to notice edits made elsewhere."""

    mtime_ns: int
    size: int
    digest: str


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    """Read a workbook file's bytes, turning OS errors into one-line messages."""
    return tomlread.read_bytes(
        path, WorkbookError, missing="create one with `letstalk new PATH` or check the path", kind="workbook file"
    )


def decode(data: bytes, path: Path) -> str:
    """Decode a workbook's UTF-8 (a leading byte-order mark is allowed), naming the line of a bad byte."""
    return tomlread.decode(data, path, WorkbookError)


def load(path: Path, *, allow_newer: bool = False) -> Workbook:
    """Read and validate a workbook file."""
    return loads(decode(read_bytes(path), path), path, allow_newer=allow_newer)


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


def create(path: Path, workbook: Workbook | None = None) -> Workbook:
    """Write a new workbook file; refuses to replace an existing one."""
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


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed save left beside the workbook (only call while holding the lock)."""
    target = path.resolve() if path.is_symlink() else path
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        stale.unlink(missing_ok=True)


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
        """The workbook's data as of now, stamped with the save time (call on the UI thread).

        Only the cheap half of a save happens here; :meth:`write` renders the TOML, so a large
        workbook never holds up typing.
        """
        _refuse_newer(self.path, self.workbook)
        self.workbook.meta.updated = now()
        self._generation += 1
        return Snapshot(self._generation, to_data(self.workbook))

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
            write_atomic(path, data)
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
            write_atomic(path, data)
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


def _stamp_of(path: Path, data: bytes) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return Stamp(st.st_mtime_ns, st.st_size, _digest(data))
