"""Text progress rows: cheap to draw, readable without colour."""

from __future__ import annotations

from rich.text import Text

from letstalk.model import Progress, Standing

BAR_WIDTH = 10


def bar(progress: Progress, width: int = BAR_WIDTH) -> str:
    """``■■■■□□□□□□``: filled blocks for the done share."""
    filled = round(progress.fraction * width)
    return "■" * filled + "□" * (width - filled)


def _count(progress: Progress) -> str:
    return f"{progress!s:>7}"


def section_row(label: str, title: str, progress: Progress, status: Standing, words: str = "to read") -> Text:
    """One line of the section list: mark, bar and count in fixed columns, then label and title.

    A section with nothing to answer says what is there instead of 0/0 (``words``, from
    :meth:`~letstalk.model.Workbook.progress_words`: ``2 ideas adopted``, ``read``, ``to read``).
    """
    measure = f"{bar(progress)}{_count(progress)}" if progress.total else f"{words:<{BAR_WIDTH + 7}}"
    return Text.assemble(
        f"  {status.mark} {measure}  ",
        (f"{label} · ", "dim"),
        title,
        no_wrap=True,
        overflow="ellipsis",
    )


def pack_row(title: str, progress: Progress) -> Text:
    """A pack heading in the section list, with its overall bar."""
    return Text.assemble(
        (f"{bar(progress)}{_count(progress)}  {title}", "bold"),
        no_wrap=True,
        overflow="ellipsis",
    )
