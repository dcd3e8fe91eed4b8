"""Reading participants' workbooks for review: reduced to a summary, private answers masked.

Nothing here writes: files are read with :func:`letstalk.storage.read_bytes`, never opened for
editing, so not even a lock file appears in the review folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from letstalk import storage
from letstalk.errors import WorkbookError
from letstalk.files import toml
from letstalk.log.queries import shared_by_term
from letstalk.model import SCHEMA_VERSION, Workbook
from letstalk.review.entries import Entry
from letstalk.review.scope import Scope
from letstalk.text import printable

PRIVATE = "private"
"""What stands in for a private answer: its value never reaches the review."""


def _document(text: str, path: Path) -> dict[str, Any]:
    if not text or text.isspace():  # strip() would copy the whole file to find out
        storage.loads(text, path)  # raises the one-line error letstalk gives for an empty workbook
    return toml.parse(text, path, WorkbookError, kind="workbook file")


def _masked(data: dict[str, Any], private: frozenset[str]) -> dict[str, Any]:
    answers = data.get("answers")
    if isinstance(answers, dict):
        for item_id in private.intersection(answers):
            answers[item_id] = {"value": PRIVATE}
    return data


def read_masked(path: Path, private: frozenset[str]) -> dict[str, Any]:
    """A workbook file as TOML data with every private answer replaced by :data:`PRIVATE`."""
    text = storage.decode(storage.read_bytes(path), path)
    return _masked(_document(text, path), private)


def read_participant(path: Path, private: frozenset[str]) -> Workbook:
    """A participant's workbook for reading in review, private answers masked."""
    return storage.from_data(read_masked(path, private), path)


def summarise(folder: str, name: str, size: int, mtime_ns: int, scope: Scope) -> dict[str, Any]:
    """Read one workbook and reduce it to what the review shows; failures become the entry's error.

    The result is the plain data an :class:`Entry` is made from: a worker process hands it on as
    JSON, and the Entry is made once, where it is used (:data:`ENTRIES`).
    """
    path = Path(folder) / name
    key = {"file": name, "size": size, "mtime_ns": mtime_ns}
    data: dict[str, Any] = {}
    try:
        data = read_masked(path, scope.private)
        workbook = storage.from_data(data, path)
    except WorkbookError as exc:
        return _unreadable(key, data, exc)
    done = workbook.done_per(scope.counted)
    sections = {
        section_id: {"status": workbook.status(section_id), "done": done.get(section_id, 0), "total": len(items)}
        for section_id, items in scope.items.items()
    }
    ratings = {}
    for theme in scope.themes:
        level = workbook.value(theme.id)
        if isinstance(level, str) and level:
            ratings[theme.id] = level
    meta = workbook.meta
    return {
        **key,
        "state": "ok",
        "owner": meta.owner,
        "school": meta.school,
        "updated": meta.updated,
        "cohort": meta.cohort,
        "participant": meta.participant or "",
        "handed_in": meta.handed_in,
        "sections": sections,
        "ratings": ratings,
        "log": [
            {"term": name, "start": start, "collaborations": t.collaborations, "teachers": t.teachers}
            for name, start, t in shared_by_term(workbook.log)
        ],
    }


ENTRIES = TypeAdapter(list[Entry])
"""Makes :class:`Entry` objects from summaries: from the data itself, or from their JSON."""


def utf8_name(name: str) -> bool:
    """Whether a file name read from the folder is UTF-8 text (else it holds escaped bytes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def not_utf8(name: str, size: int, mtime_ns: int) -> dict[str, Any]:
    """The summary of a file whose name is not UTF-8 text: unreadable until it is renamed."""
    error = str(WorkbookError(name, "the file name is not UTF-8 text; rename the file, then review the folder again"))
    return {"file": name, "size": size, "mtime_ns": mtime_ns, "state": "invalid", "error": error, "owner": ""}


def _unreadable(key: dict[str, Any], data: dict[str, Any], exc: WorkbookError) -> dict[str, Any]:
    """A summary of a file that could not be read: its error, and whether a newer letstalk wrote it."""
    version = data.get("schema_version")
    newer = isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION
    meta = data.get("meta")
    named = meta.get("owner") if newer and isinstance(meta, dict) else None  # a newer file still names its owner
    owner = printable(named) if isinstance(named, str) else ""  # read raw, not through the models that clean it
    error = str(WorkbookError(key["file"], exc.message, exc.where))  # the file name alone: the folder may move
    return {**key, "state": "newer" if newer else "invalid", "error": error, "owner": owner}
