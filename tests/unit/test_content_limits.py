"""Content packs cannot take over or stall the app: shipped ids are kept, sizes are bounded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from letstalk.content import builtin_content_dir, load_library, load_pack
from letstalk.content.limits import MAX_BLOCK_ITEMS, MAX_ITEMS, MAX_PROSE, MAX_SECTIONS
from letstalk.errors import ContentError

MINI = Path(__file__).resolve().parents[1] / "data" / "packs" / "mini"


def _pack(tmp_path: Path, pack_id: str = "mine") -> Path:
    folder = Path(shutil.copytree(MINI, tmp_path / pack_id))
    text = (folder / "pack.toml").read_text("utf-8")
    (folder / "pack.toml").write_text(text.replace('id = "mini"', f'id = "{pack_id}"', 1), "utf-8")
    return folder


def _section(items: int, *, section_id: str = "big", prose: str = "", per_block: int = MAX_BLOCK_ITEMS) -> str:
    head = f'id = "{section_id}"\nlabel = "Step 9"\ntitle = "Big"\nsummary = "Many items."\norder = 9\n'
    blocks = []
    for start in range(0, items, per_block):
        rows = "\n".join(
            f'    {{ id = "{section_id}.c{n}", kind = "check", text = "Do thing {n}." }},'
            for n in range(start, min(items, start + per_block))
        )
        intro = f'intro = "{prose}"\n' if prose and not start else ""
        blocks.append(f'\n[[blocks]]\nid = "{section_id}.b{start}"\nkind = "checklist"\n{intro}items = [\n{rows}\n]\n')
    return head + "".join(blocks)


def test_a_pack_with_a_shipped_packs_id_is_refused_naming_both_folders(tmp_path: Path) -> None:
    shipped = next(p for p in sorted(builtin_content_dir().iterdir()) if (p / "pack.toml").is_file())
    copy = Path(shutil.copytree(shipped, tmp_path / "copy"))
    with pytest.raises(ContentError) as caught:
        load_library([copy])
    lines = [line for line in caught.value.problems if "is the shipped pack in" in line]
    assert len(lines) == 1 and str(copy) in lines[0] and str(shipped) in lines[0]


def test_a_section_over_the_item_limit_is_refused_at_once(tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    (folder / "03-big.toml").write_text(_section(100_000, per_block=10), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_pack(folder)  # counted on the raw TOML: 100,000 items are never validated
    assert any(f"100,000 items; a section holds at most {MAX_ITEMS}" in line for line in caught.value.problems)


def test_the_largest_allowed_section_loads(tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    (folder / "03-big.toml").write_text(_section(MAX_ITEMS - 1, prose="p" * MAX_PROSE), "utf-8")
    pack = load_pack(folder)
    assert len(pack.sections[-1].items()) == MAX_ITEMS - 1
    (folder / "03-big.toml").write_text(_section(MAX_BLOCK_ITEMS + 1, per_block=MAX_BLOCK_ITEMS + 1), "utf-8")
    with pytest.raises(ContentError, match=f"items; a block holds at most {MAX_BLOCK_ITEMS}"):
        load_pack(folder)


def test_too_many_sections_and_too_long_prose_are_refused(tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    (folder / "03-big.toml").write_text(_section(3, prose="p" * (MAX_PROSE + 1)), "utf-8")
    with pytest.raises(ContentError, match=f"at most {MAX_PROSE} characters"):
        load_pack(folder)
    (folder / "03-big.toml").unlink()
    for n in range(MAX_SECTIONS):
        (folder / f"s{n:03}.toml").write_text(_section(1, section_id=f"s{n}"), "utf-8")
    with pytest.raises(ContentError, match=f"section files; a pack holds at most {MAX_SECTIONS}"):
        load_pack(folder)
