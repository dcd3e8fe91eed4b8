"""Benchmark: the facilitator's review of N synthetic ~20 KB workbooks, cold and warm.

Cold means no cache (every file parsed); warm means a second look with nothing changed. The
baseline is the naive pass measured in the same run: read each file, tomllib, pydantic.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from letstalk import storage
from letstalk.content import Library, load_library
from letstalk.model import Status, Workbook, new_workbook
from letstalk.review import scan

SIZES = (1000, 10_000)
"""Issue 14: 10,000 hand-ins of ~20 KB, beside the naive pass measured in the same run."""
GOALS = {1000: ("≤ 2.5 s", "≤ 0.5 s"), 10_000: ("≤ 4 s", "≤ 1 s")}
TEMPLATES = 16
WORDS = [
    "the",
    "library",
    "partnership",
    "principal",
    "teacher",
    "plan",
    "reading",
    "students",
    "goal",
    "shared",
    "vision",
    "data",
    "evidence",
    "meeting",
    "literacy",
    "research",
    "inquiry",
    "collection",
    "schedule",
    "coaching",
    "digital",
]

Row = tuple[str, str, float, str]


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


PARTICIPANT_ID = "00000000-0000-4000-8000-000000000000"
"""The templates' participant id; each file gets its own."""


def synthetic_workbook(library: Library, seed: int, target: int = 20_000) -> str:
    """A workbook in letstalk's own layout of about ``target`` bytes: ticks, dates, paragraphs."""
    rng = random.Random(seed)
    workbook = new_workbook(owner="Participant 00000", school="Synthetic School")
    workbook.meta.participant = PARTICIPANT_ID
    at = datetime(2026, 11, 1, tzinfo=UTC) - timedelta(days=rng.randrange(60))
    sections = library.all_sections()
    rng.shuffle(sections)
    for section in sections:
        for item in section.answerable():
            kind = item.kind  # type: ignore[attr-defined]
            value = {"check": True, "date": date(2026, 12, 1), "challenge": "done"}.get(kind)
            if kind == "rating":
                scale = library.section_pack[section.id].meta.scales[item.scale]  # type: ignore[attr-defined]
                value = rng.choice(scale.levels).id
            elif value is None:
                value = _paragraph(rng, 12 if kind == "text" else 45)
            workbook.set_answer(item.id, value, at=at)
        workbook.set_status(section.id, rng.choice(list(Status)), at=at)
        text = storage.dumps(workbook)
        if len(text) >= target:
            break
    return text


def make_workbooks(folder: Path, count: int, library: Library | None = None) -> None:
    """Write ``count`` synthetic workbooks into ``folder`` (a few templates, each named apart)."""
    library = library or load_library()
    templates = [synthetic_workbook(library, seed) for seed in range(TEMPLATES)]
    for index in range(count):
        text = templates[index % TEMPLATES].replace("Participant 00000", f"Participant {index:05}")
        text = text.replace(PARTICIPANT_ID, f"00000000-0000-4000-8000-{index:012}")  # one person per file
        (folder / f"participant-{index:05}.toml").write_text(text, "utf-8")


def naive(folder: Path) -> float:
    """Read every file, tomllib, pydantic: the pass the review must beat."""
    start = time.perf_counter()
    for path in sorted(folder.glob("*.toml")):
        Workbook.model_validate(tomllib.loads(path.read_text("utf-8")))
    return time.perf_counter() - start


def parse_rows(library: Library, runs: int = 50) -> list[Row]:
    """Parsing one ~20 KB workbook: letstalk's reader (rtoml) against tomllib, in the same run."""
    from statistics import median

    from letstalk.files import toml

    text = synthetic_workbook(library, 0)

    def per_call(parse) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            parse(text)
            times.append(time.perf_counter() - start)
        return median(times) * 1000

    assert toml.loads(text) == tomllib.loads(text)
    bare, ours = per_call(tomllib.loads), per_call(toml.loads)
    return [
        (f"parse a {len(text) / 1000:.0f} KB workbook: tomllib", "", bare, "ms (median; the reader before)"),
        (
            f"parse a {len(text) / 1000:.0f} KB workbook: letstalk (rtoml)",
            "≤ tomllib",
            ours,
            f"ms, {bare / ours:.1f}× faster than tomllib",
        ),
    ]


FRESH = """
import sys, threading, time
from pathlib import Path
from letstalk.content import load_library
from letstalk.review import scan

folder, cache, how = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
library = load_library()
took = []

def timed():
    start = time.perf_counter()
    review = scan(folder, library=library, cache_dir=cache)
    took.append(time.perf_counter() - start)
    assert len(review.readable()) == len(review.participants) > 0

if how == "thread":
    reader = threading.Thread(target=timed)
    reader.start()
    reader.join()
else:
    timed()
print(took[0])
"""
"""A cold scan in a fresh interpreter, timed around :func:`scan` alone (its imports and content load
left out), as ``letstalk review`` runs it: this process has the harness's threads by now, which
would make the scan start a fork server where the command forks."""


def fresh_scan(folder: Path, cache: Path, how: str = "main") -> float:
    """Seconds a cold :func:`scan` takes in a new process, from its main thread or (``thread``) another."""
    done = subprocess.run(
        [sys.executable, "-c", FRESH, str(folder), str(cache), how], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"the fresh scan failed:\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def timed_scan(folder: Path, cache: Path, library: Library) -> float:
    start = time.perf_counter()
    review = scan(folder, library=library, cache_dir=cache)
    elapsed = time.perf_counter() - start
    assert len(review.readable()) == len(review.participants)
    return elapsed


async def rows() -> list[Row]:
    """Cold and warm review times for each size, beside the naive pass."""
    library = load_library()
    out: list[Row] = []
    per_file: dict[int, float] = {}
    for count in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            folder, cache = Path(tmp) / "folder", Path(tmp) / "cache"
            folder.mkdir()
            make_workbooks(folder, count, library)
            size = sum(p.stat().st_size for p in folder.iterdir()) / count / 1000
            base = naive(folder)
            cold = fresh_scan(folder, cache)
            warm = min(timed_scan(folder, cache, library) for _ in range(3))
            in_thread = fresh_scan(folder, Path(tmp) / "cache-thread", "thread") if count == SIZES[-1] else None
        per_file[count] = cold / count
        cold_goal, warm_goal = GOALS.get(count, ("", ""))
        out.append((f"review {count:,} workbooks: naive pass", "", base, f"s ({size:.0f} KB each)"))
        out.append(
            (
                f"review {count:,} workbooks: cold",
                cold_goal,
                cold,
                f"s, {base / cold:.1f}× faster than naive",
            )
        )
        out.append(
            (
                f"review {count:,} workbooks: warm",
                warm_goal,
                warm,
                f"s, {base / warm:.0f}× faster than naive",
            )
        )
        if in_thread is not None:
            out.append(
                (
                    f"review {count:,} workbooks: cold, from a thread",
                    cold_goal,
                    in_thread,
                    "s (as the review app scans: workers from a fork server, since forking beside threads is unsafe)",
                )
            )
    out.extend(parse_rows(library))
    small, large = SIZES[0], SIZES[-1]
    out.append(
        (
            f"review cold, time per file {large:,} / {small:,}",
            "≤ 1.2×",
            per_file[large] / per_file[small],
            "(1 or less: linear in N)",
        )
    )
    return out


if __name__ == "__main__":
    import asyncio

    for row in asyncio.run(rows()):
        print(row)
