"""The shipped content packs: they load, their ids are stable, their shape matches issue 4, their
text is finished and written anew (no run of 12 words shared with a seed document).

Run this file as a script to rewrite the id snapshot after a deliberate rename or addition:
``.venv/bin/python tests/unit/test_content.py --write-ids``.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel
from tests.paths import DATA, REPO

from letstalk.cli import main
from letstalk.content import Library, Section, builtin_content_dir, load_library
from letstalk.content.loader import PACK_FILE, pack_folders, read_toml
from letstalk.content.models import Block, BlockKind, ItemBase, LongItem, PackMeta, RatingItem
from letstalk.errors import ContentError

IDS_SNAPSHOT = DATA / "content-ids.txt"
TOOL = REPO / "tools" / "fingerprint_seeds.py"

STEPS = ("mindset", "readiness", "research", "listen", "widen", "plan", "act")
"""Section ids of Let's Talk steps 1-7, in order."""
SESSIONS = (
    "visioning",
    "relationships",
    "coaching",
    "communication",
    "innovation",
    "influence",
    "promotion",
    "opportunity",
)
"""Section ids of the eight On the Leading Edge sessions, in order."""
PACK_IDS = ("lets-talk", "meeting-prep", "leading-edge", "partnerships", "growth-rubric")

PLACEHOLDER = re.compile(r"\b(?:tbd|todo|lorem|coming\s+soon|xxx|fixme)\b", re.IGNORECASE)
IDENTIFIER_FIELDS = frozenset({"id", "kind", "scale", "evidence", "format", "version"})
"""Fields holding ids or enum values rather than prose: not checked for placeholder words."""
SOURCE_NAMING = re.compile(r"^sources\[\d+\]\.(?:title|address|publisher|author)$")
"""pack.toml fields that must name a source exactly, so may match its wording."""


# -- helpers ----------------------------------------------------------------------------------


def _load_tool() -> ModuleType:
    """Import tools/fingerprint_seeds.py (not a package) so both sides normalise the same way."""
    spec = importlib.util.spec_from_file_location("fingerprint_seeds", TOOL)
    assert spec is not None and spec.loader is not None, f"{TOOL} is missing"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fp = _load_tool()


@cache
def shipped() -> Library:
    """The shipped packs, loaded once for the module (the library is read-only)."""
    return load_library()


@cache
def content_files() -> tuple[tuple[str, BaseModel], ...]:
    """Every shipped TOML file as ``(pack-folder/file.toml, parsed model)``."""
    out: list[tuple[str, BaseModel]] = []
    for folder in pack_folders(builtin_content_dir()):
        for path in sorted(folder.glob("*.toml")):
            model = PackMeta if path.name == PACK_FILE else Section
            out.append((f"{folder.name}/{path.name}", model.model_validate(read_toml(path))))
    return tuple(out)


def strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a model, recursively, as ``(field.path[0].name, text)``; dict keys are ids."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings(getattr(value, name), f"{where}.{name}" if where else name)
    elif isinstance(value, (list, tuple)):
        for index, element in enumerate(value):
            yield from strings(element, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, element in value.items():
            yield from strings(element, f"{where}.{key}")


def all_ids(library: Library) -> list[str]:
    """Every section, block and item id of the library, duplicates kept."""
    ids: list[str] = []
    for section in library.all_sections():
        ids.append(section.id)
        for block in section.blocks:
            ids.append(block.id)
            ids.extend(item.id for item in block.items)
    return ids


def read_snapshot() -> list[str]:
    """The ids in the checked-in snapshot, in file order."""
    return [line.strip() for line in IDS_SNAPSHOT.read_text(encoding="utf-8").splitlines() if line.strip()]


def section(section_id: str) -> Section:
    """A shipped section by id (fails the test if it is missing)."""
    found = shipped().sections.get(section_id)
    assert found is not None, f"no section {section_id!r} in the shipped content"
    return found


def block_of(sec: Section, kind: BlockKind) -> Block:
    """The one block of ``kind`` in a section."""
    blocks = [b for b in sec.blocks if b.kind == kind]
    assert len(blocks) == 1, f"{sec.id}: expected one {kind.value} block, found {len(blocks)}"
    return blocks[0]


def kinds(block: Block, kind: str) -> list[ItemBase]:
    """The items of a block with this item kind."""
    return [item for item in block.items if item.kind == kind]  # type: ignore[attr-defined]


# -- loading and the CLI ----------------------------------------------------------------------


def test_every_shipped_pack_loads() -> None:
    library = load_library()
    assert [pack.meta.id for pack in library.packs] == list(PACK_IDS)


def test_content_check_names_the_four_packs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    for pack_id in PACK_IDS:
        assert re.search(rf"^ok  {re.escape(pack_id)} \d+\.\d+: ", captured.out, re.MULTILINE), captured.out


def test_content_list_shows_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "list"]) == 0
    out = capsys.readouterr().out
    for n in range(1, 8):
        assert re.search(rf"^  Step {n} · ", out, re.MULTILINE), f"Step {n} missing:\n{out}"
    assert re.search(r"^  Current conversations · ", out, re.MULTILINE), out
    assert len(re.findall(r"^  Session \d · On the Leading Edge of ", out, re.MULTILINE)) == 8, out
    assert "Building Instructional Partnerships [partnerships " in out
    assert len(re.findall(r"^  Toolkit · ", out, re.MULTILINE)) == 7, out
    assert re.search(r"^  Growth rubric · .*\b6 rating\b", out, re.MULTILINE), out


# -- ids --------------------------------------------------------------------------------------


def test_ids_are_unique() -> None:
    dupes = sorted(ident for ident, n in Counter(all_ids(shipped())).items() if n > 1)
    assert not dupes, f"ids used more than once: {dupes}"


