"""Build the :class:`~letstalk.plan.view.Plan` from a workbook: typed plan first, answers after.

:func:`build` is pure and deterministic; answers to ``private`` items never enter the plan.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import date

from letstalk.content import Library, PackKind
from letstalk.content import Origin as TextOrigin
from letstalk.content.credits import adapted_from, own_levels_note
from letstalk.content.models import Idea, Point, RatingItem
from letstalk.log.measures import STEP_7, fill_in
from letstalk.model import ActionStatus, Meeting, Workbook, answer_in_words, principal_name
from letstalk.plan.answers import Answers
from letstalk.plan.view import (
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
    TalkingPoint,
    smart_missing,
)

QUICK_WINS_SECTION = "quick-wins"
"""The section whose ticked checklist items are quick wins already tried."""

DEFAULT_TALKING_POINTS = (
    "talking-points.national-guidelines",
    "talking-points.document-results",
    "talking-points.best-for-students",
)
"""Content talking points used when the librarian has written fewer than three of her own."""

DEFAULT_PURPOSE = (
    "Listen first: hear what matters most to {whom} this year, show where the library can help, "
    "and leave with one clear next step."
)


NOTES: dict[Part, tuple[tuple[str, str], ...]] = {
    Part.AREAS: (
        ("research.overlap", "Where our priorities overlap"),
        ("listen.principal-priorities", "What our principal said matters most"),
        ("research.school-priorities", "School priorities"),
        ("research.district-priorities", "District priorities"),
    ),
    Part.STAKEHOLDERS: (
        ("widen.stakeholders", "Who else we will bring in"),
        ("widen.first-partner", "Our first partner"),
    ),
    Part.GOALS: (("plan.smart-goals", "Goals as first drafted"),),
    Part.ACTIONS: (("plan.actions", "Actions as first drafted"),),
    Part.CURRICULUM: (("plan.curriculum-map", "Curriculum map notes"),),
    Part.LEARNING: (("plan.professional-learning", "Professional learning notes"),),
    Part.MEETINGS: (("listen.meeting-rhythm", "How often we meet"),),
    Part.MEASURES: (("act.feedback-loop", "Feedback along the way"),),
    Part.SHARING: (("act.next-cycle", "The next cycle"),),
}
"""Answers shown as context beside each part: (item id, label), in reading order."""


def workbook_key(workbook: Workbook) -> str:
    """A short stable key for the workbook: the random id made with it.

    A workbook made before that id existed uses its creation time, hashed: never the owner's
    name, so fixing an accent in it keeps every calendar event id.
    """
    if workbook.meta.key:
        return workbook.meta.key
    return hashlib.sha256(workbook.meta.created.isoformat().encode("utf-8")).hexdigest()[:16]


def build(
    workbook: Workbook,
    library: Library,
    sessions: Mapping[str, tuple[date, str]] | None = None,
    *,
    today: date | None = None,
) -> Plan:
    """The plan view of ``workbook``: pure and deterministic; private answers never enter it.

    ``sessions`` are the dated sessions of the cohort she joined: section id -> (day, place).
    ``today`` dates the card's figures from the log (this school year's); without it there are none.
    """
    answers = Answers(workbook, library)
    data = workbook.plan
    filled_from: dict[str, str] = {}

    def typed_or_answer(field: str, typed: str, item_id: str) -> str:
        if typed.strip():
            return typed
        text = answers.text(item_id)
        if text:
            filled_from[field] = item_id
        return text

    goals = tuple(PlanGoal(**goal.model_dump(), missing=smart_missing(goal)) for goal in data.goals)
    stakeholders = tuple(PlanStakeholder(**s.model_dump()) for s in data.stakeholders)
    meetings = _meetings(data.meetings, answers, stakeholders)
    return Plan(
        owner=workbook.meta.owner,
        school=workbook.meta.school,
        role=workbook.meta.role,
        key=workbook_key(workbook),
        vision=typed_or_answer("vision", data.vision, "plan.vision"),
        mission=answers.text("plan.mission"),
        areas=tuple(data.areas),
        stakeholders=stakeholders,
        goals=goals,
        actions=_actions(workbook, answers, goals),
        curriculum=tuple(PlanCurriculum(**entry.model_dump()) for entry in data.curriculum),
        learning=tuple(data.learning),
        meetings=meetings,
        measures=fill_in(typed_or_answer("measures", data.measures, "act.measures"), workbook.log, today),
        sharing=typed_or_answer("sharing", data.sharing, "act.share-results"),
        rubric=_rubric(answers),
        credit=adapted_from(library.packs),
        rubric_note=" ".join(n for p in library.packs if p.meta.kind is PackKind.RUBRIC and (n := own_levels_note(p))),
        review=data.review,
        signers=tuple(PlanSigner(**signer.model_dump()) for signer in data.signers),
        sessions=_sessions(library, sessions or {}),
        card=_card(answers, stakeholders, _impact(workbook, today)),
        notes=_notes(answers, lambda text: fill_in(text, workbook.log, today)),
        filled_from=filled_from,
    )


def _impact(workbook: Workbook, today: date | None) -> tuple[str, ...]:
    """The impact snapshot's first three headline figures for this school year, as the card shows them."""
    if today is None or not workbook.log.entries:
        return ()
    from letstalk.log.snapshot import build as snapshot

    view = snapshot(workbook, today, "year")  # shared entries only, as the snapshot counts them
    if not view.collaborations:
        return ()
    return tuple(f"{value} {label}" for value, label in view.headline()[:3])


