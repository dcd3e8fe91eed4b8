"""Browser mode serves only the person at this machine: raw requests with and without token, Origin and Host."""

from __future__ import annotations

import shlex
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from letstalk import storage
from letstalk.files.lock import Lock
from letstalk.model import new_workbook
from letstalk.serve import COOKIE, Guard, GuardedServer, app_command, shell_command

TOKEN = "t0ken-for-tests"
IDLE_APP = f"{sys.executable} -c 'import sys; sys.stdin.buffer.read()'"
"""What each tab runs in these tests: a process that waits, instead of the whole app."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A running guarded server and what a browser would need to reach it."""

    def __init__(self, server: GuardedServer, port: int) -> None:
        self.server = server
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.origin = self.base


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    workbook = tmp_path / "wb.toml"
    storage.create(workbook, new_workbook(owner="Ana"))
    port = free_port()
    server = GuardedServer(IDLE_APP, workbook=workbook, host="127.0.0.1", port=port, token=TOKEN)
    server.busy_wait = 0
    test_server = TestServer(await server._make_app(), host="127.0.0.1", port=port)
    await test_server.start_server()
    try:
        yield Served(server, port)
    finally:
        await test_server.close()


async def get(url: str, **headers: str) -> tuple[int, str, aiohttp.ClientResponse]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers, allow_redirects=False) as r:
        return r.status, await r.text(), r


async def handshake(url: str, **headers: str) -> int:
    """The status of a WebSocket handshake: 101 when accepted."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_the_page_needs_the_token(served: Served) -> None:
    status, text, _ = await get(f"{served.base}/")
    assert status == 403 and text.startswith("letstalk: ") and "token" in text
    status, _, _ = await get(f"{served.base}/?token=wrong")
    assert status == 403
    status, _, _ = await get(f"{served.base}/static/css/xterm.css")
    assert status == 403


async def test_the_right_token_opens_the_page_and_sets_a_cookie(served: Served) -> None:
    status, text, response = await get(f"{served.base}/?token={TOKEN}")
    assert status == 200 and "<html" in text.lower()
    cookie = response.cookies[COOKIE]
    assert cookie.value == TOKEN and cookie["httponly"] and cookie["samesite"] == "Strict"
    status, _, _ = await get(f"{served.base}/", Cookie=f"{COOKIE}={TOKEN}")
    assert status == 200
    status, _, _ = await get(f"{served.base}/", Cookie=f"{COOKIE}=wrong")
    assert status == 403


async def test_the_page_fetches_nothing_from_another_site(served: Served) -> None:
    status, text, response = await get(f"{served.base}/?token={TOKEN}")
    assert status == 200 and "textual.js" in text and f"{served.base}/static/css/xterm.css" in text
    assert "googleapis" not in text and "https://" not in text.split("<svg")[0]  # textual-serve links a Google font
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and f"connect-src 'self' ws://127.0.0.1:{served.port}" in policy
    _, _, static = await get(f"{served.base}/static/css/xterm.css", Cookie=f"{COOKIE}={TOKEN}")
    assert "default-src 'self'" in static.headers["Content-Security-Policy"]


async def test_a_foreign_host_is_refused_even_with_the_token(served: Served) -> None:
    """DNS rebinding: evil.example resolves to 127.0.0.1, but the Host header still says evil.example."""
    for host in (f"evil.example:{served.port}", "127.0.0.1:1", "", f"localhost.evil.example:{served.port}"):
        status, text, _ = await get(f"{served.base}/?token={TOKEN}", Host=host)
        assert status == 403, host
        assert "not served here" in text
    for host in (f"localhost:{served.port}", f"127.0.0.1:{served.port}", f"[::1]:{served.port}"):
        status, _, _ = await get(f"{served.base}/?token={TOKEN}", Host=host)
        assert status == 200, host


async def test_the_websocket_needs_the_served_origin_and_the_token(served: Served) -> None:
    ws = f"ws://127.0.0.1:{served.port}/ws"
    assert await handshake(ws, Origin="http://evil.example") == 403
    assert await handshake(f"{ws}?token={TOKEN}", Origin="http://evil.example") == 403
    assert await handshake(f"{ws}?token={TOKEN}", Origin=f"http://localhost:{served.port}0") == 403
    assert await handshake(ws, Origin=served.origin) == 403  # no token
    assert await handshake(f"{ws}?token=wrong", Origin=served.origin) == 403
    assert await handshake(ws, Origin=served.origin, Cookie=f"{COOKIE}=wrong") == 403
    assert await handshake(ws, Origin=served.origin, Cookie=f"{COOKIE}={TOKEN}") == 101
    assert await handshake(f"{ws}?token={TOKEN}", Origin=served.origin) == 101


async def test_a_second_tab_on_an_open_workbook_gets_a_page_saying_so(served: Served) -> None:
    other = Lock(served.server.workbook)  # the first tab's letstalk (or one in a terminal)
    other.acquire()
    try:
        status, text, _ = await get(f"{served.base}/?token={TOKEN}")
        assert status == 409 and "already open" in text
        assert await handshake(f"ws://127.0.0.1:{served.port}/ws?token={TOKEN}", Origin=served.origin) == 409
    finally:
        other.release()
    status, _, _ = await get(f"{served.base}/?token={TOKEN}")
    assert status == 200


def test_the_printed_url_carries_a_fresh_token() -> None:
    first, second = Guard("127.0.0.1", 8000), Guard("127.0.0.1", 8000)
    assert first.url.startswith("http://127.0.0.1:8000/?token=") and first.token != second.token
    assert len(first.token) >= 32
    assert Guard("::1", 8123).origin == "http://[::1]:8123"


def test_the_tab_command_is_quoted_for_the_platform_shell(tmp_path: Path) -> None:
    odd = tmp_path / "my work's book.toml"
    if sys.platform != "win32":
        assert shlex.split(app_command(odd, ["packs dir"])) == [
            sys.executable,
            "-m",
            "letstalk",
            "--workbook",
            str(odd),
            "--content",
            "packs dir",
        ]
    assert shell_command(["a b", "c"], windows=True) == '"a b" c'
    assert shell_command(["a b", "c"], windows=False) == "'a b' c"
