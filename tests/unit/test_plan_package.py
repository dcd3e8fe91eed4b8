"""letstalk.plan loads its names on first use: the table it loads from matches what mypy is shown."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import letstalk.plan as plan

INIT = Path(plan.__file__)


def type_checking_imports() -> dict[str, tuple[str, ...]]:
    """The names the TYPE_CHECKING block imports, by module."""
    tree = ast.parse(INIT.read_text("utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
    found: dict[str, tuple[str, ...]] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom) and node.module
        found[node.module.removeprefix("letstalk.plan.")] = tuple(alias.name for alias in node.names)
    return found


def test_the_runtime_table_is_what_mypy_sees() -> None:
    assert type_checking_imports() == plan._EXPORTS


def test_every_public_name_loads_from_its_module() -> None:
    for module, names in plan._EXPORTS.items():
        source = importlib.import_module(f"letstalk.plan.{module}")
        for name in names:
            assert getattr(plan, name) is getattr(source, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        plan.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("an unknown name loaded")


def test_reading_answers_does_not_load_the_builder() -> None:
    """Home reads the wedge standing through plan.answers; the builder and view models wait."""
    code = "import sys, letstalk.plan.answers; print('letstalk.plan.builder' in sys.modules, 'letstalk.plan.view' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
