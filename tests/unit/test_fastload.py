"""The fast workbook reader gives exactly what tomllib gives: the same data, the same errors."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letstalk import storage
from letstalk.model import Rated, Status, new_workbook
from letstalk.review import fastload

REVIEW = Path(__file__).resolve().parents[1] / "data" / "review"

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
values = st.one_of(st.booleans(), st.dates(date(1900, 1, 1), date(2100, 1, 1)), texts)
stamps = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC))
ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}(\.[a-z0-9-]{1,8})?", fullmatch=True)


def same(text: str) -> None:
    """Both readers agree: equal data, or the same error message."""
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        with pytest.raises(tomllib.TOMLDecodeError) as caught:
            fastload.loads(text)
        assert str(caught.value) == str(exc)
        return
    assert fastload.loads(text) == expected


@given(
    answers=st.dictionaries(
        ids,
        st.tuples(values, st.none() | texts, st.none() | stamps, st.lists(st.tuples(texts, stamps), max_size=2)),
        max_size=8,
    ),
    sections=st.dictionaries(ids, st.tuples(st.sampled_from(list(Status)), stamps), max_size=4),
    owner=texts,
)
def test_any_workbook_letstalk_writes_reads_the_same(answers: dict, sections: dict, owner: str) -> None:
    workbook = new_workbook(owner=owner)
    for item_id, (value, note, at, history) in answers.items():
        workbook.set_answer(item_id, value if value != "" else "x", at=at)
        if note:
            workbook.set_note(item_id, note)
        for level, when in history:
            workbook.answers[item_id].history.append(Rated(level=level, at=when))
    for section_id, (status, at) in sections.items():
        workbook.set_status(section_id, status, at=at)
    workbook.plan.vision = "A shared vision\nwith two lines"
    same(storage.dumps(workbook))


@pytest.mark.parametrize("path", sorted(REVIEW.glob("*.toml")), ids=lambda p: p.name)
def test_the_review_fixtures_read_the_same(path: Path) -> None:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before parsing")
    same(text)


HEAD = 'schema_version = 1\n\n[meta]\nowner = "Ana"\n\n'


@pytest.mark.parametrize(
    "tables",
    [
        '[answers."a.b"]\nvalue = "x"\n\n[answers."a.b"]\nvalue = "y"\n',  # a table twice
        '[answers."a.b"]\nvalue = "x"\nextra = 1\n\n[position]\nsection = "a"\n',  # a key the fast shape lacks
        '[answers."a.b"]\nvalue = "x"\n# a comment\nupdated = 2026-01-01 00:00:00+00:00\n',
        '[answers."a.b"]\nvalue = "x"\n\nstray = 1\n[plan]\n',  # a stray key joins the last table
        '[answers."a.b"]\nvalue = """ends with a quote""""\n',
        '[answers."a.b"]\nvalue = "\\uD800"\n',  # not a Unicode scalar value
        '[answers."a.b"]\nvalue = "tab\\there \\u00e9\\U0001F600 \\\\ \\""\n',
        '[answers."a.b"]\nvalue = """\nline one \\\n    continued\r\nline two"""\nnote = "n"\nupdated = 2026-02-30 00:00:00Z\n',
        '[answers."a.b"]\nvalue = 2026-02-30\n',
        '[answers."a.b"]\nvalue = 2026-02-03\nupdated = 2026-02-03T04:05:06.123456Z\n',
        '[answers."a.b"]\nvalue = true\n\n[[answers."a.c".history]]\nlevel = "x"\nat = 2026-01-01 00:00:00Z\n',
        '[answers."a.b"]\nvalue = "x"\n\n[answers."a.b".history]\nlevel = "x"\n',
        '[answers.plain]\nvalue = false\n\n[sections.a]\nstatus = "done"\n\n[sections.a]\nstatus = "done"\n',
        '[sections.a]\nstatus = "done"\n\n[answers]\n"a.b" = { value = true }\n',
        '[answers."a.b"]\nvalue = "ctrl \x07 char"\n',
        "[answers.'a.b']\nvalue = 'literal'\n",
    ],
)
def test_irregular_tables_read_the_same(tables: str) -> None:
    same(HEAD + tables)
    same(HEAD.replace("\n", "\r\n") + tables.replace("\n", "\r\n"))


def test_a_canonical_workbook_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = new_workbook(owner="Ana")
    workbook.set_answer("a.b", 'A paragraph\nwith "quotes" and a \\ backslash', at=datetime(2026, 1, 1, tzinfo=UTC))
    workbook.set_status("a", Status.DONE, at=datetime(2026, 1, 1, tzinfo=UTC))
    text = storage.dumps(workbook)
    parsed: list[int] = []
    real = tomllib.loads
    monkeypatch.setattr(fastload.tomllib, "loads", lambda s: parsed.append(len(s)) or real(s))
    assert fastload.loads(text) == real(text)
    assert parsed and max(parsed) < len(text) / 2  # tomllib saw only the small remainder


def test_a_table_header_inside_a_string_is_not_a_table() -> None:
    """``\\n[answers.`` inside a multi-line string of the head must not start the fast path."""
    import tomllib as _tomllib

    from letstalk.review import fastload as _fastload

    text = 'schema_version = 1\n[meta]\nowner = """x\n[answers.first-read]\nvalue = true\n[z]\nend"""\n'
    assert _fastload.loads(text) == _tomllib.loads(text)
