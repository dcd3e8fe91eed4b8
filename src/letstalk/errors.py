"""The one error type every bad input turns into: a file, a place in it, and what to do."""

from __future__ import annotations

from pathlib import Path

from letstalk.text import one_line


class LetsTalkError(Exception):
    """A problem the user can fix, reported as one line: ``path: where: message``."""

    def __init__(self, path: Path | str | None, message: str, where: str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [str(self.path)] if self.path is not None else []
        if self.where:
            parts.append(self.where)
        parts.append(self.message)
        return one_line(": ".join(parts))


class ContentError(LetsTalkError):
    """One or more problems in a content pack; ``problems`` holds every line."""

    def __init__(self, problems: list[str]) -> None:
        problems = [one_line(problem) for problem in problems]
        self.problems = problems
        Exception.__init__(self, "\n".join(problems))
        self.path = None
        self.where = None
        self.message = "\n".join(problems)

    def __str__(self) -> str:
        return "\n".join(self.problems)


class TooLongError(LetsTalkError, ValueError):
    """Text longer than letstalk keeps, refused whole so that the screen can keep it to be shortened.

    ``length`` is counted as the text is stored (a control character is stored as two visible
    characters, such as ``^[``), so the figures match what the limit measures.
    """

    def __init__(self, what: str, length: int, limit: int, where: str | None = None) -> None:
        self.length = length
        self.limit = limit
        over = length - limit
        super().__init__(
            None,
            f"this {what} is too long to save: {length:,} characters, {over:,} over the limit of {limit:,}; "
            "shorten it to save it",
            where,
        )


class WorkbookError(LetsTalkError):
    """A workbook file that cannot be read or written."""


class ReadOnlyError(WorkbookError):
    """A save refused because the workbook was opened read-only."""


class ConflictError(WorkbookError):
    """A save refused because the file changed on disk since it was loaded."""


class LockedError(WorkbookError):
    """The workbook is open in another letstalk."""
