"""An answer in words: what a stored value means to a person reading it.

One function for every view that shows an answer as text (plain mode, the facilitator's
drill-down, the plan's rubric rows), so a level, an option or a challenge status reads the
same everywhere.
"""

from __future__ import annotations

from datetime import date

from letstalk.content.models import CHALLENGE_STATUSES, AnyItem, ChoiceItem, Idea, Pack, RatingItem


def answer_in_words(item: AnyItem, value: object, pack: Pack) -> str:
    """``value`` as words for ``item``: an option's label, a level's label, ``Trying``, ``yes``, ``2026-03-14``.

    Text answers are returned as written; no answer (None or "") is "". A value the content
    does not know (an option since removed) is shown as stored, never dropped.
    """
    if value is None or value == "":
        return ""
    if isinstance(item, ChoiceItem):
        return next((choice.label for choice in item.choices if choice.id == value), str(value))
    if isinstance(item, RatingItem):
        scale = pack.meta.scales.get(item.scale)
        levels = scale.levels if scale else []
        return next((level.label for level in levels if level.id == value), str(value))
    if item.kind == "challenge":
        return dict(CHALLENGE_STATUSES).get(str(value), str(value))
    if isinstance(value, bool):
        if isinstance(item, Idea):
            return "adopted" if value else "not adopted"
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
