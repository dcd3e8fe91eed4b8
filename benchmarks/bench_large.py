"""Benchmark: large but valid workbooks stay quick to read and the app stays responsive on them.

Two workbooks, made here as ``tests/unit/test_bad_inputs.py`` makes them: one answer of about
1 MB (the most letstalk accepts is 1,000,000 characters), and 10,000 answers (every text and tick
item of the shipped content answered, the rest kept answers the content no longer has). A real
workbook holds a few hundred answers; these are the stress cases of issue 8.

Rows and goals, each against a baseline measured in the same run:

* load + validate (``storage.load`` + ``answer_problems``, what ``letstalk validate`` does)
  against a bare ``tomllib.loads`` of the same text: ≤ 1.5×. Parsing the TOML is the floor;
  letstalk's models may add half again, no more.
* Home first paint, 10,000 answers against an empty workbook: ≤ 1.2×. Home's work (progress per
  section, the next step) is per content item, so the answer count should barely show.
* opening a step (first blocks on screen) and a keystroke in a long answer, 10,000 answers
  against an empty workbook: ≤ 1.2× each, for the same reason.
* a save's snapshot (the model dumped to plain data; the TOML is rendered in the writer
  thread), which runs on the UI thread after each pause in typing: ≤ 50 ms, the budget the TUI bench gives to opening a step. Past 100 ms a person
  notices the stall when she starts typing again; the detail gives the empty workbook's figure.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from letstalk import storage
from letstalk.content import Library, load_library
from letstalk.model import answer_problems, new_workbook
from letstalk.settings import Settings
from letstalk.tui.app import make_app
from letstalk.tui.widgets.items import widget_id

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import first_paint, keystrokes

RUNS = 5
STEPS = ("mindset", "readiness", "research", "listen", "widen", "plan", "act")
LONG_ITEM = "research.overlap"
PARAGRAPH = "We co-taught the research unit and the students asked better questions. "

Row = tuple[str, str, float, str]


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``action`` over ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def write_big_answer(path: Path) -> Path:
    """A workbook with one answer of about 1 MB."""
    workbook = new_workbook(owner="Bench")
    workbook.set_answer("mindset.reflect-role", PARAGRAPH * (990_000 // len(PARAGRAPH)))
    storage.create(path, workbook)
    return path


def write_many_answers(path: Path, library: Library, count: int = 10_000) -> Path:
    """A workbook with ``count`` answers: the content's text and tick items, then kept notes."""
    workbook = new_workbook(owner="Bench")
    for item_id, located in library.items.items():
        kind = located.item.kind  # type: ignore[attr-defined]
        if kind in ("text", "long"):
            workbook.set_answer(item_id, f"{item_id}: {PARAGRAPH}")
        elif kind == "check":
            workbook.set_answer(item_id, True)
    for n in range(count - len(workbook.answers)):
        workbook.set_answer(f"note.{n:05d}", f"Note {n}: {PARAGRAPH}")
    storage.create(path, workbook)
    return path


def load_rows(path: Path, library: Library, label: str) -> Row:
    """Load + validate against a bare tomllib parse of the same file."""
    text = path.read_text("utf-8")

    def validate() -> None:
        answer_problems(storage.load(path), library)

    ours, bare = median_seconds(validate), median_seconds(lambda: tomllib.loads(text))
    return (
        f"load + validate, {label} / tomllib.loads",
        "≤ 1.5×",
        ours / bare,
        f"{ours * 1000:.0f} ms vs {bare * 1000:.0f} ms for {path.stat().st_size / 1e6:.1f} MB (median of {RUNS})",
    )


async def app_figures(source: Path, library: Library) -> dict[str, float]:
    """Home paint, step opening, keystroke and snapshot times for a fresh copy of a workbook (medians)."""
    path = source.with_name(f"{source.stem}-{time.perf_counter_ns()}.toml")
    shutil.copyfile(source, path)
    handle = storage.WorkbookFile.open(path)
    try:
        paints = [await first_paint(lambda: make_app(handle, library, Settings())) for _ in range(RUNS)]
        app = make_app(handle, library, Settings())
        opens = []
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for section_id in STEPS:
                start = time.perf_counter()
                app.open_section(section_id)
                await app.workers.wait_for_complete()
                await pilot.pause()
                opens.append(app.screen.first_paint - start)
            app.open_section(library.items[LONG_ITEM].section.id)
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.screen.query_one(f"#{widget_id(LONG_ITEM)}").focus()
            key = await keystrokes(pilot)
        snapshot = median_seconds(handle.snapshot)
    finally:
        handle.close()
    return {"paint": statistics.median(paints), "open": statistics.median(opens[1:]), "key": key, "snapshot": snapshot}


async def rows() -> list[Row]:
    """Reading the big workbooks, and the app's responsiveness on 10,000 answers."""
    library = load_library()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = write_big_answer(folder / "big-answer.toml")
        many = write_many_answers(folder / "many-answers.toml", library)
        empty = folder / "empty.toml"
        storage.create(empty, new_workbook(owner="Bench"))
        out = [load_rows(big, library, "1 MB answer"), load_rows(many, library, "10,000 answers")]
        await app_figures(empty, library)  # warm up: first use compiles CSS and imports screens
        base = await app_figures(empty, library)
        ours = await app_figures(many, library)
    ms = {key: (ours[key] * 1000, base[key] * 1000) for key in ours}
    vs = "10,000 answers vs an empty workbook"
    out += [
        (
            "Home first paint: 10,000 answers / empty",
            "≤ 1.2×",
            ours["paint"] / base["paint"],
            f"{ms['paint'][0]:.0f} ms vs {ms['paint'][1]:.0f} ms (median of {RUNS})",
        ),
        (
            "open a step: 10,000 answers / empty",
            "≤ 1.2×",
            ours["open"] / base["open"],
            f"{ms['open'][0]:.0f} ms vs {ms['open'][1]:.0f} ms to the first blocks ({vs}, median of {len(STEPS) - 1} steps)",
        ),
        (
            "keystroke in an answer: 10,000 answers / empty",
            "≤ 1.2×",
            ours["key"] / base["key"],
            f"{ms['key'][0]:.1f} ms vs {ms['key'][1]:.1f} ms per key via Pilot ({vs})",
        ),
        (
            "save snapshot on the UI thread, 10,000 answers",
            "≤ 50 ms",
            ms["snapshot"][0],
            f"ms (an empty workbook: {ms['snapshot'][1]:.1f} ms); runs after each pause in typing",
        ),
    ]
    return out


if __name__ == "__main__":
    for row in asyncio.run(rows()):
        print(row)
