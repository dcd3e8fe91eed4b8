"""The cohort file: creation, validation with one-line errors, joining, and the next session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.paths import REVIEW

from letstalk import cli, storage
from letstalk.cohort import (
    COHORT_FILE,
    SESSION_IDS,
    Cohort,
    CohortError,
    Member,
    Session,
    check_cohort,
    cohort_of,
    cohort_problem,
    join,
    load_cohort,
    new_cohort,
    next_session,
    save_cohort,
    session_line,
    short_title,
)
from letstalk.model import Progress, new_workbook

FIXTURE = REVIEW / COHORT_FILE


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / COHORT_FILE
    path.write_text(text, "utf-8")
    return path


def test_the_fixture_cohort_loads() -> None:
    cohort = load_cohort(FIXTURE)
    assert cohort.name == "Region 20 Library Leaders 2026-27"
    assert list(cohort.sessions) == list(SESSION_IDS)
    assert len(cohort.roster) == 12
    assert cohort.member_for("ana-ruiz.toml") == Member(
        name="Ana Ruiz", school="Hillside Middle School", file="ana-ruiz.toml"
    )


def test_new_cohort_has_the_eight_sessions_to_fill_in_and_a_how_to(tmp_path: Path) -> None:
    path = new_cohort(tmp_path / "cohort-a", "Leaders 2027", "Dana Ortiz")
    text = path.read_text("utf-8")
    assert text.startswith("# letstalk cohort file")
    cohort = load_cohort(path)
    assert (cohort.name, cohort.facilitator) == ("Leaders 2027", "Dana Ortiz")
    assert list(cohort.sessions) == list(SESSION_IDS)
    assert all(s.date is None for s in cohort.sessions.values())
    with pytest.raises(CohortError, match="already exists"):
        new_cohort(tmp_path / "cohort-a", "Again")


def test_a_filled_in_cohort_round_trips(tmp_path: Path) -> None:
    cohort = Cohort(
        name='Leaders "North"',
        sessions={"visioning": Session(date=date(2027, 2, 12), place="Room 4")},
        roster=[Member(name="Ana Ruiz", file="ana.toml")],
    )
    save_cohort(cohort, tmp_path / COHORT_FILE)
    assert load_cohort(tmp_path / COHORT_FILE) == cohort


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "x"\n[sessions.lunch]\n', "sessions.lunch: not a session; use one of visioning,"),
        ("facilitator = 'Dana'\n", "name: this field is required"),
        (
            'name = "x"\nroster = [{ name = "A", file = "a.toml" }, { name = "B", file = "a.toml" }]\n',
            "roster entry 2 (B): file a.toml is on the roster twice",
        ),
        (
            'name = "x"\nroster = [{ name = "A", file = "../a.toml" }]\n',
            "roster entry 1 (A): file: a file name ending in .toml",
        ),
        (
            'name = "x"\nroster = [{ name = "A", file = "a\\u001b]0;x\\u0007.toml" }]\n',
            "roster entry 1 (A): file: a file name with no control characters",
        ),
        (
            'name = "x"\nroster = [{ name = "A", file = "ana.feedback.toml" }]\n',
            "roster entry 1 (A): file: ana.feedback.toml is the name of one of the facilitator's own files",
        ),
        (
            'name = "x"\nroster = [{ name = "A", file = "cohort.toml" }]\n',
            "roster entry 1 (A): file: cohort.toml is the name of one of the facilitator's own files",
        ),
        (
            'name = "x"\n[sessions.visioning]\ndate = "next week"\n',
            "sessions.visioning.date: input should be a valid date",
        ),
        ('name = "x"\ncolour = "blue"\n', "colour: unknown key; check its spelling or remove it"),
        (
            'name = "x"\nschema_version = 9\n',
            "schema_version: written by a newer letstalk (schema 9; this one reads up to 1); update letstalk",
        ),
        ('name = "x\n', "line 1, column 10: not valid TOML"),
    ],
)
def test_problems_are_one_line_naming_the_file_and_the_place(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CohortError) as caught:
        load_cohort(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {expected}")


def test_unreadable_and_missing_cohort_files(tmp_path: Path) -> None:
    path = tmp_path / COHORT_FILE
    path.write_bytes(b'name = "Jos\xe9"\n')
    with pytest.raises(CohortError, match=r"line 1: not UTF-8 text"):
        load_cohort(path)
    with pytest.raises(CohortError, match="no such file; create one with `letstalk cohort new"):
        load_cohort(tmp_path / "nope.toml")


def test_join_links_the_workbook_and_checks_the_file_first(tmp_path: Path) -> None:
    workbook = new_workbook(owner="Ana Ruiz")
    with pytest.raises(CohortError):
        join(workbook, tmp_path / "missing.toml")
    assert workbook.meta.cohort is None
    cohort = join(workbook, FIXTURE)
    assert workbook.meta.cohort == str(FIXTURE.resolve())
    assert cohort_of(workbook) == cohort
    assert cohort_of(new_workbook()) is None
    workbook.meta.cohort = "cohort.toml"  # relative, as typed by hand: found beside the workbook
    assert cohort_of(workbook, REVIEW / "ana-ruiz.toml") == cohort


def test_next_session_is_the_first_dated_one_from_today() -> None:
    cohort = Cohort(
        name="x",
        sessions={
            "visioning": Session(date=date(2026, 9, 15)),
            "relationships": Session(),
            "coaching": Session(date=date(2026, 12, 8), place="Online"),
            "communication": Session(date=date(2026, 11, 10), place="Room 4"),
        },
    )
    assert next_session(cohort, date(2026, 9, 1)) == ("visioning", date(2026, 9, 15), "")
    assert next_session(cohort, date(2026, 11, 10)) == ("communication", date(2026, 11, 10), "Room 4")
    assert next_session(cohort, date(2026, 11, 11)) == ("coaching", date(2026, 12, 8), "Online")
    assert next_session(cohort, date(2027, 1, 1)) is None


def test_the_home_line() -> None:
    assert short_title("On the Leading Edge of Communication") == "Communication"
    line = session_line(
        "Session 4", "On the Leading Edge of Communication", date(2027, 2, 12), Progress(3, 6), "In progress"
    )
    assert line == "Session 4 · Communication · 12 Feb · In progress 3/6"
    assert session_line("Session 1", "Visioning", date(2027, 2, 1)) == "Session 1 · Visioning · 1 Feb"


def test_cli_cohort_new_and_join(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cohort"
    assert cli.main(["cohort", "new", str(folder), "--name", "Leaders", "--facilitator", "Dana"]) == cli.EXIT_OK
    assert "Created" in capsys.readouterr().out
    assert cli.main(["cohort", "new", str(folder), "--name", "Again"]) == cli.EXIT_PROBLEM
    assert "already exists" in capsys.readouterr().err
    workbook = tmp_path / "ana.toml"
    storage.create(workbook, new_workbook(owner="Ana"))
    assert cli.main(["cohort", "join", str(folder / COHORT_FILE), "--workbook", str(workbook)]) == cli.EXIT_OK
    assert "Joined Leaders (facilitator: Dana)" in capsys.readouterr().out
    assert storage.load(workbook).meta.cohort == "cohort/cohort.toml"  # one folder tree: kept relative
    assert not list(tmp_path.glob("*.lock"))
    assert cli.main(["cohort", "join", str(tmp_path / "none.toml"), "--workbook", str(workbook)]) == cli.EXIT_PROBLEM
    assert "none.toml: no such file" in capsys.readouterr().err


# -- every problem, loudly -------------------------------------------------------------------

BROKEN = """\
name = "Region 20"
[sessions.visoning]
date = 2026-09-15
[sessions.coaching]
date = 2026-13-16
place = "Online"
[[roster]]
name = "Ana Ruiz"
file = "ana-ruiz.toml"
[[roster]]
name = "Ben Okafor"
school = "Riverside"
"""


def test_check_lists_every_problem_and_keeps_what_it_could_read(tmp_path: Path) -> None:
    path = tmp_path / COHORT_FILE
    path.write_text(BROKEN, "utf-8")
    checked = check_cohort(path)
    assert checked.problems == [
        f"{path}: line 5: sessions.coaching.date: “2026-13-16” is not a date: there is no month 13; "
        "months go from 01 to 12; write the date as YYYY-MM-DD",
        f"{path}: sessions.visoning: not a session; use one of {', '.join(SESSION_IDS)}",
        f"{path}: roster entry 2 (Ben Okafor): file is required",
    ]
    assert checked.cohort is not None and checked.cohort.name == "Region 20"
    assert [m.name for m in checked.cohort.roster] == ["Ana Ruiz"]
    assert checked.cohort.sessions["coaching"].place == "Online"
    with pytest.raises(CohortError, match=r"\(2 more; run `letstalk cohort check"):
        load_cohort(path)


def test_cli_cohort_check_and_a_report_exit_1_on_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "review"
    folder.mkdir()
    (folder / COHORT_FILE).write_text(BROKEN, "utf-8")
    (folder / "ana-ruiz.toml").write_bytes((REVIEW / "ana-ruiz.toml").read_bytes())
    assert cli.main(["cohort", "check", str(folder / COHORT_FILE)]) == cli.EXIT_PROBLEM
    out = capsys.readouterr().out
    assert "sessions.visoning: not a session" in out and "roster entry 2 (Ben Okafor): file is required" in out
    assert cli.main(["review", str(folder), "--report", "md", "-o", str(tmp_path / "r.md")]) == cli.EXIT_PROBLEM
    assert "roster entry 2 (Ben Okafor)" in capsys.readouterr().err
    report = (tmp_path / "r.md").read_text("utf-8")
    assert "roster entry 2 (Ben Okafor): file is required" in report and "Ana Ruiz" in report
    assert cli.main(["cohort", "check", str(FIXTURE)]) == cli.EXIT_OK
    assert "valid (Region 20" in capsys.readouterr().out


def test_the_skeleton_has_a_commented_line_for_every_field_in_order(tmp_path: Path) -> None:
    text = new_cohort(tmp_path / "c", "Leaders").read_text("utf-8")
    for key in SESSION_IDS:
        block = text.split(f"[sessions.{key}]\n", 1)[1].split("\n\n", 1)[0].splitlines()
        assert [line.split(" =")[0] for line in block] == ["# date", "# time", "# place"]
    roster = text.split("# [[roster]]\n", 1)[1].splitlines()
    assert [line.split(" =")[0] for line in roster] == ["# name", "# school", "# file"]
    filled = text.replace("# date = 2027-02-12", "date = 2027-02-12").replace("# [[roster]]", "[[roster]]")
    filled = filled.replace('# name = "Ana', 'name = "Ana').replace("# school", "school").replace("# file", "file")
    (tmp_path / "c" / COHORT_FILE).write_text(filled, "utf-8")
    cohort = load_cohort(tmp_path / "c" / COHORT_FILE)
    assert cohort.roster[0].file == "ana-ruiz.toml" and cohort.sessions["opportunity"].date == date(2027, 2, 12)


def test_join_keeps_a_relative_link_inside_one_folder_tree(tmp_path: Path) -> None:
    tree = tmp_path / "shared"
    (tree / "me").mkdir(parents=True)
    (tree / COHORT_FILE).write_bytes(FIXTURE.read_bytes())
    workbook = new_workbook(owner="Ana")
    join(workbook, tree / COHORT_FILE, tree / "me" / "ana.toml")
    assert workbook.meta.cohort == "../cohort.toml"
    assert cohort_of(workbook, tree / "me" / "ana.toml") is not None
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    join(workbook, tree / COHORT_FILE, elsewhere / "ana.toml")
    assert workbook.meta.cohort == str((tree / COHORT_FILE).resolve())


def test_a_missing_cohort_file_is_one_line_with_the_path_and_what_to_do(tmp_path: Path) -> None:
    workbook = new_workbook(owner="Ana")
    workbook.meta.cohort = "gone/cohort.toml"
    with pytest.raises(CohortError) as caught:
        cohort_of(workbook, tmp_path / "ana.toml")
    line = cohort_problem(workbook, tmp_path / "ana.toml", caught.value)
    assert line.startswith(f"Cohort file not found: {tmp_path / 'gone' / 'cohort.toml'}")
    assert "letstalk cohort join" in line and "\n" not in line