def _sessions(library: Library, dated: Mapping[str, tuple[date, str]]) -> tuple[PlanSession, ...]:
    found = []
    for section_id, (day, place) in dated.items():
        section = library.sections.get(section_id)
        title = f"{section.label} · {section.title}" if section else section_id
        found.append(PlanSession(id=section_id, title=title, on=day, place=place))
    return tuple(sorted(found, key=lambda session: session.on))


def _notes(answers: Answers, written: Callable[[str], str]) -> dict[Part, tuple[Note, ...]]:
    notes: dict[Part, tuple[Note, ...]] = {}
    for part, sources in NOTES.items():
        found = tuple(
            # Only Step 7's answers hold measures (as the Log screen reads them): braces elsewhere are her own.
            Note(item=item_id, label=label, text=written(text) if item_id.startswith(STEP_7) else text)
            for item_id, label in sources
            if (text := answers.text(item_id))
        )
        if found:
            notes[part] = found
    return notes


def _actions(workbook: Workbook, answers: Answers, goals: tuple[PlanGoal, ...]) -> tuple[PlanAction, ...]:
    """Her actions in her order, then ideas, quick wins and commitments from the answers."""
    titles = {goal.id: goal.title for goal in goals}
    actions = [
        PlanAction(**action.model_dump(), goal_title=titles.get(action.goal or "", ""))
        for action in workbook.plan.actions
    ]
    owner = workbook.meta.owner
    adopted = {action.idea for action in workbook.plan.actions if action.idea}
    for _, item in answers.items(Idea):
        if item.id not in adopted and answers.ticked(item.id):
            actions.append(
                PlanAction(
                    id=item.id,
                    what=idea_text(item),
                    owner=owner,
                    origin=Origin.IDEA,
                    source=item.id,
                    source_title="Idea bank",
                )
            )
    quick_wins = answers.library.sections.get(QUICK_WINS_SECTION)
    for win in quick_wins.items() if quick_wins else ():
        if win.kind == "check" and not win.private and win.id not in adopted and answers.ticked(win.id):
            actions.append(
                PlanAction(
                    id=win.id,
                    what=win.text,
                    owner=owner,
                    status=ActionStatus.UNDER_WAY,
                    origin=Origin.QUICK_WIN,
                    source=win.id,
                    source_title="Quick win",
                )
            )
    for section in answers.library.all_sections():
        item_id = f"{section.id}.commitment"
        if what := answers.text(item_id):
            actions.append(
                PlanAction(
                    id=item_id,
                    what=what,
                    owner=owner,
                    due=answers.date(f"{section.id}.commitment-due"),
                    origin=Origin.COMMITMENT,
                    source=item_id,
                    source_title=f"{section.label} commitment",
                )
            )
    return tuple(actions)


def idea_text(idea: Idea) -> str:
    """What an adopted idea says as an action: its title, then what it looks like."""
    return f"{idea.title}: {idea.text}"


