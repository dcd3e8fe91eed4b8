"""The collaborative plan summary as a :class:`~letstalk.export.document.Document`.

This module decides what the plan says and in which order; Markdown and HTML only render it.
Empty parts are left out, so a draft reads as a short plan rather than a form with holes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from letstalk.export.document import (
    Block,
    Document,
    Entries,
    Entry,
    Para,
    Section,
    Table,
    credit_line,
    long_date,
)
from letstalk.export.glance import OVERDUE, by_due, overdue, summary_page, when
from letstalk.model import StakeholderRole
from letstalk.plan import Origin, Part, Plan, PlanAction, Smart

TITLE = "Collaborative library plan"

EMPTY = "Nothing in this plan yet. Fill in Steps 3 to 7 of the workbook, or the Plan screen, and export again."

ACTION_HEADER = ("What", "Owner", "Due", "Status", "Goal")


def byline(plan: Plan, generated: datetime, *, lead: str = "Prepared by") -> str:
    """``Hillside Middle School · Prepared by Ana Ruiz, Teacher-librarian · 2 March 2026``."""
    who = ", ".join(part for part in (plan.owner, plan.role) if part.strip())
    parts = [plan.school, f"{lead} {who}" if who else "", long_date(generated.date())]
    return " · ".join(part for part in parts if part.strip())


def _notes(plan: Plan, part: Part) -> tuple[Para, ...]:
    return tuple(Para(note.text, label=note.label) for note in plan.notes_for(part))


def _section(key: str, title: str, *blocks: Block | None) -> Section | None:
    kept = tuple(block for block in blocks if block is not None and _has_content(block))
    return Section(key, title, kept) if kept else None


def _has_content(block: Block) -> bool:
    if isinstance(block, Table):
        return bool(block.rows)
    return bool(block.entries) if isinstance(block, Entries) else bool(block.text.strip())


def _texts(lines: tuple[str, ...]) -> Entries:
    return Entries(tuple(Entry(body=line) for line in lines))


def action_what(action: PlanAction) -> str:
    """An action's cell: what she wrote, then what it needs, whom it serves and where it comes from."""
    lines = [action.what.strip()]
    if action.resources.strip():
        lines.append(f"Needs: {action.resources.strip()}")
    if action.serves.strip():
        lines.append(f"Serves: {action.serves.strip()}")
    if action.origin is not Origin.PLAN:
        lines.append(f"From: {action.source_title}")
    return "\n".join(lines)


def action_table(plan: Plan, today: date) -> Table:
    """Every action in one table sorted by due date, overdue ones marked in words and a symbol."""
    rows, marked = [], []
    for action in by_due(plan.actions):
        late = overdue(action, today)
        due = long_date(action.due) if action.due else ""
        number = plan.goal_number(action.goal)
        rows.append(
            (
                action_what(action),
                action.owner,
                f"{due}\n{OVERDUE}" if late else due,
                action.status_label,
                f"Goal {number}" if number else "",
            )
        )
        marked.append(late)
    return Table(ACTION_HEADER, tuple(rows), marked=tuple(marked))


def _goals(plan: Plan) -> Entries:
    entries = []
    for goal in plan.goals:
        details = tuple((part.label, getattr(goal, part.value)) for part in Smart if getattr(goal, part.value).strip())
        details += (("How we will know", goal.evidence),) if goal.evidence.strip() else ()
        details += (("Target date", long_date(goal.target)),) if goal.target else ()
        missing = ", ".join(part.label for part in goal.missing)
        entries.append(Entry(title=goal.title, details=details, note=f"Still to define: {missing}." if missing else ""))
    return Entries(tuple(entries), numbered=True)


def _rubric(plan: Plan) -> Entries | None:
    if not any(row.level or row.evidence for row in plan.rubric):
        return None
    entries = []
    for row in plan.rubric:
        if row.level:
            meter = "●" * row.position + "○" * (row.levels - row.position)  # readable without colour
            meta: tuple[str, ...] = (f"{row.level_label} {meter} ({row.position} of {row.levels})",)
            meta += (f"rated {long_date(row.rated)}",) if row.rated else ()
        else:
            meta = ("Not rated yet",)
        details = (("Evidence", row.evidence),) if row.evidence else ()
        note = "This descriptor is letstalk's own words." if row.own_words else ""
        entries.append(Entry(title=row.theme, meta=meta, body=row.descriptor, details=details, note=note))
    return Entries(tuple(entries))


