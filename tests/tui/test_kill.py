"""Kill the real app (headless) shortly after typing: the words are on disk and the file loads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from letstalk import storage
from letstalk.model import new_workbook

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from letstalk import storage
    from letstalk.content import load_library
    from letstalk.settings import Settings
    from letstalk.tui.app import make_app
    from letstalk.tui.widgets.items import widget_id

    async def main() -> None:
        handle = storage.WorkbookFile.open(Path(sys.argv[1]))
        app = make_app(handle, load_library(), Settings())
        async with app.run_test() as pilot:
            app.open_section("mindset")
            await pilot.pause()
            await app.workers.wait_for_complete()
            app.screen.query_one("#" + widget_id("mindset.reflect-role")).focus()
            await pilot.press(*"Typed just before the crash")
            print("typed", flush=True)
            await asyncio.sleep(60)

    asyncio.run(main())
    """
)

KILL_AFTER = 1.5  # seconds after the last keystroke, as the issue asks


def test_kill_after_typing_keeps_the_words(tmp_path: Path) -> None:
    path = tmp_path / "kill.toml"
    storage.create(path, new_workbook(owner="Kill Test"))
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "typed"
        time.sleep(KILL_AFTER)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    workbook = storage.load(path)
    assert workbook.value("mindset.reflect-role") == "Typed just before the crash"
