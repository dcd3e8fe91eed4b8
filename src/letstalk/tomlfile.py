"""Small TOML files besides workbooks (cohort, feedback, comment bank): read, validate, write.

Every failure is one line naming the file, the place in it and what to do, worded like
:mod:`letstalk.storage` words workbook errors.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from letstalk.errors import TOO_DEEP, LetsTalkError, deepest_line, toml_error_reason, toml_error_where
from letstalk.storage import describe_validation_error, write_atomic

M = TypeVar("M", bound=BaseModel)


def read(path: Path, error: type[LetsTalkError], missing: str) -> dict[str, Any]:
    """Read and parse a TOML file; ``missing`` says what to do when there is no such file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(path, f"no such file; {missing}") from None
    except IsADirectoryError:
        raise error(path, "this is a folder; give the path of a .toml file") from None
    except OSError as exc:
        raise error(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(path, "not UTF-8 text; re-save the file as UTF-8", f"line {line}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(path, f"not valid TOML: {toml_error_reason(exc)}; fix that line in a text editor", toml_error_where(exc, text)) from None
    except RecursionError:  # tomllib recurses once per bracket: `x = [[[[...` thousands deep
        raise error(path, f"not valid TOML: {TOO_DEEP}", deepest_line(text)) from None
    except MemoryError:
        raise error(path, "too big to read into memory; is this really the right file?") from None


def _newest_schema(model: type[BaseModel]) -> int | None:
    """The highest ``schema_version`` the model reads (its ``le=``), or None if it has none."""
    field = model.model_fields.get("schema_version")
    if field is None:
        return None
    return next((meta.le for meta in field.metadata if isinstance(getattr(meta, "le", None), int)), None)


def validate(model: type[M], data: dict[str, Any], path: Path, error: type[LetsTalkError]) -> M:
    """Validate parsed TOML as ``model``, raising the first problem as one line.

    A ``schema_version`` above what this letstalk reads says so (update letstalk), rather than
    pydantic's "less than or equal to" words.
    """
    newest = _newest_schema(model)
    version = data.get("schema_version")
    if newest is not None and isinstance(version, int) and not isinstance(version, bool) and version > newest:
        message = f"written by a newer letstalk (schema {version}; this one reads up to {newest}); update letstalk to open it"
        raise error(path, message, "schema_version")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        where, message = describe_validation_error(exc, model)
        raise error(path, message, where) from None


def write(path: Path, model: BaseModel, header: str = "") -> None:
    """Write a model as TOML atomically, creating its folder (no backup: small files, rewritten whole)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LetsTalkError(path.parent, f"cannot create the folder: {exc.strerror or exc}") from None
    data = model.model_dump(mode="python", exclude_none=True)
    write_atomic(path, (header + tomli_w.dumps(data, multiline_strings=True)).encode("utf-8"), backup=False)
