"""Summaries of a review folder: from the cache when a file is unchanged, else read (in parallel
when there are many).

The cache is one JSON file per review folder in the user cache folder. It keeps each file's
reduced :class:`~letstalk.review.Entry` (never the workbook, never a private answer) keyed by
file name, size and mtime_ns, and is thrown away whole when the content changes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from letstalk.errors import LetsTalkError
from letstalk.files.atomic import write_atomic
from letstalk.review.entries import Entry
from letstalk.review.read import summarise
from letstalk.review.scope import Progressed, Scope

CACHE_FORMAT = 3
"""Raise it whenever an :class:`Entry` would be made differently: older caches are then ignored."""
PARALLEL_MIN = 50
"""Below this many files to read, starting worker processes costs more than it saves."""
CHUNK = 25

FileKey = tuple[str, int, int]
"""(name, size, mtime_ns) of a workbook file."""


class CacheFile(BaseModel):
    """The cache of one review folder."""

    format: int = Field(description="Cache layout version; another version is ignored.")
    scope: str = Field(description="Fingerprint of the content the entries were reduced with.")
    folder: str = Field(description="The review folder, for people reading the cache.")
    entries: dict[str, Entry] = Field(description="Entries keyed by file name.")


def cache_file(folder: Path, cache_dir: Path | None = None) -> Path:
    """Where a folder's cache lives: one file per folder, named by a hash of its path."""
    if cache_dir is None:
        from platformdirs import user_cache_path

        cache_dir = user_cache_path("letstalk", appauthor=False)
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:20]
    return cache_dir / "review" / f"{digest}.json"


def _load(path: Path, scope: str) -> dict[str, Entry]:
    try:
        cached = CacheFile.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return {}  # no cache, or one from another version: read everything again
    return cached.entries if cached.format == CACHE_FORMAT and cached.scope == scope else {}


def _save(path: Path, folder: Path, scope: str, entries: list[Entry]) -> None:
    cached = CacheFile(format=CACHE_FORMAT, scope=scope, folder=str(folder), entries={e.file: e for e in entries})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, cached.model_dump_json().encode("utf-8"), backup=False)
    except (OSError, LetsTalkError):
        pass  # a cache that cannot be written only costs time


RACY_NS = 3_000_000_000
"""Entries of files modified this recently are not cached (coarse mtimes could hide an edit)."""


def summaries(
    folder: Path,
    files: list[FileKey],
    scope: Scope,
    *,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: Progressed | None = None,
) -> list[Entry]:
    """An entry per file, in the order given; reads only files changed since the cache was written."""
    path = cache_file(folder, cache_dir)
    fingerprint = scope.fingerprint
    cached = _load(path, fingerprint)
    found: dict[str, Entry] = {}
    missing: list[FileKey] = []
    for name, size, mtime_ns in files:
        entry = cached.get(name)
        if entry is not None and entry.size == size and entry.mtime_ns == mtime_ns:
            found[name] = entry
        else:
            missing.append((name, size, mtime_ns))
    if progress:
        progress(0, len(missing))
    for entry in _read(folder, missing, scope, workers, progress):
        found[entry.file] = entry
    entries = [found[name] for name, _, _ in files]
    # A file changed within the last couple of seconds may change again within the same mtime
    # tick (FAT keeps 2 s) at the same size: don't trust such an entry next time, read it again.
    settled = [e for e in entries if time.time_ns() - e.mtime_ns > RACY_NS]
    if missing or len(cached) != len(settled):
        _save(path, folder, fingerprint, settled)
    return entries


def _read(
    folder: Path, files: list[FileKey], scope: Scope, workers: int | None, progress: Progressed | None
) -> list[Entry]:
    workers = workers or os.cpu_count() or 1
    if len(files) > PARALLEL_MIN and workers > 1 and _can_fork():
        try:
            return _read_parallel(folder, files, scope, workers, progress)
        except (OSError, BrokenProcessPool):
            pass  # no worker processes to be had here: read in this process instead
    out = []
    for index, key in enumerate(files, 1):
        out.append(summarise(str(folder), *key, scope))
        if progress and (index % CHUNK == 0 or index == len(files)):
            progress(index, len(files))
    return out


def _can_fork() -> bool:
    # Forking is quick, but forking while other threads run (the TUI's) can deadlock the child,
    # and spawning re-imports the caller's main module; one thread reads fast enough (~1 ms a file).
    return sys.platform == "linux" and threading.active_count() == 1


_scope: Scope | None = None


def _init(scope: Scope) -> None:
    global _scope
    _scope = scope


def _read_chunk(folder: str, files: list[FileKey]) -> list[Entry]:
    assert _scope is not None
    return [summarise(folder, *key, _scope) for key in files]


def _read_parallel(
    folder: Path, files: list[FileKey], scope: Scope, workers: int, progress: Progressed | None
) -> list[Entry]:
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    context = multiprocessing.get_context("fork")
    out: list[Entry] = []
    with ProcessPoolExecutor(
        min(workers, len(chunks)), mp_context=context, initializer=_init, initargs=(scope,)
    ) as pool:
        futures = [pool.submit(_read_chunk, str(folder), chunk) for chunk in chunks]
        for future in as_completed(futures):
            out.extend(future.result())
            if progress:
                progress(len(out), len(files))
    return out
