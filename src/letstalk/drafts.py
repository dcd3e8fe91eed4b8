"""Messages the librarian can send, filled from her workbook: a meeting request, a thank-you and
follow-up, and a monthly check-in note.

A draft never shows an empty placeholder: a missing value becomes a sentence that still reads
well, or a clear ``[write ... here]`` marker she can see and replace. Private answers never
enter a draft. Pure functions of the workbook and the content; no UI here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from letstalk.content import Library
from letstalk.model import Workbook, principal_name
from letstalk.plan.answers import Answers
from letstalk.text import one_line

KINDS: dict[str, str] = {
    "request": "Meeting request",
    "thanks": "Thank-you and follow-up",
    "checkin": "Monthly check-in note",
}
"""Draft kind -> its title, in the order they are used."""

BANK = "bank"
"""The question bank's section id (meeting-prep pack)."""
MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June")
MONTHS += ("July", "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""Fixed names, so a draft never depends on the machine's locale."""


def marker(what: str) -> str:
    """A clear marker for something only she can fill in: ``[write the date here]``."""
    return f"[write {what} here]"


@dataclass(frozen=True)
class Draft:
    """A ready-to-copy message: its kind, a subject line and the body."""

    kind: str
    subject: str
    body: str

    @property
    def title(self) -> str:
        """What the draft is, for a heading: ``Meeting request``."""
        return KINDS[self.kind]

    def text(self) -> str:
        """The whole message as plain text: the subject line, a blank line, the body."""
        return f"Subject: {self.subject}\n\n{self.body}\n"


@dataclass(frozen=True)
class Facts:
    """What the drafts draw on, each already cleaned to plain text ("" or None when missing)."""

    owner: str
    role: str
    school: str
    principal: str
    send_ahead: tuple[str, ...]
    heard: str
    focus: str
    pilot: str
    ask: str
    result: str
    next_meeting: date | None
    next_checkin: date | None

    @classmethod
    def gather(cls, workbook: Workbook, library: Library, today: date) -> Facts:
        """Read the workbook: the plan's principal, the question bank, Step 4 and the check-in."""
        answers = Answers(workbook, library)
        principal = principal_name(workbook.plan.stakeholders)
        upcoming = sorted(m.on for m in workbook.plan.meetings if m.on >= today)
        follow_up = answers.date("listen.follow-up-date")
        next_meeting = follow_up if follow_up is not None and follow_up >= today else None
        checkin = answers.date("checkin.next-date")
        return cls(
            owner=_clean(workbook.meta.owner),
            role=_clean(workbook.meta.role),
            school=_clean(workbook.meta.school),
            principal=_clean(principal),
            send_ahead=tuple(_clean(q) for q in answers.chosen(BANK, "send")),
            heard=_clean(answers.text("listen.principal-priorities")),
            focus=_clean(answers.text("listen.focus")),
            pilot=_clean(answers.text("listen.pilot")),
            ask=_clean(answers.text("listen.the-ask")),
            result=_clean(answers.text("checkin.result")),
            next_meeting=next_meeting or (upcoming[0] if upcoming else None),
            next_checkin=checkin if checkin is not None and checkin >= today else (upcoming[0] if upcoming else None),
        )


def _clean(text: str) -> str:
    # A draft is pasted into an e-mail: one paragraph per answer, no control characters.
    return " ".join(one_line(text).replace("\\n", " ").split())


def _sentence(text: str) -> str:
    """``text`` ending in a full stop (a question mark or exclamation kept)."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def long_date(day: date) -> str:
    """``Tuesday 10 March 2026``, the same on every machine."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def _greeting(facts: Facts) -> str:
    return f"Dear {facts.principal}," if facts.principal else "Hello,"


def _signature(facts: Facts) -> str:
    lines = [facts.owner or marker("your name")]
    where = ", ".join(part for part in (facts.role, facts.school) if part)
    return "\n".join([*lines, where] if where else lines)


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def request(facts: Facts) -> Draft:
    """A short meeting request: she wants to listen, and sends a few questions ahead."""
    school = facts.school or "our school"
    parts = [
        _greeting(facts),
        "Could I have twenty or thirty minutes of your time in the next couple of weeks? I am not coming "
        f"with a request this time: I would like to hear what matters most to you for {school} this year, "
        "and where you feel the most pressure.",
    ]
    if facts.send_ahead:
        parts.append("So you can think about them first, these are the questions I would most like to ask:")
        parts.append(_bullets(facts.send_ahead))
    else:
        parts.append("I will bring a few questions, and I am happy to send them ahead if that helps.")
    parts.append(f"Would one of these times suit you? {marker('two or three times')}")
    parts.append(f"Thank you,\n{_signature(facts)}")
    return Draft("request", "Twenty minutes to hear your goals for the year", "\n\n".join(parts))


def thanks(facts: Facts) -> Draft:
    """After a meeting: thanks, what she heard, the ask if there is one, and the next date."""
    parts = [_greeting(facts), "Thank you for making time to talk with me."]
    if facts.heard:
        parts.append("These are my notes on what matters most to you; please tell me if I missed anything.")
        parts.append(f"> {_sentence(facts.heard)}")
    else:
        parts.append("I have written down what you told me matters most, and I will keep it in front of me.")
    if facts.ask:
        recap = [f"Focus: {_sentence(facts.focus)}"] if facts.focus else []
        recap += [f"Pilot: {_sentence(facts.pilot)}"] if facts.pilot else []
        recap += [f"My ask: {_sentence(facts.ask)}"]
        parts.append("To sum up what I proposed:")
        parts.append(_bullets(tuple(recap)))
    if facts.next_meeting:
        parts.append(f"I look forward to our next meeting on {long_date(facts.next_meeting)}.")
    else:
        parts.append(
            "Could we meet again within two weeks, so I can come back with one focus, one small pilot "
            f"and one request? {marker('the date')}"
        )
    parts.append(f"With thanks,\n{_signature(facts)}")
    return Draft("thanks", "Thank you, and our next step", "\n\n".join(parts))


def checkin(facts: Facts) -> Draft:
    """The monthly check-in note, following the meeting-prep agenda's five points."""
    when = f"on {long_date(facts.next_checkin)}" if facts.next_checkin else marker("the date")
    month = MONTHS[facts.next_checkin.month - 1] if facts.next_checkin else "this month"
    parts = [_greeting(facts), f"Ahead of our check-in {when}, here is a short note to keep it to fifteen minutes."]
    result = _sentence(facts.result) if facts.result else marker("one result, a number and a story,")
    items = [
        "What has changed in the school's priorities since we last met: I would like to hear your view first.",
        f"One result from the library: {result}",
        "What is coming up in the curriculum and the calendar, and where the library can help.",
        f"One decision or ask: {_sentence(facts.ask)}" if facts.ask else "One decision or ask: none this month.",
        "The date of our next check-in.",
    ]
    parts.append(_bullets(tuple(items)))
    parts.append(f"Thank you,\n{_signature(facts)}")
    return Draft("checkin", f"Library check-in for {month}", "\n\n".join(parts))


BUILDERS = {"request": request, "thanks": thanks, "checkin": checkin}


def draft(kind: str, workbook: Workbook, library: Library, today: date | None = None) -> Draft:
    """The draft of ``kind`` (``request``, ``thanks`` or ``checkin``) filled from the workbook."""
    facts = Facts.gather(workbook, library, today or date.today())
    return BUILDERS[kind](facts)


def all_drafts(workbook: Workbook, library: Library, today: date | None = None) -> list[Draft]:
    """Every draft, in the order they are used."""
    facts = Facts.gather(workbook, library, today or date.today())
    return [BUILDERS[kind](facts) for kind in KINDS]
