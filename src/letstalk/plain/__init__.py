"""The accessible, line-by-line mode: numbered prompts on standard input and output, no textual.

- ``terminal``: reading commands and printing safely; the help text.
- ``items``: showing and asking one content item.
- ``session``: the walk through sections and the plan, saving after every answer.
"""

from __future__ import annotations

import io
import sys
from typing import TextIO

from letstalk.content import Library
from letstalk.plain.session import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEM, Session
from letstalk.plain.terminal import EndOfInput, Halt, Quit, Stopped, Terminal, stopping_on_signals
from letstalk.storage import WorkbookFile

__all__ = ["run"]


def run(handle: WorkbookFile, library: Library, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run plain mode over an open workbook until quit or end of input; returns the exit code."""
    if stdin is None and stdout is None:
        for stream in (sys.stdin, sys.stdout):
            # Odd bytes on a pipe or an ASCII-only terminal must not end the session.
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")
    session = Session(handle, library, Terminal(stdin or sys.stdin or io.StringIO(), stdout or sys.stdout))
    try:
        with stopping_on_signals():
            session.run()
    except Stopped as exc:
        session.term.say("")
        return session.leave("Stopped", 128 + exc.signum)
    except Quit:
        return session.leave("Goodbye")
    except EndOfInput:
        return session.leave("End of input")
    except KeyboardInterrupt:
        session.term.say("")
        return session.leave("Interrupted", EXIT_INTERRUPTED)
    except Halt:
        return EXIT_PROBLEM
    return EXIT_OK
