"""Review reports: golden files, escaping, CSV shape, and ``letstalk review --report``.

Golden files live in tests/data/golden/review/. After a deliberate change, rewrite them with
``LETSTALK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_review_report.py``, read
the diff, then commit it.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from review_support import NOW, SECRETS, folder, shipped  # noqa: F401 - fixtures
from tests.paths import DATA

from letstalk import cli, storage
from letstalk.content import Library
from letstalk.model import new_workbook
from letstalk.review import Review, scan
from letstalk.review.report import CSV_HEADER, render

GOLDEN = DATA / "golden" / "review"


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))


@pytest.fixture
def review(folder: Path, shipped: Library) -> Review:
    return scan(folder, library=shipped, now=NOW)


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_golden(review: Review, fmt: str) -> None:
    produced = render(review, fmt, NOW)
    path = GOLDEN / f"report.{fmt}"
    if os.environ.get("LETSTALK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(produced)
    assert produced == path.read_bytes(), f"{path.name} differs; see this module's docstring to update it"


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_reports_hold_no_private_answer(review: Review, fmt: str) -> None:
    text = render(review, fmt, NOW).decode("utf-8-sig")
    assert all(secret not in text for secret in SECRETS)


def test_csv_is_one_row_per_participant_and_section(review: Review) -> None:
    data = render(review, "csv", NOW)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(table[0]) == CSV_HEADER
    assert len(table) == 1 + 12 * 16
    ben = [row for row in table if row[0] == "Ben Okafor" and row[7] == "communication"]
    assert ben == [
        [
            "Ben Okafor",
            "Riverside Elementary",
            "ben-okafor.toml",
            "ok",
            "",
            "2026-11-24T10:00:00+00:00",
            "Sessions",
            "communication",
            "Session 4: On the Leading Edge of Communication",
            "In progress",
            "2",
            "6",
            "",
            "2026-12-08",
            "ESC Region 20, room 4",
            "",
        ]
    ]
    kai = next(row for row in table if row[0] == "Kai Moreau")
    assert kai[3] == "missing" and kai[9] == "missing" and "no such file" in kai[12]


def test_user_text_cannot_become_markup(tmp_path: Path, shipped: Library) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    storage.create(
        folder / "x.toml", new_workbook(owner='<script>alert(1)</script> "=cmd"', school="[link](javascript:x) | pipe")
    )
    review = scan(folder, library=shipped, now=NOW)
    page = render(review, "html", NOW).decode()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = render(review, "md", NOW).decode()
    assert "<script>" not in markdown and "\\[link\\](javascript:x) \\| pipe" in markdown
    sheet = render(review, "csv", NOW).decode("utf-8-sig")
    assert "<script>" in sheet  # CSV keeps text as it is; only formula starts are defused
    storage.create(folder / "y.toml", new_workbook(owner="=HYPERLINK(1)"))
    sheet = render(scan(folder, library=shipped, now=NOW), "csv", NOW).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in sheet


def test_cli_writes_a_report_and_never_over_a_workbook(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert cli.main(["review", str(folder), "--report", "html", "-o", str(out)]) == cli.EXIT_OK
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert cli.main(["review", str(folder), "-o", str(tmp_path / "r.csv")]) == cli.EXIT_OK  # format from the name
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    before = (folder / "ana-ruiz.toml").read_bytes()
    capsys.readouterr()
    assert cli.main(["review", str(folder), "--report", "md", "-o", str(folder / "ana-ruiz.toml")]) == cli.EXIT_PROBLEM
    assert "ending in .md, .html or .csv" in capsys.readouterr().err
    assert (folder / "ana-ruiz.toml").read_bytes() == before
    assert cli.main(["review", str(folder), "--report", "md"]) == cli.EXIT_OK
    assert "| Ben Okafor | 2026-11-24 |" in capsys.readouterr().out
    assert cli.main(["review", str(tmp_path / "nowhere"), "--report", "md"]) == cli.EXIT_PROBLEM
    assert "not a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["review", str(folder), "--stale-days", "0"])


def test_the_report_rolls_up_the_shared_logs_per_term(review: Review) -> None:
    ana = next(p for p in review.readable() if p.name == "Ana Ruiz")
    assert [(t.term, t.collaborations, t.teachers) for t in ana.entry.log] == [("Semester 1 2026–27", 2, 2)]
    for fmt in ("md", "html"):
        page = render(review, fmt, NOW).decode("utf-8")
        assert "Collaboration log by term" in page and "Semester 1 2026–27" in page
        assert "A private word" not in page and "Mr Secret" not in page  # her private entry never counts
