"""How big a content pack may be, so that no pack can stall the app (or take over a shipped one).

The largest section allowed still opens within the section benchmark's goal (first blocks on
screen in 50 ms; see README, Performance): the section screen draws its first dozen widgets
before it mounts the rest, so the first paint does not grow with the section, and the limits
keep the whole mount to about a second while typing stays live (``benchmarks/bench_limits.py``
opens a section at these limits). The shipped packs use a fraction of each limit.
Counts are checked on the raw TOML, before validation, so a huge file is refused at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MAX_SECTIONS = 40
"""Sections per pack (the largest shipped pack has 9)."""

MAX_BLOCKS = 20
"""Blocks per section (the shipped maximum is 8)."""

MAX_ITEMS = 150
"""Items per section, over all its blocks (the shipped maximum is 47): later blocks mount one by one."""

MAX_BLOCK_ITEMS = 25
"""Items per block (the shipped maximum is 22)."""

MAX_TEXT = 4000
"""Characters in a required content text (a title, a question, a point)."""

MAX_PROSE = 20_000
"""Characters in an optional longer text (an intro, a detail, a note)."""


def section_problems(path: Path, data: dict[str, Any]) -> list[str]:
    """Blocks and items of one section file over the limits, as one-line problems."""
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return []  # the model reports a missing or malformed list
    problems = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{path}: blocks: {len(blocks):,} blocks; a section holds at most {MAX_BLOCKS}, split it")
    counts = [len(b["items"]) for b in blocks if isinstance(b, dict) and isinstance(b.get("items"), list)]
    for index, count in enumerate(counts):
        if count > MAX_BLOCK_ITEMS:
            problems.append(
                f"{path}: blocks[{index}].items: {count:,} items; a block holds at most {MAX_BLOCK_ITEMS}, split it"
            )
            break
    items = sum(counts)
    if items > MAX_ITEMS:
        problems.append(
            f"{path}: blocks: {items:,} items; a section holds at most {MAX_ITEMS:,}, split it into several sections"
        )
    return problems


def pack_problems(folder: Path, section_files: int) -> list[str]:
    """A pack with more section files than allowed, as one-line problems."""
    if section_files > MAX_SECTIONS:
        return [
            f"{folder}: (pack): {section_files:,} section files; a pack holds at most {MAX_SECTIONS}, split it into packs"
        ]
    return []
