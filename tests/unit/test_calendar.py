"""The calendar export updates: stable UIDs, SEQUENCE, cancelled events, timed meetings, cohort sessions."""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from letstalk import cli, export, plan, storage
from letstalk.cohort import load_cohort, new_cohort, save_cohort
from letstalk.content import Library, load_library
from letstalk.model import Action, Meeting, Workbook, new_workbook

RICH = Path(__file__).resolve().parents[1] / "data" / "workbooks" / "rich.toml"


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772452800")  # 2026-03-02 12:00 UTC
    monkeypatch.setenv("TZ", "America/Chicago")


@functools.cache
def shipped() -> Library:
    return load_library()


def events(data: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def export_to(workbook: Workbook, tmp_path: Path) -> bytes:
    """Save ``workbook`` and run ``letstalk export ics`` onto the same calendar file each time."""
    path, out = tmp_path / "ana.toml", tmp_path / "plan.ics"
    path.write_text(storage.dumps(workbook), "utf-8")
    assert cli.main(["export", "ics", str(path), "-o", str(out), "--for", "all"]) == 0
    return out.read_bytes()


def test_uids_survive_an_owner_rename_and_never_hold_the_name(tmp_path: Path) -> None:
    workbook = storage.load(RICH)
    before = events(export_to(workbook, tmp_path))
    workbook.meta.owner = "Ana Ruíz"
    after = events(export_to(workbook, tmp_path))
    assert set(before) == set(after) and len(before) == 10
    assert not [uid for uid in after if "Ana" in uid or "2026" in uid]
    for name, event in after.items():  # an event says the owner's name only where she owns the action
        assert int(event["SEQUENCE"]) == ("Ana Ruíz" in str(event.get("DESCRIPTION", ""))), name


def test_a_new_workbook_gets_a_random_key_made_once() -> None:
    first, second = new_workbook(owner="Ana"), new_workbook(owner="Ana")
    assert first.meta.key and first.meta.key != second.meta.key
    assert plan.workbook_key(first) == first.meta.key
    assert storage.loads(storage.dumps(first)).meta.key == first.meta.key


def test_a_deleted_or_undated_action_is_cancelled_and_a_change_raises_the_sequence(tmp_path: Path) -> None:
    workbook = storage.load(RICH)
    first = events(export_to(workbook, tmp_path))
    key = plan.workbook_key(workbook)
    plan.delete(workbook, Action, "a-7")
    plan.update(workbook, Action, "a-2", due=None)
    plan.update(workbook, Action, "a-1", owner="Luis Ortiz")
    plan.delete(workbook, Meeting, "m-2")
    second = events(export_to(workbook, tmp_path))
    for gone in ("a-7", "a-2", "m-2"):
        event = second[f"{key}-{gone}@letstalk"]
        assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1, gone
    changed = second[f"{key}-a-1@letstalk"]
    assert int(changed["SEQUENCE"]) == 1 and int(first[f"{key}-a-1@letstalk"]["SEQUENCE"]) == 0
    assert int(second[f"{key}-a-3@letstalk"]["SEQUENCE"]) == 0
    third = events(export_to(workbook, tmp_path))  # cancelled events stay cancelled, at the same sequence
    assert str(third[f"{key}-a-7@letstalk"]["STATUS"]) == "CANCELLED"
    assert int(third[f"{key}-a-7@letstalk"]["SEQUENCE"]) == 1


def test_a_timed_meeting_is_in_the_local_zone_with_its_vtimezone() -> None:
    workbook = storage.load(RICH)
    plan.add(workbook, Meeting, on="2026-03-17", with_whom="Dr. Maya Chen")
    workbook.plan.meetings[-1].start = time(15, 30)
    workbook.plan.meetings[-1].minutes = 45
    data = export.render("ics", plan.build(workbook, shipped()))
    calendar = Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    timed = [e for e in calendar.walk("VEVENT") if isinstance(e.decoded("DTSTART"), datetime)]
    assert len(timed) == 1
    start, end = timed[0].decoded("DTSTART"), timed[0].decoded("DTEND")
    assert (start.date(), start.time()) == (date(2026, 3, 17), time(15, 30))
    assert str(start.tzinfo) == "America/Chicago" and end - start == timedelta(minutes=45)
    assert b"DTSTART;TZID=America/Chicago:20260317T153000" in data
    assert len(calendar.walk("VEVENT")) == 11  # the other ten stay all-day


def test_descriptions_say_each_label_once() -> None:
    data = export.render("ics", plan.build(storage.load(RICH), shipped())).replace(b"\r\n ", b"")
    assert b"Goal: Goal" not in data and b"Goal: 1. Grade 7 students research like scientists" in data


def test_joined_cohort_sessions_are_events(tmp_path: Path) -> None:
    cohort_path = new_cohort(tmp_path, "Region 20 library leaders")
    cohort = load_cohort(cohort_path)
    cohort.sessions["visioning"].date = date(2026, 4, 9)
    cohort.sessions["visioning"].place = "District office, room 4"
    save_cohort(cohort, cohort_path)
    workbook = storage.load(RICH)
    workbook.meta.cohort = str(cohort_path)
    found = events(export_to(workbook, tmp_path))
    session = found[f"{plan.workbook_key(workbook)}-session-visioning@letstalk"]
    assert session.decoded("DTSTART") == date(2026, 4, 9) and str(session["LOCATION"]) == "District office, room 4"
    assert "Visioning" in str(session["SUMMARY"])


def test_a_broken_previous_file_is_replaced_not_refused(tmp_path: Path) -> None:
    (tmp_path / "plan.ics").write_text("not a calendar", "utf-8")
    found = events(export_to(storage.load(RICH), tmp_path))
    assert len(found) == 10 and {str(e["DTSTAMP"].to_ical(), "ascii") for e in found.values()} == {"20260302T120000Z"}


def test_an_event_left_out_for_this_audience_is_cancelled_without_its_words(tmp_path: Path) -> None:
    workbook = storage.load(RICH)
    plan.add(workbook, Action, what="Ask HR about the aide position PRIVATE-WORDS", due=date(2026, 4, 2), private=True)
    path, out = tmp_path / "ana.toml", tmp_path / "plan.ics"
    path.write_text(storage.dumps(workbook), "utf-8")
    assert cli.main(["export", "ics", str(path), "-o", str(out), "--for", "me"]) == 0
    assert b"PRIVATE-WORDS" in out.read_bytes()
    # The same file, exported again for her principal (the README's advice: one file, re-imported).
    assert cli.main(["export", "ics", str(path), "-o", str(out), "--for", "principal"]) == 0
    data = out.read_bytes()
    assert b"PRIVATE" not in data and b"aide" not in data
    cancelled = [e for e in Calendar.from_ical(data).walk("VEVENT") if str(e.get("STATUS")) == "CANCELLED"]
    assert len(cancelled) == 1
    assert {name for name, _ in cancelled[0].property_items(recursive=False)} - {"BEGIN", "END"} == {
        "UID",
        "DTSTART",
        "DTEND",
        "TRANSP",
        "SUMMARY",
        "STATUS",
        "DTSTAMP",
        "SEQUENCE",
    }
    assert str(cancelled[0]["SUMMARY"]) == "Cancelled" and cancelled[0].decoded("DTSTART") == date(2026, 4, 2)
