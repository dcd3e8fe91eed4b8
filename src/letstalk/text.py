"""Text that is safe to print on a terminal, whatever a workbook or content pack holds.

Answers are typed by people and files are edited by hand, so they may hold escape sequences
(``ESC[2J`` clears the screen, OSC 8 and 52 make links or set the clipboard). Printing them
raw would let a file drive the terminal; :func:`printable` shows them as visible marks instead.
"""

from __future__ import annotations

import json
import os
import re

# C0 controls except tab (0x09) and newline (0x0a), DEL, the C1 controls (0x80-0x9f), and lone
# surrogates (how Python spells the bytes of a file name that is not UTF-8: unprintable as they are).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

REPLACEMENT = "\ufffd"
"""Shown for a C1 control character, which has no caret notation."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return "^" + chr(code + 0x40)  # caret notation, as `cat -v` shows it: ESC -> ^[
    if code == 0x7F:
        return "^?"
    return REPLACEMENT


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character other than newline and tab."""
    return _CONTROL.search(text) is not None


# The ASCII bytes of _CONTROL, for the quick look at ASCII text (most text letstalk reads).
_ASCII_CONTROL = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])


def printable(text: str) -> str:
    """``text`` with every control character but newline and tab shown as ``^X`` or ``\ufffd``."""
    # Every string of a workbook passes here as it is read: for ASCII text, deleting the control
    # bytes and comparing lengths is about three times quicker than the regex finding none.
    if text.isascii() and len(text.encode("ascii").translate(None, _ASCII_CONTROL)) == len(text):
        return text
    return _CONTROL.sub(_visible, text)


# -- one line, whatever the text holds ---------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")

# What str.splitlines() breaks on, plus controls a terminal acts on: never printed raw.
_LINE_BREAKS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\x0c": "\\f", "\x08": "\\b"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def one_line(text: str) -> str:
    """``text`` with line breaks and terminal controls escaped (``\\n``), so it prints as one line."""
    return _LINE_BREAKS.sub(_escape, text)


def shown_path(path: os.PathLike[str] | str) -> str:
    """A file or folder name as it may be shown anywhere (a screen, a title, a log line): on one line, no controls.

    File names may hold anything but ``/`` and NUL, an escape sequence or a newline included.
    """
    return one_line(os.fspath(path))


def quote_key(key: str) -> str:
    """A key as a place in a message: bare when a simple word, else double-quoted and escaped.

    ``owner`` stays ``owner``; ``mindset.role`` becomes ``"mindset.role"`` (a dot would read as
    nesting) and a key holding a quote or a line break is escaped as JSON does, on one line.
    """
    if _BARE_KEY.fullmatch(key):
        return key
    return one_line(json.dumps(key, ensure_ascii=False))
