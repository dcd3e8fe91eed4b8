"""Benchmark: start-up cost and memory of letstalk against a bare Textual app, each in a fresh process.

Three rows, each a ratio of letstalk to its baseline measured in the same run (medians of
``RUNS`` fresh interpreters, letstalk and baseline interleaved so drift hits both):

* import: ``python -c "import letstalk.tui.app"`` against ``python -c "import textual.app"``,
  wall time of the whole process. The detail names the five biggest ``-X importtime`` entries
  (cumulative µs) under letstalk.tui.app, the biggest of each top-level package only, so that
  ``textual`` and ``textual.css`` do not repeat what ``textual.app`` already counts.
* first paint: from spawning the process to the first screen drawn headless (``run_test``),
  letstalk's Home against a bare App with a Header, a line of text and a Footer.
* peak RSS (``VmHWM``): letstalk with Home painted and then a step open, against the bare App.

Goal for all three: at most 1.3× (issue 19). letstalk cannot start for less than Textual does, and
it must add pydantic, its models and the shipped content. Beside them the table prints the *floor*
rows: the same baselines plus nothing but pydantic building and using one small model (one
constrained field, one AfterValidator), which every start whose data are pydantic models pays
before a line of letstalk runs. A goal under its floor cannot be met while the workbook and the
content are pydantic models on the start-up path; the floor says how much of a miss that is.
"""

from __future__ import annotations

import asyncio
import compileall
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
FIRST_TITLE = "Let's Talk"
"""Drawn on Home once it is painted (the first pack's heading)."""
HERE = Path(__file__).resolve()
TARGET = "letstalk.tui.app"
BASELINE = "textual.app"

Row = tuple[str, str, float, str]


def python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run this venv's Python with ``args``; fail loudly if it fails."""
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done


def compile_letstalk() -> None:
    """Write letstalk's bytecode, as installing a wheel does for every package in site-packages.

    The project is installed editable, so its modules are compiled on first import, and where
    PYTHONDONTWRITEBYTECODE is set (as on these machines) on every import: letstalk alone would
    pay about 30 modules' compilation per start while textual and pydantic load their ``.pyc``.
    """
    import letstalk

    compileall.compile_dir(Path(letstalk.__file__).parent, quiet=1)


def import_seconds(module: str) -> float:
    """Wall time of a fresh interpreter that imports ``module`` and exits."""
    return script_seconds(f"import {module}")


def script_seconds(source: str) -> float:
    """Wall time of a fresh interpreter that runs ``source`` and exits."""
    start = time.perf_counter()
    python("-c", source)
    return time.perf_counter() - start


# -- python -X importtime ---------------------------------------------------------------------

