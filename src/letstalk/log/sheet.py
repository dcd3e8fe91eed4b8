"""The log in and out of spreadsheets: read a CSV (a spreadsheet or a Google Forms export), write rows.

Reading never changes the log: :func:`read_csv` returns an :class:`Import` saying what would be
added, what is already there and what cannot be read (row and reason); :func:`apply` adds it.
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from letstalk.errors import LetsTalkError
from letstalk.files.toml import read_bytes
from letstalk.log.queries import grade_key, person_key
from letstalk.model import MAX_TEXT, CollabLog, LogEntry, LogKind

FIELDS = ("on", "teachers", "grade", "subject", "kind", "what", "students", "evidence", "goal", "private")
"""The entry fields a column can fill (``--map column=field``)."""

HEADER = ("Date", "Teachers", "Grade or course", "Subject", "Kind", "What we did", "Students", "Evidence", "Goal")
"""The columns :func:`rows` writes (and :func:`read_csv` reads back)."""

# Column names people and forms use, after lower-casing and dropping punctuation.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "on": ("date", "day", "when", "date of collaboration", "on", "timestamp"),
    "teachers": ("teacher", "teachers", "teacher s", "teacher name", "partner", "partners", "collaborator", "with"),
    "grade": ("grade", "grade or course", "grade course", "grade level", "course", "class"),
    "subject": ("subject", "content area", "subject area"),
    "kind": ("kind", "type", "activity type", "collaboration type", "kind of collaboration"),
    "what": ("what", "what we did", "description", "activity", "lesson", "title", "summary", "focus"),
    "students": ("students", "students reached", "number of students", "students served", "student count"),
    "evidence": ("evidence", "outcome", "evidence or outcome", "outcomes", "impact", "notes", "result"),
    "goal": ("goal", "plan goal", "linked goal"),
    "private": ("private", "just for me"),
}
_COLUMN = {name: target for target, names in _SYNONYMS.items() for name in names}
# When no name matches exactly, a word in it decides (Forms questions are long: "Type of collaboration").
_COLUMN_WORDS = (
    ("private", "private"),
    ("student", "students"),
    ("teacher", "teachers"),
    ("date", "on"),
    ("grade", "grade"),
    ("course", "grade"),
    ("subject", "subject"),
    ("type", "kind"),
    ("kind", "kind"),
    ("evidence", "evidence"),
    ("outcome", "evidence"),
    ("impact", "evidence"),
    ("goal", "goal"),
    ("what", "what"),
    ("description", "what"),
    ("activity", "what"),
    ("lesson", "what"),
)


def _field_of(name: str) -> str | None:
    if name in _COLUMN:
        return _COLUMN[name]
    words = name.split()
    return next((target for word, target in _COLUMN_WORDS if any(w.startswith(word) for w in words)), None)


_KIND_WORDS = (
    ("plan", LogKind.CO_PLANNED),
    ("taught", LogKind.CO_TAUGHT),
    ("teach", LogKind.CO_TAUGHT),
    ("resource", LogKind.RESOURCES),
    ("curat", LogKind.RESOURCES),
    ("professional", LogKind.LEARNING),
    ("workshop", LogKind.LEARNING),
    ("training", LogKind.LEARNING),
    ("event", LogKind.EVENT),
    ("program", LogKind.EVENT),
    ("other", LogKind.OTHER),
)
_MONTH_NAMES: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august")
_MONTH_NAMES += ("september", "october", "november", "december")
_MONTHS = {name: n for n, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3], full[:4])}
_TRUE = {"yes", "y", "true", "t", "1", "x", "[x]", "on", "checked", "private", "just for me", "✓", "✔", "☑"}
_FALSE = {"", "no", "n", "false", "f", "0", "[ ]", "[]", "off", "unchecked", "public", "not private", "-", "☐"}
"""How a spreadsheet or a Forms checkbox says yes and no; anything else in the private column is a row to fix."""


class SheetError(LetsTalkError):
    """A spreadsheet that cannot be read at all (not a CSV, no header, no date or what column)."""


def column_name(raw: str) -> str:
    """A header cell as matched: lower case, punctuation as spaces (``Teacher(s)`` -> ``teacher s``)."""
    return " ".join(re.sub(r"[^\w]+", " ", raw.casefold()).split())


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``--map "Teacher name=teachers"`` pairs as {column: field}; ValueError says what is wrong."""
    mapping = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip() or target.strip() not in FIELDS:
            raise ValueError(f"--map {pair!r}: write COLUMN=FIELD, where FIELD is one of {', '.join(FIELDS)}")
        mapping[column_name(column)] = target.strip()
    return mapping


