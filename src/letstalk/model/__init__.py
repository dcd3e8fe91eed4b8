"""The workbook in memory: values, plan data, the workbook and its progress.

- ``values``: cleaned text, dates, answers, section states, the file's meta.
- ``plan_data``: the collaborative plan's people, goals, actions, map and meetings.
- ``log``: the collaboration log, its entries and the school calendar (terms).
- ``workbook``: :class:`Workbook`, :class:`Progress`, answer problems, a new workbook.
- ``words``: an answer in words (:func:`answer_in_words`), for every view that shows one.
"""

from letstalk.model.log import CollabLog, LogEntry, LogKind, SchoolCalendar, Term, TermScheme
from letstalk.model.plan_data import (
    Action,
    ActionStatus,
    CurriculumEntry,
    Goal,
    Meeting,
    PlanData,
    Signer,
    Stakeholder,
    StakeholderRole,
    principal_name,
)
from letstalk.model.values import (
    ANSWER_HINT,
    DATE_FORMS,
    MAX_NAME,
    MAX_TEXT,
    SCHEMA_VERSION,
    Answer,
    AnswerValue,
    Day,
    Meta,
    Name,
    Position,
    Rated,
    Record,
    Ref,
    SectionState,
    Stamp,
    Status,
    Str,
    check_length,
    date_reading,
    next_ref,
    now,
    parse_date,
)
from letstalk.model.words import answer_in_words
from letstalk.model.workbook import Progress, Standing, Workbook, answer_problems, new_workbook, standing

__all__ = [
    "ANSWER_HINT",
    "DATE_FORMS",
    "MAX_NAME",
    "MAX_TEXT",
    "SCHEMA_VERSION",
    "Action",
    "ActionStatus",
    "Answer",
    "AnswerValue",
    "CollabLog",
    "CurriculumEntry",
    "Day",
    "Goal",
    "LogEntry",
    "LogKind",
    "Meeting",
    "Meta",
    "Name",
    "PlanData",
    "Position",
    "Progress",
    "Rated",
    "Record",
    "Ref",
    "SchoolCalendar",
    "SectionState",
    "Signer",
    "Stakeholder",
    "StakeholderRole",
    "Stamp",
    "Standing",
    "Status",
    "Str",
    "Term",
    "TermScheme",
    "Workbook",
    "answer_in_words",
    "answer_problems",
    "check_length",
    "date_reading",
    "new_workbook",
    "next_ref",
    "now",
    "parse_date",
    "principal_name",
    "standing",
]
