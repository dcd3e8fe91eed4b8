"""Reading TOML files: bytes, UTF-8 text, parsed tables, each failure as one line.

Workbooks, content packs and the small cohort and feedback files are read the same way; only the
error type and the hint for a missing file differ, so they all come through here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from letstalk.errors import TOO_DEEP, LetsTalkError, deepest_line, toml_error_reason, toml_error_where


def read_bytes(path: Path, error: type[LetsTalkError], *, missing: str, kind: str = "file") -> bytes:
    """A file's bytes; OS errors become ``error`` with what to do (``missing``: when there is no file)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(path, f"no such file; {missing}" if missing else "no such file; check the path") from None
    except IsADirectoryError:
        raise error(path, f"this is a folder, not a {kind}; give the path of a .toml file") from None
    except PermissionError:
        raise error(
            path, "permission denied; check who owns the file (ls -l) or copy it somewhere you can read"
        ) from None
    except OSError as exc:
        raise error(path, f"cannot read: {exc.strerror or exc}") from None


def decode(data: bytes, path: Path, error: type[LetsTalkError]) -> str:
    """Decode UTF-8 (a leading byte-order mark is allowed, as Notepad writes), naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(path, "not UTF-8 text; re-save the file as UTF-8", f"line {line}") from None


def parse(text: str, path: Path, error: type[LetsTalkError], *, kind: str = "file") -> dict[str, Any]:
    """Parse TOML text, naming the line (and column) of a problem."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = toml_error_where(exc, text)
        raise error(path, f"not valid TOML: {toml_error_reason(exc)}; fix that line in a text editor", where) from None
    except RecursionError:  # tomllib recurses once per bracket: `x = [[[[...` thousands deep
        raise error(path, f"not valid TOML: {TOO_DEEP}", deepest_line(text)) from None
    except MemoryError:
        raise error(path, f"too big to read into memory; is this really a {kind}?") from None


def read(path: Path, error: type[LetsTalkError], *, missing: str = "", kind: str = "file") -> dict[str, Any]:
    """Read, decode and parse a TOML file."""
    return parse(decode(read_bytes(path, error, missing=missing, kind=kind), path, error), path, error, kind=kind)
