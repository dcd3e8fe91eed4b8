"""Small TOML files besides workbooks (cohort, feedback, comment bank): read, validate, write.

Every failure is one line naming the file, the place in it and what to do, worded like
:mod:`letstalk.storage` words workbook errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from letstalk.errors import LetsTalkError
from letstalk.files import toml
from letstalk.files.atomic import write_atomic
from letstalk.files.describe import describe_validation_error

M = TypeVar("M", bound=BaseModel)


def read(path: Path, error: type[LetsTalkError], missing: str) -> dict[str, Any]:
    """Read and parse a TOML file; ``missing`` says what to do when there is no such file."""
    return toml.read(path, error, missing=missing)


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
        message = (
            f"written by a newer letstalk (schema {version}; this one reads up to {newest}); update letstalk to open it"
        )
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
