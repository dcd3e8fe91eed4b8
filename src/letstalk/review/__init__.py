"""The facilitator's review: read a folder of participants' workbooks, never write them.

- ``scope``: what a review looks at (sessions, steps, items, themes; private items known).
- ``entries``: one participant's summary, a roster row, a whole folder.
- ``read``: one workbook read with its private answers never loaded.
- ``cache``: summaries kept between runs, read in parallel when many.
- ``scan``: a folder's workbooks matched to the roster.
- ``grid``: the dashboard's cells, roll-ups and filters.
- ``report``: the Markdown, HTML and CSV reports.
"""

from letstalk.review.entries import STATE_WORDS, Entry, Participant, Review, SectionMark
from letstalk.review.scan import scan, workbook_files
from letstalk.review.scope import Column, Progressed, ReviewError, Scope, ScopeItem, Theme

__all__ = [
    "STATE_WORDS",
    "Column",
    "Entry",
    "Participant",
    "Progressed",
    "Review",
    "ReviewError",
    "Scope",
    "ScopeItem",
    "SectionMark",
    "Theme",
    "scan",
    "workbook_files",
]
