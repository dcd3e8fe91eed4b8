"""Start letstalk: ``python -m letstalk`` and the ``letstalk`` console script both come through :func:`run`."""

from __future__ import annotations

import gc


def run() -> int:
    """Run the command line with the garbage collector paused while letstalk starts.

    Start-up builds several hundred thousand objects that live as long as the process (Textual's
    and pydantic's classes, the content, the workbook); collecting while they are made only walks
    them again and again (about 35 ms before Home is drawn). A short command never turns it back
    on before it exits; a long one (the app, plain mode, serve, review) does, through
    :func:`letstalk.cli.common.resume_collector`.
    """
    gc.disable()
    try:
        from letstalk.cli import main

        return main()
    finally:
        gc.enable()


if __name__ == "__main__":
    raise SystemExit(run())
