"""A cohort: the facilitator's ``cohort.toml`` with session dates, places and the roster.

The content has no dates; the facilitator sets them here. A participant joins by pointing her
workbook at the file (``meta.cohort``), so the app can show which session comes next.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, ValidationError

from letstalk.errors import LetsTalkError
from letstalk.files import small, toml
from letstalk.files.atomic import write_atomic
from letstalk.files.describe import describe_validation_error
from letstalk.model import Name, Progress, Record, Ref, Workbook, parse_date
from letstalk.text import has_control, printable

COHORT_FILE = "cohort.toml"
COHORT_SCHEMA = 1
SESSION_IDS = (
    "visioning",
    "relationships",
    "coaching",
    "communication",
    "innovation",
    "influence",
    "promotion",
    "opportunity",
)
"""The eight "On the Leading Edge" sessions, in order: the keys of ``[sessions]``."""
DEFAULT_PACKS = ["lets-talk", "leading-edge", "growth-rubric"]

HEADER = """\
# letstalk cohort file. Edit it in any text editor, then check it with `letstalk cohort check`.
# Remove the # in front of a line to use it.

"""


def skeleton(name: str, facilitator: str = "") -> str:
    """The text of a new cohort file: every field as a commented line, in the order it is filled in."""
    lines = [HEADER.rstrip("\n"), "", "schema_version = 1", f"name = {_quoted(name)}"]
    lines.append(f"facilitator = {_quoted(facilitator)}" if facilitator else '# facilitator = "Your name"')
    lines.append(f"packs = {_quoted_list(DEFAULT_PACKS)}")
    for key in SESSION_IDS:
        lines += [
            "",
            f"[sessions.{key}]",
            "# date = 2027-02-12",
            '# time = "16:00-17:30"',
            '# place = "District office, room 4"',
        ]
    lines += [
        "",
        "# The roster: one [[roster]] table per participant. `file` is the name her hand-in will have",
        "# (letstalk handin names it so when her name matches `name`).",
        "# [[roster]]",
        '# name = "Ana Ruiz"',
        '# school = "Hillside Middle School"',
        '# file = "ana-ruiz.toml"',
    ]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _quoted_list(items: list[str]) -> str:
    return "[" + ", ".join(_quoted(item) for item in items) + "]"


class CohortError(LetsTalkError):
    """A cohort file that cannot be read, validated or written."""


MISSING = "create one with `letstalk cohort new DIR --name NAME`"


class Session(Record):
    """When and where one session meets."""

    date: dt.date | None = Field(default=None, description="The day it meets, such as 2027-02-12.")
    time: Name = Field(default="", description="When it meets that day, such as '16:00-17:30'.")
    place: Name = Field(default="", description="Where it meets.")


def _file_name(value: str) -> str:
    if not re.fullmatch(r"[^/\\]+\.toml", value) or value.startswith("."):
        raise ValueError("a file name ending in .toml, with no folder in it, such as ana-ruiz.toml")
    if has_control(value) or "\n" in value or "\t" in value:
        raise ValueError("a file name with no control characters, line breaks or tabs, such as ana-ruiz.toml")
    lowered = value.lower()
    if lowered.endswith(".feedback.toml") or lowered in (COHORT_FILE, ATTENDANCE_FILE):
        raise ValueError(f"{value} is the name of one of the facilitator's own files; use the participant's name")
    return value


class Member(Record):
    """One participant on the roster."""

    name: Name = Field(min_length=1, description="Her name.")
    school: Name = Field(default="", description="Her school.")
    file: Annotated[str, AfterValidator(_file_name)] = Field(
        max_length=200,
        description="The file name her workbook will have in the review folder, such as ana-ruiz.toml.",
    )


class Cohort(Record):
    """The ``cohort.toml`` file."""

    schema_version: int = Field(
        default=COHORT_SCHEMA, ge=1, le=COHORT_SCHEMA, description="Cohort file format version."
    )
    name: Name = Field(min_length=1, description="The cohort's name, such as 'Region 20 library leaders 2027'.")
    facilitator: Name = Field(default="", description="Who runs the sessions.")
    packs: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PACKS), description="Ids of the content packs the cohort uses."
    )
    sessions: dict[str, Session] = Field(
        default_factory=dict, description="Date and place per session, keyed by section id."
    )
    roster: list[Member] = Field(default_factory=list, description="The participants.")

    def member_for(self, file_name: str) -> Member | None:
        """The roster member whose workbook has this file name."""
        return next((m for m in self.roster if m.file == file_name), None)


@dataclass
class CohortCheck:
    """What could be read of a cohort file, and every problem in it (each one line)."""

    path: Path
    cohort: Cohort | None
    problems: list[str]


_BARE_DATE = re.compile(r"^(?P<key>\s*[A-Za-z0-9_\"-]+\s*=\s*)(?P<date>\d{4}-\d{2}-\d{2})\s*(?:#.*)?$", re.M)


_TABLE = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+", re.M)


def _bad_dates(text: str, path: Path) -> tuple[str, list[str]]:
    """Impossible dates (``2026-13-16``) named as dates, and left out so the rest can be read.

    TOML itself rejects them with a syntax message about the line; a facilitator needs to hear
    that it is the date, and which.
    """
    problems: list[str] = []

    def check(match: re.Match[str]) -> str:
        try:
            parse_date(match["date"])
        except ValueError as exc:
            line = text.count("\n", 0, match.start()) + 1
            key = match["key"].split("=")[0].strip()
            tables = _TABLE.findall(text, 0, match.start())
            place = f"{tables[-1]}.{key}" if tables else key
            problems.append(str(CohortError(path, f"{exc}; write the date as YYYY-MM-DD", f"line {line}: {place}")))
            return f"# {match[0].strip()}"
        return match[0]

    return _BARE_DATE.sub(check, text), problems


def _errors(exc: ValidationError, model: type[BaseModel], prefix: str) -> list[str]:
    """Every problem of a validation error as ``place: message``, none left out."""
    out = []
    for err in exc.errors(include_url=False):
        single = ValidationError.from_exception_data(exc.title, [err])  # type: ignore[list-item]  # pydantic types it as InitErrorDetails; an ErrorDetails is what it reads
        where, message = describe_validation_error(single, model)
        if message == "this field is required" and prefix.endswith(": "):  # "roster entry 2 (Ben): file is required"
            out.append(f"{prefix}{where} is required")
        else:
            out.append(f"{prefix}{where}: {message}" if where else f"{prefix.rstrip('. :')}: {message}")
    return out


def check_cohort(path: Path) -> CohortCheck:
    """Read a cohort file, keeping what is valid and listing every problem, each named by its place."""
    try:
        text = toml.decode(toml.read_bytes(path, CohortError, missing=MISSING), path, CohortError)
    except CohortError as exc:
        return CohortCheck(path, None, [str(exc)])
    text, problems = _bad_dates(text, path)
    try:
        data = toml.parse(text, path, CohortError, kind="cohort file")
    except CohortError as exc:
        return CohortCheck(path, None, [*problems, str(exc)])
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > COHORT_SCHEMA:
        message = (
            f"written by a newer letstalk (schema {version}; this one reads up to {COHORT_SCHEMA}); update letstalk"
        )
        return CohortCheck(path, None, [str(CohortError(path, message, "schema_version"))])
    found: list[str] = []
    sessions: dict[str, Session] = {}
    raw_sessions = data.pop("sessions", {})
    for key, value in raw_sessions.items() if isinstance(raw_sessions, dict) else []:
        if key not in SESSION_IDS:
            found.append(f"sessions.{key}: not a session; use one of {', '.join(SESSION_IDS)}")
            continue
        try:
            sessions[key] = Session.model_validate(value)
        except ValidationError as exc:
            found += _errors(exc, Session, f"sessions.{key}.")
    if not isinstance(raw_sessions, dict):
        found.append("sessions: give each session a table, such as [sessions.visioning]")
    roster: list[Member] = []
    raw_roster = data.pop("roster", [])
    for index, value in enumerate(raw_roster if isinstance(raw_roster, list) else [], 1):
        named = value.get("name") if isinstance(value, dict) else None
        label = f"roster entry {index}" + (f" ({printable(named)})" if isinstance(named, str) and named else "")
        try:
            member = Member.model_validate(value)
        except ValidationError as exc:
            found += _errors(exc, Member, f"{label}: ")
            continue
        if any(m.file == member.file for m in roster):
            found.append(f"{label}: file {member.file} is on the roster twice; give each participant her own file")
            continue
        roster.append(member)
    if not isinstance(raw_roster, list):
        found.append("roster: a list of participants, such as [[roster]] tables")
    fallback = path.parent.name or "cohort"
    try:
        cohort = Cohort.model_validate(data)
    except ValidationError as exc:
        found += _errors(exc, Cohort, "")
        broken = {err["loc"][0] for err in exc.errors() if err["loc"]}
        kept = {key: value for key, value in data.items() if key not in broken}
        try:
            cohort = Cohort.model_validate({"name": fallback, **kept})
        except ValidationError:
            cohort = Cohort(name=fallback)
    cohort = cohort.model_copy(update={"sessions": sessions, "roster": roster})
    problems += [str(CohortError(path, line)) for line in found]
    return CohortCheck(path, cohort, problems)


def load_cohort(path: Path) -> Cohort:
    """Read and validate a cohort file, or raise a one-line :class:`CohortError` (the first problem)."""
    checked = check_cohort(path)
    if checked.problems or checked.cohort is None:
        first = checked.problems[0] if checked.problems else f"{path}: cannot be read"
        more = len(checked.problems) - 1
        raise CohortError(None, first + (f" ({more} more; run `letstalk cohort check {path}`)" if more > 0 else ""))
    return checked.cohort


def save_cohort(cohort: Cohort, path: Path) -> None:
    """Write a cohort file atomically, with the how-to header."""
    small.write(path, cohort, HEADER)


def new_cohort(folder: Path, name: str, facilitator: str = "") -> Path:
    """Create ``folder/cohort.toml`` with the eight sessions to fill in; refuses to replace one."""
    path = folder / COHORT_FILE
    if path.exists():
        raise CohortError(path, "a cohort file already exists here; edit it, or choose another folder")
    try:
        cohort = Cohort(name=name, facilitator=facilitator)  # checked (and cleaned) before anything is written
    except ValidationError as exc:
        where, message = describe_validation_error(exc, Cohort)
        raise CohortError(path, f"--{where}: {message}") from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CohortError(folder, f"cannot create the folder: {exc.strerror or exc}") from None
    write_atomic(path, skeleton(cohort.name, cohort.facilitator).encode("utf-8"), backup=False)
    return path


def join(workbook: Workbook, cohort_path: Path, workbook_path: Path | None = None) -> Cohort:
    """Link a workbook to a cohort file (checked first); the caller saves the workbook.

    When one of the two folders holds the other (a shared or synced folder tree), the link is
    kept relative to the workbook, so it survives the tree moving; otherwise it is absolute.
    """
    cohort = load_cohort(cohort_path)
    target = cohort_path.expanduser().resolve()
    link = str(target)
    if workbook_path is not None:
        home = workbook_path.expanduser().resolve().parent
        if target.is_relative_to(home) or home.is_relative_to(target.parent):
            link = os.path.relpath(target, home)
    workbook.meta.cohort = link
    return cohort


def cohort_problem(workbook: Workbook, workbook_path: Path, exc: LetsTalkError) -> str:
    """The Home line when her cohort file cannot be read: which file, and what to do."""
    path = Path(workbook.meta.cohort or "").expanduser()
    if not path.is_absolute():
        path = workbook_path.parent / path
    if not path.exists():
        return (
            f"Cohort file not found: {path}. Ask your facilitator for it and run "
            "`letstalk cohort join COHORT_TOML` again."
        )
    return f"Cohort file has a problem: {exc}. Tell your facilitator; the rest of letstalk works as usual."


def cohort_of(workbook: Workbook, workbook_path: Path | None = None) -> Cohort | None:
    """The cohort a workbook joined, or None; a cohort file gone or broken raises :class:`CohortError`.

    A relative ``meta.cohort`` (typed by hand) is taken from the workbook's own folder.
    """
    if not workbook.meta.cohort:
        return None
    path = Path(workbook.meta.cohort).expanduser()
    if not path.is_absolute() and workbook_path is not None:
        path = workbook_path.parent / path
    return load_cohort(path)


def next_session(cohort: Cohort, today: dt.date) -> tuple[str, dt.date, str] | None:
    """The first dated session on or after ``today``: (section id, date, place), or None."""
    dated = [(session.date, key, session.place) for key, session in cohort.sessions.items() if session.date is not None]
    upcoming = sorted(entry for entry in dated if entry[0] >= today)
    if not upcoming:
        return None
    when, key, place = upcoming[0]
    return key, when, place


def session_dates(cohort: Cohort) -> dict[str, tuple[dt.date, str]]:
    """The dated sessions: section id -> (day, place), for the plan's calendar."""
    return {key: (s.date, s.place) for key, s in cohort.sessions.items() if s.date is not None}


