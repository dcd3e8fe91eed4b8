"""The bad-input corpus (``tests/data/bad``): every hostile file gives exit 1 and one line per problem.

Each case runs the command a person would run on that kind of file, in-process with capsys:
``letstalk validate`` for workbooks, ``letstalk content check`` for packs, ``letstalk cohort join``
for cohort files. No command reads a feedback sidecar, so those go through
:func:`letstalk.feedback.load_feedback` (what the apps call) and a review report beside them.
Every line reads ``path: place: message`` (a problem with the whole file may leave out the
place), nothing prints a traceback, and the file is byte-identical afterwards with the same mtime.
Files run from copies in tmp_path, so a bug that writes can never touch the corpus.
The big files (10 MB, a 1 MB answer, 10,000 answers) are made once per session, not committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.paths import MINI
from tests.unit.bad_inputs_support import (  # noqa: F401 - fixtures
    BAD,
    COHORTS,
    FEEDBACK,
    HEAD,
    ODD,
    PACKS,
    WHOLE_FILE,
    WORKBOOKS,
    case,
    check_line,
    copy,
    files_in,
    fingerprint,
    place,
    run,
    user_dirs,
)

from letstalk import storage

# -- the corpus as a whole ------------------------------------------------------------------------


def corpus() -> Iterator[Path]:
    """Every committed corpus entry: files, and the pack folders as one entry each."""
    for kind in ("workbooks", "packs", "cohorts", "feedback"):
        yield from sorted((BAD / kind).iterdir())


def test_corpus_is_big_enough_and_every_entry_is_in_the_readme_and_a_test() -> None:
    entries = list(corpus())
    assert len(entries) >= 30
    readme = (BAD / "README.md").read_text("utf-8")
    expected = {"workbooks": WORKBOOKS, "packs": PACKS, "cohorts": COHORTS, "feedback": FEEDBACK}
    for entry in entries:
        assert f"`{entry.name}`" in readme, f"{entry.relative_to(BAD)} is not described in tests/data/bad/README.md"
        assert entry.name in expected[entry.parent.name], f"{entry.relative_to(BAD)} has no expectation here"
    for kind, names in expected.items():
        assert sorted(names) == sorted(p.name for p in (BAD / kind).iterdir()), kind
    for path in ODD.glob("*.toml"):
        assert f"`{path.name}`" in readme, f"{path.name} is not described in tests/data/bad/README.md"


def test_corpus_files_are_small() -> None:
    for path in BAD.rglob("*"):
        assert not path.is_file() or path.stat().st_size < 20_000, (
            f"{path}: big files are made by the fixture, not committed"
        )


# -- workbooks: letstalk validate -------------------------------------------------------------------


@pytest.mark.usefixtures("mini_content")
@pytest.mark.parametrize("name", [case("workbooks", n) for n in sorted(WORKBOOKS)])
def test_bad_workbook(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy(BAD / "workbooks" / name, tmp_path / name)
    before = fingerprint(path)
    code, lines = run(["--content", str(MINI), "validate", str(path)], capsys)
    assert code == 1, lines
    places = WORKBOOKS[name]
    assert len(lines) == len(places), lines
    for line, where in zip(lines, places, strict=False):
        check_line(line, path, where)
    assert fingerprint(path) == before
    assert files_in(tmp_path) == [name]  # no lock, backup or temp file left beside it


@pytest.fixture(scope="session")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Large workbooks made once: 10 MB (too big an answer), a 1 MB answer, 10,000 answers, a folder."""
    folder = tmp_path_factory.mktemp("big")
    paragraph = "We co-taught the research unit and the students asked better questions. "
    (folder / "ten-megabytes.toml").write_text(
        HEAD + '\n[answers."first.role"]\nvalue = """' + paragraph * (10_500_000 // len(paragraph)) + '"""\n', "utf-8"
    )
    (folder / "one-megabyte-answer.toml").write_text(
        HEAD + '\n[answers."first.role"]\nvalue = """' + paragraph * (990_000 // len(paragraph)) + '"""\n', "utf-8"
    )
    many = "".join(
        f'\n[answers."note.{n:05d}"]\nvalue = "Answer {n}: a thought worth keeping."\nupdated = 2026-11-24T10:02:31Z\n'
        for n in range(10_000)
    )
    (folder / "ten-thousand-answers.toml").write_text(HEAD + many, "utf-8")
    (folder / "folder-named-like-a-workbook.toml").mkdir()
    return folder


@pytest.mark.usefixtures("mini_content")
def test_ten_megabyte_file_is_refused_in_one_line(big_files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = big_files / "ten-megabytes.toml"
    assert path.stat().st_size >= 10_000_000
    before = fingerprint(path)
    code, lines = run(["--content", str(MINI), "validate", str(path)], capsys)
    assert code == 1 and len(lines) == 1
    check_line(lines[0], path, place('answers."first.role".value'))
    assert "1000000 characters" in lines[0]
    assert fingerprint(path) == before


@pytest.mark.usefixtures("mini_content")
def test_a_folder_named_like_a_workbook(big_files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = big_files / "folder-named-like-a-workbook.toml"
    before = fingerprint(path)
    code, lines = run(["--content", str(MINI), "validate", str(path)], capsys)
    assert code == 1 and len(lines) == 1
    check_line(lines[0], path, WHOLE_FILE)
    assert "folder" in lines[0]
    assert fingerprint(path) == before and not any(path.iterdir())


@pytest.mark.usefixtures("mini_content")
@pytest.mark.parametrize(("name", "answers"), [("one-megabyte-answer.toml", 1), ("ten-thousand-answers.toml", 10_000)])
def test_large_but_valid_workbooks_load_and_validate(
    big_files: Path, name: str, answers: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = big_files / name
    before = fingerprint(path)
    workbook = storage.load(path)
    assert len(workbook.answers) == answers
    code, lines = run(["--content", str(MINI), "validate", str(path)], capsys)
    assert code == 0 and len(lines) == 1
    assert lines[0].startswith(f"{path}: valid ({answers} answers)")
    assert fingerprint(path) == before


# -- odd but valid: a BOM, CRLF, future dates, free-form answer keys --------------------------------


@pytest.mark.usefixtures("mini_content")
@pytest.mark.parametrize("name", sorted(p.name for p in ODD.glob("*.toml")))
def test_odd_but_valid_workbooks_load(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy(ODD / name, tmp_path / name)
    before = fingerprint(path)
    code, lines = run(["--content", str(MINI), "validate", str(path)], capsys)
    assert code == 0, lines
    assert len(lines) == 1 and lines[0].startswith(f"{path}: valid (")
    storage.load(path)
    assert fingerprint(path) == before


def test_bom_and_crlf_read_exactly_like_the_plain_file() -> None:
    raw = {
        name: (ODD / name).read_bytes()
        for name in ("workbook-bom.toml", "workbook-crlf.toml", "workbook-bom-crlf.toml")
    }
    assert raw["workbook-bom.toml"].startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw["workbook-bom.toml"]
    assert b"\r\n" in raw["workbook-crlf.toml"] and not raw["workbook-crlf.toml"].startswith(b"\xef\xbb\xbf")
    assert raw["workbook-bom-crlf.toml"].startswith(b"\xef\xbb\xbf") and b"\r\n" in raw["workbook-bom-crlf.toml"]
    loaded = [storage.load(ODD / name) for name in raw]
    assert loaded[0] == loaded[1] == loaded[2]
    assert loaded[0].value("first.role") == "Line one\nline two"


def test_free_form_answer_keys_are_kept() -> None:
    workbook = storage.load(ODD / "workbook-free-form-answer-keys.toml")
    assert set(workbook.answers) == {"my own note", "a.b.c.d", "Ünïcödé key"}
