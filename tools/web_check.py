"""Check browser mode by eye: serve letstalk, open it in headless Chromium, click Start, screenshot.

Usage: python tools/web_check.py OUT.png [--port 8000]
Opens the address `letstalk serve` prints (with its token), as a person would.
Needs Debian's chromium. Drives it over the DevTools protocol (aiohttp comes with textual-serve),
so nothing else is installed. Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,800",
]


def wait_for(url: str, seconds: float = 20) -> str:
    end = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.3)


def printed_url(server: subprocess.Popen[str]) -> str:
    """The address `letstalk serve` prints to open (it carries this run's token)."""
    assert server.stdout is not None
    for line in server.stdout:
        match = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
        if match:
            return match.group()
    raise SystemExit("web_check: letstalk serve printed no address")


async def shoot(url: str, debug_port: int, out: Path) -> None:
    targets = json.loads(wait_for(f"http://127.0.0.1:{debug_port}/json"))
    page = next(t for t in targets if t["type"] == "page")
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws,
    ):
        counter = 0

        async def call(method: str, **params: object) -> dict:
            nonlocal counter
            counter += 1
            await ws.send_json({"id": counter, "method": method, "params": params})
            while True:
                message = json.loads((await ws.receive()).data)
                if message.get("id") == counter:
                    return message.get("result", {})

        await call("Page.enable")
        await call("Page.navigate", url=url)
        await asyncio.sleep(3)
        for kind in (
            "mousePressed",
            "mouseReleased",
        ):  # the "start" splash: click it (on the header row, so the app ignores it)
            await call("Input.dispatchMouseEvent", type=kind, x=600, y=12, button="left", clickCount=1)
        await asyncio.sleep(8)  # the app starts in a subprocess and paints over a websocket
        shot = await call("Page.captureScreenshot", format="png")
        out.write_bytes(base64.b64decode(shot["data"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("web_check: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    workdir = Path(tempfile.mkdtemp())
    workbook = workdir / "web.toml"
    letstalk = [sys.executable, "-m", "letstalk"]
    subprocess.run([*letstalk, "new", str(workbook), "--owner", "Web Check"], check=True)
    server = subprocess.Popen(
        [*letstalk, "--workbook", str(workbook), "serve", "--port", str(args.port)], stdout=subprocess.PIPE, text=True
    )
    browser = subprocess.Popen(
        [chromium, *FLAGS, "--remote-debugging-port=9333", f"--user-data-dir={workdir / 'profile'}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = printed_url(server)
        wait_for(url)
        asyncio.run(shoot(url, 9333, args.out))
    finally:
        browser.terminate()
        server.terminate()
        browser.wait(10)
        server.wait(10)
    print(f"web_check: screenshot in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
