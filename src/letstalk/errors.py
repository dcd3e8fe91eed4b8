"""The one error type every bad input turns into: a file, a place in it, and what to do."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


class LetsTalkError(Exception):
    """A problem the user can fix, reported as one line: ``path: where: message``."""

    def __init__(self, path: Path | str | None, message: str, where: str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [str(self.path)] if self.path is not None else []
        if self.where:
            parts.append(self.where)
        parts.append(self.message)
        return one_line(": ".join(parts))


class ContentError(LetsTalkError):
    """One or more problems in a content pack; ``problems`` holds every line."""

    def __init__(self, problems: list[str]) -> None:
        problems = [one_line(problem) for problem in problems]
        self.problems = problems
        Exception.__init__(self, "\n".join(problems))
        self.path = None
        self.where = None
        self.message = "\n".join(problems)

    def __str__(self) -> str:
        return "\n".join(self.problems)


class WorkbookError(LetsTalkError):
    """A workbook file that cannot be read or written."""


class ReadOnlyError(WorkbookError):
    """A save refused because the workbook was opened read-only."""


class ConflictError(WorkbookError):
    """A save refused because the file changed on disk since it was loaded."""


class LockedError(WorkbookError):
    """The workbook is open in another letstalk."""


def toml_error_where(exc: tomllib.TOMLDecodeError, text: str | None = None) -> str:
    """``line 2, column 1`` from a tomllib error.

    tomllib gives no line when the file ends too soon (``at end of document``: a string or a
    table header left open); given the ``text`` it read, that is its last line with anything on it.
    """
    lineno = getattr(exc, "lineno", None)
    colno = getattr(exc, "colno", None)
    if lineno is None:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        if match:
            lineno, colno = int(match.group(1)), int(match.group(2))
    if lineno:
        return f"line {lineno}, column {colno}"
    if text is not None and "end of document" in str(exc):
        return f"line {text.rstrip().count(chr(10)) + 1}"
    return "(file)"


def toml_error_reason(exc: tomllib.TOMLDecodeError) -> str:
    """The reason part of a tomllib error, without its ``(at line …)`` tail."""
    msg = getattr(exc, "msg", None) or str(exc)
    return msg.split(" (at ")[0].rstrip(".").lower()


# -- one line, whatever the file holds ---------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")

# What str.splitlines() breaks on, plus controls a terminal acts on: never printed raw.
_LINE_BREAKS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\x0c": "\\f", "\x08": "\\b"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def one_line(text: str) -> str:
    """``text`` with line breaks and terminal controls escaped (``\\n``), so it prints as one line."""
    return _LINE_BREAKS.sub(_escape, text)


def quote_key(key: str) -> str:
    """A key as a place in a message: bare when a simple word, else double-quoted and escaped.

    ``owner`` stays ``owner``; ``mindset.role`` becomes ``"mindset.role"`` (a dot would read as
    nesting) and a key holding a quote or a line break is escaped as JSON does, on one line.
    """
    if _BARE_KEY.fullmatch(key):
        return key
    return one_line(json.dumps(key, ensure_ascii=False))


def format_place(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """A place in a file as ``answers."first.read".history[0].at`` (``(top)`` for the whole file)."""
    out = ""
    for part in loc:
        out = join_place(out, part)
    return out or "(top)"


def join_place(out: str, part: int | str) -> str:
    """``out`` followed by one more step: ``[2]``, ``.key``, or `` (key)`` when the key itself is wrong."""
    if isinstance(part, int):
        return f"{out}[{part}]"
    if part == "[key]" and out:  # pydantic's mark for an error in a dict key rather than its value
        return f"{out} (key)"
    key = quote_key(part)
    return f"{out}.{key}" if out else key


@dataclass(frozen=True)
class Hint:
    """``Annotated`` metadata: what to write, said when a value fits none of a union's types."""

    text: str


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
