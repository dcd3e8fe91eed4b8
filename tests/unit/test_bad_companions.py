"""The bad-input corpus, part two: content packs, cohort files and feedback sidecars, and a facilitator's review over every bad workbook. Same rules as test_bad_inputs: one line naming the file and the place, nothing touched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.paths import MINI
from tests.unit.bad_inputs_support import (  # noqa: F401 - fixtures
    BAD,
    COHORTS,
    FEEDBACK,
    PACKS,
    case,
    check_line,
    copy,
    files_in,
    fingerprint,
    no_recursion,
    place,
    run,
    user_dirs,
)

from letstalk import storage
from letstalk.errors import LetsTalkError
from letstalk.feedback import load_feedback
from letstalk.model import new_workbook

# -- content packs: letstalk content check ----------------------------------------------------------


def pack_copy(name: str, tmp_path: Path) -> Path:
    """A copy of the mini pack with the corpus case dropped in."""
    pack = Path(shutil.copytree(MINI, tmp_path / "mini", copy_function=shutil.copy2))
    source = BAD / "packs" / name
    if source.is_dir():
        for part in source.iterdir():
            copy(part, pack / part.name)
    else:
        copy(source, pack / f"03-{name}")
    return pack


@pytest.mark.usefixtures("mini_content")
@pytest.mark.parametrize("name", [case("packs", n) for n in sorted(PACKS)])
def test_bad_pack(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = pack_copy(name, tmp_path)
    before = {path.name: fingerprint(path) for path in pack.iterdir()}
    code, lines = run(["content", "check", str(pack)], capsys)
    assert code == 1, lines
    expected = PACKS[name]
    assert len(lines) == len(expected), lines
    for line, (file, where) in zip(lines, expected, strict=False):
        check_line(line, pack / file, where)
    assert {path.name: fingerprint(path) for path in pack.iterdir()} == before


# -- cohort files: letstalk cohort join -------------------------------------------------------------


@pytest.mark.usefixtures("user_dirs")
@pytest.mark.parametrize("name", [case("cohorts", n) for n in sorted(COHORTS)])
def test_bad_cohort(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cohort"
    cohort = copy(BAD / "cohorts" / name, folder / "cohort.toml")
    workbook = folder / "ana.toml"
    storage.create(workbook, new_workbook(owner="Ana Ruiz"))
    before = {path: fingerprint(path) for path in (cohort, workbook)}
    code, lines = run(["cohort", "join", str(cohort), "--workbook", str(workbook)], capsys)
    assert code == 1, lines
    assert len(lines) == 1, lines
    check_line(lines[0], cohort, COHORTS[name])
    assert {path: fingerprint(path) for path in (cohort, workbook)} == before
    assert files_in(folder) == ["ana.toml", "cohort.toml"]


# -- feedback sidecars: what the apps read, and a review beside them ---------------------------------


@pytest.mark.parametrize("name", [case("feedback", n) for n in sorted(FEEDBACK)])
def test_bad_feedback(name: str, tmp_path: Path) -> None:
    sidecar = copy(BAD / "feedback" / name, tmp_path / "ana-ruiz.feedback.toml")
    before = fingerprint(sidecar)
    with pytest.raises(LetsTalkError) as info:
        no_recursion(lambda: load_feedback(sidecar))
    message = str(info.value)
    assert "\n" not in message
    check_line(message, sidecar, FEEDBACK[name])
    assert fingerprint(sidecar) == before


@pytest.mark.usefixtures("user_dirs")
def test_a_review_beside_every_bad_sidecar_reports_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "review"
    folder.mkdir()
    for n, name in enumerate(sorted(FEEDBACK)):
        storage.create(folder / f"p{n:02d}.toml", new_workbook(owner=f"Participant {n}"))
        copy(BAD / "feedback" / name, folder / f"p{n:02d}.feedback.toml")
    before = {path.name: fingerprint(path) for path in folder.iterdir()}
    out = tmp_path / "report.md"
    code, lines = run(["review", str(folder), "--report", "md", "-o", str(out)], capsys)
    assert code == 0 and lines == [f"Wrote {out}"]
    assert {path.name: fingerprint(path) for path in folder.iterdir()} == before


# -- a facilitator's review over the whole workbook corpus ------------------------------------------


@pytest.mark.usefixtures("user_dirs")
def test_review_lists_every_bad_workbook_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(
        shutil.copytree(
            BAD / "workbooks",
            tmp_path / "review",
            copy_function=shutil.copy2,
            ignore=shutil.ignore_patterns("deeply-nested-[ai]*"),
        )
    )
    before = {path.name: fingerprint(path) for path in folder.iterdir()}
    out = tmp_path / "report.csv"
    code, lines = run(["review", str(folder), "--report", "csv", "-o", str(out)], capsys)
    assert code == 0 and lines == [f"Wrote {out}"]
    assert {path.name: fingerprint(path) for path in folder.iterdir()} == before
    report = out.read_text("utf-8-sig")
    readable = {"answers-do-not-fit-items.toml"}  # valid TOML and a valid workbook: only `validate` knows its items
    for name in before:
        state = "ok" if name in readable else r"(invalid|newer)"
        assert re.search(rf",{re.escape(name)},{state},", report), name


@pytest.mark.usefixtures("user_dirs")
@pytest.mark.parametrize("name", ["deeply-nested-arrays.toml", "deeply-nested-inline-tables.toml"])
def test_review_survives_a_deeply_nested_workbook(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "review"
    path = copy(BAD / "workbooks" / name, folder / name)
    before = fingerprint(path)
    out = tmp_path / "report.csv"
    code, _ = run(["review", str(folder), "--report", "csv", "-o", str(out)], capsys)
    assert code == 0 and fingerprint(path) == before
    assert f",{name},invalid," in out.read_text("utf-8-sig")
