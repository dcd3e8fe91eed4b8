"""What depends on the export day: overdue actions, the next actions, the next meeting, the summary page.

Everything here is relative to ``today``, the day of the export (``SOURCE_DATE_EPOCH`` when set),
never the machine's clock, so an export made twice the same day is the same file.
"""

from __future__ import annotations

from datetime import date, time

from letstalk.export.document import Entries, Entry, Para, Section, clean, long_date, shorten, split_title
from letstalk.model import ActionStatus
from letstalk.plan import Plan, PlanAction, PlanGoal, PlanMeeting

OVERDUE = "⚠ overdue"
"""How an overdue action is marked: a symbol and the word, readable without colour."""

OPEN = (ActionStatus.PLANNED, ActionStatus.UNDER_WAY)

# The summary page's budget: enough to read in two minutes, never more than a page.
VISION_CHARS = 360
ACTION_CHARS = 110
AGENDA_CHARS = 180
SHARING_CHARS = 280
NEXT_ACTIONS = 3
GOAL_CHARS = 110


def brief(text: str, limit: int) -> str:
    """``text`` as typed (her lines kept) when it fits ``limit`` characters, else cut on one line."""
    text = clean(text)
    return text if len(text) <= limit else shorten(text, limit)


def overdue(action: PlanAction, today: date) -> bool:
    """Whether ``action`` is still open and its due date is before ``today``."""
    return action.due is not None and action.due < today and action.status in OPEN


def by_due(actions: tuple[PlanAction, ...]) -> list[PlanAction]:
    """Actions by due date, undated ones last, each group in plan order."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.min))


def next_actions(plan: Plan, today: date, count: int = NEXT_ACTIONS) -> list[PlanAction]:
    """The open actions that come next: overdue first, then by due date, undated last."""
    return [a for a in by_due(plan.actions) if a.status in OPEN][:count]


def next_meeting(plan: Plan, today: date) -> PlanMeeting | None:
    """The first meeting of the plan dated ``today`` or later; a past meeting is never next."""
    return next((m for m in plan.meetings if m.on >= today), None)


def clock(start: time) -> str:
    """``15:30``: a 24-hour time, the same on both sides of the Atlantic."""
    return f"{start.hour:02d}:{start.minute:02d}"


def when(meeting: PlanMeeting) -> str:
    """``12 March 2026, 15:30 (30 minutes)``, or just the day for an all-day meeting."""
    out = long_date(meeting.on)
    if meeting.start is not None:
        out += f", {clock(meeting.start)}"
        if meeting.minutes:
            out += f" ({meeting.minutes} minutes)"
    return out


def goal_status(plan: Plan, goal: PlanGoal) -> str:
    """A goal's standing in words: its actions done, and what is still to define."""
    linked = [a for a in plan.actions if a.goal == goal.id and a.status is not ActionStatus.DROPPED]
    done = sum(a.status is ActionStatus.DONE for a in linked)
    parts = [f"{done} of {len(linked)} actions done" if linked else "no actions yet"]
    if goal.target:
        parts.append(f"target {long_date(goal.target)}")
    if goal.missing:
        parts.append("still to define: " + ", ".join(part.label for part in goal.missing))
    return " · ".join(parts)


def action_line(action: PlanAction, today: date) -> Entry:
    """An action in one short line: what, then owner, date and whether it is overdue."""
    title = shorten(split_title(action.what)[0], ACTION_CHARS)
    due = f"due {long_date(action.due)}" if action.due else "no date yet"
    meta = [action.owner, due + (f" {OVERDUE}" if overdue(action, today) else "")]
    return Entry(title=title, meta=tuple(m for m in meta if m.strip()), strong=False)


def summary_page(plan: Plan, today: date) -> tuple[Section, ...]:
    """Vision, goals with their standing, the next three actions, the next meeting, how results are shared."""
    sections: list[Section] = []
    if plan.vision.strip():
        sections.append(Section("glance-vision", "Our shared vision", (Para(brief(plan.vision, VISION_CHARS)),)))
    if plan.goals:
        goals = tuple(
            Entry(title=shorten(goal.title, GOAL_CHARS), meta=(goal_status(plan, goal),)) for goal in plan.goals
        )
        sections.append(Section("glance-goals", "Goals", (Entries(goals, numbered=True),)))
    if upcoming := next_actions(plan, today):
        entries = tuple(action_line(a, today) for a in upcoming)
        sections.append(Section("glance-actions", "Next actions", (Entries(entries),)))
    meeting = next_meeting(plan, today)
    if meeting is not None:
        facts = [when(meeting), meeting.with_whom]
        text = " · ".join(f for f in facts if f.strip())
        agenda = (Para(shorten(meeting.agenda, AGENDA_CHARS), label="Agenda"),) if meeting.agenda.strip() else ()
        sections.append(Section("glance-meeting", "Next meeting", (Para(text), *agenda)))
    if plan.sharing.strip():
        sections.append(
            Section("glance-sharing", "How we will share results", (Para(brief(plan.sharing, SHARING_CHARS)),))
        )
    return tuple(sections)
