"""Edits to ``Workbook.plan``: add, update, delete and move entries and lines, set paragraphs.

Each function changes the workbook in place and says what changed; the caller saves. Errors are
one-line :class:`PlanError`\\ s.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from letstalk.errors import LetsTalkError, TooLongError
from letstalk.model import (
    MAX_TEXT,
    Action,
    CurriculumEntry,
    Goal,
    Meeting,
    Record,
    Stakeholder,
    Str,
    Workbook,
    check_length,
    next_ref,
    parse_date,
    parse_time,
)

MAX_GOALS = 5
"""A plan holds one to five SMART goals."""


class PlanError(LetsTalkError):
    """An edit the plan cannot take, such as a sixth goal or an unknown id."""

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(None, message, where)


E = TypeVar("E", Goal, Action, Stakeholder, CurriculumEntry, Meeting)

# kind -> (PlanData list, id prefix, noun, the field that must not be blank)
_KINDS: dict[type[Record], tuple[str, str, str, str | None]] = {
    Goal: ("goals", "g", "goal", "title"),
    Action: ("actions", "a", "action", "what"),
    Stakeholder: ("stakeholders", "s", "stakeholder", "name"),
    CurriculumEntry: ("curriculum", "c", "curriculum entry", "course"),
    Meeting: ("meetings", "m", "meeting", None),
}
_DATE_FIELDS = ("due", "on", "target")
_OPTIONAL_LINKS = ("goal", "idea", "due", "target", "start", "minutes")

Lines = Literal["learning", "areas"]
"""The plan's plain lists of text: professional learning offers and areas of promise."""

TextField = Literal["vision", "measures", "sharing"]
"""The plan's single paragraphs."""


def _entries(workbook: Workbook, kind: type[E]) -> list[E]:
    return getattr(workbook.plan, _KINDS[kind][0])


def _find(workbook: Workbook, kind: type[E], entry_id: str) -> int:
    for index, entry in enumerate(_entries(workbook, kind)):
        if entry.id == entry_id:
            return index
    _, _, noun, _ = _KINDS[kind]
    raise PlanError(f"no {noun} with id {entry_id!r}; it may have been deleted", _KINDS[kind][0])


def _validate(workbook: Workbook, kind: type[E], fields: dict[str, Any]) -> E:
    """A checked entry: dates typed as text parsed, required text present, goal links real."""
    name, _, noun, required = _KINDS[kind]
    fields = dict(fields)
    for key in _OPTIONAL_LINKS:
        if fields.get(key) == "":
            fields[key] = None  # a form's empty field means "none", not an id
    if isinstance(fields.get("private"), str) or fields.get("private") is None:  # a form's yes/none select
        fields["private"] = str(fields.get("private")) == "True"
    for key, value in list(fields.items()):
        info = kind.model_fields.get(key)
        if value is None and info is not None and not info.is_required() and info.default is not None:
            fields[key] = info.default  # a form's "(none)" for a choice with a default (a person's role: other)
    for key in _DATE_FIELDS:
        if isinstance(fields.get(key), str):
            try:
                fields[key] = parse_date(fields[key])
            except ValueError as exc:
                raise PlanError(str(exc), f"{name}.{key}") from None
    if isinstance(fields.get("start"), str):
        try:
            fields["start"] = parse_time(fields["start"])
        except ValueError as exc:
            raise PlanError(str(exc), f"{name}.start") from None
    if required and not str(fields.get(required) or "").strip():
        raise PlanError(f"a {noun} needs its {required.replace('_', ' ')} written first", f"{name}.{required}")
    goal = fields.get("goal")
    if kind is Action and goal and all(g.id != goal for g in workbook.plan.goals):
        raise PlanError(f"no goal with id {goal!r} to link to", "actions.goal")
    try:
        return kind.model_validate(fields)
    except ValidationError as exc:
        err: ErrorDetails = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in (name, *err["loc"]))
        raise PlanError(_message(err, str(err["loc"][-1]).replace("_", " ")), where) from None


def _message(err: ErrorDetails, what: str) -> str:
    """A pydantic error as words; text over the limit says by how much, as every too-long text does."""
    ctx = err.get("ctx") or {}
    if err["type"] == "string_too_long" and isinstance(err.get("input"), str) and "max_length" in ctx:
        return TooLongError(what, len(err["input"]), int(ctx["max_length"])).message
    return err["msg"][0].lower() + err["msg"][1:]