def _conversation(plan: Plan) -> tuple[Block, ...]:
    """Every talking point and question for the next conversation (the card shows what fits)."""
    card = plan.card
    points = Entries(
        tuple(Entry(title=p.text, body=p.detail, strong=False) for p in card.talking_points if not p.suggested),
        title="Talking points",
    )
    questions = Entries(tuple(Entry(body=q) for q in card.questions), title="Questions to ask")
    ask = Para(card.ask, label="The one ask")
    return (points, questions, ask)


def _signers(plan: Plan) -> tuple[tuple[str, str], ...]:
    """Who signs: as listed in the plan, else the librarian and the principal the plan names."""
    if plan.signers:
        return tuple((s.name, s.role) for s in plan.signers)
    principal = next((s.name for s in plan.stakeholders if s.role is StakeholderRole.PRINCIPAL and s.name.strip()), "")
    found = ((plan.owner, plan.role or "Librarian"), (principal, "Principal"))
    return tuple((name, role) for name, role in found if name.strip())


def _signoff(plan: Plan) -> Section | None:
    review = Para(f"We will review this plan together on {long_date(plan.review)}.") if plan.review else None
    rows = tuple((name, role, "", "") for name, role in _signers(plan))
    return _section("signoff", "Agreed by", review, Table(("Name", "Role", "Signature", "Date"), rows))


def _parts(plan: Plan, today: date) -> Iterator[tuple[Section | None, ...]]:
    if "summary" not in plan.left_out and not plan.is_empty():
        yield tuple(summary_page(plan, today))
    yield (
        _section("vision", "Shared vision", Para(plan.vision), Para(plan.mission, label="Library mission")),
        _section("areas", "Areas of promise", _texts(plan.areas), *_notes(plan, Part.AREAS)),
        _section(
            "stakeholders",
            "Who is at the table",
            Entries(
                tuple(
                    Entry(
                        title=s.name,
                        meta=(s.role_label,),
                        details=(("Cares about", s.cares_about),) if s.cares_about.strip() else (),
                    )
                    for s in plan.stakeholders
                )
            ),
            *_notes(plan, Part.STAKEHOLDERS),
        ),
    )
    yield (
        _section("goals", "SMART goals", _goals(plan), *_notes(plan, Part.GOALS)),
        _section("actions", "Actions", action_table(plan, today), *_notes(plan, Part.ACTIONS)),
    )
    yield (
        _section(
            "curriculum",
            "Curriculum map",
            Entries(
                tuple(
                    Entry(
                        title=" · ".join(t for t in (c.course, c.unit) if t.strip()),
                        meta=tuple(m for m in (c.term, f"with {c.partner}" if c.partner.strip() else "") if m.strip()),
                        body=c.contribution,
                    )
                    for c in plan.curriculum
                )
            ),
            *_notes(plan, Part.CURRICULUM),
        ),
        _section("learning", "Professional learning for teachers", _texts(plan.learning), *_notes(plan, Part.LEARNING)),
    )
    yield (
        _section(
            "meetings",
            "Meetings",
            Entries(
                tuple(
                    Entry(
                        title=when(m),
                        meta=(m.with_whom,) if m.with_whom.strip() else (),
                        details=tuple(
                            (k, v)
                            for k, v in (("Agenda", m.agenda), ("Notes", m.notes), ("Follow-up", m.follow_up))
                            if v.strip()
                        ),
                    )
                    for m in plan.meetings
                )
            ),
            *_notes(plan, Part.MEETINGS),
        ),
        _section(
            "conversation", "For our next conversation", *(() if "meetings" in plan.left_out else _conversation(plan))
        ),
        _section("measures", "Measuring success", Para(plan.measures), *_notes(plan, Part.MEASURES)),
        _section("sharing", "Sharing results", Para(plan.sharing), *_notes(plan, Part.SHARING)),
    )
    rubric = _rubric(plan)
    note = Para(plan.rubric_note, quiet=True) if rubric is not None and plan.rubric_note else None
    yield (_section("rubric", "Where we stand: growth indicators", rubric, note),)


def plan_document(plan: Plan, generated: datetime) -> Document:
    """The plan summary: vision and people, goals and actions, teaching, meetings, the rubric."""
    today = generated.date()
    parts = [kept for part in _parts(plan, today) if (kept := tuple(s for s in part if s is not None))]
    signoff = _signoff(plan) if parts else None
    if signoff is not None:  # on the last page, after the last part
        parts[-1] = (*parts[-1], signoff)
    return Document("plan", TITLE, byline(plan, generated), tuple(parts), empty=EMPTY, credit=credit_line(plan))
