"""The collaboration log's domain: terms, queries, spreadsheets and the impact snapshot (no textual).

- ``terms``: :class:`Terms`, which term a day is in, this term and last term.
- ``queries``: tallies by month, term, teacher, grade and kind; filters; this term against last.
- ``sheet``: CSV in (any column order, ISO or locale dates, duplicates skipped) and out.
- ``snapshot``: the figures of the one-page impact snapshot, for :mod:`letstalk.export.snapshot`.

The entries themselves and their edits are :class:`letstalk.model.CollabLog`.
"""

from letstalk.log.queries import (
    Comparison,
    LogFilter,
    Tally,
    by_grade,
    by_kind,
    by_month,
    by_teacher,
    by_term,
    distinct_teachers,
    grades_never_reached,
    home_line,
    known_teachers,
    last_logged,
    needs_nudge,
    newest_first,
    select,
    shared,
    short_date,
    tally,
    terms_for,
    text_bar,
    this_vs_last,
)
from letstalk.log.terms import Terms, year_terms

__all__ = [
    "Comparison",
    "LogFilter",
    "Tally",
    "Terms",
    "by_grade",
    "by_kind",
    "by_month",
    "by_teacher",
    "by_term",
    "distinct_teachers",
    "grades_never_reached",
    "home_line",
    "known_teachers",
    "last_logged",
    "needs_nudge",
    "newest_first",
    "select",
    "shared",
    "short_date",
    "tally",
    "terms_for",
    "text_bar",
    "this_vs_last",
    "year_terms",
]
