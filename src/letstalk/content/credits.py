"""Credits for the content: which sources each pack adapts, and the one line every export ends with."""

from __future__ import annotations

from collections.abc import Iterable

from letstalk.content.models import Origin, Pack, Source

OWN_WORDS = "letstalk's own words"
"""How screens and exports mark text written for letstalk rather than adapted from a source."""


def unique_sources(packs: Iterable[Pack]) -> list[Source]:
    """Every source of ``packs``, in pack order, each once (the first record of a title wins)."""
    seen: dict[str, Source] = {}
    for pack in packs:
        for source in pack.meta.sources:
            seen.setdefault(source.title.casefold(), source)
    return list(seen.values())


def adapted_from(packs: Iterable[Pack]) -> str:
    """The one-line credit exports end with: ``Adapted from A (...); B (...). Every sentence is new.``"""
    credits = "; ".join(source.brief() for source in unique_sources(packs))
    if not credits:
        return "Written for letstalk."
    return f"Adapted from {credits}; every sentence written anew for letstalk."


def source_lines(pack: Pack) -> list[str]:
    """What ``letstalk content list --sources`` and the About screen say about one pack's sources."""
    lines: list[str] = []
    for source in pack.meta.sources:
        lines.append(f"- {source.credit()}")
        if source.about:
            lines.append(f"  About: {source.about}")
        if source.date:
            lines.append(f"  Date: {source.date}")
        lines.append(f"  Address: {source.address or 'unknown'}")
        if source.note:
            lines.append(f"  Adapted: {source.note}")
    items, descriptors = own_text(pack)
    if items or descriptors:
        parts = [f"{items} item(s)"] if items else []
        parts += [f"{descriptors} rubric descriptor(s)"] if descriptors else []
        lines.append(f"- {OWN_WORDS}: {' and '.join(parts)} written for letstalk, not adapted from a source")
    lines.append(f"  License: {pack.meta.licence}")
    return lines


def own_text(pack: Pack) -> tuple[int, int]:
    """How many items, and how many rubric descriptors, of ``pack`` are letstalk's own words."""
    items = descriptors = 0
    for section in pack.sections:
        for item in section.items():
            items += section.origin_of(item) is Origin.LETSTALK
            origins = getattr(item, "descriptor_origins", {})
            descriptors += sum(1 for origin in origins.values() if origin is Origin.LETSTALK)
    return items, descriptors


def own_levels_note(pack: Pack) -> str:
    """``The Exploring descriptors are letstalk's own words ...`` for a rubric pack, or ""."""
    levels = {level.id: level.label for scale in pack.meta.scales.values() for level in scale.levels}
    own: list[str] = []
    for section in pack.sections:
        for item in section.items():
            for level, origin in getattr(item, "descriptor_origins", {}).items():
                if origin is Origin.LETSTALK and levels.get(level, level) not in own:
                    own.append(levels.get(level, level))
    if not own:
        return ""
    return f"The {' and '.join(own)} descriptors are {OWN_WORDS}, not adapted from a source; the others are adapted."
