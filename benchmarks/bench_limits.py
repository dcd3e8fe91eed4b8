"""Benchmark: the largest section a content pack may hold opens within the section goal.

``letstalk.content.limits`` caps a section at 150 items in blocks of at most 25. This writes a
pack at those limits (six blocks of 25 long questions, each question 300 characters, answered)
and opens its section the way ``run.py`` opens the shipped ones: the time to the first blocks
on screen, and to every block mounted, against the same goals.
"""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from pathlib import Path

from letstalk import storage
from letstalk.content import load_library
from letstalk.content.limits import MAX_BLOCK_ITEMS, MAX_ITEMS
from letstalk.model import new_workbook
from letstalk.settings import Settings
from letstalk.tui.app import make_app

RUNS = 9
TEXT = ("What would a partner teacher say the library changed for her class this term? " * 4)[:300]

Row = tuple[str, str, float, str]


def write_pack(folder: Path) -> Path:
    """A pack whose one section holds as many items as the limits allow."""
    pack = folder / "biggest"
    pack.mkdir()
    (pack / "pack.toml").write_text(
        'id = "biggest"\ntitle = "Biggest"\nshort_title = "Biggest"\nversion = "1.0"\nkind = "toolkit"\norder = 9\n'
        'summary = "A section at the limits."\nlicence = "Written for the benchmark."\n\n'
        '[[sources]]\ntitle = "letstalk benchmarks"\npublisher = "letstalk"\nyear = 2026\n',
        "utf-8",
    )
    lines = ['id = "big"', 'label = "Big"', 'title = "The biggest section"', 'summary = "At the limits."', "order = 1"]
    for block in range(MAX_ITEMS // MAX_BLOCK_ITEMS):
        lines += ["", "[[blocks]]", f'id = "big.b{block}"', 'kind = "questions"', "items = ["]
        lines += [f'    {{ id = "big.q{block}-{n}", kind = "long", text = "{TEXT}" }},' for n in range(MAX_BLOCK_ITEMS)]
        lines.append("]")
    (pack / "01-biggest.toml").write_text("\n".join(lines) + "\n", "utf-8")
    return pack


async def rows() -> list[Row]:
    """First blocks and every block of the largest allowed section."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library = load_library([write_pack(folder)])
        section = library.sections["big"]
        other = library.all_sections()[0].id
        path = folder / "w.toml"
        workbook = new_workbook(owner="Bench")
        for item in section.answerable():
            workbook.set_answer(item.id, "An answer of a sentence or two, as she would write it.")
        storage.create(path, workbook)
        handle = storage.WorkbookFile.open(path)
        opens: list[float] = []
        fills: list[float] = []
        try:
            app = make_app(handle, library, Settings())
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                for _ in range(RUNS):
                    app.open_section(other)  # from another section, as run.py measures the shipped ones
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    gc.collect()
                    start = time.perf_counter()
                    app.open_section("big")
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    while app.screen.first_paint is None:
                        await pilot.pause()
                    opens.append(app.screen.first_paint - start)
                    fills.append(time.perf_counter() - start)
        finally:
            handle.close()
    return [
        (
            "largest allowed section: first blocks on screen",
            "≤ 50 ms",
            statistics.median(opens) * 1000,
            f"ms ({MAX_ITEMS} items, blocks of {MAX_BLOCK_ITEMS}, median of {RUNS})",
        ),
        ("largest allowed section: every block mounted", "", statistics.median(fills) * 1000, "ms"),
    ]
