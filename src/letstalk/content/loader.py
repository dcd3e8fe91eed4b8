"""Find, read and validate content packs; build the :class:`Library` the app works from."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from letstalk.content import limits
from letstalk.content.models import AnyItem, Block, LongItem, Pack, PackMeta, RatingItem, Section, TextItem
from letstalk.errors import ContentError, LetsTalkError
from letstalk.files import toml
from letstalk.files.describe import join_place
from letstalk.text import quote_key

PACK_FILE = "pack.toml"


def builtin_content_dir() -> Path:
    """The content packs shipped with letstalk.

    In a wheel they live in ``letstalk/packs``; in a source checkout (editable install) they are
    the repository's ``content/`` folder.
    """
    packaged = Path(str(resources.files("letstalk"))) / "packs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "content"


@dataclass(frozen=True)
class Located:
    """Where an item lives: its pack, section and block."""

    pack: Pack
    section: Section
    block: Block
    item: AnyItem


@dataclass
class Library:
    """Every loaded pack, with indexes by id. Built once at start-up by :func:`load_library`."""

    packs: list[Pack]
    sections: dict[str, Section] = field(init=False)
    section_pack: dict[str, Pack] = field(init=False)
    items: dict[str, Located] = field(init=False)
    aliases: dict[str, str] = field(init=False)
    """Old item id -> current item id, from every pack's ``[aliases]``."""

    def __post_init__(self) -> None:
        self.sections = {}
        self.section_pack = {}
        self.items = {}
        self.aliases = {old: new for pack in self.packs for old, new in pack.meta.aliases.items()}
        for pack in self.packs:
            for section in pack.sections:
                self.sections[section.id] = section
                self.section_pack[section.id] = pack
                for block in section.blocks:
                    for item in block.items:
                        self.items[item.id] = Located(pack, section, block, item)

    def pack(self, pack_id: str) -> Pack | None:
        """The pack with this id, if loaded."""
        return next((p for p in self.packs if p.meta.id == pack_id), None)

    def all_sections(self) -> list[Section]:
        """Every section of every pack, in display order."""
        return [section for pack in self.packs for section in pack.sections]

    def versions(self) -> dict[str, str]:
        """Pack id -> content version, as recorded in a workbook."""
        return {pack.meta.id: pack.meta.version for pack in self.packs}


def format_loc(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into ``blocks[1].items[2].id``.

    Discriminated unions add the tag (``check``) after a list index; it is noise to a writer.
    A key that is not a simple word is quoted and escaped (``scales."a\\nb"``), so the place
    stays on one line.
    """
    out = ""
    previous: int | str | None = None
    for part in loc:
        if not (isinstance(previous, int) and isinstance(part, str) and out.endswith("]") and _is_union_tag(part)):
            out = join_place(out, part)
        previous = part
    return out or "(top)"


def _is_union_tag(part: str) -> bool:
    return part in {
        "point",
        "check",
        "text",
        "long",
        "date",
        "choice",
        "rating",
        "resource",
        "challenge",
        "idea",
    }


def validation_problems(path: Path, error: ValidationError, prefix: str = "") -> list[str]:
    """One line per pydantic error: ``path: field.path: message``."""
    lines = []
    for err in error.errors(include_url=False):
        where = format_loc(tuple(err["loc"]))
        if prefix:
            where = f"{prefix}.{where}" if where != "(top)" else prefix
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown key (check its spelling, or remove it)"
        elif err["type"] == "union_tag_invalid":
            message = (
                f"unknown item kind {err['input'].get('kind')!r}" if isinstance(err.get("input"), dict) else message
            )
        lines.append(f"{path}: {where}: {message}")
    return lines


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning every failure into a one-line :class:`ContentError`."""
    try:
        return toml.read(path, LetsTalkError, kind="content file")
    except LetsTalkError as exc:
        raise ContentError([str(exc)]) from None


def _model(path: Path, model: type[BaseModel], data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(validation_problems(path, exc)) from None


def load_pack(folder: Path) -> Pack:
    """Load and validate one pack folder; every problem found is in the :class:`ContentError`."""
    problems: list[str] = []
    meta: PackMeta | None = None
    try:
        meta = _model(folder / PACK_FILE, PackMeta, read_toml(folder / PACK_FILE))
    except ContentError as exc:
        problems.extend(exc.problems)
    sections: list[tuple[Path, Section]] = []
    paths = [path for path in sorted(folder.glob("*.toml")) if path.name != PACK_FILE]
    too_many = limits.pack_problems(folder, len(paths))
    problems.extend(too_many)
    for path in [] if too_many else paths:
        try:
            data = read_toml(path)
            too_big = limits.section_problems(path, data)
            if too_big:
                raise ContentError(too_big)  # refused before validating thousands of items
            sections.append((path, _model(path, Section, data)))
        except ContentError as exc:
            problems.extend(exc.problems)
    if not paths:
        problems.append(f"{folder}: (pack): the pack has no section files (add one TOML file per section)")
    problems.extend(_cross_check(folder, meta, sections))  # even without a valid pack.toml: all problems at once
    if problems:
        raise ContentError(problems)
    assert meta is not None
    ordered = [section for _, section in sorted(sections, key=lambda ps: (ps[1].order, ps[1].id))]
    return Pack(meta=meta, sections=ordered)


def _cross_check(folder: Path, meta: PackMeta | None, sections: list[tuple[Path, Section]]) -> list[str]:
    """Checks that span items: duplicate ids, evidence links and (given pack.toml) scales."""
    problems: list[str] = []
    seen: dict[str, str] = {meta.id: f"{folder / PACK_FILE}: id"} if meta is not None else {}
    long_ids: set[str] = set()
    for path, section in sections:
        places: list[tuple[str, str]] = [("id", section.id)]
        for b, block in enumerate(section.blocks):
            places.append((f"blocks[{b}].id", block.id))
            for i, item in enumerate(block.items):
                places.append((f"blocks[{b}].items[{i}].id", item.id))
                if isinstance(item, (LongItem, TextItem)):
                    long_ids.add(item.id)
        for where, ident in places:
            if ident in seen:
                problems.append(f"{path}: {where}: duplicate id {_quoted(ident)} (first used at {seen[ident]})")
            else:
                seen[ident] = f"{path.name} {where}"
    for path, section in sections:
        for b, block in enumerate(section.blocks):
            for i, item in enumerate(block.items):
                if not isinstance(item, RatingItem):
                    continue
                where = f"blocks[{b}].items[{i}]"
                if item.evidence is not None and item.evidence not in long_ids:
                    problems.append(
                        f"{path}: {where}.evidence: no long or text item {_quoted(item.evidence)} in this pack"
                    )
                if meta is None:
                    continue  # pack.toml has its own problem lines; scales cannot be checked
                scale = meta.scales.get(item.scale)
                if scale is None:
                    problems.append(f"{path}: {where}.scale: no scale {_quoted(item.scale)} in pack.toml's [scales]")
                    continue
                levels = {level.id for level in scale.levels}
                for key in [*item.descriptors, *item.descriptor_origins]:
                    if key not in levels:
                        problems.append(
                            f"{path}: {where}.descriptors.{quote_key(key)}: not a level of scale {_quoted(item.scale)}"
                        )
    return problems


def _quoted(ident: str) -> str:
    # Ids in messages are double-quoted, as DESIGN.md shows: duplicate id "listen.ask-goals".
    return json.dumps(ident, ensure_ascii=False)


def pack_folders(root: Path) -> list[Path]:
    """The pack folders in ``root``: ``root`` itself if it holds a pack.toml, else its subfolders."""
    if (root / PACK_FILE).is_file():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / PACK_FILE).is_file())


