"""What every subcommand shares: exit codes, the default workbook, the content, safe output."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from letstalk.errors import LetsTalkError
from letstalk.text import shown_path

if TYPE_CHECKING:
    from letstalk.content import Library


EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2

EPILOG = """\
exit codes:
  0  success
  1  a problem with a file (invalid workbook or content, cannot read or save); one line says which
  2  the command line itself is wrong
"""


def default_workbook() -> Path:
    """The workbook used when no ``--workbook`` is given, in the user's data folder."""
    from platformdirs import user_data_path

    return user_data_path("letstalk", appauthor=False) / "workbook.toml"


def paths(values: list[str] | None) -> list[Path]:
    return [Path(v).expanduser() for v in values or []]


def library_for(args: argparse.Namespace) -> Library:
    """The content for a command: validated packs, from the user cache when nothing changed."""
    from letstalk.content.cache import cached_library

    return cached_library(paths(args.content))[0]


def write_stdout(data: bytes) -> None:
    """Write to standard output; a closed pipe or a full disk is one line (exit 1), never a traceback."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        silence_stdout()
        raise LetsTalkError(
            "<stdout>", f"cannot write the output: {exc.strerror or exc}; nothing more was written"
        ) from None


def silence_stdout() -> None:
    """Point stdout at nowhere, so Python's own flush at exit does not fail again on a broken pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def write_output(raw: str | None, data: bytes, workbooks: Sequence[Path] = ()) -> None:
    """Write to ``-o PATH`` after the one output check (``files.target``), or to stdout for none or ``-``."""
    from letstalk.files import target

    if raw is None or raw == target.STDOUT:
        write_stdout(data)
        return
    out = Path(raw).expanduser()
    target.write_output(out, data, workbooks=workbooks)
    print(f"Wrote {shown_path(out)}")


def resume_collector(*, freeze: bool = False) -> None:
    """Turn the garbage collector back on (paused by :func:`letstalk.__main__.run`) for a long command.

    With ``freeze`` (once the app has drawn its first screen) everything start-up built is moved
    out of the collector's sight first, so each later full collection walks only what the session
    makes, not Textual and the content again: a pause in the middle of a keystroke is shorter.
    """
    if freeze:
        gc.freeze()
    gc.enable()


MAX_DAYS = 36_500
"""The longest span a days option takes: a hundred years (a date beyond year 9999 cannot be made)."""


def days(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"{raw[:20]!r} is not a number of days (1 to {MAX_DAYS:,})")
    return int(raw)


def confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise LetsTalkError(None, "nothing added: confirm on a terminal, or add --yes to import from a script")
    return input(question).strip().lower() in ("y", "yes")
