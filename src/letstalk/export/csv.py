"""CSV of the plan's actions, for a spreadsheet: UTF-8 with a byte-order mark, a header row, then one row per action.

The byte-order mark is what makes Excel read the file as UTF-8 (names like "Nuñez" survive).
A cell that starts like a formula (``=``, ``+``, ``-``, ``@``) gets a leading apostrophe, so a
spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from letstalk.export.document import clean
from letstalk.plan import Plan

HEADER = ("Action", "Owner", "Due", "Status", "Goal", "From")

_FORMULA_START = ("=", "+", "-", "@")


def cell(text: str) -> str:
    """A text cell, cleaned and defused against spreadsheet formulas."""
    text = clean(text)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """CSV file bytes: UTF-8 with a byte-order mark, CRLF line ends, the header row first."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def to_csv(plan: Plan, generated: datetime | None = None) -> bytes:
    """Every action of the plan, one row each, in plan order (``generated`` is not used: no timestamp)."""
    del generated  # the same signature as the other exports; a CSV carries no timestamp
    rows = []
    for action in plan.actions:
        number = plan.goal_number(action.goal)
        rows.append(
            (
                cell(action.what),
                cell(action.owner),
                action.due.isoformat() if action.due else "",
                action.status_label,
                cell(f"Goal {number}: {action.goal_title}") if number else "",
                action.source_title,
            )
        )
    # Data rows only: a credit as a last row was sorted and filtered as an action. The sources are
    # credited in every other export, which hold their words; this file holds only hers.
    return table(HEADER, rows)
