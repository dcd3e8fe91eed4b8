"""The bad-input corpus's expectations (what each file must report) and the helpers that check them."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from tests.paths import DATA

from letstalk.cli import main

BAD = DATA / "bad"
ODD = DATA / "odd-but-valid"

T = TypeVar("T")

WHOLE_FILE = None
"""Expected place of a problem with the whole file (empty, a folder): the line may name none."""
TOML_SYNTAX = r"line \d+(, column \d+)?|\(file\)"
"""Where tomllib reports a syntax error; ``(file)`` when the file ends inside a string."""

HEAD = (
    'schema_version = 1\n\n[meta]\nowner = "Ana Ruiz"\nschool = "Hillside Middle School"\n'
    "created = 2026-11-24T09:12:00Z\nupdated = 2026-11-24T10:02:31Z\n"
)


def place(text: str) -> str:
    """A literal place as a regular expression."""
    return re.escape(text)


# -- what each corpus file must report: one place per expected line, in order -------------------

WORKBOOKS: dict[str, list[str | None]] = {
    "answer-a-string.toml": [place('answers."first.role"')],
    "answer-history-a-string.toml": [place('answers."second.level".history')],
    "answer-key-escape-sequence.toml": [place('answers."\\u001b[2J\\u001b]52;c;aGk=\\u0007".value')],
    "answer-unknown-key.toml": [place('answers."first.role".mood')],
    "answer-updated-out-of-range.toml": [place('answers."first.role".updated')],
    "answer-value-float.toml": [place('answers."first.read".value')],
    "answer-value-list.toml": [place('answers."first.role".value')],
    "answer-value-missing.toml": [place('answers."first.role".value')],
    "answer-value-number.toml": [place('answers."first.read".value')],
    "answer-value-table.toml": [place('answers."first.role".value')],
    "answers-a-list.toml": [place("answers")],
    "answers-do-not-fit-items.toml": [
        place(f'answers."{item}".value') for item in ("first.read", "second.due", "second.level", "second.often")
    ],
    "binary-png-header.toml": [r"line 1"],
    "date-2026-02-30.toml": [r"line 10, column \d+"],
    "date-month-13.toml": [r"line 10, column \d+"],
    "deeply-nested-arrays.toml": [r"line 2"],
    "deeply-nested-inline-tables.toml": [r"line 2"],
    "deeply-nested-table-headers.toml": [place("deep")],
    "duplicate-key.toml": [r"line 8, column \d+"],
    "duplicate-meta-table.toml": [r"line 9, column \d+"],
    "duplicate-table.toml": [r"line 12, column \d+"],
    "empty.toml": [WHOLE_FILE],
    "invalid-utf8.toml": [r"line 10"],
    "lone-carriage-return.toml": [r"line 1, column \d+"],
    "meta-created-words.toml": [place("meta.created")],
    "meta-not-a-table.toml": [place("meta")],
    "meta-owner-number.toml": [place("meta.owner")],
    "meta-owner-too-long.toml": [place("meta.owner")],
    "meta-packs-list.toml": [place("meta.packs")],
    "meta-unknown-key.toml": [place("meta.favourite_colour")],
    "meta-updated-after-year-9999.toml": [place("meta.updated")],
    "not-toml-json.toml": [r"line 1, column 1"],
    "nul-byte-bare.toml": [r"line 2, column \d+"],
    "nul-byte-in-string.toml": [r"line 10, column \d+"],
    "only-a-comment.toml": [place("schema_version")],
    "only-whitespace.toml": [WHOLE_FILE],
    "plan-action-due-words.toml": [place("plan.actions[0].due")],
    "plan-action-without-id.toml": [place("plan.actions[0].id")],
    "plan-goals-a-string.toml": [place("plan.goals")],
    "plan-meeting-date-2026-02-30.toml": [r"line 11, column \d+"],
    "plan-six-goals.toml": [place("plan.goals")],
    "plan-stakeholder-role-unknown.toml": [place("plan.stakeholders[0].role")],
    "position-a-list.toml": [place("position")],
    "position-section-number.toml": [place("position.section")],
    "rating-negative-level.toml": [place('answers."second.level".value')],
    "schema-missing.toml": [place("schema_version")],
    "schema-negative.toml": [place("schema_version")],
    "schema-newer-far.toml": [place("schema_version")],
    "schema-newer.toml": [place("schema_version")],
    "schema-string.toml": [place("schema_version")],
    "schema-true.toml": [place("schema_version")],
    "schema-zero.toml": [place("schema_version")],
    "section-status-number.toml": [place("sections.first.status")],
    "section-status-unknown.toml": [place("sections.first.status")],
    "sections-a-string.toml": [place("sections")],
    "top-unknown-key.toml": [place("theme")],
    "truncated-in-header.toml": [TOML_SYNTAX],
    "truncated-in-string.toml": [TOML_SYNTAX],
    "utf16-with-bom.toml": [r"line 1"],
}

# A pack case is a section file dropped into a copy of the mini pack (as 03-<name>), or a folder
# whose files replace the copy's: (file the lines name, its place) per expected line.
PACKS: dict[str, list[tuple[str, str | None]]] = {
    "choice-one-option.toml": [("03-choice-one-option.toml", place("blocks[0].items[0].choices"))],
    "item-duplicate-id.toml": [("03-item-duplicate-id.toml", place("blocks[0].items[0].id"))],
    "item-id-trailing-dot.toml": [("03-item-id-trailing-dot.toml", place("blocks[0].items[0].id"))],
    "item-id-upper-case.toml": [("03-item-id-upper-case.toml", place("blocks[0].items[0].id"))],
    "item-id-with-space.toml": [("03-item-id-with-space.toml", place("blocks[0].items[0].id"))],
    "item-text-a-number.toml": [("03-item-text-a-number.toml", place("blocks[0].items[0].text"))],
    "item-unknown-kind.toml": [("03-item-unknown-kind.toml", place("blocks[0].items[0]"))],
    "pack-id-with-space": [("pack.toml", place("id"))],
    "pack-kind-unknown": [("pack.toml", place("kind"))],
    "pack-no-sources": [("pack.toml", place("sources"))],
    "pack-scale-one-level": [("pack.toml", place("scales.growth.levels"))],
    "pack-source-year-future": [("pack.toml", place("sources[0].year"))],
    "pack-source-year-negative": [("pack.toml", place("sources[0].year"))],
    "pack-toml-truncated": [("pack.toml", place("sources[0].title"))],  # publisher may be left out: "unknown"
    "pack-version-words": [("pack.toml", place("version"))],
    "rating-negative-level.toml": [("03-rating-negative-level.toml", r"blocks\[0\]\.items\[0\]\.descriptors\.-1.*")],
    "rating-unknown-scale.toml": [("03-rating-unknown-scale.toml", place("blocks[0].items[0].scale"))],
    "resource-url-file.toml": [("03-resource-url-file.toml", place("blocks[0].items[0].url"))],
    "resource-url-javascript.toml": [("03-resource-url-javascript.toml", place("blocks[0].items[0].url"))],
    "section-blocks-a-table.toml": [("03-section-blocks-a-table.toml", place("blocks"))],
    "section-deeply-nested.toml": [("03-section-deeply-nested.toml", r"line 6")],
    "section-duplicate-key.toml": [("03-section-duplicate-key.toml", r"line 6, column \d+")],
    "section-empty.toml": [
        ("03-section-empty.toml", place(field)) for field in ("id", "label", "title", "summary", "order", "blocks")
    ],
    "section-id-with-double-dot.toml": [("03-section-id-with-double-dot.toml", place("id"))],
    "section-id-with-space.toml": [("03-section-id-with-space.toml", place("id"))],
    "section-invalid-utf8.toml": [("03-section-invalid-utf8.toml", r"byte \d+|line \d+")],
    "section-nul-byte.toml": [("03-section-nul-byte.toml", r"line 11, column \d+")],
    "section-order-words.toml": [("03-section-order-words.toml", place("order"))],
    "section-truncated.toml": [("03-section-truncated.toml", TOML_SYNTAX)],
    "section-unknown-key.toml": [("03-section-unknown-key.toml", place("colour"))],
}

COHORTS: dict[str, str | None] = {
    "deeply-nested.toml": r"line 4",
    "empty.toml": place("name"),
    "invalid-utf8.toml": r"line 4",
    "name-a-number.toml": place("name"),
    "name-missing.toml": place("name"),
    "nul-byte.toml": r"line 4, column \d+",
    "roster-a-table.toml": place("roster"),
    "roster-file-with-slash.toml": r"roster entry 1 \(Ana Ruiz\)",  # by position and name, then the field
    "roster-twice.toml": r"roster entry 2 \(Ana R\.\)",
    "schema-newer.toml": place("schema_version"),
    "session-date-2026-02-30.toml": r"line 6: sessions\.visioning\.date",  # named as a date, not TOML syntax
    "session-date-words.toml": place("sessions.visioning.date"),
    "session-unknown.toml": place("sessions.party"),
    "truncated.toml": TOML_SYNTAX,
    "unknown-key.toml": place("budget"),
}

FEEDBACK: dict[str, str | None] = {
    "comment-a-string.toml": place("comments.visioning"),
    "comment-text-a-number.toml": place("comments.visioning.text"),
    "deeply-nested.toml": r"line 5",
    "duplicate-key.toml": r"line 5, column \d+",
    "invalid-utf8.toml": r"line 6",
    "level-date-2026-02-30.toml": r"line 8, column \d+",
    "level-negative.toml": place('levels."growth.principal"[0].level'),
    "levels-not-a-list.toml": place('levels."growth.principal"'),
    "schema-newer.toml": place("schema_version"),
    "truncated.toml": TOML_SYNTAX,
    "unknown-key.toml": place("grade"),
}

# Known src bugs: each case below fails today, for the reason given (strict: fixing it must
# remove the mark).
XFAIL: dict[tuple[str, str], tuple[type[BaseException], str]] = {}


def case(kind: str, name: str) -> object:
    """A parameter for one corpus file, marked xfail when it exposes a known bug."""
    known = XFAIL.get((kind, name))
    marks = [pytest.mark.xfail(strict=True, raises=known[0], reason=known[1])] if known else []
    return pytest.param(name, id=name, marks=marks)


# -- helpers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Print:
    """What a file looked like: its sha256 (None for a folder) and its mtime."""

    digest: str | None
    mtime_ns: int


def fingerprint(path: Path) -> Print:
    """The sha256 and mtime of a file (or the mtime of a folder)."""
    stat = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    return Print(digest, stat.st_mtime_ns)


def copy(source: Path, target: Path) -> Path:
    """Copy a corpus file (bytes and mtime) into tmp_path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return target


