"""A fast reader for workbook files in the layout letstalk itself writes.

tomllib reads a 20 KB workbook in about 6 ms, one character at a time, so a facilitator's folder
of 1,000 workbooks takes seconds. Files written by :func:`letstalk.storage.dumps` keep the bulk
of their text in ``[answers."id"]`` and ``[sections.id]`` tables of a fixed shape. :func:`loads`
matches those tables with regular expressions (run in C) and gives tomllib only the rest (meta,
position, plan). Anything outside that shape, however small, sends the whole file to tomllib, so
the result is always exactly what ``tomllib.loads`` returns, errors included.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from typing import Any

_KEY = r'(?:"(?P<{0}q>[A-Za-z0-9_.-]+)"|(?P<{0}b>[A-Za-z0-9_-]+))'
# TOML strings, restricted to what tomllib accepts: no control characters, known escapes only.
_BASIC = r'"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]++|\\[btnfr"\\]|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8})*+"'
_MULTI = (
    r'"""(?:[^"\\\x00-\x08\x0b-\x1f\x7f]++|\\[btnfr"\\]|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}'
    r'|\\[ \t]*\n[ \t\n]*|"(?!""))*+"""'
)
_STRING = f"(?:{_MULTI}|{_BASIC})"
_DATE = r"\d{4}-\d{2}-\d{2}"
_STAMP = rf"{_DATE}[T ]\d{{2}}:\d{{2}}:\d{{2}}(?:\.\d{{1,6}})?(?:Z|[+-]\d{{2}}:\d{{2}})?"

_ANSWER = re.compile(
    rf"\[answers\.{_KEY.format('a')}\]\n"
    rf"value = (?P<value>true|false|{_DATE}(?=\n)|{_STRING})\n"
    rf"(?:note = (?P<note>{_STRING})\n)?"
    rf"(?:updated = (?P<updated>{_STAMP})\n)?\n?"
)
_HISTORY = re.compile(
    rf"\[\[answers\.{_KEY.format('h')}\.history\]\]\n"
    rf"level = (?P<level>{_BASIC})\n"
    rf"at = (?P<at>{_STAMP})\n\n?"
)
_SECTION = re.compile(
    rf"\[sections\.{_KEY.format('s')}\]\n"
    rf"status = (?P<status>{_BASIC})\n"
    rf"(?:updated = (?P<updated>{_STAMP})\n)?\n?"
)
_ESCAPE = re.compile(r'\\(?:([btnfr"\\])|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|[ \t]*\n[ \t\n]*)')
_REPLACE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _Irregular(Exception):
    """The text leaves the fast shape: tomllib reads the whole file instead."""


def loads(text: str) -> dict[str, Any]:
    """Parse workbook TOML: the same dict and the same errors as ``tomllib.loads``."""
    try:
        return _fast(text.replace("\r\n", "\n"))  # tomllib folds CRLF first, even in strings
    except _Irregular:
        return tomllib.loads(text)


def _fast(text: str) -> dict[str, Any]:
    starts = [i for i in (text.find("\n[answers."), text.find("\n[sections.")) if i >= 0]
    if not starts:
        raise _Irregular
    start = min(starts) + 1
    try:
        tomllib.loads(text[:start])  # "\n[answers." inside a multi-line string is no table
    except tomllib.TOMLDecodeError:
        raise _Irregular from None
    pos, answers, sections = _tables(text, start)
    if pos < len(text) and text[pos] != "[":
        raise _Irregular  # keys here would belong to the last table; let tomllib say so
    try:
        data = tomllib.loads(text[:start] + text[pos:])
    except tomllib.TOMLDecodeError:
        raise _Irregular from None  # the error's line number must come from the whole file
    if "answers" in data or "sections" in data:
        raise _Irregular  # tables outside the run: merging them is tomllib's job
    if answers:
        data["answers"] = answers
    if sections:
        data["sections"] = sections
    return data


def _tables(text: str, pos: int) -> tuple[int, dict[str, Any], dict[str, Any]]:
    """Read answer, history and section tables from ``pos`` while they keep the fast shape."""
    answers: dict[str, Any] = {}
    sections: dict[str, Any] = {}
    last: str | None = None
    while True:
        if match := _ANSWER.match(text, pos):
            key = match["aq"] or match["ab"]
            if key in answers:
                raise _Irregular
            answer: dict[str, Any] = {"value": _value(match["value"])}
            if match["note"] is not None:
                answer["note"] = _string(match["note"])
            if match["updated"] is not None:
                answer["updated"] = _stamp(match["updated"])
            answers[key] = answer
            last = key
        elif match := _HISTORY.match(text, pos):
            if (match["hq"] or match["hb"]) != last:
                raise _Irregular
            entry = {"level": _string(match["level"]), "at": _stamp(match["at"])}
            answers[last].setdefault("history", []).append(entry)
        elif match := _SECTION.match(text, pos):
            key = match["sq"] or match["sb"]
            if key in sections:
                raise _Irregular
            section: dict[str, Any] = {"status": _string(match["status"])}
            if match["updated"] is not None:
                section["updated"] = _stamp(match["updated"])
            sections[key] = section
            last = None
        else:
            return pos, answers, sections
        pos = match.end()


def _value(raw: str) -> bool | date | str:
    if raw == "true":
        return True
    if raw == "false":
        return False
    if raw[0] != '"':
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise _Irregular from None
    return _string(raw)


def _string(raw: str) -> str:
    """Decode a matched basic or multi-line basic string."""
    if raw.startswith('"""'):
        body = raw[3:-3]
        if body.startswith("\n"):
            body = body[1:]  # TOML trims the newline right after the opening quotes
    else:
        body = raw[1:-1]
    return _ESCAPE.sub(_unescape, body) if "\\" in body else body


def _unescape(match: re.Match[str]) -> str:
    simple, short, long = match.groups()
    if simple:
        return _REPLACE[simple]
    code = short or long
    if code is None:
        return ""  # a line-ending backslash swallows the newline and the indent after it
    value = int(code, 16)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        raise _Irregular  # not a Unicode scalar value: tomllib words that error
    return chr(value)


def _stamp(raw: str) -> datetime:
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        raise _Irregular from None
