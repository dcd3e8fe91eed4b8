"""How plain mode shows, reads and stores each kind of item (no UI imports, no I/O).

A section is walked as a list of :class:`Stop`: every answerable item plus the ideas (which are
adopted with y or n). Points and resources are reading, printed on the way to the next stop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from letstalk.content import CHALLENGE_STATUSES, Pack, Section
from letstalk.content.models import (
    ANSWERABLE_KINDS,
    AnyItem,
    Challenge,
    Check,
    ChoiceItem,
    DateItem,
    Idea,
    LongItem,
    Point,
    RatingItem,
    Resource,
    TextItem,
)
from letstalk.model import Workbook, answer_in_words, parse_date

STOP_KINDS = ANSWERABLE_KINDS | {"idea"}
"""Item kinds the walk stops at to ask something."""

PRIVATE_NOTE = "(Private: kept out of every export and hidden from facilitators.)"


# -- typed answers ----------------------------------------------------------------------------
# Each parser returns None for a blank line (Enter keeps the current answer) and raises
# ValueError with the reason, which is printed before the question is asked again.


def parse_yes_no(raw: str) -> bool | None:
    """y/yes or n/no, in any case."""
    word = raw.strip().lower()
    if not word:
        return None
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    raise ValueError(f"“{raw.strip()}” is not an answer here: type y for yes or n for no")


def parse_number(raw: str, count: int) -> int | None:
    """A number from 1 to ``count``, returned as a 0-based index."""
    word = raw.strip()
    if not word:
        return None
    if not (word.isascii() and word.isdigit()):
        raise ValueError(f"“{word}” is not a number: type a number from 1 to {count}")
    number = int(word)
    if not 1 <= number <= count:
        raise ValueError(f"{number} is not one of the options: type a number from 1 to {count}")
    return number - 1


def parse_line(raw: str) -> str | None:
    """A one-line text answer, trimmed."""
    return raw.strip() or None


@dataclass(frozen=True)
class Ask:
    """One question to ask about an item: the prompt, how to read the reply, how to store it."""

    prompt: str
    parse: Callable[[str], Any]
    store: Callable[[Workbook, Any], bool]


def _set(item_id: str) -> Callable[[Workbook, Any], bool]:
    return lambda workbook, value: workbook.set_answer(item_id, value)


def _pick(ids: list[str], store: Callable[[Workbook, Any], bool]) -> Callable[[Workbook, Any], bool]:
    return lambda workbook, index: store(workbook, ids[index])


def asks(item: AnyItem, pack: Pack) -> list[Ask]:
    """The questions for an item, in order (a challenge has two: status, then a note)."""
    if isinstance(item, (Check, Idea)):
        prompt = "Adopt this idea? y or n" if isinstance(item, Idea) else "Done? y or n"
        return [Ask(prompt, parse_yes_no, _set(item.id))]
    if isinstance(item, TextItem):
        return [Ask("Your answer, on one line", parse_line, _set(item.id))]
    if isinstance(item, DateItem):
        return [Ask("Date as YYYY-MM-DD", parse_date, _set(item.id))]
    if isinstance(item, (ChoiceItem, RatingItem)):
        ids = [option_id for option_id, _ in options(item, pack)]
        store = (lambda wb, level: wb.rate(item.id, level)) if isinstance(item, RatingItem) else _set(item.id)
        return [Ask(f"Number, 1 to {len(ids)}", lambda raw: parse_number(raw, len(ids)), _pick(ids, store))]
    if isinstance(item, Challenge):
        statuses = [key for key, _ in CHALLENGE_STATUSES]
        menu = ", ".join(f"{n} {label.lower()}" for n, (_, label) in enumerate(CHALLENGE_STATUSES, 1))
        return [
            Ask(f"Status: {menu}", lambda raw: parse_number(raw, len(statuses)), _pick(statuses, _set(item.id))),
            Ask(
                "A note on one line (what happened, what you learned)",
                parse_line,
                lambda wb, note: wb.set_note(item.id, note),
            ),
        ]
    raise TypeError(f"plain mode cannot ask about a {item.kind!r} item")


# -- what the librarian sees ------------------------------------------------------------------


def options(item: ChoiceItem | RatingItem, pack: Pack) -> list[tuple[str, str]]:
    """(id, label) of a choice's options or a rating's levels, in order."""
    if isinstance(item, ChoiceItem):
        return [(choice.id, choice.label) for choice in item.choices]
    return [(level.id, level.label) for level in pack.meta.scales[item.scale].levels]


def question(item: AnyItem) -> str:
    """The item's question or title: the line repeated when an answer is refused."""
    if isinstance(item, (Challenge, Idea, Resource)):
        return item.title
    return item.text


