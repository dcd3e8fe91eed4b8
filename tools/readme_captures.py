"""Regenerate README's screen captures from the app itself, as text at 80×24.

Usage: python tools/readme_captures.py          rewrite the captures in README.md
       python tools/readme_captures.py --check  exit 1 (and say which) when README has drifted

Each capture sits in README.md between ``<!-- capture:NAME -->`` and ``<!-- capture:end -->``.
The app runs headless on a new workbook in a temporary folder (Ana Ruiz, Hillside Middle School),
so the captures are the same on every machine; tests/tui/test_readme_captures.py runs the check.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[1] / "README.md"
SIZE = (80, 24)
BLOCK = re.compile(r"(<!-- capture:(?P<name>[a-z-]+) -->\n```text\n)(?P<body>.*?)(\n```\n<!-- capture:end -->)", re.S)


async def _capture(setup: Callable[[object], None], show: Callable[[object, Any], Awaitable[None]] | None) -> str:
    """The screen's text after ``setup`` (on the workbook) and ``show`` (on the running app)."""
    from letstalk import storage
    from letstalk.content import load_library
    from letstalk.model import new_workbook
    from letstalk.settings import Settings
    from letstalk.tui.app import make_app

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ana.toml"
        workbook = new_workbook(owner="Ana Ruiz", school="Hillside Middle School")
        setup(workbook)
        storage.create(path, workbook)
        handle = storage.WorkbookFile.open(path)
        try:
            app = make_app(handle, load_library(), Settings())
            async with app.run_test(size=SIZE) as pilot:
                if show is not None:
                    await show(app, pilot)
                for _ in range(3):
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                app.save_now()
                await app.workers.wait_for_complete()
                await pilot.pause()
                strips = app.screen._compositor.render_strips()
                return "\n".join(strip.text.rstrip() for strip in strips)
        finally:
            handle.close()


def _home_setup(workbook: object) -> None:
    """A new workbook: nothing answered yet."""


def _step_setup(workbook: object) -> None:
    """Two items ticked in Step 1, which is then in progress (as ticking them in the app makes it)."""
    from letstalk.model import Status

    for item in ("mindset.write-beliefs", "mindset.list-strengths"):
        workbook.set_answer(item, True)  # type: ignore[attr-defined]
    workbook.set_status("mindset", Status.IN_PROGRESS)  # type: ignore[attr-defined]


async def _step_show(app: object, pilot: Any) -> None:
    # Step 1 as it opens: its title, what the step is about, its status, then this week's to-do.
    app.open_section("mindset")  # type: ignore[attr-defined]
    for _ in range(50):  # the section fills in a worker, a block at a time
        await pilot.pause()
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        if app.screen.query(".block-title"):  # type: ignore[attr-defined]
            return
    raise RuntimeError("Step 1 shows no block")


CAPTURES: dict[str, tuple[Callable[[object], None], Callable[[object, Any], Awaitable[None]] | None]] = {
    "home": (_home_setup, None),
    "step": (_step_setup, _step_show),
}
"""Every capture README holds, by name: how to set the workbook up, and what to open."""


def captures() -> dict[str, str]:
    """Every capture, freshly taken from the app."""
    return {name: asyncio.run(_capture(setup, show)) for name, (setup, show) in CAPTURES.items()}


def with_captures(text: str, taken: dict[str, str]) -> str:
    """README text with each capture block replaced by the one taken."""
    return BLOCK.sub(lambda m: m.group(1) + taken.get(m.group("name"), m.group("body")) + m.group(4), text)


def drifted(text: str, taken: dict[str, str]) -> list[str]:
    """The names of the captures README shows differently from the app (or lacks)."""
    shown = {m.group("name"): m.group("body") for m in BLOCK.finditer(text)}
    return [name for name, body in taken.items() if shown.get(name) != body]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether README's captures are current")
    args = parser.parse_args()
    text = README.read_text("utf-8")
    taken = captures()
    if args.check:
        stale = drifted(text, taken)
        if stale:
            print(f"README captures out of date: {', '.join(stale)}; run python tools/readme_captures.py")
            return 1
        return 0
    README.write_text(with_captures(text, taken), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
