"""A cohort: the facilitator's ``cohort.toml`` with session dates, places and the roster.

The content has no dates; the facilitator sets them here. A participant joins by pointing her
workbook at the file (``meta.cohort``), so the app can show which session comes next.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from letstalk.errors import LetsTalkError
from letstalk.files import small
from letstalk.model import Name, Progress, Record, Workbook

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
# letstalk cohort file. Edit it in any text editor, then check it with `letstalk review DIR`.
# Give each session a date and a place, for example:
#   [sessions.visioning]
#   date = 2027-02-12
#   place = "District office, room 4"
# List each participant on the roster with the file name her workbook will have:
#   roster = [
#       { name = "Ana Ruiz", school = "Hillside Middle School", file = "ana-ruiz.toml" },
#   ]

"""


class CohortError(LetsTalkError):
    """A cohort file that cannot be read, validated or written."""


class Session(Record):
    """When and where one session meets."""

    date: dt.date | None = Field(default=None, description="The day it meets, such as 2027-02-12.")
    place: Name = Field(default="", description="Where it meets.")


class Member(Record):
    """One participant on the roster."""

    name: Name = Field(min_length=1, description="Her name.")
    school: Name = Field(default="", description="Her school.")
    file: str = Field(
        pattern=r"^[^/\\]+\.toml$",
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


def load_cohort(path: Path) -> Cohort:
    """Read and validate a cohort file, or raise a one-line :class:`CohortError`."""
    data = small.read(path, CohortError, "create one with `letstalk cohort new DIR --name NAME`")
    cohort = small.validate(Cohort, data, path, CohortError)
    for key in cohort.sessions:
        if key not in SESSION_IDS:
            raise CohortError(path, f"not a session; use one of {', '.join(SESSION_IDS)}", f"sessions.{key}")
    seen: set[str] = set()
    for index, member in enumerate(cohort.roster):
        if member.file in seen:
            raise CohortError(
                path,
                f"{member.file} is on the roster twice; give each participant her own file",
                f"roster[{index}].file",
            )
        seen.add(member.file)
    return cohort


def save_cohort(cohort: Cohort, path: Path) -> None:
    """Write a cohort file atomically, with the how-to header."""
    small.write(path, cohort, HEADER)


def new_cohort(folder: Path, name: str, facilitator: str = "") -> Path:
    """Create ``folder/cohort.toml`` with the eight sessions to fill in; refuses to replace one."""
    path = folder / COHORT_FILE
    if path.exists():
        raise CohortError(path, "a cohort file already exists here; edit it, or choose another folder")
    cohort = Cohort(name=name, facilitator=facilitator, sessions={key: Session() for key in SESSION_IDS})
    save_cohort(cohort, path)
    return path


def join(workbook: Workbook, cohort_path: Path) -> Cohort:
    """Link a workbook to a cohort file (checked first); the caller saves the workbook."""
    cohort = load_cohort(cohort_path)
    workbook.meta.cohort = str(cohort_path.expanduser().resolve())
    return cohort


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


def short_title(title: str) -> str:
    """``Communication`` from ``On the Leading Edge of Communication``."""
    return title.removeprefix("On the Leading Edge of ")


def session_line(label: str, title: str, when: dt.date, progress: Progress | None = None, status: str = "") -> str:
    """The Home line: ``Session 4 · Communication · 12 Feb · In progress 3/6``."""
    parts = [label, short_title(title), f"{when.day} {when:%b}"]
    if progress is not None:
        parts.append(f"{status} {progress}".strip())
    return " · ".join(parts)
