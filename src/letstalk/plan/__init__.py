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
Import from ``letstalk.plan``; the modules are its layout, not its interface. The names load
on first use, so a screen that needs one typed read (Home's wedge standing) does not pay for
the builder and the frozen view models at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_EXPORTS: dict[str, tuple[str, ...]] = {
    "builder": (
        "DEFAULT_PURPOSE",
        "DEFAULT_TALKING_POINTS",
        "NOTES",
        "QUICK_WINS_SECTION",
        "build",
        "idea_text",
        "split_points",
        "split_questions",
        "workbook_key",
    ),
    "edit": (
        "MAX_GOALS",
        "E",
        "Lines",
        "PlanError",
        "TextField",
        "add",
        "add_line",
        "delete",
        "delete_line",
        "move",
        "move_line",
        "set_text",
        "update",
        "update_line",
    ),
    "ideas": (
        "IdeaOption",
        "adopt_idea",
        "idea_options",
        "linked_action",
        "remove_linked_action",
        "take_over",
    ),
    "view": (
        "FROZEN",
        "ROLE_LABELS",
        "STATUS_LABELS",
        "Card",
        "Note",
        "Origin",
        "Part",
        "Plan",
        "PlanAction",
        "PlanCurriculum",
        "PlanGoal",
        "PlanMeeting",
        "PlanSession",
        "PlanSigner",
        "PlanStakeholder",
        "RubricRow",
        "Smart",
        "TalkingPoint",
        "View",
        "smart_missing",
    ),
}
"""Every public name, by the module it lives in."""
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    """Load a public name from its module the first time it is asked for (PEP 562)."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'letstalk.plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"letstalk.plan.{module}"), name)
    globals()[name] = value
    return value
