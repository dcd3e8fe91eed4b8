"""The values a workbook holds: cleaned text, dates, answers, section states, the file's meta."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StrictBool

from letstalk.errors import TooLongError
from letstalk.files.describe import Hint
from letstalk.text import printable

if TYPE_CHECKING:
    pass


SCHEMA_VERSION = 1
"""The workbook schema this version of letstalk reads and writes."""

MAX_TEXT = 1_000_000
"""Longest answer, note or plan paragraph kept, in characters as stored (a long reflection is a few thousand)."""

MAX_NAME = 200
"""Longest name or one-line title kept (owner, school, a goal's title), in characters as stored."""


def now() -> datetime:
    """The current time, UTC, to the second (what the workbook records)."""
    return datetime.now(UTC).replace(microsecond=0)


_CRS_THEN_LF = re.compile(r"\r+\n")


def _clean_text(value: object) -> object:
    # A saved string must not hold "\r\n": tomli_w writes it as a raw line break and tomllib
    # reads every raw CRLF back as LF. So fold each run of CRs before a LF into that LF ("\r\r\n"
    # is one line end converted twice; one pass of replace("\r\n", "\n") would leave a CRLF),
    # then a lone "\r" into "\n" (an old Mac line end; on a terminal it returns the cursor and
    # lets later text overwrite earlier text).
    # Every other control character but "\n" and "\t" is then shown as a visible mark
    # (ESC -> "^[", see letstalk.text.printable): typed, pasted or hand-edited text must never
    # carry an escape sequence into a screen, the header, an export or plain mode. Done here, at
    # validation, no view has to remember it; the result holds no control character, so cleaning
    # again changes nothing and save -> load gives the same string back. It runs before the length
    # check ("^[" is two characters), so what is stored always passes that check when read back.
    if not isinstance(value, str):
        return value  # not text: left for the type check to report
    if "\r" in value:
        value = _CRS_THEN_LF.sub("\n", value).replace("\r", "\n")
    return printable(value)


def check_length(value: object, limit: int = MAX_TEXT, what: str = "answer", where: str | None = None) -> None:
    """Refuse text longer than ``limit`` once cleaned as it will be stored, with a :class:`TooLongError`.

    Cleaning can at most double the length (each control character becomes two), so text up to
    half the limit, which is every real answer, is passed without cleaning it first.
    """
    if not isinstance(value, str) or len(value) <= limit // 2:
        return
    stored = _clean_text(value)
    if isinstance(stored, str) and len(stored) > limit:
        raise TooLongError(what, len(stored), limit, where)


Str = Annotated[str, Field(max_length=MAX_TEXT), BeforeValidator(_clean_text)]
"""Text a librarian writes (answers, notes, plan paragraphs)."""
Name = Annotated[str, Field(max_length=MAX_NAME), BeforeValidator(_clean_text)]
"""A line of text: a name, a title."""
Ref = Annotated[str, BeforeValidator(_clean_text)]
"""An id, level, version or path: kept as written but for line ends and control characters, since a hand edit may put any text here."""

ID_DIGITS = 15
"""Digits an id's number may have to count for the next one (more is a hand edit's, never ours)."""


def next_ref(ids: Iterable[str], prefix: str) -> str:
    """The next free id such as ``l-7``: one more than the highest ``PREFIX-N`` in use.

    ``N`` is decimal digits (what the regex ``\\d`` takes) without a regex per id: at 2,000 log
    entries one fullmatch each was 4 ms of an add. A number longer than :data:`ID_DIGITS` (a hand
    edit) does not count, as ``int`` refuses one of over 4,300 digits; the id made can never equal
    it, being shorter.
    """
    start = len(prefix) + 1
    numbers = (
        int(i[start:])
        for i in ids
        if i.startswith(prefix)
        and i[start - 1 : start] == "-"
        and i[start:].isdecimal()
        and len(i) - start <= ID_DIGITS
    )
    return f"{prefix}-{max(numbers, default=0) + 1}"


ANSWER_HINT = "an answer is true/false, a date like 2026-03-14, or text in quotes"


def _utc(value: datetime) -> datetime:
    # TOML keeps offsets; a naive or non-UTC time is read as-is and stored as UTC.
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+01:00 is in year 0 in UTC; a ValueError names the field
        edge = "before year 1" if value.year < 5000 else "after year 9999"
        raise ValueError(
            f"{value.isoformat()} is out of range ({edge} in UTC); write a time like 2026-03-14T09:00:00Z"
        ) from None


Stamp = Annotated[datetime, AfterValidator(_utc)]

FIRST_YEAR, LAST_YEAR = 1900, 2999
"""The years a date she types may fall in (``parse_date``), and the dates a paper or a calendar
holds: any school's, never one that a day's arithmetic (an event's end, the next check-in) would
carry past year 9999."""


def plausible_day(value: date) -> bool:
    """Whether ``value`` falls from FIRST_YEAR to LAST_YEAR."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


def unique_ids(entries: list[Any]) -> list[Any]:
    """``entries`` when no two share an id (a hand edit that copied an entry gives two): the screens key rows by it."""
    first: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        seen = first.setdefault(entry.id, number)
        if seen != number:
            raise ValueError(
                f'entries {seen} and {number} both have the id "{entry.id}"; give one of them an id of its own'
            )
    return entries


class Record(BaseModel):
    """Base for workbook models: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Status(StrEnum):
    """Where a section stands."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"

    @property
    def label(self) -> str:
        """The status as words, for screens and exports."""
        return {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}[self.value]

    @property
    def mark(self) -> str:
        """A one-character mark that does not rely on colour."""
        return {"not-started": "○", "in-progress": "◐", "done": "●"}[self.value]


class Rated(Record):
    """An earlier rating, kept when a new one replaces it."""

    level: Ref = Field(description="The level id chosen then.")
    at: Stamp = Field(description="When it was chosen.")


AnswerValue = Annotated[StrictBool | Annotated[date, Strict()] | Str, Hint(ANSWER_HINT)]
"""A tick (bool), a date, or text (short answer, paragraph, choice id, level id, challenge status).

Strict: a hand-edited ``value = 1`` is an error, not a tick, and ``value = 0`` not 1970-01-01.
"""


class Answer(Record):
    """The answer to one item."""

    value: AnswerValue = Field(description="The tick, text, date, choice id, level id or challenge status.")
    note: Str | None = Field(default=None, description="A note beside the answer (challenges).")
    updated: Stamp | None = Field(default=None, description="When the answer last changed.")
    history: list[Rated] = Field(default_factory=list, description="Earlier ratings, oldest first.")


class SectionState(Record):
    """What the librarian marked about a section."""

    status: Status = Field(default=Status.NOT_STARTED, description="not-started, in-progress or done.")
    updated: Stamp | None = Field(default=None, description="When the status last changed.")


class Position(Record):
    """Where the librarian was, so the app can reopen there."""

    section: Ref | None = Field(default=None, description="Id of the last open section.")
    item: Ref | None = Field(default=None, description="Id of the last focused item.")
    in_plan: bool = Field(default=False, description="Whether she left off in the collaborative plan.")


class Meta(Record):
    """Who the workbook belongs to and what it was made with."""

    owner: Name = Field(default="", description="The librarian's name.")
    school: Name = Field(default="", description="Her school.")
    role: Name = Field(default="", description="Her role, such as 'Teacher-librarian'.")
    created: Stamp = Field(default_factory=now, description="When the workbook was created.")
    updated: Stamp = Field(
        default_factory=now,
        description="When an answer, a status, a rating, the plan or the profile last changed (not opening or moving).",
    )
    packs: dict[Ref, Ref] = Field(default_factory=dict, description="Pack id -> content version used.")
    cohort: Ref | None = Field(default=None, description="Path of the cohort.toml joined, if any.")
    participant: Ref | None = Field(
        default=None,
        description="A stable id for the librarian (a UUID made once), so a review shows one row per person.",
    )
    handed_in: Stamp | None = Field(
        default=None, description="Only in a hand-in copy: when the copy for the facilitator was made."
    )
    key: Ref | None = Field(
        default=None, description="A random id made once, with the workbook; calendar event ids derive from it."
    )


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower() for name in (*calendar.day_name, *calendar.day_abbr)}
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WRITTEN = (
    # 15 Jan 2027, 15 January 2027, 15th of January 2027
    (re.compile(rf"{_DAY}\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{{4}})"), (1, 2, 3)),
    # January 15, 2027; Jan 15 2027
    (re.compile(rf"([a-z]+)\.?\s+{_DAY},?\s+(\d{{4}})"), (2, 1, 3)),
)
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")

DATE_FORMS = "YYYY-MM-DD (2027-01-15), 15 Jan 2027 or January 15, 2027"
"""The ways of writing a date that every setting accepts (for hints and placeholders)."""


def parse_date(raw: str, *, month_first: bool = True) -> date | None:
    """A typed date (None when blank); ValueError says how to write it.

    ISO (2027-01-15) and written forms (15 Jan 2027, January 15, 2027, with or without the
    weekday) are read the same everywhere. Slashed dates follow ``month_first``: 1/15/2027 as
    US schools write them, or 15/1/2027 when it is off.
    """
    raw = raw.strip()
    if not raw:
        return None
    try:
        iso = date.fromisoformat(raw)
    except ValueError:
        pass
    else:
        return _in_range(raw, iso)
    text = " ".join(raw.lower().replace(",", ", ").split())
    first, _, rest = text.partition(" ")
    if first.rstrip(",") in _WEEKDAYS and rest:
        text = rest  # "Friday 15 January 2027": the weekday is checked by the reading, not needed
    if match := _SLASHED.fullmatch(text):
        a, b, year = match.groups()
        month, day = (a, b) if month_first else (b, a)
        if int(month) > 12 >= int(day):
            month, day = day, month  # 31/3/2027 can only be day first, whichever way she reads them
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        return _checked(raw, full_year, int(month), int(day), month_first, slashed=True)
    for pattern, (d, m, y) in _WRITTEN:
        if match := pattern.fullmatch(text):
            month_name = match.group(m)
            if month_name not in _MONTHS:
                raise ValueError(f"“{raw}” is not a date: there is no month called “{month_name}”")
            return _checked(raw, int(match.group(y)), _MONTHS[month_name], int(match.group(d)), month_first)
    raise ValueError(f"“{raw}” is not a date: {_date_reason(raw, month_first)}")


def _checked(raw: str, year: int, month: int, day: int, month_first: bool, *, slashed: bool = False) -> date:
    try:
        value = date(year, month, day)
    except ValueError:
        reason = _impossible(year, month, day, month_first, slashed=slashed)
        raise ValueError(f"“{raw}” is not a date: {reason}") from None
    return _in_range(raw, value)


def _in_range(raw: str, value: date) -> date:
    if not plausible_day(value):
        raise ValueError(f"“{raw}” is too far away: type a date from {FIRST_YEAR} to {LAST_YEAR}")
    return value


_TIME = re.compile(r"(\d{1,2})(?:[:.h]?(\d{2})|(h))?\s*(?:([ap])\.?\s*m?\.?)?")


def parse_time(raw: str) -> time | None:
    """A typed time of day (None when blank): 7:45, 07:45, 19:05, 7.45, 0800, 19h, 7:45 am, 2:30 pm, 3pm.

    ValueError says how to write it: a time is never guessed from something it cannot read.
    """
    text = " ".join(raw.strip().lower().split())
    if not text:
        return None
    match = _TIME.fullmatch(text)
    if match is not None:
        hour, minute, half = int(match[1]), int(match[2] or 0), match[4]
        if half is not None and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)
        elif half is not None or (match[2] is None and match[3] is None):
            hour = -1  # 13pm, or a bare 7 (morning or evening?)
        if 0 <= hour <= 23 and 0 <= minute <= 59:
            return time(hour, minute)
    raise ValueError(f"“{raw.strip()}” is not a time: type it like 07:45, 15:30 or 2:30 pm")


def date_reading(value: date) -> str:
    """How letstalk read a date, in words: ``Friday 15 January 2027``."""
    return f"{calendar.day_name[value.weekday()]} {value.day} {calendar.month_name[value.month]} {value.year}"


def _impossible(year: int, month: int, day: int, month_first: bool = True, *, slashed: bool = False) -> str:
    if year < 1:
        return "there is no year 0; type the year in full, for example 2026"
    if not 1 <= month <= 12 and slashed:
        order = "month first (1/15/2027)" if month_first else "day first (15/1/2027)"
        return f"there is no month {month}; months go from 1 to 12 (slashed dates are read {order})"
    if not 1 <= month <= 12:
        return f"there is no month {month}; months go from 01 to 12"
    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has {days} days"


def _date_reason(raw: str, month_first: bool = True) -> str:
    # A well-formed but impossible date (2026-02-30) deserves the real reason, not the format.
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return _impossible(year, month, day, month_first)
    return f"type it as {DATE_FORMS}"
