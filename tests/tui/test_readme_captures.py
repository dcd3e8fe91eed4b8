"""README's screen captures are the app's own screens (tools/readme_captures.py makes them)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

TOOL = Path(__file__).parents[2] / "tools" / "readme_captures.py"


def load_tool():
    """tools/ is not a package: load the script as a module."""
    spec = importlib.util.spec_from_file_location("readme_captures", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_shows_the_screens_as_they_are() -> None:
    tool = load_tool()
    text = tool.README.read_text("utf-8")
    taken = tool.captures()
    assert set(taken) == {m.group("name") for m in tool.BLOCK.finditer(text)}, "README lost a capture marker"
    assert all("letstalk" in capture and "f1 Help" in capture for capture in taken.values())
    assert tool.drifted(text, taken) == [], "README captures are out of date: run python tools/readme_captures.py"


def test_a_changed_screen_is_caught() -> None:
    tool = load_tool()
    text = tool.README.read_text("utf-8")
    shown = {m.group("name"): m.group("body") for m in tool.BLOCK.finditer(text)}
    taken = {name: body + "\n(changed)" for name, body in shown.items()}
    assert tool.drifted(text, taken) == list(taken)
    assert tool.drifted(tool.with_captures(text, taken), taken) == []
