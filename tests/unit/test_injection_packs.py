"""Content packs cannot run code or reach the network: only web and mail links load, and a hostile pack starts nothing."""

from __future__ import annotations

import ast
import os
import shutil
import socket
import subprocess
import webbrowser
from pathlib import Path

import pytest
from tests.paths import MINI
from tests.unit.injection_support import SRC, cli, hostile_pack, hostile_workbook, toml_string, user_dirs  # noqa: F401 - fixtures

from letstalk.content import load_library
from letstalk.errors import ContentError

# -- (d) content packs cannot run code or reach the network -------------------------------------------

UNSAFE_URLS = (
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
)


def pack_with_url(tmp_path: Path, url: str, *, in_source: bool = False) -> Path:
    """A copy of the mini pack whose resource (or source) links to ``url``."""
    pack = Path(shutil.copytree(MINI, tmp_path / "linked"))
    if in_source:
        meta = pack / "pack.toml"
        meta.write_text(
            meta.read_text("utf-8").replace("year = 2026", f"year = 2026\nurl = {toml_string(url)}"), "utf-8"
        )
    else:
        second = pack / "02-second.toml"
        second.write_text(
            second.read_text("utf-8").replace('"https://example.org/framework"', toml_string(url)), "utf-8"
        )
    return pack


@pytest.mark.parametrize("url", ["https://example.org/a", "http://example.org/b", "mailto:librarian@example.org"])
def test_web_and_mail_links_load(url: str, tmp_path: Path) -> None:
    library = load_library([pack_with_url(tmp_path, url)], builtin=False)
    assert library.items["second.framework"].item.url == url  # type: ignore[attr-defined]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_resource_links_are_refused(url: str, tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_library([pack_with_url(tmp_path, url)], builtin=False)
    assert "url" in str(info.value)


def test_unsafe_source_links_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError):
        load_library([pack_with_url(tmp_path, "javascript:alert(1)", in_source=True)], builtin=False)


@pytest.mark.usefixtures("mini_content", "user_dirs")
def test_a_hostile_pack_never_reaches_the_network_or_starts_anything(
    tmp_path: Path, hostile_pack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[str] = []

    def refuse(name: str):
        def called(*args: object, **kwargs: object) -> None:
            calls.append(name)
            raise AssertionError(f"{name} called while reading content")

        return called

    for target, name in (
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (subprocess, "Popen"),
        (os, "system"),
        (os, "execv"),
        (os, "execve"),
        (webbrowser, "open"),
    ):
        monkeypatch.setattr(target, name, refuse(f"{getattr(target, '__name__', target)}.{name}"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    pack = pack_with_url(tmp_path / "js", "javascript:alert(1)")
    workbook = hostile_workbook(tmp_path / "wb.toml")
    for argv in (
        ["content", "check", str(hostile_pack), str(pack)],
        ["--content", str(pack), "content", "list"],
        ["--content", str(hostile_pack), "validate", str(workbook)],
        ["--content", str(hostile_pack), "plan", str(workbook), "--format", "html"],
    ):
        cli(argv, capsys)
    assert calls == []


def test_content_code_imports_nothing_that_runs_code_or_reaches_the_network() -> None:
    forbidden = {
        "socket",
        "ssl",
        "urllib",
        "http",
        "requests",
        "httpx",
        "subprocess",
        "webbrowser",
        "pickle",
        "marshal",
        "shelve",
        "ctypes",
        "multiprocessing",
        "runpy",
        "code",
        "yaml",
    }
    forbidden_calls = {"eval", "exec", "compile", "__import__", "open_url", "system", "popen", "urlopen"}
    for source in sorted((SRC / "content").glob("*.py")):
        tree = ast.parse(source.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{source.name} imports {name}"
            if isinstance(node, ast.ImportFrom) and node.module == "importlib":
                assert [alias.name for alias in node.names] == ["resources"], source.name
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                assert called not in forbidden_calls, f"{source.name}:{node.lineno} calls {called}"
