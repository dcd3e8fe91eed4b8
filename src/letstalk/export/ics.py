"""iCalendar: every dated action and every meeting as an all-day event.

UIDs are ``<workbook key>-<entry id>@letstalk``, so importing a re-export updates the events
already in the calendar instead of adding copies. A dropped action stays in the file as a
cancelled event, so the calendar forgets it too. The ``icalendar`` package does the escaping
(commas, semicolons, backslashes, newlines) and folds long lines at 75 octets.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from letstalk.export.document import clean, credit_line, generated_at, one_line, split_title
from letstalk.model import ActionStatus
from letstalk.plan import Origin, Plan, PlanAction, PlanMeeting

PRODID = "-//letstalk//Collaborative plan//EN"


def uid(plan: Plan, entry_id: str) -> str:
    """The stable UID of an action's or a meeting's event."""
    return f"{plan.key}-{entry_id}@letstalk"


def _event(plan: Plan, entry_id: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid(plan, entry_id))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # all-day: DTEND is the next day, exclusive
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def _lines(*pairs: tuple[str, str]) -> str:
    return "\n".join(f"{label}: {one_line(value)}" for label, value in pairs if value.strip())


def summary(action: PlanAction) -> str:
    """An action's event title: the first line of what she wrote (the rest is in the description)."""
    return one_line(split_title(action.what)[0])


def action_event(plan: Plan, action: PlanAction, stamp: datetime) -> Event:
    """A dated action as an all-day event, free time (a due date is not an appointment)."""
    assert action.due is not None
    number = plan.goal_number(action.goal)
    goal = f"Goal {number}: {action.goal_title}" if number else ""
    origin = action.source_title if action.origin is not Origin.PLAN else ""
    facts = _lines(("Owner", action.owner), ("Status", action.status_label), ("Goal", goal), ("From", origin))
    event = _event(plan, action.id, action.due, summary(action), f"{clean(action.what)}\n\n{facts}", stamp)
    event.add("transp", "TRANSPARENT")
    if action.status is ActionStatus.DROPPED:
        event.add("status", "CANCELLED")
    return event


def meeting_event(plan: Plan, meeting: PlanMeeting, stamp: datetime) -> Event:
    """A meeting as an all-day event (the plan records the day, not the hour)."""
    summary = f"Meeting with {one_line(meeting.with_whom)}" if meeting.with_whom.strip() else "Meeting"
    parts = [
        (label, clean(text))
        for label, text in (("Agenda", meeting.agenda), ("Notes", meeting.notes), ("Follow-up", meeting.follow_up))
    ]
    description = "\n\n".join(f"{label}:\n{text}" for label, text in parts if text)
    return _event(plan, meeting.id, meeting.on, summary, description, stamp)


def to_ics(plan: Plan, generated: datetime | None = None) -> bytes:
    """The plan's calendar: one VEVENT per dated action and per meeting; DTSTAMP is ``generated``."""
    stamp = generated or generated_at()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"Library plan: {one_line(plan.school)}" if plan.school.strip() else "Library plan"
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", credit_line(plan))  # a calendar must end with END:VCALENDAR: the credit goes here
    for action in plan.actions:
        if action.due is not None:
            calendar.add_component(action_event(plan, action, stamp))
    for meeting in plan.meetings:
        calendar.add_component(meeting_event(plan, meeting, stamp))
    return calendar.to_ical()