_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_tree(module: str) -> list[tuple[str, int, list[str]]]:
    """(module, cumulative µs, its ancestors outermost first) for each entry of ``-X importtime``."""
    stderr = python("-X", "importtime", "-c", f"import {module}").stderr
    parsed = [(len(m.group(3)) // 2, m.group(4), int(m.group(2))) for m in map(_LINE.match, stderr.splitlines()) if m]
    # importtime prints a module after everything it imported, one indent deeper per level: walk
    # backwards so each entry's parent (the next line up a level) is seen before it.
    entries: list[tuple[str, int, list[str]]] = []
    stack: list[tuple[int, str]] = []
    for depth, name, cumulative in reversed(parsed):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        entries.append((name, cumulative, [parent for _, parent in stack]))
        stack.append((depth, name))
    return entries


def offenders(module: str, count: int = 5) -> list[tuple[str, int]]:
    """The biggest imports under ``module`` by cumulative µs, one per top-level package."""
    entries = import_tree(module)
    chain = next(([*ancestors, name] for name, _, ancestors in entries if name == module), [module])
    chosen: list[tuple[str, int]] = []
    for name, cumulative, ancestors in sorted(entries, key=lambda e: -e[1]):
        if name in chain or module not in ancestors:
            continue
        if any(kept.split(".")[0] == name.split(".")[0] for kept, _ in chosen):
            continue
        chosen.append((name, cumulative))
        if len(chosen) == count:
            break
    return chosen


# -- the child: first paint and peak memory -----------------------------------------------------


def _kilobytes(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux


async def _child(kind: str, spawned: float) -> dict[str, float]:
    """Paint (and for letstalk open a step) headless; report seconds since spawn and memory."""
    if kind in ("bare", "bare+pydantic"):
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, Static

        class BareApp(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("hello")
                yield Footer()

        if kind == "bare+pydantic":
            exec(ONE_MODEL, {})
        imported = _kilobytes("VmRSS")
        async with BareApp().run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            painted = time.time() - spawned
        return {"paint": painted, "imported_kb": imported, "peak_kb": _kilobytes("VmHWM")}

    import gc

    gc.disable()  # as `letstalk` starts (letstalk.__main__.run); Home's first paint turns it back on
    from letstalk import storage
    from letstalk.cli.common import resume_collector
    from letstalk.content.cache import cached_library
    from letstalk.settings import Settings
    from letstalk.tui.app import make_app

    imported = _kilobytes("VmRSS")
    # She opens a workbook she already has: it was written before this process was spawned.
    handle = storage.WorkbookFile.open(Path(os.environ["XDG_DATA_HOME"]).parent / WORKBOOK_NAME)
    library, hit = cached_library()
    app = make_app(handle, library, Settings())
    app.after_first_paint = lambda: resume_collector(freeze=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        painted = time.time() - spawned
        app.open_section("mindset")
        await app.workers.wait_for_complete()
        await pilot.pause()
    handle.close()
    return {"paint": painted, "imported_kb": imported, "peak_kb": _kilobytes("VmHWM"), "hit": float(hit)}


USER = Path(tempfile.mkdtemp(prefix="letstalk-bench-user-"))
"""Private user folders for every child of this run: the content cache is warm after the first start,
as it is for a librarian opening letstalk again."""
USER_ENV = {**os.environ, **{f"XDG_{n}_HOME": str(USER / n.lower()) for n in ("DATA", "CONFIG", "CACHE", "STATE")}}


WORKBOOK_NAME = "bench.toml"
"""The workbook every letstalk child opens, beside the run's private user folders."""


def child(kind: str) -> dict[str, float]:
    """Run :func:`_child` in a fresh interpreter with the run's private user folders."""
    if not (USER / WORKBOOK_NAME).exists():  # written once, before any child is timed
        python("-m", "letstalk", "new", str(USER / WORKBOOK_NAME), "--owner", "Bench", env=USER_ENV)
    done = python(str(HERE), "--child", kind, repr(time.time()), env=USER_ENV)
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- as a user sees it: a real pseudo-terminal ----------------------------------------------------

ONE_MODEL = """
from pydantic import AfterValidator, BaseModel, Field
from typing import Annotated
class One(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=80), AfterValidator(str.strip)] = "x"
One.model_validate({"name": "floor"})
"""
"""What pydantic costs any program whose data are models: its machinery, one schema built, one validation."""

BARE_SCRIPT = """
from textual.app import App
from textual.widgets import Footer, Header, Static
class BareApp(App[None]):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()
BareApp().run()
"""


def pty_first_frame(argv: list[str], marker: bytes, cwd: Path) -> float:
    """Seconds from spawning ``argv`` in a pseudo-terminal until ``marker`` is drawn; then it is stopped."""
    import pty
    import select
    import signal

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a 100x30 terminal, then the program
        os.chdir(cwd)
        os.environ.update(USER_ENV)
        os.environ.update({"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"})
        os.execv(argv[0], argv)
    seen = b""
    try:
        import fcntl
        import struct
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        deadline = start + 60
        while marker not in seen.replace(b"\x1b", b""):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{argv}: {marker!r} never drawn")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    seen = (seen + os.read(fd, 65536))[-200_000:]
                except OSError:
                    break
        return time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def cli_seconds(args: list[str], cwd: Path) -> float:
    """Wall time of one ``letstalk`` command in a fresh interpreter (it must succeed)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "letstalk", *args], capture_output=True, env=USER_ENV, cwd=cwd)
    if done.returncode != 0:
        raise RuntimeError(f"letstalk {' '.join(args)} failed: {done.stderr.decode()[-300:]}")
    return time.perf_counter() - start


# -- the rows -------------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


async def rows() -> list[Row]:
    """Import time, first paint and peak memory, each against bare Textual in the same run."""
    compile_letstalk()
    ours_import, bare_import, ours_child, bare_child, floor_child = [], [], [], [], []
    for _ in range(RUNS):
        bare_import.append(import_seconds(BASELINE))
        ours_import.append(import_seconds(TARGET))
        bare_child.append(child("bare"))
        floor_child.append(child("bare+pydantic"))
        ours_child.append(child("letstalk"))
    work = Path(tempfile.mkdtemp(prefix="letstalk-bench-"))
    workbook = work / "w.toml"
    subprocess.run(
        [sys.executable, "-m", "letstalk", "new", str(workbook), "--owner", "Bench"],
        check=True,
        env=USER_ENV,
        capture_output=True,
    )
    (work / "bare.py").write_text(BARE_SCRIPT, encoding="utf-8")
    (work / "floor.py").write_text(ONE_MODEL + BARE_SCRIPT, encoding="utf-8")
    letstalk = str(Path(sys.executable).with_name("letstalk"))
    pty_ours, pty_bare, pty_floor, pydantic_only, one_model = [], [], [], [], []
    commands: dict[str, list[float]] = {"validate": [], "plan": [], "export md": []}
    argv = {
        "validate": ["validate", str(workbook)],
        "plan": ["plan", str(workbook)],
        "export md": ["export", "md", str(workbook)],
    }
    for _ in range(RUNS):
        pty_bare.append(pty_first_frame([sys.executable, str(work / "bare.py")], b"hello", work))
        pty_floor.append(pty_first_frame([sys.executable, str(work / "floor.py")], b"hello", work))
        pty_ours.append(pty_first_frame([letstalk, "--workbook", str(workbook)], FIRST_TITLE.encode(), work))
        pydantic_only.append(import_seconds("pydantic"))
        one_model.append(script_seconds(ONE_MODEL))
        for name in commands:
            commands[name].append(cli_seconds(argv[name], work))
    hits = sum(c.get("hit", 0) for c in ours_child)
    ours, bare = statistics.median(ours_import), statistics.median(bare_import)
    top = ", ".join(f"{name} {us / 1000:.0f} ms" for name, us in offenders(TARGET))
    paint_ours = statistics.median(c["paint"] for c in ours_child)
    paint_bare = statistics.median(c["paint"] for c in bare_child)
    peak_ours = statistics.median(c["peak_kb"] for c in ours_child)
    peak_bare = statistics.median(c["peak_kb"] for c in bare_child)
    paint_floor = statistics.median(c["paint"] for c in floor_child)
    peak_floor = statistics.median(c["peak_kb"] for c in floor_child)
    pty_b = statistics.median(pty_bare)
    imported_ours = statistics.median(c["imported_kb"] for c in ours_child)
    imported_bare = statistics.median(c["imported_kb"] for c in bare_child)
    pydantic_s = statistics.median(pydantic_only)
    one_model_s = statistics.median(one_model)
    cli_rows: list[Row] = [
        (
            f"letstalk {name} / import pydantic",
            "≤ 2.5×",
            statistics.median(times) / pydantic_s,
            f"{_ms(statistics.median(times))} vs {_ms(pydantic_s)} for `python -c 'import pydantic'` (median of {RUNS})",
        )
        for name, times in commands.items()
    ]
    floor = "the floor: the baseline plus one pydantic model built and validated, no letstalk"
    cli_rows.append(
        (
            "floor of the three above: one model / import pydantic",
            "",
            one_model_s / pydantic_s,
            f"{_ms(one_model_s)} vs {_ms(pydantic_s)}: {floor}",
        )
    )
    return [
        (
            f"start-up: import {TARGET} / {BASELINE}",
            "≤ 1.3×",
            ours / bare,
            f"{_ms(ours)} vs {_ms(bare)}, fresh interpreters (median of {RUNS}); biggest imports (cumulative, -X importtime): {top}",
        ),
        (
            "start-up to first paint: letstalk / bare App",
            "≤ 1.3×",
            paint_ours / paint_bare,
            f"{_ms(paint_ours)} vs {_ms(paint_bare)} from spawning the process to the first screen (headless, median of {RUNS}); content cache hit in {hits:.0f} of {RUNS}",
        ),
        ("floor of the row above", "", paint_floor / paint_bare, f"{_ms(paint_floor)}: {floor}"),
        (
            "start-up to Home drawn in a real terminal: letstalk / bare App",
            "≤ 1.3×",
            statistics.median(pty_ours) / pty_b,
            f"{_ms(statistics.median(pty_ours))} vs {_ms(pty_b)} from spawn to the first frame holding {FIRST_TITLE!r} (pty, 100×30, median of {RUNS})",
        ),
        (
            "floor of the row above",
            "",
            statistics.median(pty_floor) / pty_b,
            f"{_ms(statistics.median(pty_floor))}: {floor}",
        ),
        (
            "peak RSS, Home then a step: letstalk / bare App",
            "≤ 1.3×",
            peak_ours / peak_bare,
            f"{peak_ours / 1024:.0f} MB vs {peak_bare / 1024:.0f} MB (VmHWM); after imports alone {imported_ours / 1024:.0f} MB vs {imported_bare / 1024:.0f} MB",
        ),
        ("floor of the row above", "", peak_floor / peak_bare, f"{peak_floor / 1024:.0f} MB: {floor}"),
        *cli_rows,
    ]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(asyncio.run(_child(sys.argv[2], float(sys.argv[3])))))
    else:
        for row in asyncio.run(rows()):
            print(row)
