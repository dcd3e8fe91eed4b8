"""The collaboration log as CSV for a spreadsheet: one row per shared entry, private ones never."""

from __future__ import annotations

from letstalk.export.csv import cell, table
from letstalk.log import newest_first, shared
from letstalk.log.sheet import HEADER, rows
from letstalk.model import CollabLog


def to_log_csv(log: CollabLog) -> bytes:
    """Every entry not marked private, newest first, as UTF-8 CSV with a byte-order mark."""
    return table(HEADER, [tuple(cell(value) for value in row) for row in rows(newest_first(shared(log.entries)))])
