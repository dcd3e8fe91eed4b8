"""Scanning a review folder: list its workbooks, read or reuse their summaries, match them to the roster."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from letstalk.cohort import (
    ATTENDANCE_FILE,
    COHORT_FILE,
    Cohort,
    CohortError,
    Member,
    attendance_path,
    check_cohort,
    load_attendance,
)
from letstalk.content import Library
from letstalk.feedback import FEEDBACK_SUFFIX
from letstalk.review.entries import Entry, Participant, Review
from letstalk.review.scope import Progressed, ReviewError, Scope
from letstalk.text import shown_path

FACILITATOR_FILES = frozenset({COHORT_FILE, ATTENDANCE_FILE})
"""The facilitator's own files that may sit in a review folder: never read as hand-ins."""


def workbook_files(folder: Path) -> list[tuple[str, int, int]]:
    """(name, size, mtime_ns) of each workbook in the folder: its cohort and sidecar files left out."""
    # scandir knows each entry's type from the listing: one stat a workbook, not two, and no Path.
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as exc:
        raise ReviewError(folder, f"cannot read the folder: {exc.strerror or exc}") from None
    found = []
    for entry in entries:
        name = entry.name
        if (
            not name.endswith(".toml")
            or name in FACILITATOR_FILES
            or name.endswith(FEEDBACK_SUFFIX)
            or name.startswith(".")
        ):
            continue
        try:
            if not entry.is_file():  # a link counts by what it points at, as it did with Path.is_file
                continue
            st = entry.stat()
        except OSError:
            continue  # gone since the listing: it is simply not there
        found.append((name, st.st_size, st.st_mtime_ns))
    return sorted(found)


def scan(
    folder: Path,
    *,
    library: Library | None = None,
    cache_dir: Path | None = None,
    stale_days: int = 14,
    workers: int | None = None,
    progress: Progressed | None = None,
    now: datetime | None = None,
    facilitator_dir: Path | None = None,
) -> Review:
    """Review every workbook in ``folder``: read from the cache where unchanged, in parallel when many."""
    from letstalk.review.cache import summaries

    if not folder.is_dir():
        raise ReviewError(folder, "not a folder; give the folder that holds the participants' workbook files")
    if library is None:
        from letstalk.content import load_library

        library = load_library()
    scope = Scope.from_library(library)
    cohort, cohort_problems = None, []
    if (folder / COHORT_FILE).exists():
        checked = check_cohort(folder / COHORT_FILE)
        cohort, cohort_problems = checked.cohort, checked.problems
    review = Review(folder, scope, [], cohort, cohort_problems, stale_days, now or datetime.now(UTC))
    with _collector_paused():
        files = workbook_files(folder)
        entries = summaries(folder, files, scope, cache_dir=cache_dir, workers=workers, progress=progress)
        review.participants = _participants(entries, review)
    review.attendance_file = attendance_path(facilitator_dir or folder)
    try:
        review.attendance = load_attendance(review.attendance_file)
    except CohortError as exc:
        review.attendance_problems = [f"{exc}; attendance is not saved until it is fixed"]
    return review


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a review's entries are built.

    A review of 10,000 hand-ins makes about a million objects that all stay alive; every
    generation-2 pass of the collector walks all of them again, which was two thirds of a warm
    review (1.4 s, 0.45 s without). Nothing built here is a cycle waiting to be freed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _newest_first(entry: Entry) -> tuple[float, int]:
    return (-(entry.when.timestamp() if entry.when else 0.0), -entry.mtime_ns)


def _person(entry: Entry) -> str:
    """Owner and school, folded: who a file without a participant id belongs to."""
    return f"{entry.owner.strip().casefold()}|{entry.school.strip().casefold()}"


def group(entries: list[Entry]) -> list[list[Entry]]:
    """Files grouped by person, newest first in each group: one group per participant id.

    A readable file without an id (an older letstalk) joins the group whose newest file has the
    same owner and school, else groups with others of that owner and school; an unreadable file
    is a group of its own.
    """
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.state == "ok" and entry.participant:
            groups.setdefault(f"id:{entry.participant}", []).append(entry)
    # Most people have one file: no sort key for them (a datetime's timestamp is slow at 10,000).
    by_person = {_person(g[0] if len(g) == 1 else min(g, key=_newest_first)): key for key, g in groups.items()}
    for entry in entries:
        if entry.state == "ok" and entry.participant:
            continue
        if entry.state == "ok" and entry.owner.strip():
            key = by_person.setdefault(_person(entry), f"name:{_person(entry)}")
        else:
            key = f"file:{entry.file}"
        groups.setdefault(key, []).append(entry)
    return [g if len(g) == 1 else sorted(g, key=_newest_first) for g in groups.values()]


def _participants(entries: list[Entry], review: Review) -> list[Participant]:
    cohort = review.cohort
    cutoff = review.now - timedelta(days=review.stale_days)
    rows = []
    used: set[str] = set()
    for files in group(entries):
        entry, older = files[0], files[1:]
        member = _member(cohort, files, used)
        if member is not None:
            used.add(member.file)
        name = entry.owner or (member.name if member else "") or shown_path(Path(entry.file).stem)
        school = entry.school or (member.school if member else "")
        stale = entry.state == "ok" and entry.updated is not None and entry.updated < cutoff
        key = member.file if member else (entry.participant or entry.file)
        rows.append(Participant(name, school, entry.file, entry.state, entry, stale, member is not None, older, key))
    for member in cohort.roster if cohort else []:
        if member.file not in used:
            rows.append(
                Participant(member.name, member.school, member.file, "missing", on_roster=True, key=member.file)
            )
    return sorted(rows, key=lambda p: (p.name.casefold(), p.file))


def _member(cohort: Cohort | None, files: list[Entry], used: set[str]) -> Member | None:
    """Her roster entry: the one named by any of her files, else the one with her name."""
    if cohort is None:
        return None
    for entry in files:
        member = cohort.member_for(entry.file)
        if member is not None and member.file not in used:
            return member
    owner = files[0].owner.strip().casefold()
    if not owner:
        return None
    return next((m for m in cohort.roster if m.name.strip().casefold() == owner and m.file not in used), None)
