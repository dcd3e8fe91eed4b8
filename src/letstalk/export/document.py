"""A small document tree that the Markdown and HTML renderers share, and the text helpers both need.

:mod:`letstalk.export.summary` and :mod:`letstalk.export.card` say *what* a document holds;
:mod:`letstalk.export.markdown` and :mod:`letstalk.export.html` say how it looks. Every string in
the tree is plain text (user text included): each renderer escapes it for its own format.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from letstalk.errors import LetsTalkError

if TYPE_CHECKING:
    from letstalk.plan import Plan

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names, fixed so output never depends on the machine's locale."""


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text (may hold several lines and bullets), with an optional label."""

    text: str
    label: str = ""
    quiet: bool = False  # a remark of ours, shown in italics


@dataclass(frozen=True)
class Entry:
    """One item of a list: a bold title with short facts, then text and labelled details."""

    title: str = ""
    meta: tuple[str, ...] = ()
    body: str = ""
    details: tuple[tuple[str, str], ...] = ()
    note: str = ""
    strong: bool = True  # a name is bold; a sentence (an action) reads better plain


@dataclass(frozen=True)
class Entries:
    """A list of entries under an optional sub-heading."""

    entries: tuple[Entry, ...]
    title: str = ""
    numbered: bool = False

    @property
    def plain(self) -> bool:
        """Whether every entry is bare text (no title, facts or details): a simple list."""
        return all(not (e.title or e.meta or e.details or e.note) for e in self.entries)


@dataclass(frozen=True)
class Table:
    """Rows under a header (HTML prints a real table; text formats print each row as an entry)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    marked: tuple[bool, ...] = ()  # per row: drawn with a warning colour (an overdue action)


Block = Para | Entries | Table


def table_entries(table: Table) -> Entries:
    """A table as a list, for formats without tables: the first cell leads, the others follow labelled.

    The first line of the first cell is the entry's title; a cell left blank (a signature) is skipped.
    """
    entries = []
    for row in table.rows:
        title, body = split_title(row[0]) if row else ("", "")
        meta = tuple(
            f"{name}: {one_line(cell)}" for name, cell in zip(table.header[1:], row[1:], strict=False) if cell.strip()
        )
        entries.append(Entry(title=title, meta=meta, body=body, strong=False))
    return Entries(tuple(entries), title=table.title)


@dataclass(frozen=True)
class Section:
    """A titled section; ``key`` names it for styling (``ask``, ``goals``)."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """A whole document: title, byline, and parts (each part starts a new printed page)."""

    kind: str  # "plan" or "card": picks the HTML stylesheet
    title: str
    byline: str
    parts: tuple[tuple[Section, ...], ...]
    empty: str = ""  # said instead of the parts when there are none
    credit: str = ""  # the last line: what the content is adapted from (see credit_line)


def credit_line(plan: Plan) -> str:
    """The one line every export ends with: what letstalk's content is adapted from."""
    fallback = "Adapted from the sources that letstalk content list --sources names."
    return one_line(plan.credit) if plan.credit.strip() else fallback


# -- text helpers -----------------------------------------------------------------------------

# C0 controls but tab and newline, DEL, C1 controls: never meant as text, and unsafe on a
# terminal (`letstalk plan` prints to one), invalid in HTML and in iCalendar.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text with line ends folded to LF, control characters removed and outer blanks stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text).strip()


def one_line(text: str) -> str:
    """Clean text on a single line, runs of blanks folded to one space."""
    return " ".join(clean(text).split())


def long_date(day: date) -> str:
    """``12 March 2026``: unambiguous on both sides of the Atlantic."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Chunk:
    """A run of the librarian's text: a paragraph line, or a bulleted or numbered list."""

    kind: str  # "p", "ul" or "ol"
    lines: tuple[str, ...]
    start: int = 1


_BULLET = re.compile(r"^[-*+•]\s+(.*)$")
_NUMBER = re.compile(r"^(\d{1,9})[.)]\s+(.*)$")


def chunks(text: str) -> list[Chunk]:
    """Split typed text into chunks: each line a paragraph, bullet and numbered lines as lists.

    Her line breaks are kept (a line a paragraph) because a librarian types lines on purpose;
    her bullets become real lists rather than escaped dashes.
    """
    out: list[Chunk] = []
    for raw in clean(text).split("\n"):
        line = raw.strip()
        if not line:
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet and bullet.group(1).strip():
            kind, item, start = "ul", bullet.group(1).strip(), 1
        elif number and number.group(2).strip():
            kind, item, start = "ol", number.group(2).strip(), int(number.group(1))
        else:
            out.append(Chunk("p", (line,)))
            continue
        if out and out[-1].kind == kind:
            last = out[-1]
            out[-1] = Chunk(kind, (*last.lines, item), last.start)
        else:
            out.append(Chunk(kind, (item,), start))
    return out


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    line = one_line(text)
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] if " " in line[: limit - 1] else line[: limit - 1]
    return cut.rstrip(" ,;:.-") + "…"


def split_title(text: str) -> tuple[str, str]:
    """The first line of typed text as a title, and the rest as its body."""
    first, _, rest = clean(text).partition("\n")
    return first.strip(), rest.strip()


# -- the generated time -----------------------------------------------------------------------


def generated_at(environ: Mapping[str, str] | None = None) -> datetime:
    """When an export is made: ``SOURCE_DATE_EPOCH`` when set (reproducible files), else now (UTC)."""
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (ValueError, OverflowError, OSError):
        raise LetsTalkError(
            None, f"{raw!r} is not a time; set it to whole seconds since 1970, as in 1767225600", "SOURCE_DATE_EPOCH"
        ) from None
