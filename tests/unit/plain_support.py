"""Helpers for the plain-mode tests: typed lines, a workbook handle, a session played in-process, the real command."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from letstalk import storage
from letstalk.content import Library, load_library
from letstalk.plain import run

SHIPPED = load_library()
"""The shipped packs, loaded once: Step 1 of Let's Talk is the first section of the menu."""


# -- helpers ----------------------------------------------------------------------------------


def lines(*typed: str) -> str:
    return "".join(f"{line}\n" for line in typed)


@pytest.fixture
def handle(tmp_path: Path):
    opened = storage.WorkbookFile.open(tmp_path / "wb.toml", create_missing=True)
    yield opened
    opened.close()


def play(handle: storage.WorkbookFile, library: Library, *typed: str, stdin: str | None = None) -> tuple[int, str]:
    """Run plain mode in-process on the typed lines; the exit code and everything printed."""
    out = io.StringIO()
    code = run(handle, library, io.StringIO(lines(*typed) if stdin is None else stdin), out)
    return code, out.getvalue()


def on_disk(handle: storage.WorkbookFile):
    return storage.load(handle.path)


def cli(
    tmp_path: Path, stdin: str, *args: str, env: dict[str, str] | None = None, tty_stdin: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m letstalk`` with user folders inside tmp_path and stdin piped (or a pty)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("ACCESSIBLE", "TEXTUAL_DRIVER")}
    environ.update({f"XDG_{name}_HOME": str(tmp_path / name.lower()) for name in ("DATA", "CONFIG", "CACHE", "STATE")})
    environ.update({"TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8", **(env or {})})
    command_line = [sys.executable, "-m", "letstalk", *args]
    if not tty_stdin:
        return subprocess.run(command_line, input=stdin, capture_output=True, text=True, env=environ, timeout=30)
    import pty

    master, slave = pty.openpty()
    try:
        os.write(master, stdin.encode())
        return subprocess.run(command_line, stdin=slave, capture_output=True, text=True, env=environ, timeout=30)
    finally:
        os.close(slave)
        os.close(master)
