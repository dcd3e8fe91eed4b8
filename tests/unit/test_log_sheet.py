"""The log in and out of spreadsheets: odd columns, BOM, CRLF, quoted newlines, bad dates, duplicates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letstalk import cli, storage
from letstalk.log import sheet
from letstalk.model import CollabLog, LogKind, new_workbook

HERE = Path("forms.csv")

FORMS = (
    "\ufeffTimestamp,Extra,What did you do?,Date,Teacher(s),Grade,Type of collaboration,Students reached,Outcome\r\n"
    '3/2/2026 10:00:00,x,Research skills,3/2/2026,"Ms Lee, Mr Park",3,Co-taught a lesson,24,"Cited\r\ntwo sources"\r\n'
    "3/4/2026 9:00,,Unit on weather,2026-03-04,Ms Lee,4,Co-planned,,\r\n"
    ",,Bad day,2026-02-30,Ms Lee,4,Co-planned,,\r\n"
    ",,Odd kind,2026-03-05,Ms Lee,4,dancing,,\r\n"
    ",,Many,2026-03-06,Ms Lee,4,event,lots,\r\n"
    ",,unit on  weather,March 4 2026,ms lee,Grade 4,co-planned,,\r\n"
    ",,,,,,,,\r\n"
    ",,No date,,Ms Lee,4,event,,\r\n"
)


def read(text: str, log: CollabLog | None = None, **kw: object) -> sheet.Import:
    return sheet.read_csv(text, log or CollabLog(), HERE, **kw)  # type: ignore[arg-type]


def test_a_forms_export_with_odd_columns_bom_crlf_and_quoted_newlines() -> None:
    found = read(FORMS.removeprefix("\ufeff"))
    assert found.columns == {
        "What did you do?": "what",
        "Date": "on",
        "Teacher(s)": "teachers",
        "Grade": "grade",
        "Type of collaboration": "kind",
        "Students reached": "students",
        "Outcome": "evidence",
    }
    assert found.ignored == ["Timestamp", "Extra"]  # the asked-for Date wins over the submission time
    first, second = (entry for _, entry in found.new)
    assert (first.on, first.teachers, first.kind, first.students) == (
        date(2026, 3, 2),
        ["Ms Lee", "Mr Park"],
        LogKind.CO_TAUGHT,
        24,
    )
    assert first.evidence == "Cited\ntwo sources"
    assert second.kind is LogKind.CO_PLANNED and second.students is None
    assert found.duplicates == [7]  # the same unit, spelled differently, on the same day
    assert [(row, reason.split(";")[0]) for row, reason in found.problems] == [
        (4, "'2026-02-30' is not a date"),
        (
            5,
            "kind 'dancing' is not one of: co-planned, co-taught, resources curated, "
            "professional learning led, event, other",
        ),
        (6, "students 'lots' is not a number"),
        (9, "no date"),
    ]


def test_the_bom_is_read_and_a_windows_file_decodes() -> None:
    assert sheet.decode(FORMS.encode("utf-8"), HERE).startswith("Timestamp")
    assert sheet.decode("Date,What\n2026-03-02,Caf\xe9\n".encode("cp1252"), HERE).endswith("Café\n")


@pytest.mark.parametrize(
    ("raw", "day_first", "expected"),
    [
        ("2026-03-14", False, date(2026, 3, 14)),
        ("3/14/2026", False, date(2026, 3, 14)),
        ("3/4/26", False, date(2026, 3, 4)),
        ("3/4/2026", True, date(2026, 4, 3)),
        ("14.03.2026", True, date(2026, 3, 14)),
        ("March 14, 2026", False, date(2026, 3, 14)),
        ("14 Mar 2026", False, date(2026, 3, 14)),
        ("2026-03-14T09:30:00", False, date(2026, 3, 14)),
    ],
)
def test_dates_in_iso_and_common_forms(raw: str, day_first: bool, expected: date) -> None:
    assert sheet.parse_day(raw, day_first) == expected


def test_day_first_is_guessed_from_a_day_over_twelve() -> None:
    assert sheet.guess_day_first("Date,What\n14/3/2026,a\n3/4/2026,b\n")
    assert not sheet.guess_day_first("Date,What\n3/14/2026,a\n3/4/2026,b\n")


def test_a_map_names_columns_the_reader_does_not_know() -> None:
    text = "When it was,Lesson name,With\n2026-03-02,Poetry,Ms Lee & Mr Oh\n"
    mapping = sheet.parse_mapping(["Lesson name=what", "when it was=on"])
    found = read(text, mapping=mapping)
    assert [(e.what, e.teachers) for _, e in found.new] == [("Poetry", ["Ms Lee", "Mr Oh"])]
    with pytest.raises(ValueError, match="FIELD is one of"):
        sheet.parse_mapping(["Lesson=nothing"])


def test_a_file_without_a_date_or_what_column_is_one_clear_error() -> None:
    with pytest.raises(
        sheet.SheetError, match="no column for a date and what was done among: Name, Notes; name one with --map"
    ):
        read("Name,Notes\nAna,hi\n")
    with pytest.raises(sheet.SheetError, match="empty"):
        read("\n\n")


def test_a_private_column_is_read_as_yes_or_no_and_nothing_else_is_guessed() -> None:
    rows = ["Just for me", "checked", "[x]", "", "No", "unchecked", "maybe"]
    text = "Date,What we did,Just for me\n" + "".join(f"2026-03-0{n},Lesson {n},{v}\n" for n, v in enumerate(rows, 1))
    found = read(text)
    assert [(entry.what, entry.private) for _, entry in found.new] == [
        ("Lesson 1", True),
        ("Lesson 2", True),
        ("Lesson 3", True),
        ("Lesson 4", False),
        ("Lesson 5", False),
        ("Lesson 6", False),
    ]
    # A value that is neither: the row waits to be fixed, never goes in as shared.
    assert found.problems == [(8, "just for me 'maybe' is neither yes nor no; write yes, or leave it empty")]


def test_a_cell_as_long_as_the_log_allows_is_read_and_a_longer_one_is_one_line() -> None:
    found = read("Date,What we did,Outcome\n2026-03-04,Lesson," + "E" * 200_000 + "\n")
    assert len(found.new[0][1].evidence) == 200_000
    with pytest.raises(sheet.SheetError, match=r"line 2: not a CSV row letstalk can read \(field larger than"):
        read("Date,What we did,Outcome\n2026-03-04,Lesson," + "E" * 1_000_002 + "\n")


def test_our_own_export_reads_back_as_the_same_entries(tmp_path: Path) -> None:
    from letstalk.export.log_csv import to_log_csv

    log = CollabLog()
    log.add(on=date(2026, 3, 2), kind="co-taught", what="=SUM(A1)", teachers=["Ms Lee", "Mr Oh"], students=3)
    log.add(on=date(2026, 3, 3), kind="event", what="Quiet", evidence="Line one\nline two", grade="5")
    log.add(on=date(2026, 3, 4), what="Secret visit", private=True)
    data = to_log_csv(log)
    assert data.startswith(b"\xef\xbb\xbfDate,") and b"\r\n" in data
    assert b"Secret" not in data and b"'=SUM(A1)" in data
    found = read(sheet.decode(data, HERE))
    assert sorted((e.what, e.teachers, e.kind, e.evidence) for _, e in found.new) == [
        ("=SUM(A1)", ["Ms Lee", "Mr Oh"], LogKind.CO_TAUGHT, ""),
        ("Quiet", [], LogKind.EVENT, "Line one\nline two"),
    ]
    assert read(sheet.decode(data, HERE), log).new == []  # all already there


def make_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "ana.toml"
    storage.create(path, new_workbook("Ana"))
    return path


def test_cli_import_twice_adds_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = make_workbook(tmp_path)
    source = tmp_path / "forms.csv"
    source.write_bytes(FORMS.encode("utf-8"))
    assert cli.main(["log", "import", str(source), "-w", str(workbook), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Will add 2 entries" in out and "row 4: '2026-02-30' is not a date" in out
    assert cli.main(["log", "import", str(source), "-w", str(workbook), "--yes"]) == 0
    assert "Nothing new to add." in capsys.readouterr().out
    assert [e.what for e in storage.load(workbook).log.entries] == ["Research skills", "Unit on weather"]


def test_cli_import_asks_first_and_a_script_must_say_yes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = make_workbook(tmp_path)
    source = tmp_path / "forms.csv"
    source.write_bytes(FORMS.encode("utf-8"))
    assert cli.main(["log", "import", str(source), "-w", str(workbook)]) == 1  # stdin is not a terminal here
    assert "add --yes" in capsys.readouterr().err
    assert storage.load(workbook).log.entries == []


def test_cli_import_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = make_workbook(tmp_path)
    assert cli.main(["log", "import", str(tmp_path / "nope.csv"), "-w", str(workbook), "--yes"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\x00\x00\xff\xfe")
    assert cli.main(["log", "import", str(binary), "-w", str(workbook), "--yes"]) == 1
    assert "not a text CSV" in capsys.readouterr().err
    assert cli.main(["log", "import", str(binary), "-w", str(workbook), "--map", "x"]) == 1
    assert "COLUMN=FIELD" in capsys.readouterr().err


def test_cli_export_writes_a_csv_and_never_over_the_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = make_workbook(tmp_path)
    handle = storage.WorkbookFile.open(workbook)
    handle.workbook.log.add(on=date(2026, 3, 2), what="Shared lesson")
    handle.workbook.log.add(on=date(2026, 3, 3), what="Private thought", private=True)
    handle.save()
    handle.close()
    out = tmp_path / "log.csv"
    assert cli.main(["log", "export", str(workbook), "-o", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "Shared lesson" in text and "Private thought" not in text
    assert cli.main(["log", "export", str(workbook), "-o", str(workbook)]) == 1
    assert "the workbook itself" in capsys.readouterr().err
    assert "Shared lesson" in storage.load(workbook).log.entries[0].what


def test_import_names_a_folder_or_a_pipe_for_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    workbook = tmp_path / "w.toml"
    storage.create(workbook, new_workbook())
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "folder.csv").mkdir()
    for name, words in (
        ("pipe.csv", "this is a named pipe (FIFO), not a CSV file"),
        ("folder.csv", "this is a folder"),
    ):
        assert cli.main(["log", "import", str(tmp_path / name), "-w", str(workbook), "--yes"]) == 1
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1, err
    assert cli.main(["new", str(tmp_path / "folder.csv")]) == 1
    assert "this is a folder; give a file name for the workbook" in capsys.readouterr().err
