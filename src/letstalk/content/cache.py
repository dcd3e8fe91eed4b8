"""A cache of the validated content, so a start does not validate the same packs again.

Validating the packs builds every content model's pydantic schema and checks a few hundred
items: most of what a start costs beyond Textual. The result only changes when a content file,
the content code or a library version changes, so it is kept in the user cache folder, keyed by
the paths, sizes and modification times of all of those. A cache that is missing, stale, not the
user's own, or unreadable in any way is ignored and rebuilt; a pack with problems is never cached,
and ``letstalk content check`` never uses the cache at all.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from letstalk import __version__
from letstalk.content import loader
from letstalk.content.loader import Library
from letstalk.errors import LetsTalkError
from letstalk.files.atomic import write_atomic

CACHE_NAME = "content.pickle"
FORMAT = 1


def default_cache_dir() -> Path:
    """The user cache folder of letstalk (``~/.cache/letstalk`` on Linux)."""
    from platformdirs import user_cache_path

    return user_cache_path("letstalk", appauthor=False)


def _stat_line(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return f"{path}:-"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def cache_key(extra: list[Path], builtin: bool) -> str:
    """A digest of everything the validated library depends on."""
    import pydantic

    lines = [f"format {FORMAT}", f"letstalk {__version__}", f"python {sys.version}", f"pydantic {pydantic.VERSION}"]
    code = Path(__file__).resolve().parent
    lines += [_stat_line(path) for path in sorted(code.glob("*.py"))]
    roots = ([loader.builtin_content_dir()] if builtin else []) + [Path(p) for p in extra]
    for root in roots:
        lines.append(f"root {root.resolve()}")
        for folder in loader.pack_folders(root) if root.is_dir() else []:
            lines += [_stat_line(path) for path in sorted(folder.rglob("*.toml"))]
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def _trusted(path: Path) -> bool:
    """A regular file of this user that nobody else may write: only then is it unpickled."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)  # POSIX only; on Windows the profile folder is the user's own
    return getuid is None or (info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def read_cached(path: Path, key: str) -> Library | None:
    """The library stored under ``key`` at ``path``, or None if absent, stale or unreadable."""
    if not _trusted(path):
        return None
    try:
        stored = pickle.loads(path.read_bytes())
    except Exception:  # a truncated, corrupt or foreign file is simply not a cache
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key and isinstance(stored[1], Library)):
        return None
    return stored[1]


def cached_library(
    extra: list[Path] | None = None, *, builtin: bool = True, cache_dir: Path | None = None
) -> tuple[Library, bool]:
    """The validated library and whether it came from the cache (problems raise, as :func:`load_library`)."""
    extra = list(extra or [])
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    path = folder / CACHE_NAME
    key = cache_key(extra, builtin)
    library = read_cached(path, key)
    if library is not None:
        return library, True
    library = loader.load_library(extra, builtin=builtin)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, pickle.dumps((key, library), protocol=pickle.HIGHEST_PROTOCOL), backup=False)
    except (OSError, LetsTalkError):
        pass  # a read-only or full cache folder costs the next start a validation, nothing more
    return library, False
