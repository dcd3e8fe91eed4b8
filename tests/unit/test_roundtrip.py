"""Property: any workbook survives ``dumps`` then ``loads`` unchanged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letstalk import storage
from letstalk.model import ActionStatus, StakeholderRole, Status, Workbook

# -- strategies -------------------------------------------------------------------------------

CHARS = st.characters(blacklist_categories=("Cs",))
TRICKY = st.sampled_from(
    [
        '"""',
        "'''",
        '"',
        "\\",
        "\\n",
        "\r\n",
        "\n",
        "\r",
        "\t",
        "\x00",
        "\x1b[31m",
        "\x7f",
        "\x0c",
        "\u2028",
        "\u0085",
        "\ufeff",
        "😀",
        "👩🏽‍🏫",
        "e\u0301",
        "#",
        "=",
        "[x]",
        " ",
        "\u00a0",
    ]
)


line_ends = st.text(st.sampled_from(["\r", "\n", "a", '"', "'", "\\", " "]), max_size=12)
"""Dense runs of line ends, quotes and backslashes: where TOML multi-line strings break."""

pieces = st.lists(st.one_of(st.text(CHARS, max_size=40), TRICKY, line_ends), max_size=12).map("".join)
long_text = st.tuples(pieces, st.integers(min_value=50, max_value=2_000)).map(
    lambda pair: ((pair[0] or "long answer\n") * pair[1])[:20_000]
)
text = st.one_of(pieces, pieces, pieces, long_text)
"""Answer text: arbitrary unicode, TOML quoting traps, control characters, now and then ~20k chars."""

short = pieces.map(lambda s: s[:200])
"""Names (owner, school, titles): at most 200 characters."""

plain = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.text(st.sampled_from(["\r", "\n", "a", '"', "\\", "."]), max_size=12),
)
"""Ids, levels, versions and the cohort path: line ends and quotes included."""

stamps = st.datetimes(
    min_value=datetime(2, 1, 1),
    max_value=datetime(9998, 12, 31),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]),
)
"""Aware times away from the calendar's edges (out of range in UTC there: see test_storage_errors)."""

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))
"""Dates a workbook may hold (letstalk.model.values.FIRST_YEAR to LAST_YEAR)."""

values = st.one_of(st.booleans(), days, text)

rated = st.fixed_dictionaries({"level": plain, "at": stamps})

answers = st.fixed_dictionaries(
    {"value": values},
    optional={"note": text, "updated": stamps, "history": st.lists(rated, max_size=3)},
)

sections = st.fixed_dictionaries({"status": st.sampled_from(list(Status))}, optional={"updated": stamps})

meta = st.fixed_dictionaries(
    {"created": stamps, "updated": stamps},
    optional={
        "owner": short,
        "school": short,
        "role": short,
        "packs": st.dictionaries(plain, plain, max_size=3),
        "cohort": plain,
    },
)

position = st.fixed_dictionaries({}, optional={"section": plain, "item": plain})


def _id(entry: dict[str, Any]) -> str:
    return entry["id"]  # the plan's entries each have their own id (the model refuses twins)


plan = st.fixed_dictionaries(
    {},
    optional={
        "vision": text,
        "areas": st.lists(text, max_size=3),
        "learning": st.lists(text, max_size=2),
        "measures": text,
        "sharing": text,
        "stakeholders": st.lists(
            st.fixed_dictionaries(
                {"id": plain, "name": short},
                optional={"role": st.sampled_from(list(StakeholderRole)), "cares_about": text},
            ),
            max_size=2,
            unique_by=_id,
        ),
        "goals": st.lists(
            st.fixed_dictionaries({"id": plain, "title": short}, optional={"specific": text, "time_bound": text}),
            max_size=5,
            unique_by=_id,
        ),
        "actions": st.lists(
            st.fixed_dictionaries(
                {"id": plain, "what": text},
                optional={
                    "owner": short,
                    "due": days,
                    "status": st.sampled_from(list(ActionStatus)),
                    "goal": plain,
                    "idea": plain,
                },
            ),
            max_size=3,
            unique_by=_id,
        ),
        "curriculum": st.lists(
            st.fixed_dictionaries({"id": plain, "course": short}, optional={"contribution": text, "term": short}),
            max_size=2,
            unique_by=_id,
        ),
        "meetings": st.lists(
            st.fixed_dictionaries({"id": plain, "on": days}, optional={"agenda": text, "notes": text}),
            max_size=2,
            unique_by=_id,
        ),
    },
)

workbook_data = st.fixed_dictionaries(
    {"meta": meta},
    optional={
        "answers": st.dictionaries(st.text(CHARS, max_size=30), answers, max_size=6),
        "sections": st.dictionaries(st.text(CHARS, max_size=20), sections, max_size=4),
        "position": position,
        "plan": plan,
    },
)


def build(data: dict[str, Any]) -> Workbook:
    """Validate generated data into a Workbook, as loading a file would."""
    return Workbook.model_validate(data)


# -- properties -------------------------------------------------------------------------------


@settings(max_examples=150)
@given(workbook_data)
def test_dumps_then_loads_is_identity(data: dict[str, Any]) -> None:
    workbook = build(data)
    text = storage.dumps(workbook)
    assert storage.loads(text) == workbook


@settings(max_examples=40)
@given(workbook_data)
def test_dumps_is_stable(data: dict[str, Any]) -> None:
    """Writing what was read gives the same text again: saves make no spurious diffs."""
    text = storage.dumps(build(data))
    assert storage.dumps(storage.loads(text)) == text


@settings(max_examples=40)
@given(st.dictionaries(st.text(CHARS, max_size=30), values, max_size=8))
def test_answer_values_keep_their_type(raw: dict[str, Any]) -> None:
    """A tick stays a bool, a date a date, text a str; never coerced into one another."""
    workbook = build({"answers": {k: {"value": v} for k, v in raw.items()}})
    loaded = storage.loads(storage.dumps(workbook))
    for item_id, answer in workbook.answers.items():
        assert type(loaded.answers[item_id].value) is type(answer.value)


# -- explicit cases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        'He said """hi""" twice',
        'ends with a quote"',
        "C:\\path\\to\\file and \\n literally",
        "emoji 😀 and RTL עברית and CJK 漢字",
        "tab\tand\x00nul\x1bescape\x7fdel",
        "line one\r\nline two\r\n",
        "lone\rcarriage",
        "\n\nleading and trailing newlines\n\n",
        "x" * 20_000,
        "2026-03-14",
        "true",
        "",
    ],
    ids=lambda value: repr(value)[:24],
)
def test_tricky_answer_text_roundtrips(value: str) -> None:
    workbook = Workbook.model_validate({"answers": {"first.role": {"value": value, "note": value}}})
    assert storage.loads(storage.dumps(workbook)) == workbook


def test_crlf_is_stored_as_lf() -> None:
    workbook = Workbook.model_validate({"answers": {"first.role": {"value": "a\r\nb"}}})
    assert workbook.value("first.role") == "a\nb"
    assert "\r" not in storage.dumps(workbook)


def test_crcrlf_roundtrips() -> None:
    workbook = Workbook.model_validate({"answers": {"first.role": {"value": "a\r\r\nb"}}})
    assert storage.loads(storage.dumps(workbook)) == workbook


def test_crlf_in_unnormalised_fields_roundtrips() -> None:
    workbook = Workbook.model_validate({"meta": {"cohort": "a\r\nb"}, "position": {"section": "x\r\ny"}})
    assert storage.loads(storage.dumps(workbook)) == workbook
