"""Sessions in time and attendance: dates and places, past sessions, who has not started, who came."""

from __future__ import annotations

from pathlib import Path

from review_support import NOW, folder, shipped  # noqa: F401 - fixtures

from letstalk import cli
from letstalk.cohort import ATTENDANCE_FILE, Attendance, load_attendance, save_attendance
from letstalk.content import Library
from letstalk.review import scan, workbook_files
from letstalk.review.grid import View, cells, columns
from letstalk.review.report import render
from letstalk.review.sessions import attendees, heading, meetings, past_not_started


def test_sessions_carry_their_dates_places_and_whether_they_are_past(folder: Path, shipped: Library) -> None:
    review = scan(folder, library=shipped, now=NOW)
    held = meetings(review)
    assert [m.past for m in held] == [True, True, True, False, False, False, False, False]
    assert held[2].when() == "10 Nov 2026 · Online (held)"
    assert heading(review, held[2].column, "3") == "◷ 3\n10 Nov\nOnline"
    assert heading(review, held[3].column, "4") == "4\n8 Dec\nESC Region 20, room 4"
    behind = {m.column.id: [p.name for p in people] for m, people in past_not_started(review)}
    assert behind == {
        "visioning": ["Farah Haddad"],
        "relationships": ["Farah Haddad"],
        "coaching": ["Chloe Nguyen", "Dev Patel", "Farah Haddad"],
    }


def test_attendance_round_trips_in_the_facilitators_own_file(folder: Path, shipped: Library, tmp_path: Path) -> None:
    attendance = Attendance()
    assert attendance.toggle("visioning", "ana-ruiz.toml") is True
    assert attendance.toggle("visioning", "kai-moreau.toml") is True  # came, though no file yet
    assert attendance.toggle("coaching", "ben-okafor.toml") is True
    assert attendance.toggle("coaching", "ben-okafor.toml") is False  # a second press takes it back
    mine = tmp_path / "facilitator"
    mine.mkdir()
    save_attendance(attendance, mine / ATTENDANCE_FILE)
    assert load_attendance(mine / ATTENDANCE_FILE) == attendance
    review = scan(folder, library=shipped, now=NOW, facilitator_dir=mine)
    sessions = columns(review, View.SESSIONS)
    assert [p.name for p in attendees(review, sessions[0])] == ["Ana Ruiz", "Kai Moreau"]
    ana = next(p for p in review.participants if p.name == "Ana Ruiz")
    assert cells(ana, sessions[:2], review=review) == ["● 6/6 ✓", "● 6/6"]
    report = render(review, "md", NOW).decode("utf-8")
    assert (
        "| Session 1: On the Leading Edge of Visioning | 15 Sep 2026 · ESC Region 20, room 4 (held) | Ana Ruiz, Kai Moreau |"
        in report
    )
    csv = render(review, "csv", NOW).decode("utf-8-sig")
    assert "Ana Ruiz" in csv and ',2026-09-15,"ESC Region 20, room 4",yes' in csv


def test_an_attendance_file_in_the_review_folder_is_never_read_as_a_hand_in(folder: Path, shipped: Library) -> None:
    save_attendance(Attendance(sessions={"visioning": ["ana-ruiz.toml"]}), folder / ATTENDANCE_FILE)
    assert ATTENDANCE_FILE not in [name for name, _, _ in workbook_files(folder)]
    review = scan(folder, library=shipped, now=NOW)
    assert review.attendance.attended("visioning", "ana-ruiz.toml")
    (folder / ATTENDANCE_FILE).write_text("sessions = 3\n")
    review = scan(folder, library=shipped, now=NOW)
    assert review.attendance == Attendance() and "attendance is not saved" in review.notes()[0]


def test_report_exit_code_and_schedule_from_the_command_line(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert cli.main(["review", str(folder), "--report", "html", "-o", str(out)]) == cli.EXIT_OK
    assert "<h2>Sessions in time</h2>" in out.read_text("utf-8")
