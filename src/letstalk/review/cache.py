"""Summaries of a review folder: from the cache when a file is unchanged, else read (in parallel
when there are many).

The cache is one JSON file per review folder in the user cache folder. It keeps each file's
reduced :class:`~letstalk.review.Entry` (never the workbook, never a private answer) keyed by
file name, size and mtime_ns, and is thrown away whole when the content changes.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, Field, ValidationError
from pydantic_core import to_json

from letstalk.errors import LetsTalkError
from letstalk.files.atomic import write_atomic
from letstalk.review.entries import Entry
from letstalk.review.read import ENTRIES, not_utf8, summarise, utf8_name
from letstalk.review.scope import Progressed, Scope

CACHE_FORMAT = 4
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
    entries: list[Entry] = Field(description="One entry per file, as its summary was read.")


class Chunk(NamedTuple):
    """Entries read together, and the same entries as a JSON array (what the cache keeps)."""

    entries: list[Entry]
    json: bytes


def cache_file(folder: Path, cache_dir: Path | None = None) -> Path:
    """Where a folder's cache lives: one file per folder, named by a hash of its path."""
    if cache_dir is None:
        from platformdirs import user_cache_path

        cache_dir = user_cache_path("letstalk", appauthor=False)
    digest = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()[:20]  # any name the system allows
    return cache_dir / "review" / f"{digest}.json"


def _load(path: Path, scope: str) -> dict[str, Entry]:
    try:
        cached = CacheFile.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return {}  # no cache, or one from another version: read everything again
    if cached.format != CACHE_FORMAT or cached.scope != scope:
        return {}
    return {entry.file: entry for entry in cached.entries}


def _save(path: Path, folder: Path, scope: str, arrays: list[bytes]) -> None:
    """Write the cache, its entries given as JSON arrays of them.

    The arrays are joined as they are: the workers already wrote their entries as JSON, and
    writing 10,000 of them again took a quarter of a second after every file was read.
    """
    shown = os.fsencode(folder).decode("utf-8", "backslashreplace")  # JSON holds no undecodable byte
    head = CacheFile(format=CACHE_FORMAT, scope=scope, folder=shown, entries=[]).model_dump_json(exclude={"entries"})
    joined = b",".join(array[1:-1] for array in arrays if array != b"[]")
    data = head.encode("utf-8")[:-1] + b',"entries":[' + joined + b"]}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, backup=False)
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
    reused = list(found.values())
    # A name that is not UTF-8 cannot travel as JSON, to a worker's answer or to the cache: such a
    # file is listed as unreadable, with what to do, and never read or cached.
    misnamed = [not_utf8(*key) for key in missing if not utf8_name(key[0])]
    if misnamed:
        missing = [key for key in missing if utf8_name(key[0])]
        found.update((entry.file, entry) for entry in ENTRIES.validate_python(misnamed))
    if progress:
        progress(0, len(missing))
    chunks = _read(folder, missing, scope, workers, progress)
    for chunk in chunks:
        found.update((entry.file, entry) for entry in chunk.entries)
    if missing or len(cached) != len(reused):
        # A file changed within the last couple of seconds may change again within the same
        # mtime tick (FAT keeps 2 s) at the same size: don't trust such an entry next time.
        now = time.time_ns()
        arrays = [ENTRIES.dump_json(reused)]
        for chunk in chunks:
            settled = [e for e in chunk.entries if now - e.mtime_ns > RACY_NS]
            arrays.append(chunk.json if len(settled) == len(chunk.entries) else ENTRIES.dump_json(settled))
        _save(path, folder, fingerprint, arrays)
    return [found[name] for name, _, _ in files]


def _read(
    folder: Path, files: list[FileKey], scope: Scope, workers: int | None, progress: Progressed | None
) -> list[Chunk]:
    workers = workers or os.cpu_count() or 1
    method = _start_method(len(files))
    if method is not None and workers > 1:
        try:
            return _read_parallel(folder, files, scope, workers, progress, method)
        except (OSError, BrokenProcessPool, ValueError, pickle.PicklingError):
            pass  # no worker processes to be had here (or none could start): read in this process
    out: list[Chunk] = []
    done = 0
    for start in range(0, len(files), CHUNK):
        out.append(_chunk(_read_chunk(str(folder), files[start : start + CHUNK], scope)))
        done += len(out[-1].entries)
        if progress:
            progress(done, len(files))
    return out


def _chunk(json: bytes) -> Chunk:
    return Chunk(ENTRIES.validate_json(json), json)


SPAWN_MIN = 1_000
"""Files to read before a fresh interpreter to fork the workers from pays for its start (0.3-0.5 s)."""

PRELOAD = ["letstalk.review.cache"]
"""What the fork server imports once, before it forks any worker."""


def _start_method(count: int) -> str | None:
    """How to start worker processes for ``count`` files, or None to read them in this process.

    Forking is quick, but forking while other threads run (the review app scans in one) can
    deadlock the child. There a fork server starts instead: a fresh single-threaded interpreter
    that imports the reader once and forks the workers (the first scan pays for its start, later
    ones reuse it); fresh interpreters for each worker each imported it again, 0.3-0.5 s later.
    """
    if sys.platform != "linux" or count <= PARALLEL_MIN:
        return None
    if threading.active_count() == 1:
        return "fork"
    return "forkserver" if count >= SPAWN_MIN else None


_scope: Scope | None = None


def _init(scope: Scope) -> None:
    global _scope
    _scope = scope
    gc.disable()  # as in the reading process (scan pauses it); a fresh interpreter starts with it on


def _read_chunk(folder: str, files: list[FileKey], scope: Scope | None = None) -> bytes:
    """A chunk's summaries as JSON, which pydantic writes and reads in Rust: pickling the models
    called Python for each of an entry's 17, and the models were made twice, here and there.
    The cache keeps the same JSON."""
    scope = scope or _scope
    assert scope is not None
    return to_json([summarise(folder, *key, scope) for key in files])


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real standard error.

    The tracker is given ``sys.stderr``'s descriptor; inside a Textual app that is Textual's
    stand-in, whose descriptor is -1, and every fresh worker then fails to start.
    """
    from multiprocessing import resource_tracker

    shown, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = shown


def _read_parallel(
    folder: Path, files: list[FileKey], scope: Scope, workers: int, progress: Progressed | None, method: str
) -> list[Chunk]:
    batches = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    context = multiprocessing.get_context(method)
    if method != "fork":
        _start_resource_tracker()
    if isinstance(context, multiprocessing.context.ForkServerContext):
        context.set_forkserver_preload(PRELOAD)  # only the server's first start reads it
    pool = ProcessPoolExecutor(min(workers, len(batches)), mp_context=context, initializer=_init, initargs=(scope,))
    out: list[Chunk] = []
    done = 0
    try:
        futures = [pool.submit(_read_chunk, str(folder), batch) for batch in batches]
        for future in as_completed(futures):
            out.append(_chunk(future.result()))
            done += len(out[-1].entries)
            if progress:
                progress(done, len(files))  # raises once the review app has gone
    finally:
        # Leaving early (the app quit, an error) drops the chunks not started: else the exit
        # waits for every file of a large folder to be read.
        pool.shutdown(wait=True, cancel_futures=True)
    return out
