"""Hand-in copies: the file a participant sends her facilitator, with no private item in it.

The workbook itself never leaves her machine. :func:`make_copy` keeps what a facilitator may
read (non-private answers, statuses, ratings, the plan, the log, the profile), drops every private
answer (value and key), every plan and log entry she marked just for me, every answer the loaded
content does not know (it could be private in a pack that is not loaded), where she left off and
the path of her cohort file, and stamps the copy with the hand-in time. Her stable participant id (``meta.participant``) travels with it, so a review
shows one row per person however often she hands in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from letstalk import storage
from letstalk.cohort import Cohort, CohortError, cohort_of
from letstalk.content import Library
from letstalk.errors import LetsTalkError
from letstalk.files.atomic import write_atomic
from letstalk.files.toml import parse
from letstalk.model import Position, Workbook, now
from letstalk.text import printable

DEFAULT_NAME = "workbook"
"""The file stem of a hand-in when the workbook names no owner."""


class HandInError(LetsTalkError):
    """A hand-in copy that cannot be written."""


@dataclass(frozen=True)
class HandIn:
    """A hand-in copy and what was left out of it."""

    workbook: Workbook
    private: int
    """Private answers left out."""
    unknown: int
    """Answers to items the loaded content does not have, left out."""
    plan_private: int = 0
    """Plan entries (people, goals, actions, curriculum, meetings) she marked just for me, left out."""
    log_private: int = 0
    """Collaboration log entries she marked just for me, left out."""

    def left_out(self) -> str:
        """``3 private answers left out`` (and the private plan and log entries and unknown answers, when any)."""
        parts = [f"{self.private} private answer{'s' if self.private != 1 else ''} left out"]
        for count, what in ((self.plan_private, "plan entr"), (self.log_private, "log entr")):
            if count:
                parts.append(f"{count} just-for-me {what}{'ies' if count != 1 else 'y'} left out")
        if self.unknown:
            plural = "s" if self.unknown != 1 else ""
            parts.append(f"{self.unknown} answer{plural} to items this letstalk does not have, also left out")
        return "; ".join(parts)


def make_copy(workbook: Workbook, library: Library, *, at: datetime | None = None) -> HandIn:
    """The hand-in copy of a workbook: no private answer at all, no position, stamped ``at``."""
    copy = workbook.model_copy(deep=True)
    private = unknown = 0
    for item_id in list(copy.answers):
        located = library.items.get(item_id)
        if located is None:
            unknown += 1
        elif located.item.private:
            private += 1
        else:
            continue
        del copy.answers[item_id]
    copy.position = Position()
    # The plan and the collaboration log go with it, but never an entry she marked just for her.
    copy.plan, plan_private = copy.plan.without_private()
    entries = [entry for entry in copy.log.entries if not entry.private]
    log_private = len(copy.log.entries) - len(entries)
    copy.log.entries = entries
    copy.meta.cohort = None  # a path on her machine; the facilitator has the cohort file
    copy.meta.handed_in = at or now()
    return HandIn(copy, private, unknown, plan_private, log_private)


def slug(text: str) -> str:
    """``ana-ruiz`` from ``Ana Ruiz`` (accents folded, anything else a dash), or :data:`DEFAULT_NAME`."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:80].strip("-") or DEFAULT_NAME


def roster_file(workbook: Workbook, cohort: Cohort | None) -> str | None:
    """The file name the cohort roster expects for this workbook's owner, when she is on it."""
    if cohort is None or not workbook.meta.owner.strip():
        return None
    owner = workbook.meta.owner.strip().casefold()
    member = next((m for m in cohort.roster if m.name.strip().casefold() == owner), None)
    return member.file if member else None


def file_name(workbook: Workbook, cohort: Cohort | None = None) -> str:
    """The hand-in's file name: the roster's, when she is on her cohort's roster, else ``<owner-slug>.toml``."""
    return roster_file(workbook, cohort) or f"{slug(workbook.meta.owner)}.toml"


def joined_cohort(workbook: Workbook, workbook_path: Path) -> Cohort | None:
    """Her cohort, or None when she joined none or its file cannot be read (the slug name is used then)."""
    try:
        return cohort_of(workbook, workbook_path)
    except CohortError:
        return None


def target_path(output: Path | None, workbook: Workbook, workbook_path: Path) -> Path:
    """Where the hand-in goes: ``output`` itself, or the expected file name in ``output`` (a folder)."""
    folder = output if output is not None and output.is_dir() else None
    if output is not None and folder is None:
        return output
    return (folder or Path.cwd()) / file_name(workbook, joined_cohort(workbook, workbook_path))


def _refuse(path: Path, workbook_path: Path, workbook: Workbook, *, id_kept: bool = True) -> None:
    """A hand-in replaces only her own earlier hand-in: never her workbook, its backup, another's hand-in or another file."""
    if not path.parent.is_dir():
        raise HandInError(path, f"the folder {path.parent} does not exist; create it first")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise HandInError(path, "not a plain file; choose another name for the hand-in")
    if not path.exists():
        return
    if path.resolve() == workbook_path.resolve():
        raise HandInError(path, "this is your workbook itself; hand in to another folder, such as -o ~/Desktop")
    try:
        data = parse(storage.decode(storage.read_bytes(path), path), path, HandInError)
    except LetsTalkError:
        data = {}
    meta = data.get("meta")
    if not (isinstance(meta, dict) and meta.get("handed_in")):
        raise HandInError(path, "a file that is not a hand-in already exists here; choose another name or folder")
    if not _same_person(meta, workbook, id_kept=id_kept):
        owner = printable(str(meta.get("owner", ""))[:80]) or "someone else"
        raise HandInError(path, f"{owner}'s hand-in is already here, not yours; choose another name or folder")


def _same_person(meta: dict[str, Any], workbook: Workbook, *, id_kept: bool = True) -> bool:
    """Whether an earlier hand-in's ``[meta]`` is hers: her participant id, or (made before ids) her name and school.

    ``id_kept`` is False when her id was made just now and could not be saved (a read-only
    workbook): each hand-in then has a new one, so name and school say whether it is hers.
    """
    if meta.get("participant") is not None and id_kept:
        return meta.get("participant") == workbook.meta.participant
    return (meta.get("owner"), meta.get("school")) == (workbook.meta.owner, workbook.meta.school)


def hand_in(
    handle: storage.WorkbookFile, library: Library, output: Path | None = None, *, save: bool = True
) -> tuple[Path, HandIn]:
    """Write the hand-in copy of an open workbook; returns where it went and what was left out.

    The workbook gets its participant id first (with ``save``, saved at once, without moving
    ``updated``; the app saves through its own save machine instead) so every later hand-in
    carries the same one.
    """
    workbook = handle.workbook
    storage.refuse_newer_copy(handle.path, workbook)
    made_id = workbook.ensure_participant()
    if made_id and save and not handle.read_only:
        handle.save()
    path = target_path(output, workbook, handle.path)
    _refuse(path, handle.path, workbook, id_kept=not (made_id and handle.read_only))
    made = make_copy(workbook, library)
    write_atomic(path, storage.dumps(made.workbook).encode("utf-8"), backup=False)
    return path, made


def suggested_path(workbook_path: Path, name: str) -> Path:
    """Where the hand-in dialog suggests writing ``name``: beside the workbook, as every export is.

    When the copy would take the workbook's own name there (her workbook is called what the
    roster calls her hand-in), her documents folder instead, else her home folder.
    """
    beside = workbook_path.with_name(name)
    if beside.name != workbook_path.name:
        return beside
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return (documents if documents.is_dir() else Path.home()) / name