def add(workbook: Workbook, kind: type[E], **fields: Any) -> E:
    """Append a new entry of ``kind`` (Goal, Action, ...) with a fresh id; returns it."""
    entries = _entries(workbook, kind)
    if kind is Goal and len(entries) >= MAX_GOALS:
        raise PlanError(f"a plan holds at most {MAX_GOALS} goals; delete or merge one before adding another", "goals")
    if "id" in fields:
        raise PlanError("ids are given by letstalk; leave id out", _KINDS[kind][0])
    entry = _validate(workbook, kind, {**fields, "id": next_ref([e.id for e in entries], _KINDS[kind][1])})
    entries.append(entry)
    return entry


def update(workbook: Workbook, kind: type[E], entry_id: str, **fields: Any) -> bool:
    """Change some fields of one entry; returns whether anything changed."""
    if fields.get("id", entry_id) != entry_id:
        raise PlanError("an id never changes; add a new entry instead", _KINDS[kind][0])
    entries = _entries(workbook, kind)
    index = _find(workbook, kind, entry_id)
    changed = _validate(workbook, kind, {**entries[index].model_dump(), **fields})
    if changed == entries[index]:
        return False
    entries[index] = changed
    return True


def delete(workbook: Workbook, kind: type[E], entry_id: str) -> E:
    """Remove one entry and return it; actions linked to a deleted goal become unlinked."""
    entries = _entries(workbook, kind)
    removed = entries.pop(_find(workbook, kind, entry_id))
    if kind is Goal:
        for action in workbook.plan.actions:
            if action.goal == entry_id:
                action.goal = None
    return removed


def _swap(items: list[Any], index: int, offset: int) -> bool:
    target = index + offset
    if offset == 0 or not 0 <= target < len(items):
        return False
    items.insert(target, items.pop(index))
    return True


def move(workbook: Workbook, kind: type[E], entry_id: str, offset: int) -> bool:
    """Move an entry up (``offset=-1``) or down (``+1``); False at either end."""
    return _swap(_entries(workbook, kind), _find(workbook, kind, entry_id), offset)


def _lines(workbook: Workbook, which: Lines, index: int | None = None) -> list[str]:
    lines: list[str] = getattr(workbook.plan, which)
    if index is not None and not 0 <= index < len(lines):
        raise PlanError(f"there is no entry {index + 1}; the list holds {len(lines)}", which)
    return lines


def _line_text(which: Lines, text: str) -> str:
    if not text.strip():
        raise PlanError("write something first; an empty entry is not kept", which)
    try:
        return _LINE.validate_python(text)  # the model's own cleaning: line ends, control characters, length
    except ValidationError as exc:
        raise PlanError(_message(exc.errors(include_url=False)[0], "entry"), which) from None


_LINE: TypeAdapter[str] = TypeAdapter(Str)


def add_line(workbook: Workbook, which: Lines, text: str) -> int:
    """Append a line to ``learning`` or ``areas``; returns its index."""
    lines = _lines(workbook, which)
    lines.append(_line_text(which, text))
    return len(lines) - 1


def update_line(workbook: Workbook, which: Lines, index: int, text: str) -> bool:
    """Rewrite one line; returns whether it changed."""
    lines = _lines(workbook, which, index)
    text = _line_text(which, text)
    if lines[index] == text:
        return False
    lines[index] = text
    return True


def delete_line(workbook: Workbook, which: Lines, index: int) -> str:
    """Remove one line and return it."""
    return _lines(workbook, which, index).pop(index)


def move_line(workbook: Workbook, which: Lines, index: int, offset: int) -> bool:
    """Move a line up (``-1``) or down (``+1``); False at either end."""
    return _swap(_lines(workbook, which, index), index, offset)


def set_text(workbook: Workbook, field: TextField, text: str) -> bool:
    """Set the vision, measures or sharing paragraph ("" falls back to the step's answer).

    A paragraph over :data:`~letstalk.model.MAX_TEXT` is refused with a :class:`PlanError`, the saved one kept.
    """
    if field not in ("vision", "measures", "sharing"):
        raise PlanError(f"{field!r} is not one of vision, measures, sharing", "plan")
    try:
        check_length(text, MAX_TEXT, field)
    except TooLongError as exc:
        raise PlanError(exc.message, f"plan.{field}") from None
    if getattr(workbook.plan, field) == text:
        return False
    setattr(workbook.plan, field, text)
    return True
