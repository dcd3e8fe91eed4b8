"""The content loader, case by case: each kind of broken pack gives the one-line problems it should, every one of them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.paths import MINI

from letstalk.content import load_pack
from letstalk.errors import ContentError

# -- content loader, case by case -------------------------------------------------------------

LINE = re.compile(r"^(?P<path>[^:]+\.toml|[^:]+): (?P<where>[^:]+): (?P<message>.+)$")


def edit(path: Path, old: str, new: str) -> None:
    """Replace one piece of text in a pack file (it must be there)."""
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def problems(folder: Path) -> list[str]:
    """The problem lines of a pack that must fail to load; each is one ``path: where: message`` line."""
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    lines = info.value.problems
    assert str(info.value) == "\n".join(lines)
    for line in lines:
        assert "\n" not in line and LINE.match(line), line
    return lines


def test_mini_pack_loads(pack: Path) -> None:
    loaded = load_pack(pack)
    assert loaded.meta.id == "mini" and [s.id for s in loaded.sections] == ["first", "second"]
    assert sum(len(s.items()) for s in loaded.sections) == 13


def test_duplicate_id_across_files(pack: Path) -> None:
    edit(pack / "02-second.toml", 'id = "second.commit"', 'id = "first.read"')
    [line] = problems(pack)
    assert line.startswith(f"{pack / '02-second.toml'}: blocks[0].items[0].id: duplicate id ")
    assert "first.read" in line and "01-first.toml" in line


def test_duplicate_id_message_matches_design(pack: Path) -> None:
    edit(pack / "02-second.toml", 'id = "second.commit"', 'id = "first.read"')
    [line] = problems(pack)
    assert f'{pack / "02-second.toml"}: blocks[0].items[0].id: duplicate id "first.read"' in line


def test_unknown_key(pack: Path) -> None:
    edit(pack / "02-second.toml", 'text = "One commitment."', 'text = "One commitment.", colour = "red"')
    [line] = problems(pack)
    assert line.startswith(f"{pack / '02-second.toml'}: blocks[0].items[0].colour: unknown key")


def test_unknown_item_kind(pack: Path) -> None:
    edit(pack / "02-second.toml", 'kind = "text"', 'kind = "essay"')
    [line] = problems(pack)
    assert line.startswith(f"{pack / '02-second.toml'}: blocks[0].items[0]: ")
    assert "essay" in line and "kind" in line


def test_rating_scale_not_in_pack(pack: Path) -> None:
    edit(pack / "02-second.toml", 'scale = "growth"', 'scale = "stars"')
    [line] = problems(pack)
    assert line.startswith(f"{pack / '02-second.toml'}: blocks[0].items[3].scale: ")
    assert "stars" in line and "pack.toml" in line


def test_descriptor_for_unknown_level(pack: Path) -> None:
    edit(pack / "02-second.toml", 'exploring = "Just', 'expert = "Just')
    [line] = problems(pack)
    assert line.startswith(f"{pack / '02-second.toml'}: blocks[0].items[3].descriptors.expert: ")


def test_evidence_must_be_a_long_or_text_item(pack: Path) -> None:
    edit(pack / "02-second.toml", 'evidence = "second.evidence"', 'evidence = "second.due"')
    [line] = problems(pack)
    assert line.startswith(f"{pack / '02-second.toml'}: blocks[0].items[3].evidence: ")


def test_not_toml_names_line_and_column(pack: Path) -> None:
    (pack / "03-bad.toml").write_text('id = "third"\nlabel = \n')
    [line] = problems(pack)
    assert line.startswith(f"{pack / '03-bad.toml'}: line 2, column ")
    assert "not valid TOML" in line


def test_not_utf8(pack: Path) -> None:
    (pack / "03-bad.toml").write_bytes(b'id = "\xff"\n')
    [line] = problems(pack)
    assert line.startswith(f"{pack / '03-bad.toml'}: ") and "UTF-8" in line


def test_bad_pack_toml(pack: Path) -> None:
    edit(pack / "pack.toml", 'version = "1.0"', 'version = "one"')
    [line] = problems(pack)
    assert line.startswith(f"{pack / 'pack.toml'}: version: ")


def test_every_problem_is_reported(pack: Path) -> None:
    edit(pack / "01-first.toml", 'kind = "check"', 'kind = "tick"')
    edit(pack / "02-second.toml", 'text = "One commitment."', 'text = "One commitment.", colour = "red"')
    edit(pack / "pack.toml", 'version = "1.0"', 'version = "one"')
    lines = problems(pack)
    assert len(lines) == 3
    assert {line.split(": ")[0] for line in lines} == {
        str(pack / "01-first.toml"),
        str(pack / "02-second.toml"),
        str(pack / "pack.toml"),
    }


def test_bad_pack_toml_still_reports_duplicate_ids(pack: Path) -> None:
    edit(pack / "pack.toml", 'version = "1.0"', 'version = "one"')
    edit(pack / "02-second.toml", 'id = "second.commit"', 'id = "first.read"')
    lines = problems(pack)
    assert len(lines) == 2
    assert lines[0].startswith(f"{pack / 'pack.toml'}: version: ")
    assert lines[1].startswith(f'{pack / "02-second.toml"}: blocks[0].items[0].id: duplicate id "first.read"')


def test_bad_pack_toml_and_no_sections_are_both_reported(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "pack.toml").write_text((MINI / "pack.toml").read_text().replace('version = "1.0"', 'version = "one"'))
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    assert info.value.problems[0].startswith(f"{folder / 'pack.toml'}: version: ")
    assert info.value.problems[1] == f"{folder}: (pack): the pack has no section files (add one TOML file per section)"


def test_odd_descriptor_key_is_quoted(pack: Path) -> None:
    edit(pack / "02-second.toml", 'exploring = "Just', '"explo\\nring" = "Just')
    [line] = problems(pack)
    assert line.startswith(f'{pack / "02-second.toml"}: blocks[0].items[3].descriptors."explo\\nring" (key): ')


def test_pack_without_sections(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    shutil.copy(MINI / "pack.toml", folder / "pack.toml")
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    assert info.value.problems == [f"{folder}: (pack): the pack has no section files (add one TOML file per section)"]


def test_key_with_newline_stays_one_line(pack: Path) -> None:
    (pack / "03-bad.toml").write_text('"odd\\nkey" = 1\n')
    for line in problems(pack):
        assert "\n" not in line


def test_deeply_nested_section_is_a_content_error(pack: Path) -> None:
    (pack / "03-bad.toml").write_bytes(b"x = " + b"[" * 5000 + b"\n")
    escaped = None
    try:  # caught here: pytest takes seconds to format a RecursionError's traceback
        problems(pack)
    except RecursionError:
        escaped = "RecursionError"
    assert escaped is None


def test_section_with_bom_loads(pack: Path) -> None:
    path = pack / "01-first.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_pack(pack).meta.id == "mini"
