"""Text progress bars: cheap to draw, readable without colour."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from letstalk.model import Progress, Status

BAR_WIDTH = 10


def bar(progress: Progress, width: int = BAR_WIDTH) -> str:
    """``■■■■□□□□□□``: filled blocks for the done share."""
    filled = round(progress.fraction * width)
    return "■" * filled + "□" * (width - filled)


def section_row(label: str, title: str, progress: Progress, status: Status) -> Table:
    """One line of the section list: status mark and word, label and title, then the bar."""
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(width=BAR_WIDTH + 7, no_wrap=True, justify="right")
    grid.add_row(
        Text(status.mark),
        Text.assemble((f"{label} · ", "dim"), title),
        Text(f"{bar(progress)} {progress}"),
    )
    return grid


def pack_row(title: str, progress: Progress) -> Table:
    """A pack heading in the section list, with its overall bar."""
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(width=BAR_WIDTH + 7, no_wrap=True, justify="right")
    grid.add_row(Text(title, style="bold"), Text(f"{bar(progress)} {progress}", style="bold"))
    return grid