def short_title(title: str) -> str:
    """``Communication`` from ``On the Leading Edge of Communication``."""
    return title.removeprefix("On the Leading Edge of ")


def session_line(label: str, title: str, when: dt.date, progress: Progress | None = None, status: str = "") -> str:
    """The Home line: ``Session 4 · Communication · 12 Feb · In progress 3/6``."""
    parts = [label, short_title(title), f"{when.day} {when:%b}"]
    if progress is not None:
        parts.append(f"{status} {progress}".strip())
    return " · ".join(parts)


# -- attendance: the facilitator's own file, never a participant's ------------------------------

ATTENDANCE_FILE = "attendance.toml"
ATTENDANCE_HEADER = "# Who came to each session: written by `letstalk review` (key a on a session cell).\n\n"


class Attendance(Record):
    """Who attended each session: per session id, the people's keys (their roster file names)."""

    schema_version: int = Field(default=1, ge=1, le=1, description="Attendance file format version.")
    sessions: dict[str, list[Ref]] = Field(
        default_factory=dict, description="Per session id, the keys of those who attended, in the order marked."
    )

    def attended(self, session_id: str, person: str) -> bool:
        """Whether the person with this key came to the session."""
        return person in self.sessions.get(session_id, [])

    def toggle(self, session_id: str, person: str) -> bool:
        """Mark or unmark one person at one session. Returns whether she is now marked as attended."""
        present = self.sessions.setdefault(session_id, [])
        if person in present:
            present.remove(person)
            if not present:
                del self.sessions[session_id]
            return False
        present.append(person)
        return True


def attendance_path(folder: Path) -> Path:
    """The attendance file in the facilitator's folder (the review folder, or ``--feedback DIR``)."""
    return folder / ATTENDANCE_FILE


def load_attendance(path: Path) -> Attendance:
    """Read the attendance file (none yet is an empty one), or raise a one-line :class:`CohortError`."""
    if not path.exists():
        return Attendance()
    data = small.read(path, CohortError, "")
    return small.validate(Attendance, data, path, CohortError)


def save_attendance(attendance: Attendance, path: Path) -> None:
    """Write the attendance file atomically (never a participant's file: the name is fixed)."""
    small.write(path, attendance, ATTENDANCE_HEADER)
