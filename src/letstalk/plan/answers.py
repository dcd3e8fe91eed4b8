"""Typed reads of a workbook's answers that leave private and unknown items out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from letstalk.content import Library, Located
from letstalk.content.models import AnyItem, ChoiceItem, RatingItem
from letstalk.model import Workbook

ItemT = TypeVar("ItemT", bound=AnyItem)


@dataclass(frozen=True)
class Answers:
    """Typed reads of answers to items the library knows and that are not private."""

    workbook: Workbook
    library: Library

    def located(self, item_id: str | None) -> Located | None:
        # An item the content no longer has might have been private: leave its answer out.
        located = self.library.items.get(item_id) if item_id else None
        return located if located is not None and not located.item.private else None

    def raw(self, item_id: str | None) -> Any:
        return self.workbook.value(item_id) if item_id and self.located(item_id) is not None else None

    def text(self, item_id: str | None) -> str:
        value = self.raw(item_id)
        return value.strip() if isinstance(value, str) else ""

    def date(self, item_id: str | None) -> date | None:
        value = self.raw(item_id)
        return value if isinstance(value, date) else None

    def ticked(self, item_id: str) -> bool:
        return self.raw(item_id) is True

    def items(self, kind: type[ItemT]) -> Iterator[tuple[Located, ItemT]]:
        """Public items of one kind (``Idea``, ``RatingItem``...), in library order, with where they live."""
        for located in self.library.items.values():
            if isinstance(located.item, kind) and not located.item.private:
                yield located, located.item

    def chosen(self, section_id: str, *values: str) -> list[str]:
        """The texts of a section's public choice items answered with one of ``values``, in order.

        The question bank marks each question ``ask`` or ``send`` (ahead); this reads those marks.
        """
        section = self.library.sections.get(section_id)
        if section is None:
            return []
        return [
            item.text
            for item in section.items()
            if isinstance(item, ChoiceItem) and not item.private and self.raw(item.id) in values
        ]

    def standing(self, block_id: str) -> tuple[tuple[str, ...], str]:
        """The two strongest ratings of a block and the weakest, by level (ties in content order).

        Step 2 rates the Future Ready Librarians wedges: what she can offer, and where to grow.
        Empty until at least three are rated, so the weakest is never also a strongest.
        """
        rated: list[tuple[int, int, str]] = []
        for order, (located, item) in enumerate(self.items(RatingItem)):
            if located.block.id != block_id:
                continue
            scale = located.pack.meta.scales.get(item.scale)
            levels = [level.id for level in scale.levels] if scale else []
            value = self.raw(item.id)
            if value in levels:
                rated.append((levels.index(value), order, item.text))
        if len(rated) < 3:
            return (), ""
        strongest = sorted(rated, key=lambda r: (-r[0], r[1]))[:2]
        weakest = sorted(rated, key=lambda r: (r[0], r[1]))[0]
        return tuple(text for _, _, text in strongest), weakest[2]
