"""The collaborative plan: a read-only view built from a workbook, and the edits that shape it.

:func:`build` merges what the librarian typed on the Plan screen (``Workbook.plan``) with what
her answers already hold (steps 3 to 7, adopted ideas, quick wins, cohort commitments, rubric
ratings), so she never types the same thing twice. The result, a frozen :class:`Plan`, is all
the exporters in :mod:`letstalk.export` see. Answers to ``private`` items never enter it, so no
export can leak them.

The editing functions (:func:`add`, :func:`update`, :func:`delete`, :func:`move`, the ``*_line``
functions, :func:`set_text` and :func:`adopt_idea`) change ``Workbook.plan`` in place and say
what changed; the caller saves. Errors are one-line :class:`PlanError`\\ s.

Modules: ``view`` (the frozen types and labels), ``answers`` (typed reads of public answers),
``builder`` (:func:`build`), ``edit`` (the editing functions), ``ideas`` (the idea bank).
Import from ``letstalk.plan``; the modules are its layout, not its interface.
"""

from letstalk.plan.builder import (
    DEFAULT_PURPOSE,
    DEFAULT_TALKING_POINTS,
    NOTES,
    QUICK_WINS_SECTION,
    build,
    idea_text,
    split_points,
    split_questions,
    workbook_key,
)
from letstalk.plan.edit import (
    MAX_GOALS,
    E,
    Lines,
    PlanError,
    TextField,
    add,
    add_line,
    delete,
    delete_line,
    move,
    move_line,
    next_id,
    set_text,
    update,
    update_line,
)
from letstalk.plan.ideas import IdeaOption, adopt_idea, idea_options, linked_action, remove_linked_action, take_over
from letstalk.plan.view import (
    FROZEN,
    ROLE_LABELS,
    STATUS_LABELS,
    Card,
    Note,
    Origin,
    Part,
    Plan,
    PlanAction,
    PlanCurriculum,
    PlanGoal,
    PlanMeeting,
    PlanSession,
    PlanSigner,
    PlanStakeholder,
    RubricRow,
    Smart,
    TalkingPoint,
    View,
    smart_missing,
)

__all__ = [
    "DEFAULT_PURPOSE",
    "DEFAULT_TALKING_POINTS",
    "FROZEN",
    "MAX_GOALS",
    "NOTES",
    "QUICK_WINS_SECTION",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "Card",
    "E",
    "IdeaOption",
    "Lines",
    "Note",
    "Origin",
    "Part",
    "Plan",
    "PlanAction",
    "PlanCurriculum",
    "PlanError",
    "PlanGoal",
    "PlanMeeting",
    "PlanSession",
    "PlanSigner",
    "PlanStakeholder",
    "RubricRow",
    "Smart",
    "TalkingPoint",
    "TextField",
    "View",
    "add",
    "add_line",
    "adopt_idea",
    "build",
    "delete",
    "delete_line",
    "idea_options",
    "idea_text",
    "linked_action",
    "move",
    "move_line",
    "next_id",
    "remove_linked_action",
    "set_text",
    "smart_missing",
    "split_points",
    "split_questions",
    "take_over",
    "update",
    "update_line",
    "workbook_key",
]
