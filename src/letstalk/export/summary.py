"""The collaborative plan summary as a :class:`~letstalk.export.document.Document`.

This module decides what the plan says and in which order; Markdown and HTML only render it.
Empty parts are left out, so a draft reads as a short plan rather than a form with holes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from letstalk.export.document import Block, Document, Entries, Entry, Para, Section, credit_line, long_date, split_title
from letstalk.plan import Origin, Part, Plan, PlanAction, Smart

TITLE = "Collaborative library plan"

EMPTY = "Nothing in this plan yet. Fill in Steps 3 to 7 of the workbook, or the Plan screen, and export again."

_DERIVED_GROUPS = (
    (Origin.IDEA, "Ideas chosen from the idea bank"),
    (Origin.QUICK_WIN, "Quick wins under way"),
    (Origin.COMMITMENT, "Cohort commitments"),
)


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
    return bool(block.entries) if isinstance(block, Entries) else bool(block.text.strip())


def _texts(lines: tuple[str, ...]) -> Entries:
    return Entries(tuple(Entry(body=line) for line in lines))


def action_entry(action: PlanAction) -> Entry:
    """An action as a list entry: its first line as the title, then owner, due date and status."""
    title, body = split_title(action.what)
    meta = [action.owner, f"due {long_date(action.due)}" if action.due else "", action.status_label]
    if action.origin is Origin.COMMITMENT:
        meta.append(action.source_title)
    return Entry(title=title, meta=tuple(m for m in meta if m.strip()), body=body, strong=False)


def _action_groups(plan: Plan) -> Iterator[Entries]:
    typed = [a for a in plan.actions if a.origin is Origin.PLAN]
    for number, goal in enumerate(plan.goals, 1):
        linked = tuple(action_entry(a) for a in typed if a.goal == goal.id)
        yield Entries(linked, title=f"Goal {number}: {goal.title}")
    unlinked = tuple(action_entry(a) for a in typed if plan.goal_number(a.goal) is None)
    yield Entries(unlinked, title="Other actions" if plan.goals else "")
    for origin, title in _DERIVED_GROUPS:
        yield Entries(tuple(action_entry(a) for a in plan.actions if a.origin is origin), title=title)


def _goals(plan: Plan) -> Entries:
    entries = []
    for goal in plan.goals:
        details = tuple((part.label, getattr(goal, part.value)) for part in Smart if getattr(goal, part.value).strip())
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


def _parts(plan: Plan) -> Iterator[tuple[Section | None, ...]]:
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
        _section("actions", "Actions", *_action_groups(plan), *_notes(plan, Part.ACTIONS)),
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
                        title=long_date(m.on),
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
        _section("measures", "Measuring success", Para(plan.measures), *_notes(plan, Part.MEASURES)),
        _section("sharing", "Sharing results", Para(plan.sharing), *_notes(plan, Part.SHARING)),
    )
    rubric = _rubric(plan)
    note = Para(plan.rubric_note, quiet=True) if rubric is not None and plan.rubric_note else None
    yield (_section("rubric", "Where we stand: growth indicators", rubric, note),)


def plan_document(plan: Plan, generated: datetime) -> Document:
    """The plan summary: vision and people, goals and actions, teaching, meetings, the rubric."""
    parts = tuple(kept for part in _parts(plan) if (kept := tuple(s for s in part if s is not None)))
    return Document("plan", TITLE, byline(plan, generated), parts, empty=EMPTY, credit=credit_line(plan))