def _meetings(
    typed: list[Meeting], answers: Answers, stakeholders: tuple[PlanStakeholder, ...]
) -> tuple[PlanMeeting, ...]:
    """Her meetings and the Step 4 follow-up (unless she already holds a meeting that day), in date order.

    Every view (the plan table, the preview, each export) shows this order; meetings on the same
    day keep the order she added them in.
    """
    meetings = [PlanMeeting(**meeting.model_dump()) for meeting in typed]
    follow_up = answers.date("listen.follow-up-date")
    if follow_up is not None and all(meeting.on != follow_up for meeting in typed):
        meetings.append(
            PlanMeeting(
                id="listen.follow-up-date",
                on=follow_up,
                with_whom=principal_name(stakeholders) or "Principal",
                agenda="Second meeting, within two weeks of the first: one focus, one small pilot, one ask.",
                origin=Origin.FOLLOW_UP,
            )
        )
    return tuple(sorted(meetings, key=lambda meeting: (meeting.on, meeting.start is not None, meeting.start)))


def _rubric(answers: Answers) -> tuple[RubricRow, ...]:
    """Every rating of the rubric packs, rated or not, in content order."""
    rows = []
    for located, item in answers.items(RatingItem):
        if located.pack.meta.kind is not PackKind.RUBRIC:
            continue
        scale = located.pack.meta.scales.get(item.scale)
        levels = scale.levels if scale else []
        chosen = answers.text(item.id)
        position = next((n for n, level in enumerate(levels, 1) if level.id == chosen), 0)
        answer = answers.workbook.answers.get(item.id)
        rows.append(
            RubricRow(
                id=item.id,
                theme=item.text,
                level=chosen if position else None,
                level_label=answer_in_words(item, chosen, located.pack) if position else "",
                position=position,
                levels=len(levels),
                descriptor=item.descriptors.get(chosen, "") if position else "",
                evidence=answers.text(item.evidence),
                rated=answer.updated.date() if position and answer and answer.updated else None,
                own_words=bool(position) and item.descriptor_origin(chosen) is TextOrigin.LETSTALK,
            )
        )
    return tuple(rows)


_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")


def split_points(text: str) -> list[str]:
    """The points of a list the librarian typed: one a line, bullets and numbers removed."""
    return [_MARKER.sub("", line).strip() for line in text.splitlines() if _MARKER.sub("", line).strip()]


def split_questions(text: str) -> list[str]:
    """Questions typed on lines, or run together after question marks."""
    return [q.strip() for line in split_points(text) for q in re.split(r"(?<=\?)\s+", line) if q.strip()]


WEDGES = "readiness.frl"
"""Step 2's block of Future Ready Librarians wedges, rated on the growth scale."""

PITCH = ("pitch.who", "pitch.need", "pitch.offer")
"""The elevator pitch's three sentences (meeting-prep pack), in order."""


def _questions(answers: Answers) -> tuple[str, ...]:
    """The questions she marked in the question bank (sent ahead first), then her own from Step 4."""
    chosen = answers.chosen("bank", "send") + answers.chosen("bank", "ask")
    own = split_questions(answers.text("listen.questions"))
    return tuple(dict.fromkeys([*chosen, *own]))


def _card(answers: Answers, stakeholders: tuple[PlanStakeholder, ...], impact: tuple[str, ...] = ()) -> Card:
    """The card's content; which meeting is next depends on the day, so the card export picks it."""
    principal = principal_name(stakeholders)
    strengths, to_grow = answers.standing(WEDGES)
    points = [TalkingPoint(text=point) for point in split_points(answers.text("listen.talking-points"))]
    for item_id in DEFAULT_TALKING_POINTS:
        located = answers.located(item_id)
        if len(points) < 3 and located is not None:  # her own points first, however many
            item = located.item
            if isinstance(item, Point):
                points.append(TalkingPoint(text=item.text, detail=item.detail or "", suggested=True))
    return Card(
        purpose=DEFAULT_PURPOSE.format(whom=principal or "my principal"),
        principal=principal,
        talking_points=tuple(points),
        questions=_questions(answers),
        ask=answers.text("listen.the-ask"),
        focus=answers.text("listen.focus"),
        pilot=answers.text("listen.pilot"),
        pitch=tuple(text for item_id in PITCH if (text := answers.text(item_id))),
        strengths=strengths,
        to_grow=to_grow,
        follow_up=answers.date("listen.follow-up-date"),
        impact=impact,
    )
