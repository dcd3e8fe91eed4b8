"""The one-page conversation card for the next principal meeting, as Markdown or HTML.

Purpose, three talking points, the questions to ask, the one ask and the next meeting: what
the librarian wants in her hand when she walks into the principal's office.
"""

from __future__ import annotations

from datetime import date, datetime

from letstalk.export.document import (
    Document,
    Entries,
    Entry,
    Para,
    Section,
    credit_line,
    generated_at,
    long_date,
    shorten,
)
from letstalk.export.glance import next_meeting, when
from letstalk.plan import Part, Plan, PlanMeeting

TITLE = "Conversation card"

# The card's budget: whatever the workbook holds, the card stays one page on A4 and on Letter
# (tests/unit/test_print.py prints the stress workbook to check). What does not fit is counted.
PURPOSE_CHARS = 150
POINTS = 3
POINT_CHARS = 95
POINT_DETAIL_CHARS = 90
QUESTIONS = 4
QUESTION_CHARS = 90
ASK_CHARS = 120
RHYTHM_CHARS = 110
PITCH_CHARS = 170
FOCUS_CHARS = 80
WEDGES_CHARS = 160


def more(count: int, what: str) -> Para:
    """``+ 4 more questions in the plan``: what the budget left out, and where to find it."""
    noun = what if count > 1 else what.removesuffix("s")
    return Para(f"+ {count} more {noun} in the plan", quiet=True)


def card_meeting(plan: Plan, today: date) -> PlanMeeting | None:
    """The card's meeting: the next in the plan dated today or later; a past date is never next."""
    return next_meeting(plan, today)


def card_document(plan: Plan, generated: datetime) -> Document:
    """The card's content, shared by both formats, cut to the budget that keeps it one page."""
    card = plan.card
    today = generated.date()
    meeting = card_meeting(plan, today)
    who = ", ".join(part for part in (plan.owner, plan.school) if part.strip())
    heading = (f"For my next meeting with {card.principal or 'my principal'}", who, long_date(today))
    purpose = meeting.agenda if meeting is not None and meeting.agenda.strip() else card.purpose
    shown = card.talking_points[:POINTS]
    points = Entries(
        tuple(
            Entry(title=shorten(p.text, POINT_CHARS), body=shorten(p.detail, POINT_DETAIL_CHARS), strong=False)
            for p in shown
        ),
        numbered=True,
    )
    point_notes: list[Para] = []
    if len(card.talking_points) > POINTS:
        point_notes.append(more(len(card.talking_points) - POINTS, "talking points"))
    if any(p.suggested for p in shown):
        point_notes.append(Para("Suggested from the talking-points toolkit; write your own in Step 4.", quiet=True))
    questions: tuple[Para | Entries, ...]
    if card.questions:
        count = QUESTIONS - 1 if card.impact else QUESTIONS  # see wedge_chars below
        asked = Entries(tuple(Entry(body=shorten(q, QUESTION_CHARS)) for q in card.questions[:count]))
        rest = len(card.questions) - count
        questions = (asked, more(rest, "questions")) if rest > 0 else (asked,)
    else:
        questions = (Para("Write the questions you will ask in Step 4 of the workbook.", quiet=True),)
    second = [
        Para(shorten(text, FOCUS_CHARS), label=label)
        for label, text in (("Focus", card.focus), ("Pilot", card.pilot))
        if text
    ]
    ask = (
        Para(shorten(card.ask, ASK_CHARS), label="Ask" if second else "")
        if card.ask
        else Para("First meeting: listen, and ask for nothing yet. Your ask belongs to the second meeting.", quiet=True)
    )
    wedges = f"Strongest: {'; '.join(card.strengths)}. Growing next: {card.to_grow}."
    pitch = (Para(shorten(" ".join(card.pitch), PITCH_CHARS)),) if card.pitch else ()
    figures = (Para(f"This school year: {' · '.join(card.impact)}."),) if card.impact else ()
    # This year's figures from the log take two lines of the one page: a question and the wedges' second line give them.
    wedge_chars = WEDGES_CHARS // 2 if card.impact else WEDGES_CHARS
    label = "" if card.impact else "Framework wedges"
    bring = (Para(shorten(wedges, wedge_chars), label=label),) if card.strengths else ()
    rhythm = [Para(shorten(note.text, RHYTHM_CHARS), label=note.label) for note in plan.notes_for(Part.MEETINGS)[:1]]
    if meeting is not None:
        with_whom = f" with {meeting.with_whom}" if meeting.with_whom.strip() else ""
        follow_up = Para(f"Next meeting: {when(meeting)}{with_whom}.")
    elif card.follow_up is not None and card.follow_up >= today:
        follow_up = Para(f"Second meeting: {long_date(card.follow_up)}.")
    else:
        follow_up = Para("No date yet: agree one before you leave.", quiet=True)
    sections = (
        Section("purpose", "Purpose", (Para(shorten(purpose, PURPOSE_CHARS)),)),
        *([Section("pitch", "My pitch", (*pitch, *figures, *bring))] if pitch or figures or bring else []),
        Section("points", "Three talking points", (points, *point_notes)),
        Section("questions", "Questions to ask", questions),
        Section("ask", "Focus, pilot and ask" if second else "The one ask", (*second, ask)),
        Section("follow-up", "Next meeting", (follow_up, *rhythm)),
    )
    return Document("card", TITLE, " · ".join(part for part in heading if part), (sections,), credit=credit_line(plan))


def card_markdown(plan: Plan, generated: datetime | None = None) -> str:
    """The conversation card as Markdown."""
    from letstalk.export.markdown import render_document

    return render_document(card_document(plan, generated or generated_at()))


def card_html(plan: Plan, generated: datetime | None = None) -> str:
    """The conversation card as a one-page, self-contained HTML file."""
    from letstalk.export.html import render_document

    return render_document(card_document(plan, generated or generated_at()))
