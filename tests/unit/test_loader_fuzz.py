"""Bad input of any shape becomes a WorkbookError or ContentError, never a crash; and the content loader's lines."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.paths import MINI

from letstalk import storage
from letstalk.content import load_pack
from letstalk.errors import ContentError, WorkbookError

# -- strategies for TOML documents ------------------------------------------------------------

KEY_CHARS = st.characters(blacklist_categories=("Cs",))
keys = st.one_of(
    st.sampled_from(
        [
            "id",
            "kind",
            "items",
            "blocks",
            "value",
            "meta",
            "owner",
            "answers",
            "scale",
            "levels",
            "history",
            "updated",
            "status",
            "schema_version",
            "text",
            "choices",
        ]
    ),
    st.text(KEY_CHARS, max_size=12),
)
"""Real field names half the time; otherwise any key at all (line breaks and quotes included)."""

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(["check", "rating", "choice", "long", "essay", "done", "growth", "first.read", ""]),
    st.dates(),
    st.times(),
    st.datetimes(),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-3)), timezone(timedelta(hours=5))])),
)
"""TOML scalars, times at the calendar's very edges included."""

toml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)
toml_docs = st.dictionaries(keys, toml_values, max_size=5)

fuzz = settings(max_examples=40)
"""Fuzz tests run fewer examples: each writes a file and the whole unit suite stays under 20 s."""


def paths_in(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed TOML document (dict keys and list indexes), depth first."""
    found = [prefix] if prefix else []
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += paths_in(value, (*prefix, index))
    return found


def replaced(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``doc`` with the thing at ``path`` replaced (or, with ``...``, removed)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        out = dict(doc)
        if rest or value is not ...:
            out[head] = replaced(doc[head], rest, value)
        else:
            del out[head]
        return out
    out_list = list(doc)
    if rest or value is not ...:
        out_list[head] = replaced(doc[head], rest, value)
    else:
        del out_list[head]
    return out_list


def mutations(doc: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Documents that differ from a valid one in one place: deeper into validation than noise."""
    places = paths_in(doc)
    change = st.one_of(toml_values, st.just(...))
    extra = st.tuples(keys, toml_values)

    def build(args: tuple[tuple[Any, ...], Any, tuple[str, Any] | None]) -> dict[str, Any]:
        place, value, added = args
        out = replaced(doc, place, value)
        if added is not None and isinstance(out, dict):
            out = {**out, added[0]: added[1]}
        return out

    return st.tuples(st.sampled_from(places), change, st.none() | extra).map(build)


def dump(doc: dict[str, Any]) -> bytes:
    """TOML bytes for a generated document."""
    return tomli_w.dumps(doc).encode("utf-8")


# -- sample valid documents -------------------------------------------------------------------

SECTION_DOCS = [tomllib.loads((MINI / name).read_text()) for name in ("01-first.toml", "02-second.toml")]
PACK_DOC = tomllib.loads((MINI / "pack.toml").read_text())
WORKBOOK_DOC: dict[str, Any] = {
    "schema_version": 1,
    "meta": {"owner": "Ana", "created": datetime(2026, 1, 2, tzinfo=UTC), "packs": {"mini": "1.0"}},
    "answers": {
        "first.read": {"value": True},
        "first.role": {"value": "A partner.\n", "updated": datetime(2026, 1, 2, tzinfo=UTC)},
        "second.due": {"value": date(2026, 3, 14)},
        "second.level": {
            "value": "leading",
            "history": [{"level": "exploring", "at": datetime(2026, 1, 1, tzinfo=UTC)}],
        },
    },
    "sections": {"first": {"status": "in-progress"}},
    "position": {"section": "first", "item": "first.read"},
    "plan": {
        "goals": [{"id": "g1", "title": "Co-plan a unit"}],
        "actions": [{"id": "a1", "what": "Meet", "due": date(2026, 2, 1)}],
    },
}


# -- workbook fuzz ----------------------------------------------------------------------------


def load_only_workbook_errors(path: Path, data: bytes) -> None:
    """``storage.load`` either succeeds or raises a one-line WorkbookError naming the file."""
    path.write_bytes(data)
    try:
        storage.load(path)
    except WorkbookError as exc:
        assert str(exc).startswith(f"{path}: ")


@fuzz
@given(st.binary(max_size=400))
def test_workbook_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    load_only_workbook_errors(tmp_path / "wb.toml", data)


@fuzz
@given(
    st.lists(
        st.sampled_from(
            [
                b"schema_version = 1\n",
                b"[meta]\n",
                b'owner = "A"\n',
                b"[answers.x]\n",
                b"value = ",
                b"true",
                b'"""',
                b"\r\n",
                b"\n",
                b"\xff",
                b"\xef\xbb\xbf",
                b"[",
                b"]",
                b"=",
                b"2026-01-01",
                b"'",
                b"\\",
                b"#",
                b"\x00",
            ]
        ),
        max_size=30,
    ).map(b"".join)
)
def test_workbook_toml_like_bytes(tmp_path: Path, data: bytes) -> None:
    load_only_workbook_errors(tmp_path / "wb.toml", data)


@fuzz
@given(toml_docs)
def test_workbook_arbitrary_toml(tmp_path: Path, doc: dict[str, Any]) -> None:
    load_only_workbook_errors(tmp_path / "wb.toml", dump(doc))


@fuzz
@given(st.one_of(toml_docs.map(lambda d: {"schema_version": 1, **d}), mutations(WORKBOOK_DOC)))
def test_workbook_mutated_toml(tmp_path: Path, doc: dict[str, Any]) -> None:
    load_only_workbook_errors(tmp_path / "wb.toml", dump(doc))


def test_workbook_sample_is_valid(tmp_path: Path) -> None:
    """The document the mutations start from loads, so they probe one change at a time."""
    path = tmp_path / "wb.toml"
    path.write_bytes(dump(WORKBOOK_DOC))
    assert storage.load(path).value("second.level") == "leading"


# -- content fuzz -----------------------------------------------------------------------------


def load_only_content_errors(folder: Path) -> None:
    """``load_pack`` either succeeds or raises ContentError whose lines all name a file of the pack."""
    try:
        load_pack(folder)
    except ContentError as exc:
        assert exc.problems
        for line in exc.problems:
            assert line.startswith(f"{folder}"), line
            assert "\n" not in line and "\r" not in line, line


@fuzz
@given(st.binary(max_size=400))
def test_content_arbitrary_bytes(pack: Path, data: bytes) -> None:
    (pack / "03-fuzz.toml").write_bytes(data)
    load_only_content_errors(pack)


@fuzz
@given(toml_docs)
def test_content_arbitrary_toml_section(pack: Path, doc: dict[str, Any]) -> None:
    (pack / "03-fuzz.toml").write_bytes(dump(doc))
    load_only_content_errors(pack)


@fuzz
@given(st.one_of(mutations(SECTION_DOCS[0]), mutations(SECTION_DOCS[1])))
def test_content_mutated_section(pack: Path, doc: dict[str, Any]) -> None:
    name = "01-first.toml" if doc.get("id") == "first" else "02-second.toml"
    (pack / name).write_bytes(dump(doc))
    load_only_content_errors(pack)


@fuzz
@given(st.one_of(mutations(PACK_DOC), toml_docs))
def test_content_mutated_pack_toml(pack: Path, doc: dict[str, Any]) -> None:
    (pack / "pack.toml").write_bytes(dump(doc))
    load_only_content_errors(pack)
