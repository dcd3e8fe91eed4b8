"""Benchmark: build the collaborative plan of a 60-action workbook and render every export.

Goal (issue 6): build + all six exports in at most 50 ms. The detail column gives a baseline
measured in the same run, a bare ``tomllib.loads`` of the same workbook file, to judge noise.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from letstalk import export, plan, storage
from letstalk.content import Library, load_library
from letstalk.model import Action, Goal, Meeting, Stakeholder, Workbook

RUNS = 20
ACTIONS = 60
RICH = Path(__file__).resolve().parents[1] / "tests" / "data" / "workbooks" / "rich.toml"
GENERATED = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

Row = tuple[str, str, float, str]


def synthetic_workbook() -> Workbook:
    """The rich fixture grown to a full plan: 5 goals, 60 actions, 10 people, 12 meetings."""
    workbook = storage.load(RICH)
    data = workbook.plan
    data.goals = [
        Goal(id=f"g-{n}", title=f"Goal {n}", specific="Every class, every term.", measurable="70% at level 3")
        for n in range(1, 6)
    ]
    data.stakeholders = [
        Stakeholder(id=f"s-{n}", name=f"Colleague {n}", role="teacher", cares_about="Time; reading; research.")
        for n in range(1, 11)
    ]
    start = date(2026, 1, 5)
    data.actions = [
        Action(
            id=f"a-{n}",
            what=f"Action {n}: co-plan, co-teach and review the unit, with sources, a checklist; and a note\nSecond line {n}.",
            owner=f"Colleague {n % 10 + 1}",
            due=start + timedelta(days=3 * n) if n % 4 else None,
            goal=f"g-{n % 5 + 1}",
        )
        for n in range(1, ACTIONS + 1)
    ]
    data.meetings = [
        Meeting(
            id=f"m-{n}",
            on=start + timedelta(weeks=n),
            with_whom="Dr. Maya Chen",
            agenda="Data; curriculum; next steps.",
        )
        for n in range(1, 13)
    ]
    return workbook


def median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        action()
        times.append(time.perf_counter() - begin)
    return statistics.median(times) * 1000


def build_and_export(workbook: Workbook, library: Library) -> None:
    built = plan.build(workbook, library)
    for name in export.FORMATS:
        export.render(name, built, GENERATED)


async def rows() -> list[Row]:
    """Build + every export of a 60-action plan, beside a bare TOML parse of the same workbook."""
    library = load_library()
    workbook = synthetic_workbook()
    text = storage.dumps(workbook)
    assert sum(1 for a in plan.build(workbook, library).actions if a.origin is plan.Origin.PLAN) == ACTIONS
    build_and_export(workbook, library)  # warm up: first use imports icalendar and compiles patterns
    ours = median_ms(lambda: build_and_export(workbook, library))
    bare = median_ms(lambda: tomllib.loads(text))
    return [
        (
            "plan: build + 6 exports, 60 actions",
            "≤ 50 ms",
            ours,
            f"ms (median of {RUNS}; baseline tomllib.loads of the same workbook {bare:.2f} ms, {ours / bare:.1f}× it)",
        )
    ]


if __name__ == "__main__":
    for row in asyncio.run(rows()):
        print(*row, sep="  |  ")
