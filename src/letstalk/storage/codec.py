"""Workbook TOML text <-> model: stable key order, multi-line strings, schema checks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from letstalk.errors import WorkbookError
from letstalk.files import toml
from letstalk.files.atomic import BACKUP_SUFFIX
from letstalk.files.describe import describe_validation_error, prune_unknown
from letstalk.model import SCHEMA_VERSION, Workbook

# Top-level tables in the order they are written: a stable order keeps diffs small.
_ORDER = ("schema_version", "meta", "answers", "sections", "position", "plan", "log")


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
    # The log after everything else: 2,000 entries stay out of the way of a hand edit of the answers.
    data["log"] = workbook.log.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    return {key: data[key] for key in _ORDER if data.get(key) not in ({}, None)}


def render(data: dict[str, Any]) -> str:
    """TOML text for :func:`to_data`'s output: the slow half of a save, fine in a worker thread."""
    import tomli_w  # only a save needs the writer: the commands that read a workbook never import it

    return tomli_w.dumps(data, multiline_strings=True)


def loads(text: str, path: Path | str = "<workbook>", *, allow_newer: bool = False) -> Workbook:
    """Parse workbook TOML text, or raise a one-line :class:`WorkbookError`."""
    path = Path(path)
    if not text or text.isspace():  # strip() would copy the whole file to find out
        backup = path.with_name(path.name + BACKUP_SUFFIX)
        try:
            kept = backup.is_file() and backup.stat().st_size > 0
        except (OSError, ValueError):
            kept = False
        restore = f"restore it from {backup.name} or " if kept else ""  # never point at a backup that is not there
        raise WorkbookError(path, f"the file is empty; {restore}create a new one with `letstalk new`")
    data = toml.parse(text, path, WorkbookError, kind="workbook file")
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
    return toml.read_bytes(
        path, WorkbookError, missing="create one with `letstalk new PATH` or check the path", kind="workbook file"
    )


def decode(data: bytes, path: Path) -> str:
    """Decode a workbook's UTF-8 (a leading byte-order mark is allowed), naming the line of a bad byte."""
    return toml.decode(data, path, WorkbookError)


def load(path: Path, *, allow_newer: bool = False) -> Workbook:
    """Read and validate a workbook file."""
    return loads(decode(read_bytes(path), path), path, allow_newer=allow_newer)
