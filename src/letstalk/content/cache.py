"""A cache of the validated content, so a start does not validate the same packs again.

Validating the packs builds every content model's pydantic schema and checks a few hundred
items: most of what a start costs beyond Textual. The result only changes when a content file,
the content code or a library version changes, so it is kept in the user cache folder, keyed by
the paths, sizes and modification times of all of those. A cache that is missing, stale, not the
user's own, or unreadable in any way is ignored and rebuilt; a pack with problems is never cached,
and ``letstalk content check`` never uses the cache at all.

The cache is JSON (never pickle: reading it runs no code), and the models are rebuilt from it with
``model_construct``, which skips building the validators: the data was validated when it was written.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import types
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from letstalk import __version__
from letstalk.content import loader
from letstalk.content.loader import Library
from letstalk.content.models import Pack
from letstalk.errors import LetsTalkError
from letstalk.files.atomic import write_atomic

CACHE_NAME = "content.json"
FORMAT = 3


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
    """A regular file of this user that nobody else may write: only then is it read."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)  # POSIX only; on Windows the profile folder is the user's own
    return getuid is None or (info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


Builder = Callable[[Any], Any]
_BUILDERS: dict[int, tuple[Any, Builder]] = {}


def _builder(annotation: Any) -> Builder:
    """A function making ``annotation``'s value from its JSON dump without validating (made once per type)."""
    known = _BUILDERS.get(id(annotation))
    if known is not None and known[0] is annotation:
        return known[1]
    made = _make_builder(annotation)
    _BUILDERS[id(annotation)] = (annotation, made)
    return made


def _same(value: Any) -> Any:
    return value


def _make_builder(annotation: Any) -> Builder:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _builder(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            inner = _builder(options[0])
            return lambda value: None if value is None else inner(value)
        models = {_kind(arg): _builder(arg) for arg in options if isinstance(arg, type) and issubclass(arg, BaseModel)}
        if models:  # a tagged union: the item's ``kind`` names its model
            return lambda value: models[value["kind"]](value) if isinstance(value, dict) else value
        return _same
    if origin in (list, tuple, frozenset, set):
        args = get_args(annotation)
        each = _builder(args[0]) if args else _same
        return lambda value: origin(each(v) for v in value)
    if origin is dict:
        args = get_args(annotation)
        each = _builder(args[1]) if args else _same
        return lambda value: {k: each(v) for k, v in value.items()}
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _model_builder(annotation)
        if issubclass(annotation, Enum):
            return annotation
        if annotation is datetime:
            return datetime.fromisoformat
        if annotation is date:
            return date.fromisoformat
    return _same


def _model_builder(model: type[BaseModel]) -> Builder:
    fields: list[tuple[str, Builder]] = []

    def build(value: dict[str, Any]) -> BaseModel:
        if not fields:
            fields.extend((name, _builder(field.annotation)) for name, field in model.model_fields.items())
        data = {name: each(value[name]) for name, each in fields}
        made = model.__new__(model)
        # what model_construct does for a complete dump, minus its per-field default handling
        object.__setattr__(made, "__dict__", data)
        object.__setattr__(made, "__pydantic_fields_set__", set(data))
        object.__setattr__(made, "__pydantic_extra__", None)
        object.__setattr__(made, "__pydantic_private__", None)
        return made

    return build


def _kind(model: type[BaseModel]) -> object:
    field = model.model_fields.get("kind")
    if field is not None and get_origin(field.annotation) is Literal:
        return get_args(field.annotation)[0]
    return None


def read_cached(path: Path, key: str) -> Library | None:
    """The library stored under ``key`` at ``path``, or None if absent, stale or unreadable."""
    if not _trusted(path):
        return None
    try:
        stored = json.loads(path.read_bytes())
        if not (isinstance(stored, dict) and stored.get("key") == key):
            return None
        build = _builder(Pack)
        return Library([build(pack) for pack in stored["packs"]])
    except Exception:  # a truncated, corrupt or foreign file is simply not a cache
        return None


def _dump(key: str, library: Library) -> bytes:
    packs = [pack.model_dump(mode="json") for pack in library.packs]
    return json.dumps({"key": key, "packs": packs}, ensure_ascii=False).encode("utf-8")


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
        write_atomic(path, _dump(key, library), backup=False)
    except (OSError, LetsTalkError):
        pass  # a read-only or full cache folder costs the next start a validation, nothing more
    return library, False
