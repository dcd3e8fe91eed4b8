"""The ``letstalk`` command: exit codes, one line per problem, files left alone on failure."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from letstalk import __version__, storage
from letstalk.cli import main

pytestmark = pytest.mark.usefixtures("mini_content")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    """Run the CLI; return the exit code and the stdout and stderr lines (never a traceback)."""
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out.splitlines(), captured.err.splitlines()


# -- new and validate -------------------------------------------------------------------------


def test_new_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], mini_content: Path) -> None:
    path = tmp_path / "ana.toml"
    code, out, err = run(
        capsys, "--content", str(mini_content), "new", str(path), "--owner", "Ana", "--school", "Hillside"
    )
    assert (code, out, err) == (0, [f"Created {path}"], [])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    workbook = storage.load(path)
    assert workbook.meta.owner == "Ana" and workbook.meta.school == "Hillside"
    assert workbook.meta.packs == {"mini": "1.0"}
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out, err) == (0, [f"{path}: valid (0 answers)"], [])


def test_new_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ana.toml"
    assert main(["new", str(path), "--owner", "Ana"]) == 0
    before = path.read_bytes()
    code, out, err = run(capsys, "new", str(path), "--owner", "Someone else")
    assert code == 1 and out == []
    [line] = err
    assert line.startswith(f"{path}: ") and "already exists" in line
    assert path.read_bytes() == before


def test_new_in_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere" / "ana.toml"
    code, out, err = run(capsys, "new", str(path))
    assert code == 1 and out == [] and len(err) == 1 and "does not exist" in err[0]
    assert not path.parent.exists()


def test_validate_reports_answers_that_do_not_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mini_content: Path
) -> None:
    path = tmp_path / "wb.toml"
    path.write_text(
        'schema_version = 1\n[answers."first.read"]\nvalue = "yes"\n[answers."second.often"]\nvalue = "daily"\n'
    )
    before = path.read_bytes()
    code, out, err = run(capsys, "--content", str(mini_content), "validate", str(path))
    assert code == 1 and err == []
    assert out[0] == f'{path}: answers."first.read".value: a tick is true or false'
    assert out[1].startswith(f'{path}: answers."second.often".value: ') and len(out) == 2
    assert path.read_bytes() == before


def test_validate_notes_kept_orphans(tmp_path: Path, capsys: pytest.CaptureFixture[str], mini_content: Path) -> None:
    path = tmp_path / "wb.toml"
    path.write_text('schema_version = 1\n[answers."first.read"]\nvalue = true\n[answers."gone.item"]\nvalue = "x"\n')
    code, out, _ = run(capsys, "--content", str(mini_content), "validate", str(path))
    assert code == 0
    [line] = out
    assert line.startswith(f"{path}: valid (2 answers)") and "gone.item" in line and "kept" in line


def test_validate_many_files_reports_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    storage.create(good)
    bad.write_text("schema_version = 1\n[meta\n")
    code, out, err = run(capsys, "validate", str(good), str(bad))
    assert code == 1
    assert len(out + err) == 2
    assert (out + err)[0] == f"{good}: valid (0 answers)"
    assert (out + err)[1].startswith(f"{bad}: line 2")


# -- schema, content, version -----------------------------------------------------------------


@pytest.mark.parametrize("what", ["workbook", "content", "pack"])
def test_schema_prints_json(capsys: pytest.CaptureFixture[str], what: str) -> None:
    code, out, err = run(capsys, "schema", what)
    assert code == 0 and err == []
    schema = json.loads("\n".join(out))
    assert "properties" in schema
    if what == "workbook":
        assert {"schema_version", "meta", "answers"} <= set(schema["properties"])


def test_content_check_mini(capsys: pytest.CaptureFixture[str], mini_content: Path) -> None:
    code, out, err = run(capsys, "content", "check", str(mini_content))
    assert (code, err) == (0, [])
    assert out == ["ok  mini 1.0: 2 sections, 13 items"]


def test_content_check_broken_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str], mini_content: Path) -> None:
    pack = Path(shutil.copytree(mini_content, tmp_path / "mini"))
    second = pack / "02-second.toml"
    second.write_text(
        second.read_text()
        .replace('id = "second.due"', 'id = "second.commit"', 1)
        .replace('scale = "growth"', 'scale = "stars"', 1)
    )
    first = pack / "01-first.toml"
    first.write_text(first.read_text().replace('kind = "check"', 'kind = "tick"', 1))
    before = {p.name: p.read_bytes() for p in pack.iterdir()}
    code, out, err = run(capsys, "content", "check", str(pack))
    assert code == 1 and out == []
    assert len(err) == 3
    assert err[0].startswith(f"{first}: blocks[1].items[0]: ") and "tick" in err[0]
    assert any(line.startswith(f"{second}: blocks[0].items[1].id: duplicate id") for line in err)
    assert any(line.startswith(f"{second}: blocks[0].items[3].scale: ") for line in err)
    assert {p.name: p.read_bytes() for p in pack.iterdir()} == before


def test_content_check_reports_duplicates_even_with_a_bad_pack_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mini_content: Path
) -> None:
    pack = Path(shutil.copytree(mini_content, tmp_path / "mini"))
    meta = pack / "pack.toml"
    meta.write_text(meta.read_text().replace('version = "1.0"', 'version = "one"', 1))
    second = pack / "02-second.toml"
    second.write_text(second.read_text().replace('id = "second.due"', 'id = "second.commit"', 1))
    code, out, err = run(capsys, "content", "check", str(pack))
    assert code == 1 and out == []
    assert err[0].startswith(f"{meta}: version: ")
    assert err[1].startswith(f'{second}: blocks[0].items[1].id: duplicate id "second.commit"')
    assert len(err) == 2


def test_validate_newer_file_with_new_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wb.toml"
    path.write_text('schema_version = 2\n[meta]\nowner = "Ana"\nmood = 1\n[reminders]\nweekly = true\n')
    before = path.read_bytes()
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1
    assert out + err == [
        f"{path}: schema_version: written by a newer letstalk (schema 2; this one reads up to 1); update letstalk to open it"
    ]
    assert path.read_bytes() == before


def test_content_check_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "content", "check", str(tmp_path / "nope"))
    assert code == 1 and out == [] and len(err) == 1 and err[0].startswith(f"{tmp_path / 'nope'}: ")


def test_content_check_without_shipped_packs_is_empty(capsys: pytest.CaptureFixture[str]) -> None:
    """With the shipped packs hidden by the fixture, there is nothing to check and nothing wrong."""
    assert run(capsys, "content", "check") == (0, [], [])


def test_content_list(capsys: pytest.CaptureFixture[str], mini_content: Path) -> None:
    code, out, err = run(capsys, "--content", str(mini_content), "content", "list")
    assert (code, err) == (0, [])
    assert out[0] == "Mini pack for tests [mini 1.0]"
    assert out[1].startswith("  Step 1 · First things (") and "2 check" in out[1]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"letstalk {__version__}"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["schema", "nonsense"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_option_values_out_of_range_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "n.toml"), "--owner", "x" * 201]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "--owner: string should have at most 200 characters" and not (tmp_path / "n.toml").exists()
    with pytest.raises(SystemExit) as stopped:
        main(["review", str(tmp_path), "--stale-days", "99999999999999", "--report", "md"])
    assert stopped.value.code == 2 and "is not a number of days (1 to 36,500)" in capsys.readouterr().err
