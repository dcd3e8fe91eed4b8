"""rtoml and tomllib agree: the same data, or both refuse, for every workbook letstalk writes and every bad input.

letstalk reads TOML with rtoml (fast) and keeps tomllib to word errors; this shows that the swap
changes nothing a reader could notice.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import rtoml
from hypothesis import given
from hypothesis import strategies as st
from tests.paths import DATA

from letstalk import storage
from letstalk.errors import WorkbookError
from letstalk.files import toml
from letstalk.model import Rated, Status, new_workbook

CORPUS = sorted(
    p for folder in ("bad", "odd-but-valid", "review", "workbooks") for p in (DATA / folder).rglob("*.toml")
)

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
values = st.one_of(st.booleans(), st.dates(date(1900, 1, 1), date(2100, 1, 1)), texts)
stamps = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC))
ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}(\.[a-z0-9-]{1,8})?", fullmatch=True)


def tomllib_reads(text: str) -> dict[str, Any] | None:
    """What tomllib makes of ``text``: its data, or None when it refuses."""
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


def rtoml_reads(text: str) -> dict[str, Any] | None:
    """What rtoml itself makes of ``text`` (line ends folded, as letstalk hands it over), or None."""
    try:
        return rtoml.loads(text.replace("\r\n", "\n"))
    except rtoml.TomlParsingError:
        return None


def agree(text: str) -> None:
    """rtoml and tomllib agree on ``text``, and letstalk's reader gives what tomllib gives."""
    expected = tomllib_reads(text)
    assert rtoml_reads(text) == expected
    if expected is None:
        with pytest.raises((tomllib.TOMLDecodeError, RecursionError)):
            toml.loads(text)
    else:
        assert toml.loads(text) == expected


@given(
    answers=st.dictionaries(
        ids,
        st.tuples(values, st.none() | texts, st.none() | stamps, st.lists(st.tuples(texts, stamps), max_size=2)),
        max_size=8,
    ),
    sections=st.dictionaries(ids, st.tuples(st.sampled_from(list(Status)), stamps), max_size=4),
    owner=texts,
    vision=texts,
)
def test_any_workbook_letstalk_writes_reads_the_same(answers: dict, sections: dict, owner: str, vision: str) -> None:
    workbook = new_workbook(owner=owner)
    for item_id, (value, note, at, history) in answers.items():
        workbook.set_answer(item_id, value if value != "" else "x", at=at)
        if note:
            workbook.set_note(item_id, note)
        for level, when in history:
            workbook.answers[item_id].history.append(Rated(level=level, at=when))
    for section_id, (status, at) in sections.items():
        workbook.set_status(section_id, status, at=at)
    workbook.plan.vision = vision or "A shared vision\nwith two lines"
    text = storage.dumps(workbook)
    agree(text)
    agree(text.replace("\n", "\r\n"))
    assert storage.loads(text) == workbook


#: rtoml stops at a nesting depth tomllib still follows (hundreds of dotted table levels):
#: letstalk's reader then takes tomllib's answer, so what it reads is still tomllib's.
RTOML_NESTING_LIMIT = {"deeply-nested-table-headers.toml"}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(DATA)))
def test_the_bad_and_odd_corpus_reads_the_same(path: Path) -> None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before parsing")
    if path.name in RTOML_NESTING_LIMIT:
        assert rtoml_reads(text) is None and tomllib_reads(text) is not None
        assert toml.loads(text) == tomllib_reads(text)
        return
    agree(text)


HEAD = 'schema_version = 1\n\n[meta]\nowner = "Ana"\n\n'


@pytest.mark.parametrize(
    "tables",
    [
        '[answers."a.b"]\nvalue = "x"\n\n[answers."a.b"]\nvalue = "y"\n',  # a table twice
        '[answers."a.b"]\nvalue = "x"\nextra = 1\n\n[position]\nsection = "a"\n',
        '[answers."a.b"]\nvalue = "x"\n# a comment\nupdated = 2026-01-01 00:00:00+00:00\n',
        '[answers."a.b"]\nvalue = "x"\n\nstray = 1\n[plan]\n',
        '[answers."a.b"]\nvalue = """ends with a quote""""\n',
        '[answers."a.b"]\nvalue = "\\uD800"\n',  # not a Unicode scalar value
        '[answers."a.b"]\nvalue = "tab\\there \\u00e9\\U0001F600 \\\\ \\""\n',
        '[answers."a.b"]\nvalue = """\nline one \\\n    continued\r\nline two"""\n'
        'note = "n"\nupdated = 2026-02-30 00:00:00Z\n',
        '[answers."a.b"]\nvalue = 2026-02-30\n',
        '[answers."a.b"]\nvalue = 2026-02-03\nupdated = 2026-02-03T04:05:06.123456Z\n',
        '[answers."a.b"]\nvalue = true\n\n[[answers."a.c".history]]\nlevel = "x"\nat = 2026-01-01 00:00:00Z\n',
        '[answers."a.b"]\nvalue = "x"\n\n[answers."a.b".history]\nlevel = "x"\n',
        '[sections.a]\nstatus = "done"\n\n[answers]\n"a.b" = { value = true }\n',
        '[answers."a.b"]\nvalue = "ctrl \x07 char"\n',
        "[answers.'a.b']\nvalue = 'literal'\n",
        '[answers."a.b"]\nvalue = 1979-05-27T07:32:00-08:00\nlocal = 1979-05-27T07:32:00\nat = 07:32:00\n',
        "x = [[[[1]]]]\ny = { a = { b = { c = 1 } } }\nz = inf\nw = -0.0\n",
        'owner = """x\n[answers.first-read]\nvalue = true\n[z]\nend"""\n',  # a table header inside a string
        "x = 1\nx = 2\n",
        'x = "unterminated\n',
        "x = 0o17\ny = 0xff\nz = 1_000\n",
    ],
)
def test_odd_tables_read_the_same(tables: str) -> None:
    agree(HEAD + tables)
    agree(HEAD.replace("\n", "\r\n") + tables.replace("\n", "\r\n"))


def test_a_refused_file_is_worded_with_tomllib_line_and_column(tmp_path: Path) -> None:
    text = HEAD + "[answers.x]\nvalue = = 1\n"
    with pytest.raises(WorkbookError) as info:
        toml.parse(text, tmp_path / "w.toml", WorkbookError)
    assert "line 7, column 9" in str(info.value) and "not valid TOML" in str(info.value)


def test_rtoml_does_the_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """tomllib is not called for a file rtoml reads."""

    def refuse(_text: str) -> None:
        raise AssertionError("tomllib was used for a valid file")

    monkeypatch.setattr(toml.tomllib, "loads", refuse)
    assert toml.loads(HEAD) == {"schema_version": 1, "meta": {"owner": "Ana"}}


def test_an_impossible_date_is_named_as_a_date(tmp_path: Path) -> None:
    from letstalk import storage
    from letstalk.errors import WorkbookError

    path = tmp_path / "ana.toml"
    path.write_text('schema_version = 1\n[answers."listen.follow-up-date"]\nvalue = 2026-13-40\n', "utf-8")
    with pytest.raises(WorkbookError) as caught:
        storage.load(path)
    assert str(caught.value) == (
        f"{path}: line 3, column 13: 2026-13-40 is not a date (a month from 01 to 12, a day the month has);"
        " write it as YYYY-MM-DD"
    )
