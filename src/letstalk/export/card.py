"""The one-page conversation card for the next principal meeting, as Markdown or HTML.

Purpose, three talking points, the questions to ask, the one ask and the follow-up date: what
the librarian wants in her hand when she walks into the principal's office.
"""

from __future__ import annotations

from datetime import datetime

from letstalk.export.document import Document, Entries, Entry, Para, Section, credit_line, generated_at, long_date
from letstalk.plan import Part, Plan

TITLE = "Conversation card"


def card_document(plan: Plan, generated: datetime) -> Document:
    """The card's content, shared by both formats."""
    card = plan.card
    who = ", ".join(part for part in (plan.owner, plan.school) if part.strip())
    heading = (f"For my next meeting with {card.principal or 'my principal'}", who, long_date(generated.date()))
    points = Entries(
        tuple(Entry(title=p.text, body=p.detail, strong=False) for p in card.talking_points), numbered=True
    )
    suggested = any(p.suggested for p in card.talking_points)
    questions: tuple[Para | Entries, ...] = (
        (Entries(tuple(Entry(body=q) for q in card.questions)),)
        if card.questions
        else (Para("Write the questions you will ask in Step 4 of the workbook.", quiet=True),)
    )
    second = [Para(text, label=label) for label, text in (("Focus", card.focus), ("Pilot", card.pilot)) if text]
    ask = (
        Para(card.ask, label="Ask" if second else "")
        if card.ask
        else Para("First meeting: listen, and ask for nothing yet. Your ask belongs to the second meeting.", quiet=True)
    )
    pitch = (Para(" ".join(card.pitch)),) if card.pitch else ()
    bring = (
        (Para(f"Strongest: {'; '.join(card.strengths)}. Growing next: {card.to_grow}.", label="Framework wedges"),)
        if card.strengths
        else ()
    )
    rhythm = [Para(note.text, label=note.label) for note in plan.notes_for(Part.MEETINGS)]
    follow_up = (
        Para(f"Follow-up date: {long_date(card.follow_up)}.")
        if card.follow_up
        else Para("No date yet: agree one before you leave.", quiet=True)
    )
    sections = (
        Section("purpose", "Purpose", (Para(card.purpose),)),
        *([Section("pitch", "My pitch", (*pitch, *bring))] if pitch or bring else []),
        Section(
            "points",
            "Three talking points",
            (
                points,
                *(
                    [Para("Suggested from the talking-points toolkit; write your own in Step 4.", quiet=True)]
                    if suggested
                    else []
                ),
            ),
        ),
        Section("questions", "Questions to ask", questions),
        Section("ask", "Focus, pilot and ask" if second else "The one ask", (*second, ask)),
        Section("follow-up", "Follow-up", (follow_up, *rhythm)),
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
