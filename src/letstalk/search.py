"""Search across content, answers and the collaborative plan: what she wrote and what the packs say."""

from __future__ import annotations

from dataclasses import dataclass

from letstalk.content import Library
from letstalk.model import Workbook

SNIPPET = 60


@dataclass(frozen=True)
class Hit:
    """One match: the section and item to jump to, and a line to show."""

    section_id: str
    item_id: str
    where: str
    snippet: str
    in_answer: bool
    plan_part: str | None = None  # the Plan screen part (goals, actions...) when the hit is in the plan


def _snippet(text: str, start: int, length: int) -> str:
    begin = max(0, start - SNIPPET // 3)
    end = min(len(text), start + length + SNIPPET)
    flat = " ".join(text[begin:end].split())
    return ("…" if begin else "") + flat + ("…" if end < len(text) else "")


def _item_texts(item: object) -> list[str]:
    return [str(getattr(item, name)) for name in ("title", "text", "detail", "why") if getattr(item, name, None)]


_PLAN_LISTS = (
    ("stakeholders", "People", ("name", "cares_about")),
    ("goals", "Goals", ("title", "specific", "measurable", "achievable", "relevant", "time_bound", "evidence")),
    ("actions", "Actions", ("what", "owner", "resources", "serves")),
    ("curriculum", "Curriculum map", ("course", "unit", "contribution", "partner", "term")),
    ("meetings", "Meetings", ("with_whom", "agenda", "notes", "follow_up")),
)


def _plan_pieces(workbook: Workbook) -> list[tuple[str, str, str, str]]:
    """(part, entry id, where, text) for every piece of the plan she typed."""
    plan = workbook.plan
    pieces = [("vision", "vision", "Plan · Shared vision", plan.vision)]
    pieces += [("areas", str(n), "Plan · Areas of promise", line) for n, line in enumerate(plan.areas)]
    pieces += [("learning", str(n), "Plan · Professional learning", line) for n, line in enumerate(plan.learning)]
    pieces += [("measures", "measures", "Plan · Measuring success", plan.measures)]
    pieces += [("measures", "sharing", "Plan · Sharing results", plan.sharing)]
    for key, title, fields in _PLAN_LISTS:
        for entry in getattr(plan, key):
            pieces += [(key, entry.id, f"Plan · {title}", str(getattr(entry, name))) for name in fields]
    return [piece for piece in pieces if piece[3].strip()]


def _plan_hits(workbook: Workbook, words: list[str]) -> list[Hit]:
    hits: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    for part, entry_id, where, text in _plan_pieces(workbook):
        folded = text.casefold()
        if (part, entry_id) not in seen and all(word in folded for word in words):
            seen.add((part, entry_id))
            snippet = _snippet(text, folded.find(words[0]), len(words[0]))
            hits.append(Hit("", entry_id, where, snippet, True, plan_part=part))
    return hits


def search(library: Library, workbook: Workbook, query: str, limit: int = 200) -> list[Hit]:
    """Items whose answer or content contains every word of ``query`` (case-insensitive), and plan entries.

    Answers come first, since that is usually what a librarian looks for; then the plan; then content.
    """
    words = query.casefold().split()
    if not words:
        return []
    answers: list[Hit] = []
    content: list[Hit] = []
    for item_id, located in library.items.items():
        section = located.section
        where = f"{section.label} · {section.title}"
        answer = workbook.answers.get(item_id)
        pieces: list[tuple[str, bool]] = []
        if answer is not None:
            pieces += [(str(answer.value), True)] if isinstance(answer.value, str) else []
            pieces += [(answer.note, True)] if answer.note else []
        pieces += [(text, False) for text in _item_texts(located.item)]
        for text, is_answer in pieces:
            folded = text.casefold()
            if all(word in folded for word in words):
                at = folded.find(words[0])
                hit = Hit(section.id, item_id, where, _snippet(text, at, len(words[0])), is_answer)
                (answers if is_answer else content).append(hit)
                break
        if len(answers) >= limit:
            break
    return (answers + _plan_hits(workbook, words) + content)[:limit]
