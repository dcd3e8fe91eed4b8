"""The import graph of ``src/letstalk``: no cycles, and no import against the layer order.

Every import counts: module level, inside functions, and under ``TYPE_CHECKING``. ARCHITECTURE.md
explains the layers; a new top-level module or package must be given one in :data:`LAYERS`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "letstalk"

LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        "__init__",
        "text",
        "errors",
        "files",
        "content",
        "model",
        "storage",
        "plan cohort feedback search settings handin drafts log",
        "export",
        "review",
        "plain",
        "serve",
        "tui",
        "cli",
        "__main__",
    )
)
"""Lowest first: a module may import its own layer (without a cycle) and the layers before it."""

APPS = ("letstalk.tui.app", "letstalk.tui.review.app")
"""The apps import their screens; no screen or widget imports an app (they use ``tui.host``)."""


def module_name(path: Path, root: Path) -> str:
    """``letstalk.review.cache`` for ``<root>/review/cache.py`` (a package is its ``__init__``)."""
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((root.name, *parts))


def imports_of(path: Path, name: str, known: set[str]) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in a file, resolved to the modules of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import mod` imports the module pkg.mod when there is one
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield node.lineno, target


def graph(root: Path) -> dict[str, list[tuple[int, str]]]:
    """Each module of the package under ``root`` with the package modules it imports."""
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    known = set(files)
    return {name: list(imports_of(path, name, known)) for name, path in files.items()}


def find_cycle(edges: dict[str, list[tuple[int, str]]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for _, target in edges.get(node, []):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def layer_of(name: str) -> int | None:
    """Index in :data:`LAYERS` of a module's top-level part (``letstalk.review.cache`` -> review's)."""
    top = name.split(".")[1] if "." in name else "__init__"
    return next((i for i, layer in enumerate(LAYERS) if top in layer), None)


def violations(edges: dict[str, list[tuple[int, str]]]) -> list[str]:
    """Every import against the layer order, and every screen importing an app."""
    found = []
    for name, targets in sorted(edges.items()):
        mine = layer_of(name)
        if mine is None:
            found.append(f"{name}: not in any layer; add its top-level name to LAYERS in {Path(__file__).name}")
            continue
        for line, target in targets:
            theirs = layer_of(target)
            if theirs is not None and theirs > mine:
                found.append(f"{name} line {line}: imports {target}, a higher layer")
            if target in APPS and name not in APPS and name.startswith("letstalk.tui."):
                found.append(f"{name} line {line}: imports the app {target}; type against letstalk.tui.host")
    return found


def test_no_import_cycles() -> None:
    assert find_cycle(graph(PACKAGE)) is None


def test_imports_follow_the_layers() -> None:
    assert violations(graph(PACKAGE)) == []


def test_the_graph_sees_every_kind_of_import() -> None:
    edges = graph(PACKAGE)
    assert "letstalk.tui.app" in {t for _, t in edges["letstalk.cli.workbook"]}  # imported inside a function
    assert any(t == "letstalk.model.values" for _, t in edges["letstalk.model.workbook"])


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_cycle_in_a_throwaway_package_is_caught(tmp_path: Path) -> None:
    root = tmp_path / "letstalk"
    _write(
        root,
        {
            "__init__.py": "",
            "model/__init__.py": "from letstalk.model.a import A\n",
            "model/a.py": "def f():\n    from letstalk.model import b\n",
            "model/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from letstalk.model.a import A\n",
        },
    )
    cycle = find_cycle(graph(root))
    assert cycle is not None and cycle[0] == cycle[-1]
    assert {"letstalk.model.a", "letstalk.model.b"} <= set(cycle)


@pytest.mark.parametrize(
    ("module", "text", "expected"),
    [
        ("files/x.py", "from letstalk.model import Workbook\n", "imports letstalk.model, a higher layer"),
        ("tui/screens/s.py", "from letstalk.tui.app import LetsTalkApp\n", "type against letstalk.tui.host"),
        ("nowhere.py", "", "not in any layer"),
    ],
)
def test_a_wrong_import_in_a_throwaway_package_is_caught(tmp_path: Path, module: str, text: str, expected: str) -> None:
    root = tmp_path / "letstalk"
    _write(root, {"__init__.py": "", "model/__init__.py": "", "tui/__init__.py": "", "tui/app.py": "", module: text})
    assert any(expected in line for line in violations(graph(root)))
