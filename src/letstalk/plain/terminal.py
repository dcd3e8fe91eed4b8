"""Plain mode's terminal: lines in, lines out, typed commands, nothing else (no UI imports).

Everything printed goes through :func:`letstalk.text.printable`, so answers and content can
never move the cursor, change colours or reach the clipboard.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any, TextIO

from letstalk.text import printable

MOVES = frozenset({"back", "skip", "menu", "quit"})
INFO = frozenset({"help", "where", "list", "read"})
ALIASES = {"?": "help", "exit": "quit"}


class EndOfInput(Exception):
    """Stdin has ended."""


class Stopped(Exception):
    """SIGTERM or SIGHUP (the terminal was closed) arrived: leave as for quit, exit 128 + ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Stopped` while plain mode runs (SIGINT is KeyboardInterrupt).

    Only the main thread can take signals; elsewhere, and for a signal the platform lacks
    (SIGHUP on Windows), nothing changes.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous: dict[int, Callable[[int, FrameType | None], Any] | int | signal.Handlers | None] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None:
                previous[signum] = signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@dataclass(frozen=True)
class Command:
    """A command typed at a prompt; ``number`` is N of ``go N``."""

    name: str
    number: int = 0


def command(reply: str) -> Command | None:
    """The command a reply names, or None when it is an answer."""
    words = reply.strip().lower().split()
    if len(words) == 1 and ALIASES.get(words[0], words[0]) in MOVES | INFO:
        return Command(ALIASES.get(words[0], words[0]))
    if len(words) == 2 and words[0] == "go" and words[1].isascii() and words[1].isdigit():
        return Command("go", int(words[1]))
    return None


def shorten(text: str, width: int = 70) -> str:
    """The first line of ``text``, cut at a word to about ``width`` characters."""
    line = text.split("\n", 1)[0]
    return line if len(line) <= width else line[:width].rsplit(" ", 1)[0] + "…"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Terminal:
    """Lines in, lines out: plain text only, with control characters made visible."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        # A terminal echoes the reply and its Enter; piped input does not, so end the line ourselves.
        self.echoless = not _isatty(stdin)

    def say(self, *lines: str) -> None:
        """Print lines, each made safe first (answers and content may hold escape sequences)."""
        self.stdout.write("".join(printable(line) + "\n" for line in lines))
        self.stdout.flush()

    def read(self, prompt: str = "") -> str:
        """Print the prompt and read one line; raises :class:`EndOfInput` at the end of stdin."""
        if prompt:
            self.stdout.write(printable(prompt) + ": ")
            self.stdout.flush()
        line = self.stdin.readline()
        if prompt and self.echoless:
            self.stdout.write("\n")
        if not line:
            raise EndOfInput
        return line.rstrip("\r\n")


HELP = """\
Commands, at any prompt:
  back    the previous item
  skip    the next item, keeping this answer
  go N    item N of this section (or section N, from the list of sections)
  list    the items of this section and their answers (or the list of sections)
  where   where you are and how far you have got
  read    this section's goals, key points and resources
  menu    back to the list of sections
  help    this help
  quit    save and leave
Enter keeps the current answer. A long answer ends with a line holding only a dot (.);
until then every line is part of the answer, commands included."""


class Quit(Exception):
    """The librarian typed quit."""


class Halt(Exception):
    """Saving was refused for good (the file changed elsewhere); stop without overwriting."""