def parse_day(raw: str, day_first: bool = False) -> date:
    """A date as spreadsheets write it: ISO, 3/14/2026 (or 14/3/2026 day first), 14 March 2026, a Forms timestamp."""
    text = raw.strip()
    try:
        return _day(text, day_first)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it like 2026-03-14 or 3/14/2026") from None


def _day(text: str, day_first: bool) -> date:
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$", text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T].*)?$", text)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
        year += 2000 if year < 100 else 0
        month, day = (second, first) if day_first else (first, second)
        return date(year, month, day)
    words = re.findall(r"[a-z]+|\d+", text.casefold())
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    if len(months) == 1 and len(numbers) == 2:
        day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
        return date(year, months[0], day)
    raise ValueError(f"{text!r} is not a date; write it like 2026-03-14 or 3/14/2026")


def _kind(raw: str) -> LogKind:
    if not raw.strip():
        return LogKind.OTHER
    if (kind := LogKind.from_text(raw)) is not None:
        return kind
    lowered = raw.casefold()
    for word, kind in _KIND_WORDS:
        if word in lowered:
            return kind
    labels = ", ".join(k.label.lower() for k in LogKind)
    raise ValueError(f"kind {raw.strip()!r} is not one of: {labels}")


def _students(raw: str) -> int | None:
    match = re.fullmatch(r"\s*(\d[\d,]*)\s*(students?)?\s*", raw)
    if not raw.strip():
        return None
    if match is None:
        raise ValueError(f"students {raw.strip()!r} is not a number")
    return int(match[1].replace(",", ""))


def _private(raw: str) -> bool:
    said = " ".join(raw.casefold().split())
    if said in _TRUE:
        return True
    if said in _FALSE:
        return False
    # Never guess "not private": an entry she meant to keep to herself would go out in every export.
    raise ValueError(f"just for me {raw.strip()!r} is neither yes nor no; write yes, or leave it empty")


def _unformula(text: str) -> str:
    # our own CSV export defuses formulas with a leading apostrophe: take it off again
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


def split_teachers(raw: str) -> list[str]:
    """``Ms Lee; Mr Park & Ana`` -> three names (Forms join checkboxes with ", ")."""
    parts = re.split(r"\s*(?:[;,/&]|\band\b)\s*", raw.strip())
    return [" ".join(p.split()) for p in parts if p.strip()]


def fingerprint(entry: LogEntry) -> tuple[Any, ...]:
    """What makes two entries the same collaboration: day, kind, teachers, grade and what was done."""
    return (
        entry.on,
        entry.kind,
        tuple(sorted(person_key(t) for t in entry.teachers)),
        grade_key(entry.grade),
        person_key(entry.what),
    )


