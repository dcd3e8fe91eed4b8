"""Reading TOML files: bytes, UTF-8 text, parsed tables, each failure as one line.

Workbooks, content packs and the small cohort and feedback files are read the same way; only the
error type and the hint for a missing file differ, so they all come through here. ``rtoml``
(Rust, TOML 1.0) parses, about ten times faster than ``tomllib``; when it refuses a file,
``tomllib`` reads it again, to word the error with its line and column, or to read what only
rtoml's nesting limit refused, so the result is always what ``tomllib`` gives.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import rtoml

from letstalk.errors import LetsTalkError
from letstalk.files.atomic import kind_of


def read_bytes(
    path: Path, error: type[LetsTalkError], *, missing: str, kind: str = "file", give: str = "the path of a .toml file"
) -> bytes:
    """A regular file's bytes; OS errors become ``error`` with what to do (``missing``: when there is no file;
    ``give``: what to give instead of a folder, a pipe or a device).

    What stands at ``path`` is looked at first, through a descriptor opened without blocking: a
    named pipe or a device there would otherwise hang letstalk (open waits for a writer; a read
    of a device never ends).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:  # the file looked at is the one read
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise error(path, _FOLDER.format(kind=kind, give=give))
            if not stat.S_ISREG(mode):
                raise error(path, f"this is {kind_of(mode)}, not a {kind}; give {give}")
            file = open(fd, "rb", closefd=True)  # noqa: SIM115 - closed by the with below, once it is ours
        except BaseException:
            os.close(fd)  # until open() returns, the descriptor is ours to close, even when it fails
            raise
        with file:
            return file.read()
    except FileNotFoundError:
        raise error(path, f"no such file; {missing}" if missing else "no such file; check the path") from None
    except IsADirectoryError:
        raise error(path, _FOLDER.format(kind=kind, give=give)) from None
    except PermissionError:
        raise error(path, _DENIED) from None
    except OSError as exc:
        raise error(path, f"cannot read: {exc.strerror or exc}") from None


_FOLDER = "this is a folder, not a {kind}; give {give}"
_DENIED = "permission denied; check who owns the file (ls -l) or copy it somewhere you can read"


def decode(data: bytes, path: Path, error: type[LetsTalkError]) -> str:
    """Decode UTF-8 (a leading byte-order mark is allowed, as Notepad writes), naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(path, "not UTF-8 text; re-save the file as UTF-8", f"line {line}") from None


def loads(text: str) -> dict[str, Any]:
    """Parse TOML text with rtoml, falling back to tomllib where rtoml refuses (which raises its error).

    Line ends are folded first, as tomllib does (even inside multi-line strings), so both give
    the same data; ``TOMLDecodeError`` and ``RecursionError`` are tomllib's, for :func:`parse` to word.
    """
    if "\r" in text:  # a lookup for one character is a memchr; replace scans slower for two
        text = text.replace("\r\n", "\n")
    try:
        return rtoml.loads(text)
    except rtoml.TomlParsingError:
        return tomllib.loads(text)


def parse(text: str, path: Path, error: type[LetsTalkError], *, kind: str = "file") -> dict[str, Any]:
    """Parse TOML text, naming the line (and column) of a problem."""
    try:
        return loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = toml_error_where(exc, text)
        impossible = impossible_date(exc, text)
        if impossible:
            raise error(
                path,
                f"{impossible} is not a date (a month from 01 to 12, a day the month has); write it as YYYY-MM-DD",
                where,
            ) from None
        raise error(path, f"not valid TOML: {toml_error_reason(exc)}; fix that line in a text editor", where) from None
    except RecursionError:  # tomllib recurses once per bracket: `x = [[[[...` thousands deep (rtoml refused first)
        raise error(path, f"not valid TOML: {TOO_DEEP}", deepest_line(text)) from None
    except MemoryError:
        raise error(path, f"too big to read into memory; is this really a {kind}?") from None


def read(path: Path, error: type[LetsTalkError], *, missing: str = "", kind: str = "file") -> dict[str, Any]:
    """Read, decode and parse a TOML file."""
    return parse(decode(read_bytes(path, error, missing=missing, kind=kind), path, error), path, error, kind=kind)


# -- tomllib's errors in words ------------------------------------------------------------------


def _position(exc: tomllib.TOMLDecodeError) -> tuple[int | None, int | None]:
    """(line, column) of a tomllib error: its attributes, or before Python 3.14 its message."""
    lineno, colno = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if lineno is None and (match := re.search(r"line (\d+), column (\d+)", str(exc))):
        lineno, colno = int(match.group(1)), int(match.group(2))
    return lineno, colno


def toml_error_where(exc: tomllib.TOMLDecodeError, text: str | None = None) -> str:
    """``line 2, column 1`` from a tomllib error.

    tomllib gives no line when the file ends too soon (``at end of document``: a string or a
    table header left open); given the ``text`` it read, that is its last line with anything on it.
    """
    lineno, colno = _position(exc)
    if lineno:
        return f"line {lineno}, column {colno}"
    if text is not None and "end of document" in str(exc):
        return f"line {text.rstrip().count(chr(10)) + 1}"
    return "(file)"


_DATE_TOKEN = re.compile(r"=\s*(\d{4}-\d{2}-\d{2})\b")


def impossible_date(exc: tomllib.TOMLDecodeError, text: str) -> str:
    """The date TOML stumbled on (``2026-13-40``), when the line's value is a date that does not exist, else ""."""
    lineno, _ = _position(exc)
    if not lineno:
        return ""
    lines = text.splitlines()
    if not 0 < lineno <= len(lines):
        return ""
    match = _DATE_TOKEN.search(lines[lineno - 1])
    if match is None:
        return ""
    try:
        date.fromisoformat(match[1])
    except ValueError:
        return match[1]  # tomllib's own words ("expected newline") would send her looking elsewhere
    return ""


def toml_error_reason(exc: tomllib.TOMLDecodeError) -> str:
    """The reason part of a tomllib error, without its ``(at line …)`` tail."""
    msg = getattr(exc, "msg", None) or str(exc)
    return msg.split(" (at ")[0].rstrip(".").lower()


# -- TOML nested past what the parser can follow -------------------------------------------------

_TOML_TOKENS = re.compile(
    r'"""(?:\\.|[^\\])*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}\n]'
)

TOO_DEEP = "arrays or inline tables nested too deeply to read; flatten that line in a text editor"
"""The reason given when tomllib runs out of stack (RecursionError) on deeply nested brackets."""


def deepest_line(text: str) -> str:
    """``line N``: where brackets (outside strings and comments) are nested deepest."""
    line = best_line = 1
    depth = best = 0
    for match in _TOML_TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > best:
                best, best_line = depth, line
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
        else:
            line += token.count("\n")
    return f"line {best_line}"
