"""Scanning a review folder: list its workbooks, read or reuse their summaries, match them to the roster."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from letstalk.cohort import COHORT_FILE, CohortError, load_cohort
from letstalk.content import Library
from letstalk.feedback import FEEDBACK_SUFFIX
from letstalk.review.entries import Entry, Participant, Review
from letstalk.review.scope import Progressed, ReviewError, Scope
from letstalk.text import shown_path


def workbook_files(folder: Path) -> list[tuple[str, int, int]]:
    """(name, size, mtime_ns) of each workbook in the folder: its cohort and sidecar files left out."""
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise ReviewError(folder, f"cannot read the folder: {exc.strerror or exc}") from None
    found = []
    for path in entries:
        name = path.name
        if not name.endswith(".toml") or name == COHORT_FILE or name.endswith(FEEDBACK_SUFFIX) or name.startswith("."):
            continue
        try:
            st = path.stat()
        except OSError:
            continue  # gone since the listing: it is simply not there
        if path.is_file():
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
) -> Review:
    """Review every workbook in ``folder``: read from the cache where unchanged, in parallel when many."""
    from letstalk.review.cache import summaries

    if not folder.is_dir():
        raise ReviewError(folder, "not a folder; give the folder that holds the participants' workbook files")
    if library is None:
        from letstalk.content import load_library

        library = load_library()
    scope = Scope.from_library(library)
    cohort, cohort_error = None, ""
    if (folder / COHORT_FILE).exists():
        try:
            cohort = load_cohort(folder / COHORT_FILE)
        except CohortError as exc:
            cohort_error = str(exc)
    entries = summaries(folder, workbook_files(folder), scope, cache_dir=cache_dir, workers=workers, progress=progress)
    review = Review(folder, scope, [], cohort, cohort_error, stale_days, now or datetime.now(UTC))
    review.participants = _participants(entries, review)
    return review


def _participants(entries: list[Entry], review: Review) -> list[Participant]:
    cohort = review.cohort
    cutoff = review.now - timedelta(days=review.stale_days)
    rows = []
    for entry in entries:
        member = cohort.member_for(entry.file) if cohort else None
        name = entry.owner or (member.name if member else "") or shown_path(Path(entry.file).stem)
        school = entry.school or (member.school if member else "")
        stale = entry.state == "ok" and entry.updated is not None and entry.updated < cutoff
        rows.append(Participant(name, school, entry.file, entry.state, entry, stale, member is not None))
    present = {entry.file for entry in entries}
    for member in cohort.roster if cohort else []:
        if member.file not in present:
            rows.append(Participant(member.name, member.school, member.file, "missing", on_roster=True))
    return sorted(rows, key=lambda p: (p.name.casefold(), p.file))