def load_library(extra: list[Path] | None = None, *, builtin: bool = True) -> Library:
    """Load the shipped packs and any packs in ``extra`` folders into one :class:`Library`.

    A pack in an extra folder with a shipped pack's id is refused (naming both folders), and packs
    over the size limits of :mod:`letstalk.content.limits` too. Ids must be unique across all the
    packs loaded, since a workbook keys answers by item id alone.
    """
    roots: list[tuple[Path, bool]] = [(builtin_content_dir(), True)] if builtin else []
    roots.extend((root, False) for root in extra or [])
    problems: list[str] = []
    by_id: dict[str, tuple[Path, Pack]] = {}
    shipped_ids: dict[str, bool] = {}
    for root, shipped in roots:
        if not root.is_dir():
            problems.append(f"{root}: not a folder of content packs (check the --content path)")
            continue
        folders = pack_folders(root)
        if not folders and not shipped:
            problems.append(f"{root}: no pack.toml found here or in its subfolders")
        for folder in folders:
            try:
                pack = load_pack(folder)
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            if pack.meta.id in by_id and shipped_ids.get(pack.meta.id) and not shipped:
                # A pack of one's own never replaces a shipped one: answers are keyed by its ids.
                problems.append(
                    f"{folder}: id: pack id {_quoted(pack.meta.id)} is the shipped pack in {by_id[pack.meta.id][0]}; "
                    "give your pack an id of its own"
                )
                continue
            by_id[pack.meta.id] = (folder, pack)
            if shipped:
                shipped_ids[pack.meta.id] = True
    problems.extend(_global_duplicates(by_id))
    problems.extend(_alias_problems(by_id))
    if problems:
        raise ContentError(problems)
    packs = sorted((pack for _, pack in by_id.values()), key=lambda p: (p.meta.order, p.meta.id))
    return Library(packs)


def _global_duplicates(by_id: dict[str, tuple[Path, Pack]]) -> list[str]:
    problems: list[str] = []
    owner: dict[str, str] = {}
    for folder, pack in by_id.values():
        for section in pack.sections:
            idents = [section.id] + [block.id for block in section.blocks]
            idents += [item.id for block in section.blocks for item in block.items]
            for ident in idents:
                if ident in owner and owner[ident] != pack.meta.id:
                    problems.append(
                        f"{folder}: {section.id}: id {_quoted(ident)} is also used by pack {_quoted(owner[ident])}; "
                        "ids must be unique across packs"
                    )
                owner.setdefault(ident, pack.meta.id)
    return problems


def _alias_problems(by_id: dict[str, tuple[Path, Pack]]) -> list[str]:
    """An alias must name a retired id (no longer in use) and lead to an item that exists."""
    live = {item.id for _, pack in by_id.values() for section in pack.sections for item in section.items()}
    problems: list[str] = []
    for folder, pack in by_id.values():
        for old, new in pack.meta.aliases.items():
            where = f"{folder / PACK_FILE}: aliases.{quote_key(old)}"
            if old in live:
                problems.append(f"{where}: {_quoted(old)} is still an item id; an alias is for an id that was renamed")
            elif new not in live:
                problems.append(f"{where}: no item {_quoted(new)} in the loaded packs; point the alias at a current id")
    return problems
