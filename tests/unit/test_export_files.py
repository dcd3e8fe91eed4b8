"""Exports as files: the calendar parsed back, CSV, an empty plan, and the export and plan commands."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from icalendar import Calendar
from tests.paths import RICH
from tests.unit.export_support import GENERATED, NAME, TEXT, fixed_time, rich_plan, shipped  # noqa: F401 - fixtures

from letstalk import cli, export, plan, storage
from letstalk.export import card, html, ics, markdown, summary
from letstalk.export.document import clean, one_line, split_title
from letstalk.model import Action, Meeting, new_workbook

# -- iCalendar --------------------------------------------------------------------------------


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_one_event_per_dated_action_and_meeting() -> None:
    built = rich_plan()
    found = events(ics.to_ics(built))
    dated = [a for a in built.actions if a.due]
    assert len(found) == len(dated) + len(built.meetings) == 10  # a-5 has no due date
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids) and uids[0] == f"{built.key}-a-1@letstalk"
    assert f"{built.key}-listen.follow-up-date@letstalk" in uids
    assert all(type(e.decoded("dtstart")) is date for e in found)  # all-day events
    assert all((e.decoded("dtend") - e.decoded("dtstart")).days == 1 for e in found)
    assert all(e.decoded("dtstamp") == GENERATED for e in found)


def test_ics_reexport_keeps_uids_and_cancels_dropped_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = storage.load(RICH)
    first = [str(e["uid"]) for e in events(ics.to_ics(plan.build(workbook, shipped())))]
    plan.update(workbook, Action, "a-1", what="Co-plan the ecosystems unit", status="dropped")
    later = datetime(2026, 5, 1, tzinfo=UTC)
    again = events(ics.to_ics(plan.build(workbook, shipped()), later))
    assert [str(e["uid"]) for e in again] == first
    assert str(again[0]["status"]) == "CANCELLED" and str(again[0]["summary"]) == "Co-plan the ecosystems unit"


@given(what=TEXT, agenda=TEXT, whom=NAME)
def test_ics_survives_any_text(what: str, agenda: str, whom: str) -> None:
    workbook = new_workbook(owner="Ana")
    what = what if clean(what) else "x"
    workbook.plan.actions.append(Action(id="a-1", what=what, due=date(2026, 3, 1)))
    workbook.plan.meetings.append(Meeting(id="m-1", on=date(2026, 3, 2), with_whom=whom, agenda=agenda))
    # what the workbook holds: validation shows control characters as marks (ESC -> ^[) and folds line ends
    what, whom, agenda = (
        workbook.plan.actions[0].what,
        workbook.plan.meetings[0].with_whom,
        workbook.plan.meetings[0].agenda,
    )
    data = ics.to_ics(plan.build(workbook, shipped()), GENERATED)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    action, meeting = events(data)
    assert str(action["summary"]) == one_line(split_title(what)[0])
    assert str(action["description"]).startswith(clean(what) + "\n\n")
    assert str(meeting["summary"]) == (f"Meeting with {one_line(whom)}" if one_line(whom) else "Meeting")
    assert (str(meeting.get("description", "")) == f"Agenda:\n{clean(agenda)}") == bool(clean(agenda))


# -- CSV --------------------------------------------------------------------------------------


def test_csv_rows_and_formula_defusing() -> None:
    built = rich_plan()
    data = export.render("csv", built)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Action", "Owner", "Due", "Status", "Goal", "From"]
    assert len(rows) == len(built.actions) + 1  # the header, then the actions and nothing else
    assert all(row[0] == action.what for row, action in zip(rows[1:], built.actions, strict=True))
    assert rows[1][0].endswith("Then co-teach two lessons: note-taking, and citing sources.")
    assert rows[1][1:4] == ["Ana Ruiz, Luis Ortiz", "2026-03-06", "Under way"]
    from letstalk.export.csv import cell

    assert [cell(v) for v in ("=SUM(A1)", "+1", "-x", "@me", "ok")] == ["'=SUM(A1)", "'+1", "'-x", "'@me", "ok"]


# -- an empty workbook ------------------------------------------------------------------------


def test_an_empty_plan_still_exports() -> None:
    built = plan.build(new_workbook(owner="Ana Ruiz"), shipped())
    assert summary.EMPTY in markdown.to_markdown(built)
    assert summary.EMPTY in html.to_html(built)
    assert events(ics.to_ics(built)) == []
    (header,) = export.render("csv", built).decode("utf-8-sig").splitlines()
    assert header == "Action,Owner,Due,Status,Goal,From"  # the header, and no row: no action yet
    assert "Write the questions you will ask" in card.card_markdown(built)


# -- the command line -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["md", "ics", "card-html"])
def test_cli_export_to_stdout(name: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["export", name, str(RICH)]) == 0
    assert capsysbinary.readouterr().out == export.render(name, rich_plan())


def test_cli_export_to_a_file_never_touches_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = tmp_path / "w.toml"
    workbook.write_bytes(RICH.read_bytes())
    before = (workbook.read_bytes(), workbook.stat().st_mtime_ns)
    out = tmp_path / "plan.html"
    assert cli.main(["export", "html", str(workbook), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote {out}\n"
    assert out.read_bytes() == export.render("html", rich_plan())
    assert (workbook.read_bytes(), workbook.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html", "w.toml"]  # no backup, no lock


def test_cli_plan_prints_markdown_or_another_format(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["plan", str(RICH)]) == 0
    assert capsysbinary.readouterr().out.startswith(b"# Collaborative library plan\n")
    assert cli.main(["plan", str(RICH), "--format", "csv"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"\xef\xbb\xbfAction,Owner")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "md", "{tmp}/missing.toml"], "missing.toml: no such file"),
        (["export", "md", "{rich}", "-o", "{tmp}/nowhere/plan.md"], "nowhere does not exist"),
        (["export", "md", "{rich}", "-o", "{tmp}"], "this is a folder"),
        (["export", "md", "{rich}", "-o", "{rich}"], "this is the workbook itself"),
        (["plan", "{tmp}"], "this is a folder, not a workbook file"),
    ],
)
def test_cli_errors_are_one_line(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(tmp=tmp_path, rich=RICH) for a in argv]
    assert cli.main(args) == cli.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_cli_honours_content_folders(
    mini_content: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    workbook = new_workbook(owner="Ana Ruiz")
    workbook.set_answer("second.idea-dot", True)
    path = tmp_path / "w.toml"
    storage.create(path, workbook)
    assert cli.main(["--content", str(mini_content), "plan", str(path), "--format", "csv"]) == 0
    assert (
        "Dot Day: Make dot art with the art teacher.,Ana Ruiz,,Planned,,Idea bank"
        in capsysbinary.readouterr().out.decode("utf-8-sig")
    )


def test_plan_and_exports_never_import_textual() -> None:
    code = (
        "import sys, letstalk.plan, letstalk.export\n"
        "from letstalk.export import markdown, html, ics, csv, card, summary, document\n"
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
