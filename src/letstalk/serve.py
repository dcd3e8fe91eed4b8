"""Browser mode: textual-serve's aiohttp server, open only to the person at this machine.

textual-serve checks neither Origin nor Host, so any web page the librarian visits could open
its WebSocket, read her screen and type into her workbook, and DNS rebinding would let a foreign
name reach 127.0.0.1. :class:`GuardedServer` adds one aiohttp middleware in front of every route:

- a random token per run, printed in the URL to open (``http://127.0.0.1:8000/?token=…``) and
  then kept in a cookie, is required on every HTTP and WebSocket request;
- the Host header must name the bound address or a localhost name, on the served port;
- a request that carries an Origin (every WebSocket handshake does) must come from the served origin.

Refusals are 403 with a short plain page. A second tab on a workbook that is already open (in
another tab, or in a terminal) gets a page saying so rather than a blank terminal.

Nothing is fetched from anywhere else: textual-serve's page links a web font from Google's font
service, which would tell a third party that she is using letstalk. The middleware takes that
link out of the page (the terminal falls back to the browser's monospace font) and every page
carries a Content-Security-Policy that lets the browser load and connect to this server alone.
"""

from __future__ import annotations

import asyncio
import hmac
import re
import secrets
import shlex
import subprocess
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from letstalk.errors import LetsTalkError
from letstalk.files.lock import held_elsewhere
from letstalk.text import one_line

COOKIE = "letstalk_token"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
"""Names and addresses that mean this machine only."""
BUSY_WAIT = 3.0
"""Seconds a new page waits for a closing tab to let go of the workbook (a reload) before saying it is open."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']?(https?://[^\"'\s>]*)[^>]*>\s*", re.IGNORECASE)
"""A ``<link>`` in textual-serve's page with a full address: its own stylesheet, or Google's web font."""


def content_policy(origin: str) -> str:
    """The page's Content-Security-Policy: scripts, styles, fonts and the WebSocket from this server only.

    textual-serve's page holds an inline script and style of its own, hence 'unsafe-inline'.
    """
    socket = "ws" + origin.removeprefix("http")
    return (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' {socket}; "
        "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )


def local_only(page: str, origin: str) -> str:
    """textual-serve's page without its links to sites other than ``origin`` (this server)."""
    return _LINK.sub(lambda link: link[0] if link[1].startswith(f"{origin}/") else "", page)


def shell_command(argv: Sequence[str], *, windows: bool | None = None) -> str:
    """``argv`` as one command line for the platform's shell (textual-serve starts the app through it)."""
    if sys.platform == "win32" if windows is None else windows:
        return subprocess.list2cmdline(list(argv))
    return shlex.join(argv)


def app_command(workbook: Path, content: Sequence[str] = ()) -> str:
    """The command textual-serve runs for each browser tab: this Python, letstalk, this workbook."""
    argv = [sys.executable, "-m", "letstalk", "--workbook", str(workbook)]
    for folder in content:
        argv += ["--content", folder]
    return shell_command(argv)


def origin_of(host: str, port: int) -> str:
    """``http://host:port`` as a browser writes it (an IPv6 address in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class Guard:
    """The checks of one served run: its token, its origin and the Host names it answers to."""

    def __init__(self, host: str, port: int, token: str | None = None) -> None:
        self.host = host
        self.port = port
        self.token = token or secrets.token_urlsafe(32)
        self.origin = origin_of(host, port)

    @property
    def url(self) -> str:
        """The address to open, token included."""
        return f"{self.origin}/?token={self.token}"

    def host_ok(self, header: str | None) -> bool:
        """Whether a Host header names this server: the bound address or a localhost name, on its port."""
        if not header:
            return False
        try:
            parts = urlsplit(f"//{header}")
            name, port = parts.hostname, parts.port
        except ValueError:
            return False
        if name is None or (port or 80) != self.port:
            return False
        return name in (LOCAL_HOSTS | {self.host.lower()})

    def token_ok(self, given: str | None) -> bool:
        """Whether ``given`` is this run's token (compared in constant time)."""
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def refusal(self, host: str | None, origin: str | None, token: str | None, cookie: str | None) -> str | None:
        """Why a request must be refused, in a few words, or None when it may pass."""
        if not self.host_ok(host):
            return "this address is not served here; open the address letstalk printed when it started"
        if origin is not None and origin != self.origin:
            return "requests from other web pages are refused"
        if not (self.token_ok(token) or self.token_ok(cookie)):
            return "the link needs its token; open the full address letstalk printed when it started"
        return None


def plain_page(status: int, text: str) -> web.Response:
    """A short plain-text page (never HTML built from input)."""
    return web.Response(status=status, text=f"letstalk: {text}\n", content_type="text/plain", charset="utf-8")


class GuardedServer(Server):
    """textual-serve's server with :class:`Guard` in front of every route, serving one workbook."""

    def __init__(self, command: str, *, workbook: Path, host: str = "127.0.0.1", port: int = 8000, **kwargs: Any):
        self.guard = Guard(host, port, kwargs.pop("token", None))
        super().__init__(command, host=host, port=port, title="letstalk", public_url=self.guard.origin, **kwargs)
        self.workbook = workbook
        self.busy_wait = BUSY_WAIT

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._middleware)
        return app

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        token = request.query.get("token")
        why = self.guard.refusal(
            request.headers.get("Host"), request.headers.get("Origin"), token, request.cookies.get(COOKIE)
        )
        if why is not None:
            return plain_page(403, why)
        if request.path in ("/", "/ws") and await self._workbook_busy():
            return plain_page(
                409,
                "this workbook is already open, in another browser tab or in a terminal; "
                "go back to that one, or close it and reload this page",
            )
        response = await handler(request)
        if not response.prepared:
            if isinstance(response, web.Response) and response.content_type == "text/html" and response.text:
                response.text = local_only(response.text, self.guard.origin)
            response.headers["Content-Security-Policy"] = content_policy(self.guard.origin)
            if token is not None:
                response.set_cookie(COOKIE, self.guard.token, httponly=True, samesite="Strict", path="/")
        return response

    async def _workbook_busy(self) -> bool:
        """Whether another letstalk holds the workbook, after giving a reloading tab time to let go."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.busy_wait
        while await asyncio.to_thread(held_elsewhere, self.workbook):
            if loop.time() >= deadline:
                return True
            await asyncio.sleep(0.1)
        return False

    async def on_startup(self, app: web.Application) -> None:
        """Say where to open letstalk (with the token) and how to stop it."""
        print(f"letstalk is served for {one_line(str(self.workbook))}", flush=True)
        print(f"Open {self.guard.url} in your browser (this address is for you alone). Ctrl+C stops.", flush=True)


def serve(workbook: Path, content: Sequence[str] = (), *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve letstalk on ``workbook`` to a browser on this machine until Ctrl+C."""
    if host not in LOCAL_HOSTS:
        print(
            f"Warning: serving on {one_line(host)} lets anyone who can reach this machine and has the printed "
            "address open your workbook. Use --host 127.0.0.1 unless you mean it.",
            file=sys.stderr,
        )
    server = GuardedServer(app_command(workbook, content), workbook=workbook, host=host, port=port)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise LetsTalkError(
            None, f"cannot serve on {one_line(origin_of(host, port))}: {exc.strerror or exc}; try another --port"
        ) from None
