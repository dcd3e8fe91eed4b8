"""The README's promises: it opens with ``make run`` / ``make test``, and its content-pack example
is accepted by ``letstalk content check``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.paths import REPO

from letstalk.cli import main
from letstalk.content import load_library

README = REPO / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def readme_section(title: str) -> str:
    """The text of the ``## title`` section, up to the next ``## `` heading."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def example_pack(root: Path) -> Path:
    """Write the TOML blocks of "Writing a content pack" to the files their first comment names."""
    written: list[str] = []
    for lang, body in FENCE.findall(readme_section("Writing a content pack")):
        if lang != "toml":
            continue
        first = body.splitlines()[0]
        name = re.fullmatch(r"# (my-pack/[\w.-]+\.toml)\s*", first)
        assert name, f"a TOML example should start with '# my-pack/FILE.toml', not {first!r}"
        path = root / name.group(1)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        written.append(name.group(1))
    assert sorted(written) == ["my-pack/01-start.toml", "my-pack/pack.toml"]
    return root / "my-pack"


def test_readme_opens_with_make_run_and_make_test() -> None:
    text = README.read_text(encoding="utf-8")
    first = FENCE.search(text)
    assert first is not None, "README has no code block"
    assert text.find("\n## ") == -1 or first.start() < text.find("\n## "), "the commands should come before any section"
    assert first.group(2).split("\n")[:-1] == ["make run", "make test"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.MULTILINE) and re.search(r"^test:", makefile, re.MULTILINE)


def test_readme_pack_example_passes_content_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = example_pack(tmp_path)
    assert main(["content", "check", str(pack)]) == 0, capsys.readouterr().err
    assert re.search(r"^ok  my-pack 1\.0: ", capsys.readouterr().out, re.MULTILINE)


def test_readme_pack_example_loads_beside_the_shipped_packs(tmp_path: Path) -> None:
    """``letstalk --content my-pack/`` must work too: its ids may not clash with shipped ones."""
    library = load_library([example_pack(tmp_path)])
    assert library.pack("my-pack") is not None and library.pack("lets-talk") is not None