def no_recursion(call: Callable[[], T]) -> T:
    """Call; a RecursionError (which would reach the user as a traceback) fails the test in one line.

    Letting it propagate works too, but pytest then formats a 1,000-frame traceback for seconds.
    """
    try:
        return call()
    except RecursionError:
        pytest.fail("RecursionError escaped: the user would see a traceback", pytrace=False)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run the CLI in-process: the exit code and every line it printed (stdout, then stderr)."""
    capsys.readouterr()
    code = no_recursion(lambda: main(argv))
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return code, output.splitlines()


def check_line(line: str, path: Path, where: str | None) -> None:
    """``path: place: message`` on one line with the place expected (or no place for the whole file)."""
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", line), f"raw control character in {line!r}"
    prefix = f"{path}: "
    assert line.startswith(prefix), f"{line!r} does not start with {prefix!r}"
    rest = line[len(prefix) :]
    if where is None:
        assert rest.strip(), f"no message in {line!r}"
        return
    match = re.match(rf"(?:{where}): (?P<message>.+)$", rest)
    assert match, f"place {where!r} not at the start of {rest!r}"
    assert match.group("message").strip()


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep settings, data and the review cache out of the real user folders."""
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "user" / var.lower()))


def files_in(folder: Path) -> list[str]:
    """Every name below ``folder``, to notice files a command left behind (locks, temp files)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
