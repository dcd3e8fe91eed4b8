"""Search across content and answers: what the librarian wrote and what the packs say."""

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


def _snippet(text: str, start: int, length: int) -> str:
    begin = max(0, start - SNIPPET // 3)
    end = min(len(text), start + length + SNIPPET)
    flat = " ".join(text[begin:end].split())
    return ("…" if begin else "") + flat + ("…" if end < len(text) else "")


def _item_texts(item: object) -> list[str]:
    return [str(getattr(item, name)) for name in ("title", "text", "detail", "why") if getattr(item, name, None)]


def search(library: Library, workbook: Workbook, query: str, limit: int = 200) -> list[Hit]:
    """Items whose answer or content contains every word of ``query`` (case-insensitive).

    Answers come first, since that is usually what a librarian looks for.
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
    return (answers + content)[:limit]
