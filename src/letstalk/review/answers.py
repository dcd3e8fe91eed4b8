"""Answers side by side: one question across the cohort, and one participant's page.

Every workbook is read with :func:`letstalk.review.read.read_participant`, so private answers
are masked before anything here sees them; private items are never offered or shown, not even
as "private". Only the newest hand-in of each person counts (``Review.readable``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from letstalk.content import Library
from letstalk.content.models import ANSWERABLE_TYPES, Answerable, Section
from letstalk.errors import LetsTalkError
from letstalk.feedback import Feedback, load_feedback, sidecar_path
from letstalk.model import Workbook, answer_in_words
from letstalk.review.entries import Participant, Review
from letstalk.review.read import read_participant
from letstalk.text import one_line

Reader = Callable[[Participant], Workbook]
"""Reads one participant's workbook, private answers masked."""


@dataclass(frozen=True)
class Response:
    """One participant's answer to one question."""

    participant: Participant
    answer: str
    """In words; empty when she has not answered."""
    when: datetime | None
    """When she last changed it."""


def questions(library: Library, section_id: str) -> list[Answerable]:
    """The questions of a section a facilitator may read across the cohort (private ones never)."""
    section = library.sections.get(section_id)
    if section is None:
        raise LetsTalkError(
            None, f"no section {one_line(section_id)!r}; use one of: {', '.join(library.sections)}", "--section"
        )
    return [item for item in section.answerable() if not item.private]


def reader(review: Review) -> Reader:
    """The default reader: each workbook from the review folder, private answers masked."""
    return lambda participant: read_participant(review.path_of(participant), review.scope.private)


def responses(review: Review, library: Library, item: Answerable, read: Reader | None = None) -> list[Response]:
    """Every readable participant's answer to one question, in the review's order (name)."""
    read = read or reader(review)
    pack = library.section_pack[library.items[item.id].section.id]
    out = []
    for participant in review.readable():
        try:
            workbook = read(participant)
        except LetsTalkError:
            continue  # changed since the scan: it is listed again on the next one
        answer = workbook.answers.get(item.id)
        words = answer_in_words(item, answer.value, pack) if answer is not None else ""
        out.append(Response(participant, words, answer.updated if answer is not None else None))
    return out


def prompt(item: Answerable) -> str:
    """The question as the participant saw it."""
    return str(getattr(item, "text", None) or getattr(item, "title", item.id))


def section_answers(section: Section, library: Library, workbook: Workbook) -> list[tuple[str, str]]:
    """(question, answer in words) for a section's non-private questions she answered."""
    pack = library.section_pack[section.id]
    out = []
    for item in section.answerable():
        answer = workbook.answers.get(item.id)
        if item.private or answer is None or not isinstance(item, ANSWERABLE_TYPES):
            continue
        if words := answer_in_words(item, answer.value, pack):
            out.append((prompt(item), words))
    return out


@dataclass(frozen=True)
class Commitment:
    """What she said she will do after a session, and by when."""

    section: Section
    what: str
    due: date | None


def commitments(library: Library, workbook: Workbook) -> list[Commitment]:
    """Her session commitments with their due dates, in session order."""
    out = []
    for section in library.all_sections():
        what = workbook.value(f"{section.id}.commitment")
        if isinstance(what, str) and what.strip() and f"{section.id}.commitment" not in _private(library):
            due = workbook.value(f"{section.id}.commitment-due")
            out.append(Commitment(section, what, due if isinstance(due, date) else None))
    return out


def _private(library: Library) -> frozenset[str]:
    return frozenset(item_id for item_id, located in library.items.items() if located.item.private)


@dataclass(frozen=True)
class Page:
    """One participant's printable page: answers by section, feedback, commitments."""

    participant: Participant
    sections: list[tuple[Section, list[tuple[str, str]], str]]
    """(section, [(question, answer)], the facilitator's comment) for sections with anything in them."""
    levels: list[tuple[str, str, str]]
    """(rubric theme, her own level, the facilitator's latest level) in words."""
    commitments: list[Commitment]


def page(
    review: Review, library: Library, participant: Participant, workbook: Workbook, feedback: Feedback | None
) -> Page:
    """Gather one participant's page from her (masked) workbook and the facilitator's sidecar."""
    sections = []
    for section in library.all_sections():
        answered = section_answers(section, library, workbook)
        comment = feedback.comment(section.id) if feedback else None
        if answered or comment:
            sections.append((section, answered, comment.text if comment else ""))
    levels = []
    for theme in review.scope.themes:
        labels = dict(theme.levels)
        own = participant.entry.ratings.get(theme.id, "") if participant.entry else ""
        given = feedback.level(theme.id) if feedback else None
        if own or given:
            levels.append((theme.text, labels.get(own, own), labels.get(given or "", given or "")))
    return Page(participant, sections, levels, commitments(library, workbook))


def pages(review: Review, library: Library, feedback_dir: Path | None = None, read: Reader | None = None) -> list[Page]:
    """A page for every readable participant, with her sidecar's comments and levels when there is one."""
    read = read or reader(review)
    out = []
    for participant in review.readable():
        try:
            workbook = read(participant)
        except LetsTalkError:
            continue
        path = sidecar_path(review.path_of(participant), feedback_dir)
        try:
            feedback = load_feedback(path) if path.exists() else None
        except LetsTalkError:
            feedback = None  # a broken sidecar is reported where it is edited; the page shows her answers
        out.append(page(review, library, participant, workbook, feedback))
    return out
