"""The facilitator's feedback on one workbook, kept in a sidecar file beside it (never inside it).

``ana-ruiz.toml`` gets ``ana-ruiz.feedback.toml``: a comment per section and rubric levels per
theme with their dates. A participant who puts the sidecar next to her workbook sees it in the
app. The comment bank (comments the facilitator reuses) lives in her own config folder.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import Field

from letstalk.errors import LetsTalkError
from letstalk.files import small
from letstalk.model import MAX_TEXT, Name, Record, Stamp, Str, Workbook, check_length, now
from letstalk.text import quote_key

FEEDBACK_SUFFIX = ".feedback.toml"
FEEDBACK_SCHEMA = 1
BANK_FILE = "comment-bank.toml"


class FeedbackError(LetsTalkError):
    """A feedback or comment-bank file that cannot be read, validated or written."""


class Comment(Record):
    """The facilitator's comment on one section."""

    text: Str = Field(description="The comment.")
    updated: Stamp = Field(default_factory=now, description="When it was last changed.")


class Rating(Record):
    """A level the facilitator gave a rubric theme on a day."""

    level: str = Field(description="The level id, such as 'evolving'.")
    at: Stamp = Field(default_factory=now, description="When it was given.")


class Feedback(Record):
    """A sidecar file: the facilitator's comments and rubric levels for one workbook."""

    schema_version: int = Field(
        default=FEEDBACK_SCHEMA, ge=1, le=FEEDBACK_SCHEMA, description="Feedback file format version."
    )
    workbook: Name = Field(default="", description="File name of the workbook this feedback is about.")
    participant: Name = Field(default="", description="Whose workbook it is.")
    facilitator: Name = Field(default="", description="Who wrote the feedback.")
    comments: dict[str, Comment] = Field(default_factory=dict, description="Comments keyed by section id.")
    levels: dict[str, list[Rating]] = Field(
        default_factory=dict, description="Levels per rubric theme id, oldest first."
    )

    def comment(self, section_id: str) -> Comment | None:
        """The comment on a section, if any."""
        return self.comments.get(section_id)

    def levels_for(self, theme_id: str) -> list[Rating]:
        """The levels given to a theme over time, oldest first."""
        return list(self.levels.get(theme_id, []))

    def level(self, theme_id: str) -> str | None:
        """The latest level given to a theme."""
        ratings = self.levels.get(theme_id)
        return ratings[-1].level if ratings else None

    def set_comment(self, section_id: str, text: str, *, at: datetime | None = None) -> bool:
        """Set (or with blank text, remove) a section's comment. Returns whether it changed.

        A comment over :data:`~letstalk.model.MAX_TEXT` is refused with a :class:`TooLongError`.
        """
        check_length(text, MAX_TEXT, "comment", f"comments.{quote_key(section_id)}")
        current = self.comments.get(section_id)
        if not text.strip():
            return self.comments.pop(section_id, None) is not None
        if current is not None and current.text == text:
            return False
        self.comments[section_id] = Comment(text=text, updated=at or now())
        return True

    def rate(self, theme_id: str, level: str, *, at: datetime | None = None) -> bool:
        """Give a theme a level; a second change on the same day replaces that day's level."""
        at = at or now()
        ratings = self.levels.setdefault(theme_id, [])
        if ratings and ratings[-1].level == level:
            return False
        if ratings and ratings[-1].at.date() == at.date():
            ratings.pop()
        ratings.append(Rating(level=level, at=at))
        return True


def sidecar_path(workbook_path: Path, folder: Path | None = None) -> Path:
    """Where a workbook's feedback lives: beside it, or in ``folder`` when given."""
    return (folder or workbook_path.parent) / f"{workbook_path.stem}{FEEDBACK_SUFFIX}"


def load_feedback(path: Path) -> Feedback:
    """Read and validate a sidecar file, or raise a one-line :class:`FeedbackError`."""
    data = small.read(path, FeedbackError, "your facilitator sends it with your reviewed workbook")
    return small.validate(Feedback, data, path, FeedbackError)


def load_for_workbook(workbook_path: Path) -> Feedback | None:
    """The feedback next to a participant's workbook, or None when there is none."""
    path = sidecar_path(workbook_path)
    return load_feedback(path) if path.exists() else None


def save_feedback(feedback: Feedback, path: Path) -> None:
    """Write a sidecar atomically (its folder is created when missing)."""
    small.write(path, feedback)


def timeline(workbook: Workbook, feedback: Feedback | None, theme_id: str) -> list[tuple[datetime, str, str]]:
    """Self and facilitator levels for a theme over time: (when, "self" or "facilitator", level)."""
    events: list[tuple[datetime, str, str]] = []
    answer = workbook.answers.get(theme_id)
    if answer is not None:
        events += [(rated.at, "self", rated.level) for rated in answer.history]
        if isinstance(answer.value, str) and answer.value and answer.updated is not None:
            events.append((answer.updated, "self", answer.value))
    if feedback is not None:
        events += [(rating.at, "facilitator", rating.level) for rating in feedback.levels_for(theme_id)]
    return sorted(events)


# -- the comment bank -------------------------------------------------------------------------


class CommentBank(Record):
    """Comments the facilitator reuses, in the order she saved them."""

    comments: list[Str] = Field(default_factory=list, description="The saved comments.")

    def add(self, text: str) -> bool:
        """Keep a comment (once). Returns whether it was added; one too long raises :class:`TooLongError`."""
        check_length(text, MAX_TEXT, "comment")
        text = text.strip()
        if not text or text in self.comments:
            return False
        self.comments.append(text)
        return True


def bank_path() -> Path:
    """Where the comment bank lives: the facilitator's user config folder."""
    from platformdirs import user_config_path

    return user_config_path("letstalk", appauthor=False) / BANK_FILE


def load_bank(path: Path | None = None) -> CommentBank:
    """Read the comment bank; none yet gives an empty one, a broken one raises :class:`FeedbackError`."""
    path = path or bank_path()
    if not path.exists():
        return CommentBank()
    return small.validate(CommentBank, small.read(path, FeedbackError, ""), path, FeedbackError)


def save_bank(bank: CommentBank, path: Path | None = None) -> None:
    """Write the comment bank atomically, creating its folder."""
    small.write(path or bank_path(), bank)


# -- handing feedback back ----------------------------------------------------------------------


def returned_name(handin_file: str) -> str:
    """The name of the sidecar sent back with a hand-in: ``ana-ruiz.toml`` → ``ana-ruiz.feedback.toml``."""
    return f"{Path(handin_file).stem}{FEEDBACK_SUFFIX}"


def copy_feedback(source: Path, target: Path) -> Feedback:
    """Validate a sidecar and write it (atomically) at ``target``; returns what it holds."""
    feedback = load_feedback(source)
    if target.exists() and target.resolve() == source.resolve():
        return feedback
    save_feedback(feedback, target)
    return feedback


def add_feedback(source: Path, workbook: Workbook, workbook_path: Path) -> Path:
    """Put a facilitator's sidecar where her app finds it (beside her workbook), after checking it.

    Refuses feedback written for someone else (her name on it differs from the workbook's owner).
    """
    feedback = load_feedback(source)
    owner = workbook.meta.owner.strip().casefold()
    meant = feedback.participant.strip().casefold()
    if owner and meant and owner != meant:
        raise FeedbackError(
            source,
            f"this feedback is for {feedback.participant}, not {workbook.meta.owner}; ask your facilitator for yours",
            "participant",
        )
    target = sidecar_path(workbook_path)
    if target.resolve() != source.resolve():
        save_feedback(feedback, target)
    return target
