"""iCalendar: dated actions, meetings and cohort sessions as events a calendar keeps up to date.

UIDs are ``<workbook key>-<entry id>@letstalk``: the key is a random id made once with the
workbook, so a re-import updates the events already in the calendar (renaming the owner changes
nothing). Given the file it replaces, the export reads it back: an event that changed gets a
higher ``SEQUENCE``, and an event that is gone (an action deleted or undated, a meeting removed)
is written again as ``STATUS:CANCELLED`` (its UID and time, none of its words) so the calendar
drops it too. A meeting with a start time is a timed event in the local time zone, with its
``VTIMEZONE``; anything else is all-day.
The ``icalendar`` package does the escaping and folds long lines at 75 octets.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from letstalk.export.document import clean, credit_line, generated_at, one_line, split_title
from letstalk.model import ActionStatus, plausible_day
from letstalk.plan import Origin, Plan, PlanAction, PlanMeeting

PRODID = "-//letstalk//Collaborative plan//EN"
DEFAULT_MINUTES = 30
"""How long a timed meeting lasts when its length is not given."""


def uid(plan: Plan, entry_id: str) -> str:
    """The stable UID of an action's, a meeting's or a session's event."""
    return f"{plan.key}-{entry_id}@letstalk"


def local_zone(environ: dict[str, str] | None = None) -> ZoneInfo:
    """The machine's time zone by its IANA name (``TZ``, else ``/etc/localtime``), UTC when unknown."""
    env = os.environ if environ is None else environ
    names = [env.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        names.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in names:
        if name and not name.startswith("/"):
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def _event(plan: Plan, entry_id: str, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", uid(plan, entry_id))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def _all_day(event: Event, day: date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # all-day: DTEND is the next day, exclusive


def _lines(*pairs: tuple[str, str]) -> str:
    return "\n".join(f"{label}: {one_line(value)}" for label, value in pairs if value.strip())


def summary(action: PlanAction) -> str:
    """An action's event title: the first line of what she wrote (the rest is in the description)."""
    return one_line(split_title(action.what)[0])


def action_event(plan: Plan, action: PlanAction) -> Event:
    """A dated action as an all-day event, free time (a due date is not an appointment)."""
    assert action.due is not None
    number = plan.goal_number(action.goal)
    goal = f"{number}. {action.goal_title}" if number else ""  # the label says "Goal" once
    origin = action.source_title if action.origin is not Origin.PLAN else ""
    facts = _lines(
        ("Owner", action.owner),
        ("Status", action.status_label),
        ("Goal", goal),
        ("Needs", action.resources),
        ("Serves", action.serves),
        ("From", origin),
    )
    event = _event(plan, action.id, summary(action), f"{clean(action.what)}\n\n{facts}")
    _all_day(event, action.due)
    event.add("transp", "TRANSPARENT")
    if action.status is ActionStatus.DROPPED:
        event.add("status", "CANCELLED")
    return event


def meeting_event(plan: Plan, meeting: PlanMeeting, zone: ZoneInfo) -> Event:
    """A meeting: timed in ``zone`` when it has a start time, else all-day."""
    summary = f"Meeting with {one_line(meeting.with_whom)}" if meeting.with_whom.strip() else "Meeting"
    parts = [
        (label, clean(text))
        for label, text in (("Agenda", meeting.agenda), ("Notes", meeting.notes), ("Follow-up", meeting.follow_up))
    ]
    description = "\n\n".join(f"{label}:\n{text}" for label, text in parts if text)
    event = _event(plan, meeting.id, summary, description)
    if meeting.start is None:
        _all_day(event, meeting.on)
    else:
        start = datetime.combine(meeting.on, meeting.start, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=meeting.minutes or DEFAULT_MINUTES))
    return event


def session_event(plan: Plan, session_id: str, title: str, day: date, place: str) -> Event:
    """A cohort session the librarian joined, as an all-day event at its place."""
    event = _event(plan, f"session-{session_id}", one_line(title), "")
    _all_day(event, day)
    if place.strip():
        event.add("location", one_line(place))
    return event


# -- reading the previous export back ---------------------------------------------------------

_VOLATILE = ("DTSTAMP", "SEQUENCE")


def _content(event: Event) -> bytes:
    """The event without the properties that change on every export: what a calendar compares."""
    copy = Event()
    for name, value in event.property_items(recursive=False):
        if name not in ("BEGIN", "END", *_VOLATILE):
            copy.add(name, value, encode=False)
    return copy.to_ical()


def previous_events(data: bytes | None, key: str) -> dict[str, Event]:
    """This workbook's events in an earlier export, by UID (none when there is no file or it is not a calendar)."""
    if not data:
        return {}
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, KeyError, TypeError, IndexError):
        return {}  # not a calendar we can read: export as new rather than refuse
    prefix = f"{key}-"
    found: dict[str, Event] = {}
    for event in calendar.walk("VEVENT"):
        name = str(event.get("UID", ""))
        if isinstance(event, Event) and name.startswith(prefix) and name.endswith("@letstalk"):
            found[name] = event
    return found


def _sequence(event: Event) -> int:
    try:
        return int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


_KEPT_WHEN_CANCELLED = ("UID", "DTSTART", "DTEND", "TRANSP")
"""What a cancelled event keeps of the one it cancels: which event it is and when, never what it said."""


def _cancelled(old: Event) -> Event:
    """An event gone from this export, written again as cancelled, by its UID and time alone.

    The earlier file may have been exported for another audience (her own copy, with the entries
    just for her), and this one may be going to her principal: its words stay out.
    """
    event = Event()
    for name, value in old.property_items(recursive=False):
        if name in _KEPT_WHEN_CANCELLED:
            event.add(name, value, encode=False)
    event.add("summary", "Cancelled")
    event.add("status", "CANCELLED")
    return event


def to_ics(plan: Plan, generated: datetime | None = None, previous: bytes | None = None) -> bytes:
    """The plan's calendar; ``previous`` is the file it replaces, read back for SEQUENCE and cancellations."""
    stamp = generated or generated_at()
    zone = local_zone()
    # A date out of range (a typo such as 9999 or 0027, named by `letstalk validate`) is no event:
    # a calendar cannot hold the day after 9999-12-31.
    events = [action_event(plan, a) for a in plan.actions if a.due is not None and plausible_day(a.due)]
    events += [meeting_event(plan, meeting, zone) for meeting in plan.meetings if plausible_day(meeting.on)]
    events += [session_event(plan, s.id, s.title, s.on, s.place) for s in plan.sessions if plausible_day(s.on)]
    old = previous_events(previous, plan.key)
    current = {str(event["UID"]) for event in events}
    events += [_cancelled(event) for name, event in old.items() if name not in current]

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"Library plan: {one_line(plan.school)}" if plan.school.strip() else "Library plan"
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", credit_line(plan))  # a calendar must end with END:VCALENDAR: the credit goes here
    for event in events:
        before = old.get(str(event["UID"]))
        sequence = 0
        if before is not None:
            sequence = _sequence(before) + (_content(before) != _content(event))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        calendar.add_component(event)
    if any("TZID" in event["DTSTART"].params for event in events if "DTSTART" in event):
        calendar.add_missing_timezones()  # a timed meeting, or a cancelled one from the earlier file
    return calendar.to_ical()
