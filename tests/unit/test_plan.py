"""The collaborative plan: what build() takes from a workbook, SMART checks, and the editing API."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.paths import RICH

from letstalk import plan, storage
from letstalk.content import Library, load_library
from letstalk.errors import LetsTalkError
from letstalk.export import card
from letstalk.model import (
    Action,
    ActionStatus,
    CurriculumEntry,
    Goal,
    Meeting,
    Stakeholder,
    Workbook,
    new_workbook,
    next_ref,
)
from letstalk.plan import Origin, Part, PlanError, Smart


@pytest.fixture(scope="module")
def shipped() -> Library:
    """The four shipped content packs."""
    return load_library()


@pytest.fixture
def rich() -> Workbook:
    """The rich fixture workbook, freshly loaded (tests may change it)."""
    return storage.load(RICH)


@pytest.fixture
def blank() -> Workbook:
    return new_workbook(owner="Ana Ruiz", school="Hillside Middle School")


def by_id(entries: tuple, entry_id: str):
    return next(entry for entry in entries if entry.id == entry_id)


# -- build: what the answers bring in ---------------------------------------------------------


def test_typed_text_wins_and_answers_fill_the_gaps(rich: Workbook, shipped: Library) -> None:
    built = plan.build(rich, shipped)
    assert built.vision.startswith("Every Hillside student")  # from the Step 6 answer
    assert built.mission.startswith("The Hillside library partners")
    assert built.measures.startswith("Science inquiry rubric")  # from act.measures
    assert built.sharing.startswith("A one-page report with numbers")  # typed, beats act.share-results
    assert built.filled_from == {"vision": "plan.vision", "measures": "act.measures"}
    rich.plan.vision = "Our own words."
    assert plan.build(rich, shipped).vision == "Our own words."


def test_notes_carry_step_answers_into_their_parts(rich: Workbook, shipped: Library) -> None:
    built = plan.build(rich, shipped)
    assert [n.item for n in built.notes_for(Part.AREAS)] == [
        "research.overlap",
        "listen.principal-priorities",
        "research.school-priorities",
        "research.district-priorities",
    ]
    assert built.notes_for(Part.LEARNING)[0].text.count("<script>") == 1
    assert built.notes_for(Part.STAKEHOLDERS)[1].text == "Luis Ortiz and the Grade 7 science team"


def test_actions_merge_typed_ideas_quick_wins_and_commitments(rich: Workbook, shipped: Library) -> None:
    actions = plan.build(rich, shipped).actions
    assert [a.id for a in actions] == [
        "a-1",
        "a-2",
        "a-3",
        "a-4",
        "a-5",
        "a-7",
        "ideas.standards-collections",  # ticked, not yet adopted (database-workshops is a-3)
        "quick-wins.sel-book-club",
        "quick-wins.citation-workshops",
        "visioning.commitment",
        "relationships.commitment",
        "communication.commitment",
    ]
    assert by_id(actions, "a-1").goal_title == "Grade 7 students research like scientists"
    idea = by_id(actions, "ideas.standards-collections")
    assert (idea.origin, idea.owner, idea.editable) == (Origin.IDEA, "Ana Ruiz", False)
    assert idea.what.startswith("Custom standards collections: With a teacher")
    win = by_id(actions, "quick-wins.citation-workshops")
    assert (win.origin, win.status) == (Origin.QUICK_WIN, ActionStatus.UNDER_WAY)
    commitment = by_id(actions, "visioning.commitment")
    assert (commitment.due, commitment.source_title) == (date(2026, 2, 6), "Session 1 commitment")
    assert by_id(actions, "communication.commitment").due is None


def test_the_principal_follow_up_becomes_a_meeting_once(rich: Workbook, shipped: Library) -> None:
    meetings = plan.build(rich, shipped).meetings
    follow_up = meetings[-1]
    assert (follow_up.on, follow_up.with_whom, follow_up.origin) == (
        date(2026, 3, 12),
        "Dr. Maya Chen",
        Origin.FOLLOW_UP,
    )
    plan.add(
        rich,
        Meeting,
        on="2026-03-12",
        with_whom="Dr. Maya Chen",
        agenda="Share the unit results; confirm the staff-meeting slot.",
    )
    rebuilt = plan.build(rich, shipped)
    assert [m.origin for m in rebuilt.meetings] == [Origin.PLAN] * 3
    card_page = card.card_markdown(rebuilt, datetime(2026, 3, 2, tzinfo=UTC))
    assert "Share the unit results; confirm the staff-meeting slot." in card_page  # the next meeting's agenda


def test_rubric_rows_name_levels_and_evidence(rich: Workbook, shipped: Library) -> None:
    rows = {row.id: row for row in plan.build(rich, shipped).rubric}
    assert list(rows) == [
        "growth.school-improvement",
        "growth.principal",
        "growth.teacher-librarian",
        "growth.teacher",
        "growth.support-staff",
        "growth.district",
    ]  # the cohort's self-ratings (not a rubric pack) stay out
    school = rows["growth.school-improvement"]
    assert (school.level_label, school.position, school.levels, school.rated) == ("Evolving", 3, 5, date(2026, 2, 20))
    assert school.descriptor.startswith("The team deliberately builds")
    assert school.evidence.startswith("Our two library goals")
    assert rows["growth.district"].level is None and rows["growth.district"].position == 0


def test_card_uses_her_points_and_questions(rich: Workbook, shipped: Library) -> None:
    card = plan.build(rich, shipped).card
    assert [p.text[:20] for p in card.talking_points] == [
        "Grade 7 students who",
        "The district researc",
        "Circulation is up 18",
    ]
    assert not any(p.suggested for p in card.talking_points)
    assert card.questions == (
        "What are you proudest of this year?",
        "Which school goal worries you most?",
        "What do teachers need most right now?",
        "Where could the library take something off your plate?",
    )
    assert card.ask.startswith("Fifteen minutes") and card.follow_up == date(2026, 3, 12)
    assert card.principal == "Dr. Maya Chen" and "Dr. Maya Chen" in card.purpose


def test_card_fills_up_to_three_points_from_the_toolkit(blank: Workbook, shipped: Library) -> None:
    assert [p.suggested for p in plan.build(blank, shipped).card.talking_points] == [True, True, True]
    blank.set_answer("listen.talking-points", "1) Our circulation doubled.")
    points = plan.build(blank, shipped).card.talking_points
    assert [p.text for p in points][:2] == ["Our circulation doubled.", "Bring the national guidance with you."]
    assert len(points) == 3 and points[1].detail


def test_private_answers_never_enter_the_plan(rich: Workbook, shipped: Library) -> None:
    dumped = plan.build(rich, shipped).model_dump_json()
    assert "luxury" not in dumped  # mindset.doubts
    assert "talk too fast" not in dumped  # visioning.notes


def test_private_items_of_any_kind_are_skipped(mini_library: Library) -> None:
    # The mini pack's first.secret is private; a private idea or commitment would be skipped alike.
    workbook = new_workbook()
    workbook.set_answer("first.secret", "hidden")
    workbook.set_answer("second.idea-dot", True)
    built = plan.build(workbook, mini_library)
    assert "hidden" not in built.model_dump_json()
    assert [a.id for a in built.actions] == ["second.idea-dot"]


def test_missing_content_is_tolerated_and_unknown_answers_ignored(rich: Workbook, mini_library: Library) -> None:
    # Only the mini pack: no Step 3-7 items, no idea bank, no rubric pack. Answers to ids the
    # content lacks are left out, since nothing says whether they were private.
    built = plan.build(rich, mini_library)
    assert built.vision == "" and built.notes == {} and built.rubric == ()
    assert [a.origin for a in built.actions] == [Origin.PLAN] * 6
    assert built.card.talking_points == () and built.card.follow_up is None


def test_build_is_pure_and_deterministic(rich: Workbook, shipped: Library) -> None:
    before = storage.dumps(rich)
    first, second = plan.build(rich, shipped), plan.build(rich, shipped)
    assert first == second and first.model_dump_json() == second.model_dump_json()
    assert storage.dumps(rich) == before
    with pytest.raises(ValidationError):
        first.vision = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        first.goals[0].title = "changed"  # type: ignore[misc]


def test_workbook_key_is_stable_and_differs_between_workbooks(rich: Workbook) -> None:
    assert plan.workbook_key(rich) == plan.workbook_key(storage.load(RICH))
    assert plan.workbook_key(rich) != plan.workbook_key(new_workbook(owner="Ana Ruiz"))


def test_empty_plan(blank: Workbook, shipped: Library) -> None:
    built = plan.build(blank, shipped)
    assert built.is_empty()
    blank.rate("growth.teacher", "emerging")
    assert not plan.build(blank, shipped).is_empty()


# -- SMART ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({}, ("specific", "measurable", "achievable", "relevant", "time_bound")),
        ({"specific": "s", "measurable": "m", "achievable": "a", "relevant": "r", "time_bound": "t"}, ()),
        ({"specific": "s", "time_bound": "June"}, ("measurable", "achievable", "relevant")),
        ({"specific": "   \n ", "measurable": "m"}, ("specific", "achievable", "relevant", "time_bound")),
    ],
)
def test_smart_missing(fields: dict[str, str], missing: tuple[str, ...]) -> None:
    assert plan.smart_missing(Goal(id="g-1", title="Goal", **fields)) == missing


def test_smart_labels_and_plan_goals(rich: Workbook, shipped: Library) -> None:
    assert [part.label for part in Smart] == ["Specific", "Measurable", "Achievable", "Relevant", "Time-bound"]
    goals = plan.build(rich, shipped).goals
    assert [g.complete for g in goals] == [True, False, False]
    assert goals[1].missing == (Smart.ACHIEVABLE, Smart.TIME_BOUND)


# -- editing ----------------------------------------------------------------------------------


def test_add_gives_fresh_ids_never_below_the_highest(rich: Workbook) -> None:
    assert plan.add(rich, Action, what="Book the lab").id == "a-8"  # a-6 was deleted long ago
    assert plan.add(rich, Stakeholder, name="Mrs. Okafor", role="other").id == "s-6"
    assert plan.add(rich, CurriculumEntry, course="Grade 8 Health").id == "c-4"
    assert plan.add(rich, Meeting, on=date(2026, 4, 7)).id == "m-3"
    assert next_ref(["a-2", "x-9", "a-10", "a-b", "ab-40", "a-" + "9" * 5000], "a") == "a-11"


def test_a_forms_none_for_a_choice_with_a_default_is_that_default(blank: Workbook) -> None:
    """A person added with Role and Who sees it left at "(none)": she is "other" and shared, not an error."""
    person = plan.add(blank, Stakeholder, name="Ms Lee", role=None, private=None, cares_about="")
    assert person.role == "other" and person.private is False
    action = plan.add(blank, Action, what="Book talks", goal=None, status=None)
    assert action.goal is None and action.status == Action.model_fields["status"].default


@given(st.lists(st.tuples(st.sampled_from(["a", "ab", "x", "A"]), st.text("0129٣a -", max_size=6))))
def test_the_next_id_is_the_one_a_regex_would_give(parts: list[tuple[str, str]]) -> None:
    ids = [f"{prefix}-{tail}" for prefix, tail in parts]
    numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(r"a-(\d+)", i))]
    assert next_ref(ids, "a") == f"a-{max(numbers, default=0) + 1}"


def test_goals_stop_at_five(blank: Workbook) -> None:
    for n in range(5):
        plan.add(blank, Goal, title=f"Goal {n}")
    with pytest.raises(PlanError, match="at most 5 goals") as caught:
        plan.add(blank, Goal, title="One too many")
    assert isinstance(caught.value, LetsTalkError) and "\n" not in str(caught.value)
    assert len(blank.plan.goals) == 5
    storage.loads(storage.dumps(blank))  # still a valid workbook


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        (Goal, {"title": "  "}, "needs its title"),
        (Action, {"what": "Ask", "due": "next week"}, "is not a date"),
        (Action, {"what": "Ask", "goal": "g-9"}, "no goal with id 'g-9'"),
        (Action, {"what": "Ask", "status": "someday"}, "input should be"),
        (Stakeholder, {"name": "Sam", "role": "janitor"}, "input should be"),
        (Meeting, {"with_whom": "Dr. Chen"}, "field required"),
        (Goal, {"title": "Goal", "id": "g-99"}, "ids are given by letstalk"),
    ],
)
def test_add_rejects_bad_fields_with_one_line(blank: Workbook, kind: type, fields: dict, message: str) -> None:
    with pytest.raises(PlanError, match=message) as caught:
        plan.add(blank, kind, **fields)
    assert "\n" not in str(caught.value)
    assert blank.plan == new_workbook().plan


def test_update_reports_whether_anything_changed(rich: Workbook) -> None:
    assert plan.update(rich, Action, "a-2", status="under-way", due="2026-05-20") is True
    action = rich.plan.actions[1]
    assert (action.status, action.due, action.what[:5]) == (ActionStatus.UNDER_WAY, date(2026, 5, 20), "Score")
    assert plan.update(rich, Action, "a-2", status="under-way") is False
    with pytest.raises(PlanError, match="no action with id 'a-6'"):
        plan.update(rich, Action, "a-6", what="Gone")
    with pytest.raises(PlanError, match="never changes"):
        plan.update(rich, Goal, "g-1", id="g-2")


def test_deleting_a_goal_unlinks_its_actions(rich: Workbook) -> None:
    removed = plan.delete(rich, Goal, "g-1")
    assert removed.title == "Grade 7 students research like scientists"
    assert [a.goal for a in rich.plan.actions[:3]] == [None, None, "g-2"]
    assert plan.add(rich, Goal, title="New").id == "g-4"


def test_move_up_and_down_stops_at_the_ends(rich: Workbook) -> None:
    ids = lambda: [s.id for s in rich.plan.stakeholders]  # noqa: E731
    assert plan.move(rich, Stakeholder, "s-3", -1) is True
    assert ids() == ["s-1", "s-3", "s-2", "s-4", "s-5"]
    assert plan.move(rich, Stakeholder, "s-1", -1) is False
    assert plan.move(rich, Stakeholder, "s-5", +1) is False
    assert plan.move(rich, Stakeholder, "s-1", +1) is True
    assert ids() == ["s-3", "s-1", "s-2", "s-4", "s-5"]


def test_text_lists(rich: Workbook) -> None:
    assert plan.add_line(rich, "learning", "Citation clinic") == 2
    assert plan.update_line(rich, "learning", 2, "Citation clinic") is False
    assert plan.update_line(rich, "learning", 2, "Citation clinic, May") is True
    assert plan.move_line(rich, "learning", 2, -2) is True
    assert rich.plan.learning[0] == "Citation clinic, May"
    assert plan.move_line(rich, "learning", 0, -1) is False
    assert plan.delete_line(rich, "areas", 2) == "Digital citizenship, grades 6-8"
    with pytest.raises(PlanError, match="no entry 9"):
        plan.update_line(rich, "areas", 8, "x")
    with pytest.raises(PlanError, match="write something first"):
        plan.add_line(rich, "areas", " \n")


def test_set_text_and_falling_back_to_the_answer(rich: Workbook, shipped: Library) -> None:
    assert plan.set_text(rich, "measures", "Rubric scores and log-ins.") is True
    assert plan.set_text(rich, "measures", "Rubric scores and log-ins.") is False
    assert plan.build(rich, shipped).measures == "Rubric scores and log-ins."
    plan.set_text(rich, "measures", "")
    assert plan.build(rich, shipped).measures.startswith("Science inquiry rubric")
    with pytest.raises(PlanError):
        plan.set_text(rich, "mission", "x")  # type: ignore[arg-type]


def test_adopt_idea(rich: Workbook, shipped: Library) -> None:
    action = plan.adopt_idea(rich, shipped, "ideas.discovery-days")
    assert (action.id, action.idea, action.owner) == ("a-8", "ideas.discovery-days", "Ana Ruiz")
    assert action.what.startswith("Discovery Days: Set aside drop-in days")
    assert rich.value("ideas.discovery-days") is True
    adopted = plan.adopt_idea(rich, shipped, "ideas.standards-collections")
    built = plan.build(rich, shipped)
    assert [a.id for a in built.actions if a.origin is Origin.IDEA] == []  # both now typed actions
    assert by_id(built.actions, adopted.id).editable
    with pytest.raises(PlanError, match="already in the plan as action a-8"):
        plan.adopt_idea(rich, shipped, "ideas.discovery-days")
    with pytest.raises(PlanError, match="no idea with id"):
        plan.adopt_idea(rich, shipped, "quick-wins.dot-day")


def test_idea_options_show_what_is_chosen_and_adopted(rich: Workbook, shipped: Library) -> None:
    options = {o.id: o for o in plan.idea_options(rich, shipped)}
    assert len(options) == 9 and options["ideas.teacher-pd"].partner == "Principal and instructional coaches"
    assert (options["ideas.database-workshops"].chosen, options["ideas.database-workshops"].action) == (True, "a-3")
    assert (options["ideas.standards-collections"].chosen, options["ideas.standards-collections"].action) == (
        True,
        None,
    )
    assert (options["ideas.tech-tool-spotlight"].chosen, options["ideas.tech-tool-spotlight"].action) == (False, None)


def test_edits_survive_a_save(rich: Workbook) -> None:
    plan.add(rich, Goal, title="Families read with us", specific="Two family reading nights")
    plan.add(rich, Action, what="Plan the first family night", goal="g-4", due="2026-04-15")
    again = storage.loads(storage.dumps(rich))
    assert again.plan == rich.plan