def test_loader_rejects_an_id_already_shipped(tmp_path: Path) -> None:
    """A workbook keys answers by item id alone, so an extra pack may not reuse a shipped id."""
    pack = tmp_path / "dup"
    pack.mkdir()
    (pack / PACK_FILE).write_text(
        'id = "dup"\ntitle = "Dup"\nshort_title = "Dup"\nversion = "1.0"\nkind = "steps"\n'
        'summary = "A pack."\nlicence = "Mine."\n[[sources]]\ntitle = "Notes"\npublisher = "Me"\n',
        encoding="utf-8",
    )
    (pack / "01-a.toml").write_text(
        'id = "dup-a"\nlabel = "Step 1"\ntitle = "A"\nsummary = "A."\norder = 1\n'
        '[[blocks]]\nid = "dup-a.list"\nkind = "checklist"\n'
        '[[blocks.items]]\nid = "mindset.write-beliefs"\nkind = "check"\ntext = "Do it."\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=re.escape("mindset.write-beliefs")):
        load_library([pack])


def test_id_snapshot_is_sorted_and_unique() -> None:
    snapshot = read_snapshot()
    assert snapshot == sorted(set(snapshot)), f"{IDS_SNAPSHOT} must be sorted with one id per line"


def test_no_snapshot_id_disappears() -> None:
    missing = sorted(set(read_snapshot()) - set(all_ids(shipped())))
    assert not missing, (
        f"{len(missing)} id(s) in {IDS_SNAPSHOT.relative_to(REPO)} are gone from the shipped content: "
        f"{', '.join(missing)}. Saved answers are keyed by these ids, so renaming or removing one is a "
        "deliberate act: restore the id, or update the snapshot "
        "(.venv/bin/python tests/unit/test_content.py --write-ids) and note it in the commit."
    )


def test_every_shipped_id_is_in_the_snapshot() -> None:
    new = sorted(set(all_ids(shipped())) - set(read_snapshot()))
    assert not new, (
        f"{len(new)} new id(s) are not in {IDS_SNAPSHOT.relative_to(REPO)}: {', '.join(new)}. "
        "Add them so the snapshot stays complete (.venv/bin/python tests/unit/test_content.py --write-ids)."
    )


# -- counts -----------------------------------------------------------------------------------

STEP_RANGES: dict[BlockKind, tuple[str, int, int]] = {
    BlockKind.GOALS: ("point", 2, 4),
    BlockKind.COMPETENCIES: ("point", 3, 5),
    BlockKind.CHECKLIST: ("check", 5, 8),
    BlockKind.QUESTIONS: ("long", 3, 5),
    BlockKind.RESOURCES: ("resource", 3, 6),
    BlockKind.CHALLENGES: ("challenge", 1, 3),
}


def test_lets_talk_has_seven_steps_then_current_conversations() -> None:
    pack = shipped().pack("lets-talk")
    assert pack is not None
    assert [s.id for s in pack.sections] == [*STEPS, "current"]
    assert [s.label for s in pack.sections[:7]] == [f"Step {n}" for n in range(1, 8)]
    assert len(kinds(block_of(section("current"), BlockKind.QUESTIONS), "long")) >= 4


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("kind", list(STEP_RANGES), ids=lambda k: k.value)
def test_step_block_counts(step: str, kind: BlockKind) -> None:
    item_kind, low, high = STEP_RANGES[kind]
    block = block_of(section(step), kind)
    n = len(kinds(block, item_kind))
    assert low <= n <= high, f"{block.id}: {n} {item_kind} items, want {low}-{high}"


def test_leading_edge_sessions() -> None:
    pack = shipped().pack("leading-edge")
    assert pack is not None
    assert [s.id for s in pack.sections if s.label.startswith("Session")] == list(SESSIONS)
    items = shipped().items
    for sid in SESSIONS:
        topics = block_of(section(sid), BlockKind.TOPICS).items
        assert len(topics) == (2 if sid == "promotion" else 3), f"{sid}: {len(topics)} topics"
        for topic in topics:
            apply_id = f"{sid}.apply-{topic.id.removeprefix(sid + '.')}"
            assert apply_id in items and items[apply_id].item.kind == "long", f"{sid}: no prompt {apply_id}"  # type: ignore[attr-defined]
        for suffix, kind in (
            ("commitment", "text"),
            ("commitment-due", "date"),
            ("evidence", "long"),
            ("notes", "long"),
        ):
            located = items.get(f"{sid}.{suffix}")
            assert located is not None, f"{sid}: no item {sid}.{suffix}"
            assert located.section.id == sid and located.item.kind == kind, f"{sid}.{suffix} should be {kind}"  # type: ignore[attr-defined]
        assert items[f"{sid}.notes"].item.private, f"{sid}.notes must be private"


def test_four_cooperative_goals() -> None:
    ratings = [i for i in section("cooperative").items() if isinstance(i, RatingItem)]
    assert len(ratings) == 4


@pytest.mark.parametrize(
    ("section_id", "item_kind", "count"),
    [
        ("reflect", "long", 7),  # every reflection question of the source
        ("why", "point", 9),  # benefits
        ("components", "point", 4),  # Skills, Planning, Alliance, Cooperation
        ("kickstart", "point", 5),  # top five ways
        ("ideas", "idea", 9),  # every idea in the source
        ("quick-wins", "check", 10),
    ],
)
def test_partnership_counts(section_id: str, item_kind: str, count: int) -> None:
    sec = section(section_id)
    assert shipped().section_pack[section_id].meta.id == "partnerships"
    found = sum(len(kinds(block, item_kind)) for block in sec.blocks)
    assert found == count, f"{section_id}: {found} {item_kind} items, want {count}"


def test_growth_rubric() -> None:
    pack = shipped().pack("growth-rubric")
    assert pack is not None
    ratings = [i for s in pack.sections for i in s.items() if isinstance(i, RatingItem)]
    assert len(ratings) == 6
    for rating in ratings:
        levels = [level.id for level in pack.meta.scales[rating.scale].levels]
        assert len(levels) == 5, f"{rating.id}: scale {rating.scale!r} has {len(levels)} levels"
        assert sorted(rating.descriptors) == sorted(levels), f"{rating.id}: a descriptor per level"
        assert rating.evidence is not None, f"{rating.id}: no evidence item"
        assert isinstance(shipped().items[rating.evidence].item, LongItem), f"{rating.id}: evidence not long"


# -- finished text ----------------------------------------------------------------------------


def test_no_empty_or_placeholder_text() -> None:
    problems: list[str] = []
    for name, model in content_files():
        for where, text in strings(model):
            if not text.strip():
                problems.append(f"{name}: {where}: empty")
            elif where.rsplit(".", 1)[-1] not in IDENTIFIER_FIELDS and (m := PLACEHOLDER.search(text)):
                problems.append(f"{name}: {where}: placeholder {m.group(0)!r}")
    assert not problems, "\n".join(problems)


def test_walk_sees_every_text_field() -> None:
    """Guard the walker: it reaches nested descriptors, sources and scale labels."""
    fields = {where for _, model in content_files() for where, _ in strings(model)}
    assert any(w.endswith(".descriptors.leading") for w in fields)
    assert any(re.fullmatch(r"sources\[\d+\]\.note", w) for w in fields)
    assert any(re.fullmatch(r"scales\.\w+\.levels\[\d+\]\.label", w) for w in fields)


# -- copying from the seeds -------------------------------------------------------------------


def copied_runs(text: str, fingerprints: set[str]) -> list[str]:
    """Each maximal run of words in ``text`` whose every 12-word window is a seed fingerprint."""
    words = fp.normalise(text)
    hits = [fp.digest(s) in fingerprints for s in fp.shingles(words)]
    runs: list[str] = []
    start: int | None = None
    for i, hit in enumerate([*hits, False]):
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            runs.append(" ".join(words[start : i - 1 + fp.SHINGLE]))
            start = None
    return runs


def test_normalise_splits_apostrophes_the_same_on_both_sides() -> None:
    assert fp.normalise("What’s NEXT?—Ask: what's next") == ["what", "s", "next", "ask", "what", "s", "next"]


def test_fingerprint_round_trip(tmp_path: Path) -> None:
    """A seed sentence re-punctuated and re-cased is still caught; one changed word is not."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Intro.\nThe librarian’s plan links every unit to the school's\ngoals for reading this year, always.\n",
        encoding="utf-8",
    )
    out = tmp_path / "fp.txt"
    assert fp.main(["--seeds", str(seeds), "--out", str(out)]) == 0
    prints = fp.read_fingerprints(out)
    assert out.read_text(encoding="utf-8").startswith("# ")
    copied = "the LIBRARIAN'S plan links every unit to the School’s goals for reading this year"
    assert copied_runs(copied, prints) == [
        "the librarian s plan links every unit to the school s goals for reading this year"
    ]
    assert copied_runs("the librarian's plan ties every unit to the school's goals for reading this year", prints) == []


def test_no_sentence_copied_from_a_seed() -> None:
    prints = fp.read_fingerprints(fp.FINGERPRINTS)
    assert len(prints) > 1000, f"{fp.FINGERPRINTS} looks empty; run tools/fingerprint_seeds.py"
    problems = [
        f"{name}: {where}: {run!r}"
        for name, model in content_files()
        for where, text in strings(model)
        if not (name.endswith(f"/{PACK_FILE}") and SOURCE_NAMING.match(where))
        for run in copied_runs(text, prints)
    ]
    assert not problems, (
        f"{len(problems)} run(s) of {fp.SHINGLE}+ words shared with a seed document; reword them "
        "(keep the ids):\n" + "\n".join(problems)
    )


def test_seed_fingerprints_are_up_to_date() -> None:
    if not fp.SEEDS_DIR.is_dir():
        pytest.skip(f"{fp.SEEDS_DIR} is not here (a clean clone); the checked-in fingerprints are used")
    expected = fp.render(fp.seed_digests(fp.SEEDS_DIR))
    assert fp.FINGERPRINTS.read_text(encoding="utf-8") == expected, (
        f"{fp.FINGERPRINTS} is stale: run .venv/bin/python tools/fingerprint_seeds.py"
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-ids"]:
        sys.exit("usage: python tests/unit/test_content.py --write-ids")
    ids = sorted(set(all_ids(load_library())))
    IDS_SNAPSHOT.write_text("\n".join(ids) + "\n", encoding="utf-8")
    print(f"wrote {len(ids)} ids to {IDS_SNAPSHOT}")
