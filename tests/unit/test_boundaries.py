"""Import hygiene: only ``letstalk.tui`` may import textual, so the CLI and data layer start fast."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "letstalk"


def non_ui_modules() -> list[Path]:
    """Every module of the package outside ``letstalk/tui/``."""
    return sorted(p for p in PACKAGE.rglob("*.py") if "tui" not in p.relative_to(PACKAGE).parts[:1])


def ui_imports(path: Path) -> list[str]:
    """``line: name`` for every import of textual in a module, at any depth (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in {"import_module", "__import__"} and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        found += [f"{node.lineno}: {name}" for name in names if name.split(".")[0] == "textual"]
    return found


def test_the_walk_sees_the_data_layer() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in non_ui_modules()}
    assert {"cli/__init__.py", "model/workbook.py", "storage/handle.py", "content/loader.py"} <= names
    assert not any(name.startswith("tui/") for name in names)


def test_the_checker_finds_textual_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nimport textual.app\ndef f():\n    from textual.widgets import Input\n"
        "    import importlib\n    importlib.import_module('textual')\nfrom textualize import x\n"
    )
    assert ui_imports(sample) == ["2: textual.app", "4: textual.widgets", "6: textual"]


def test_no_module_outside_tui_imports_textual() -> None:
    offenders = {p.relative_to(PACKAGE).as_posix(): hits for p in non_ui_modules() if (hits := ui_imports(p))}
    assert offenders == {}


def test_cli_never_loads_textual(tmp_path: Path) -> None:
    """Importing the CLI, --version and validate run without textual in sys.modules."""
    workbook = tmp_path / "wb.toml"
    empty = tmp_path / "no-content"
    empty.mkdir()
    script = f"""
import sys
from pathlib import Path
import letstalk.cli
assert "textual" not in sys.modules, "import letstalk.cli"
try:
    letstalk.cli.main(["--version"])
except SystemExit as exc:
    assert exc.code == 0, exc.code
assert "textual" not in sys.modules, "--version"
import letstalk.content.loader
letstalk.content.loader.builtin_content_dir = lambda: Path({str(empty)!r})
from letstalk import storage
storage.create(Path({str(workbook)!r}))
assert letstalk.cli.main(["validate", {str(workbook)!r}]) == 0
assert "textual" not in sys.modules, "validate"
print("clean")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "clean"
    assert result.stdout.splitlines()[0].startswith("letstalk ")