def show(item: AnyItem, pack: Pack) -> list[str]:
    """Everything to print about an item before asking: question, hints, numbered options."""
    lines = [f"Idea: {item.title}" if isinstance(item, Idea) else question(item)]
    if isinstance(item, (Challenge, Idea)):
        lines.append(item.text)
    if isinstance(item, Idea) and item.partner:
        lines.append(f"Usually done with: {item.partner}")
    detail = getattr(item, "detail", None)
    if detail:
        lines.append(detail)
    if isinstance(item, TextItem) and item.placeholder:
        lines.append(f"For example: {item.placeholder}")
    if isinstance(item, (ChoiceItem, RatingItem)):
        descriptors = item.descriptors if isinstance(item, RatingItem) else {}
        for n, (option_id, label) in enumerate(options(item, pack), 1):
            described = descriptors.get(option_id)
            lines.append(f"{n}. {label}: {described}" if described else f"{n}. {label}")
    if item.private:
        lines.append(PRIVATE_NOTE)
    return lines


def state(item: AnyItem, workbook: Workbook, pack: Pack) -> str:
    """The answer in a few words: ``yes``, ``not answered``, ``2026-03-14``, ``trying``."""
    answer = workbook.answers.get(item.id)
    value = answer.value if answer is not None else None
    if isinstance(item, Challenge):
        word = answer_in_words(item, value or "not-started", pack).lower()
        return f"{word}, with a note" if answer is not None and answer.note else word
    if value is None or value == "":
        return "not answered"
    if isinstance(item, (TextItem, LongItem)) and isinstance(value, str):
        return "answered"  # the text itself is shown by current()
    return answer_in_words(item, value, pack)


def current(item: AnyItem, workbook: Workbook, pack: Pack) -> list[str]:
    """The current answer, shown before asking, and what Enter does."""
    answer = workbook.answers.get(item.id)
    if answer is None or (answer.value == "" and not answer.note):
        return ["Not answered yet."]
    if isinstance(item, (LongItem, TextItem)) and isinstance(answer.value, str) and answer.value:
        lines = ["Current answer:", *answer.value.split("\n")]
    else:
        lines = [f"Current answer: {state(item, workbook, pack)}."]
    if answer.note:
        lines.append(f"Current note: {answer.note}")
    return [*lines, "Enter keeps it."]


# -- the walk through a section ---------------------------------------------------------------


def place(section: Section, pack: Pack) -> str:
    """Where a section sits: ``Step 2 of 7`` for numbered labels, else ``Toolkit, section 3 of 7``."""
    word, _, number = section.label.rpartition(" ")
    alike = [s for s in pack.sections if s.label.rpartition(" ")[0] == word] if word else []
    if number.isascii() and number.isdigit() and 1 <= int(number) <= len(alike):
        return f"{section.label} of {len(alike)}"
    position = next(n for n, s in enumerate(pack.sections, 1) if s.id == section.id)
    return f"{section.label}, section {position} of {len(pack.sections)}"


def readable(item: AnyItem) -> list[str]:
    """A point or resource as lines of text."""
    if isinstance(item, Resource):
        lines = [f"- {item.title} ({item.format}): {item.why}"]
        return [*lines, f"  Link: {item.url}"] if item.url else lines
    if isinstance(item, Point):
        return [f"- {item.text}"] + ([f"  {item.detail}"] if item.detail else [])
    return []


@dataclass(frozen=True)
class Stop:
    """An item the walk asks about, and what is printed on the way to it."""

    item: AnyItem
    heading: list[str]
    """The block's heading, intro and own reading, when the item is the first of its block."""
    reading: list[str] = field(default_factory=list)
    """The reading blocks met since the previous stop."""


@dataclass(frozen=True)
class Walk:
    """A section laid out for plain mode."""

    stops: list[Stop]
    reading: list[str]
    """Every point and resource of the section, under block headings (the ``read`` command)."""
    outro: list[str]
    """Reading after the last stop, printed at the end of the section."""


def plan_walk(section: Section) -> Walk:
    """Lay out a section: its stops in order, with the reading between them."""
    stops: list[Stop] = []
    reading: list[str] = []
    pending: list[str] = []
    for block in section.blocks:
        heading = [f"{block.heading}:"] + ([block.intro] if block.intro else [])
        texts = [line for item in block.items for line in readable(item)]
        if texts:
            reading += heading + texts
        asked = [item for item in block.items if item.kind in STOP_KINDS]
        if not asked:
            pending += heading + texts
            continue
        for n, item in enumerate(asked):
            stops.append(Stop(item, heading + texts if n == 0 else [], pending if n == 0 else []))
            pending = []
    return Walk(stops, reading, pending)