@dataclass
class Import:
    """What reading a CSV found: entries to add, rows already in the log, rows it could not read."""

    columns: dict[str, str] = field(default_factory=dict)
    """Header as written -> the field it fills."""
    ignored: list[str] = field(default_factory=list)
    """Header cells no field matched."""
    new: list[tuple[int, LogEntry]] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def decode(data: bytes, path: Path) -> str:
    """CSV bytes as text: UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise SheetError(path, "this is not a text CSV file; save the spreadsheet as CSV (UTF-8)") from None


def read_csv(
    text: str, log: CollabLog, path: Path, mapping: Mapping[str, str] | None = None, *, day_first: bool = False
) -> Import:
    """Plan an import of CSV ``text`` into ``log`` (which is not changed)."""
    if "\x00" in text:
        raise SheetError(path, "this is not a text CSV file; save the spreadsheet as CSV (UTF-8)")
    reader = csv.reader(io.StringIO(text, newline=""))
    limit = csv.field_size_limit(MAX_TEXT + 1)  # a cell as long as any text the log holds (csv's default is 128 KiB)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise SheetError(path, f"line {reader.line_num}: not a CSV row letstalk can read ({exc})") from None
    finally:
        csv.field_size_limit(limit)
    while records and not any(cell.strip() for cell in records[0]):
        records.pop(0)
    if not records:
        raise SheetError(path, "the file is empty; export the spreadsheet with its header row")
    found = Import()
    header = records[0]
    targets = _targets(header, {column_name(k): v for k, v in (mapping or {}).items()})
    found.columns = {header[i].strip(): t for i, t in sorted(targets.items())}
    found.ignored = [raw.strip() for i, raw in enumerate(header) if i not in targets and raw.strip()]
    missing = [name for name in ("on", "what") if name not in targets.values()]
    if missing:
        names = ", ".join(cell.strip() for cell in header if cell.strip())
        need = " and ".join({"on": "a date", "what": "what was done"}[m] for m in missing)
        raise SheetError(path, f"no column for {need} among: {names}; name one with --map, such as --map 'Lesson=what'")
    seen = {fingerprint(e) for e in log.entries}
    for number, record in enumerate(records[1:], 2):
        if not any(cell.strip() for cell in record):
            continue
        try:
            entry = _entry(record, targets, day_first)
        except ValueError as exc:
            found.problems.append((number, _reason(exc)))
            continue
        key = fingerprint(entry)
        if key in seen:
            found.duplicates.append(number)
            continue
        seen.add(key)
        found.new.append((number, entry))
    return found


def _targets(header: list[str], wanted: Mapping[str, str]) -> dict[int, str]:
    """Column index -> field: --map first, then known names; a Forms "Timestamp" only when no Date column."""

    def rank(index: int) -> tuple[int, int]:
        name = column_name(header[index])
        return (0 if name in wanted else 3 if name == "timestamp" else 1 if name in _COLUMN else 2, index)

    targets: dict[int, str] = {}
    for index in sorted(range(len(header)), key=rank):
        name = column_name(header[index])
        target = wanted.get(name) or _field_of(name)
        if target and target not in targets.values():
            targets[index] = target
    return targets


def _reason(exc: ValueError) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        return f"{where}: {error['msg'].removeprefix('Value error, ')}"
    return str(exc)


def _entry(record: list[str], targets: dict[int, str], day_first: bool) -> LogEntry:
    values: dict[str, Any] = {}
    for index, target in targets.items():
        raw = _unformula(record[index].strip()) if index < len(record) else ""
        if target == "on":
            if not raw:
                raise ValueError("no date")
            values["on"] = parse_day(raw, day_first)
        elif target == "teachers":
            values["teachers"] = split_teachers(raw)
        elif target == "kind":
            values["kind"] = _kind(raw)
        elif target == "students":
            values["students"] = _students(raw)
        elif target == "private":
            values["private"] = _private(raw)
        elif target == "goal":
            values["goal"] = raw or None
        elif target == "what":
            values["what"] = " ".join(raw.split())  # one line, even from a quoted multi-line cell
        else:
            values[target] = raw
    if not values.get("what"):
        raise ValueError("no text for what was done")
    return LogEntry(id="new", **values)


def guess_day_first(text: str) -> bool:
    """Whether the file's slashed dates are day first: some first part is over 12 and no second part is."""
    pairs = [(int(a), int(b)) for a, b in re.findall(r"\b(\d{1,2})/(\d{1,2})/\d{2,4}\b", text)]
    return any(a > 12 for a, _ in pairs) and not any(b > 12 for _, b in pairs)


def apply(log: CollabLog, found: Import) -> list[LogEntry]:
    """Add the import's new entries to the log, with fresh ids; returns them."""
    return [log.add(**entry.model_dump(exclude={"id"})) for _, entry in found.new]


def rows(entries: Iterable[LogEntry]) -> list[tuple[str, ...]]:
    """One row of plain text per entry, in :data:`HEADER` order (the caller leaves private ones out)."""
    return [
        (
            e.on.isoformat(),
            "; ".join(e.teachers),
            e.grade,
            e.subject,
            e.kind.label,
            e.what,
            "" if e.students is None else str(e.students),
            e.evidence,
            e.goal or "",
        )
        for e in entries
    ]


MAX_BYTES = 20_000_000
"""A larger CSV is not a log of collaborations; refusing it keeps memory in check."""


def read_source(path: Path) -> bytes:
    """A CSV file's bytes, with one-line errors for a missing, unreadable or far too large file (the one reader)."""
    try:
        info = path.stat()
    except OSError:
        info = None  # the reader names what is wrong
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
        raise SheetError(path, f"larger than {MAX_BYTES // 1_000_000} MB; split it into smaller files")
    return read_bytes(
        path,
        SheetError,
        missing="check the path (a CSV saved from the spreadsheet)",
        kind="CSV file",
        give="the CSV file saved from the spreadsheet",
    )


def report(found: Import, day_first: bool) -> list[str]:
    """What an import will do, in lines for the terminal."""
    columns = ", ".join(f"{column} → {target}" for column, target in found.columns.items())
    lines = [f"Columns: {columns}" + (f"; ignored: {', '.join(found.ignored)}" if found.ignored else "")]
    lines.append("Dates read day first (14/3/2026)." if day_first else "Dates read month first (3/14/2026).")
    lines.append(f"Will add {len(found.new)} entries:" if found.new else "Nothing new to add.")
    lines += [f"  row {number}: {entry.one_line()}" for number, entry in found.new]
    if found.duplicates:
        lines.append(f"Already in the log, skipped: rows {', '.join(str(n) for n in found.duplicates)}")
    if found.problems:
        lines.append(f"Cannot read {len(found.problems)} rows (fix them in the spreadsheet and import again):")
        lines += [f"  row {number}: {reason}" for number, reason in found.problems]
    return lines
