"""The idea bank on the Plan screen: list the ideas, adopt one as an action."""

from __future__ import annotations

from pydantic import Field

from letstalk.content import Library
from letstalk.content.models import Idea
from letstalk.model import Action, Workbook
from letstalk.plan.answers import Answers
from letstalk.plan.builder import idea_text
from letstalk.plan.edit import PlanError, add
from letstalk.plan.view import View


class IdeaOption(View):
    """An idea of the idea bank as the Plan screen lists it for adopting."""

    id: str
    title: str
    text: str
    partner: str = ""
    chosen: bool = Field(default=False, description="Ticked in the idea bank.")
    action: str | None = Field(default=None, description="Id of the action that adopted it, if any.")


def idea_options(workbook: Workbook, library: Library) -> tuple[IdeaOption, ...]:
    """Every public idea in the loaded content, in order, with whether and where it was adopted."""
    adopted = {action.idea: action.id for action in workbook.plan.actions if action.idea}
    answers = Answers(workbook, library)
    return tuple(
        IdeaOption(
            id=idea.id,
            title=idea.title,
            text=idea.text,
            partner=idea.partner or "",
            chosen=answers.ticked(idea.id),
            action=adopted.get(idea.id),
        )
        for _, idea in answers.items(Idea)
    )


def linked_action(workbook: Workbook, item_id: str) -> Action | None:
    """Her action that adopted or took over this idea or quick win, if any (unticking it asks about this one)."""
    return next((a for a in workbook.plan.actions if a.idea == item_id), None)


def remove_linked_action(workbook: Workbook, item_id: str, action_id: str) -> bool:
    """Remove the action made from this idea, if it still is that one (she said yes to "remove it too?")."""
    action = linked_action(workbook, item_id)
    if action is None or action.id != action_id:
        return False
    workbook.plan.actions.remove(action)
    return True


def take_over(workbook: Workbook, library: Library, action_id: str) -> Action:
    """Make an action found in the answers (a ticked idea or quick win) her own, to give it an owner and a date.

    The new action keeps the link (``idea``) to where it came from, so the plan shows it once.
    """
    from letstalk.plan.builder import build
    from letstalk.plan.view import Origin

    found = next((a for a in build(workbook, library).actions if a.id == action_id), None)
    if found is None or found.origin not in (Origin.IDEA, Origin.QUICK_WIN):
        raise PlanError(f"no idea or quick win with id {action_id!r} among the actions", "actions")
    return add(workbook, Action, what=found.what, owner=found.owner, status=found.status, idea=found.source)


def adopt_idea(workbook: Workbook, library: Library, idea_id: str) -> Action:
    """Turn an idea-bank idea into an action of the plan and tick the idea; returns the action."""
    located = library.items.get(idea_id)
    if located is None or not isinstance(located.item, Idea) or located.item.private:
        raise PlanError(f"no idea with id {idea_id!r} in the loaded content", "actions.idea")
    existing = next((a for a in workbook.plan.actions if a.idea == idea_id), None)
    if existing is not None:
        raise PlanError(f"this idea is already in the plan as action {existing.id}", "actions.idea")
    action = add(workbook, Action, what=idea_text(located.item), owner=workbook.meta.owner, idea=idea_id)
    workbook.set_answer(idea_id, True)
    return action
