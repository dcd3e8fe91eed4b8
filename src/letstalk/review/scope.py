"""What a review looks at: the sessions, steps, items and rubric themes of the content, private items known."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from letstalk.cohort import SESSION_IDS
from letstalk.content import Library, PackKind
from letstalk.content.models import RatingItem
from letstalk.errors import LetsTalkError

Progressed = Callable[[int, int], None]
"""Called with (files read, files to read) while scanning."""


class ReviewError(LetsTalkError):
    """A review folder that cannot be read."""


class ScopeItem(NamedTuple):
    """An answerable item that counts toward completion (private items never do)."""

    id: str
    kind: str


class Column(NamedTuple):
    """A section shown as a column of the grid."""

    id: str
    label: str
    title: str


class Theme(NamedTuple):
    """A rubric theme and its levels, lowest first: ((level id, label), ...)."""

    id: str
    text: str
    levels: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Scope:
    """What the review reads from each workbook, taken from the content once."""

    sessions: tuple[Column, ...]
    steps: tuple[Column, ...]
    items: dict[str, tuple[ScopeItem, ...]]
    themes: tuple[Theme, ...]
    private: frozenset[str]
    counted: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False)
    """Each counted item's (section id, kind), from :attr:`items`: what a workbook's answers are counted by."""

    def __post_init__(self) -> None:
        if not self.counted:
            self.counted.update((i.id, (s, i.kind)) for s, items in self.items.items() for i in items)

    @classmethod
    def from_library(cls, library: Library) -> Scope:
        """The cohort sessions, the Let's Talk steps and the rubric themes of the loaded content."""
        sessions = [s for s in library.all_sections() if s.id in SESSION_IDS]
        steps = [s for p in library.packs if p.meta.kind is PackKind.STEPS for s in p.sections]
        items = {
            s.id: tuple(ScopeItem(i.id, i.kind) for i in s.answerable() if not i.private) for s in sessions + steps
        }
        themes = []
        for pack in library.packs:
            if pack.meta.kind is not PackKind.RUBRIC:
                continue
            for section in pack.sections:
                for item in section.items():
                    if isinstance(item, RatingItem) and not item.private:
                        levels = tuple((lv.id, lv.label) for lv in pack.meta.scales[item.scale].levels)
                        themes.append(Theme(item.id, item.text, levels))
        return cls(
            sessions=tuple(Column(s.id, s.label, s.title) for s in sessions),
            steps=tuple(Column(s.id, s.label, s.title) for s in steps),
            items=items,
            themes=tuple(themes),
            private=frozenset(i for i, located in library.items.items() if located.item.private),
        )

    @property
    def fingerprint(self) -> str:
        """Changes whenever the content would change a summary: cached entries must match it."""
        text = repr((self.sessions, self.steps, self.items, self.themes, sorted(self.private)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
