"""The facilitator's review: the fixture folder, private answers, the cache, parallel reading."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from review_support import NOW, SECRETS, folder, shipped  # noqa: F401 - fixtures

from letstalk import storage
from letstalk.content import Library, load_library
from letstalk.model import Status, new_workbook
from letstalk.review import Review, ReviewError, Scope, scan, workbook_files
from letstalk.review import cache as review_cache
from letstalk.review import read as review_files
from letstalk.review.grid import Order, Show, View, cells, columns, counts, rollup, rows, updated_cell
from letstalk.review.report import render


def test_every_participant_is_accounted_for(folder: Path, shipped: Library) -> None:
    review = scan(folder, library=shipped, now=NOW)
    states = {p.name: p.state for p in review.participants}
    assert states == {
        "Ana Ruiz": "ok",
        "Ben Okafor": "ok",
        "Chloe Nguyen": "ok",
        "Dev Patel": "ok",
        "Emma Schulz": "ok",
        "Farah Haddad": "ok",
        "Gus Lindqvist": "newer",
        "Hana Kim": "invalid",
        "Ivan Petrov": "invalid",
        "Jo Martín": "invalid",
        "Kai Moreau": "missing",
        "Lena Vogel": "missing",
    }
    assert [p.name for p in review.participants if p.stale] == ["Dev Patel"]
    assert counts(review) == "12 participants: 6 readable (1 stale), 3 unreadable, 1 newer, 2 missing"
    errors = {p.file: p.error for p in review.problems()}
    assert errors == {
        "gus-lindqvist.toml": "gus-lindqvist.toml: schema_version: written by a newer letstalk (schema 2; this one reads up to 1); update letstalk to open it",
        "hana-kim.toml": "hana-kim.toml: line 10, column 39: not valid TOML: illegal character '\\n'; fix that line in a text editor",
        "ivan-petrov.toml": "ivan-petrov.toml: meta.updated: input should be a valid datetime or date, invalid character in year",
        "jo-martin.toml": "jo-martin.toml: line 4: not UTF-8 text; re-save the file as UTF-8",
        "kai-moreau.toml": "kai-moreau.toml: on the roster, but no such file in the folder",
        "lena-vogel.toml": "lena-vogel.toml: on the roster, but no such file in the folder",
    }


def test_the_grid_shows_marks_fractions_and_a_roll_up(folder: Path, shipped: Library) -> None:
    review = scan(folder, library=shipped, now=NOW)
    sessions = columns(review, View.SESSIONS)
    assert [c.id for c in sessions] == [
        "visioning",
        "relationships",
        "coaching",
        "communication",
        "innovation",
        "influence",
        "promotion",
        "opportunity",
    ]
    by_name = {p.name: p for p in review.participants}
    assert cells(by_name["Ben Okafor"], sessions)[:5] == ["● 6/6", "● 6/6", "● 6/6", "◐ 2/6", "○ 0/6"]
    assert cells(by_name["Hana Kim"], sessions) == [""] * 8
    assert updated_cell(by_name["Dev Patel"]) == "01 Jun stale"
    assert updated_cell(by_name["Kai Moreau"]) == "? missing"
    assert rollup(review, sessions) == ["5/6", "4/6", "3/6", "2/6", "2/6", "1/6", "1/6", "1/6"]
    steps = columns(review, View.STEPS)
    assert [c.id for c in steps][:2] == ["mindset", "readiness"] and len(steps) == 8


def test_filters_and_sorts(folder: Path, shipped: Library) -> None:
    review = scan(folder, library=shipped, now=NOW)
    sessions = columns(review, View.SESSIONS)

    def names(**kwargs: object) -> list[str]:
        return [p.name for p in rows(review, sessions, **kwargs)]  # type: ignore[arg-type]

    assert names(name="okaf") == ["Ben Okafor"]
    assert names(name="lakeview") == ["Chloe Nguyen"]  # schools match too
    assert names(show=Show.STALE) == ["Dev Patel"]
    assert names(show=Show.PROBLEMS) == [
        "Gus Lindqvist",
        "Hana Kim",
        "Ivan Petrov",
        "Jo Martín",
        "Kai Moreau",
        "Lena Vogel",
    ]
    assert names(show=Show.DONE) == ["Ana Ruiz"]
    assert names(session="communication", show=Show.IN_PROGRESS) == ["Ben Okafor"]
    assert names(session="communication", show=Show.DONE) == ["Ana Ruiz", "Emma Schulz"]
    assert names(order=Order.UPDATED)[:3] == ["Emma Schulz", "Ben Okafor", "Farah Haddad"]
    assert names(order=Order.PROGRESS)[:2] == ["Ana Ruiz", "Emma Schulz"]
    assert names(order=Order.PROGRESS)[-1] == "Lena Vogel"


def test_rubric_distribution(folder: Path, shipped: Library) -> None:
    review = scan(folder, library=shipped, now=NOW)
    assert [t.id for t in review.scope.themes][:2] == ["growth.school-improvement", "growth.principal"]
    assert dict(review.distribution("growth.principal")) == {
        "exploring": 1,
        "emerging": 1,
        "established": 1,
        "leading": 1,
        "": 2,
    }


def test_private_answers_never_reach_the_review_or_the_cache(folder: Path, shipped: Library, tmp_path: Path) -> None:
    review = scan(folder, library=shipped, cache_dir=tmp_path / "cache", now=NOW)
    assert "communication.notes" in review.scope.private
    assert all(s not in repr(review) for s in SECRETS)
    cached = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*.json"))
    assert cached and all(s.encode() not in cached for s in SECRETS)
    chloe = next(p for p in review.participants if p.name == "Chloe Nguyen")
    # Private items count neither way: her private note alone leaves Session 2 at 0 of 6.
    assert chloe.mark("relationships").cell() == "◐ 0/6"
    workbook = review_files.read_participant(folder / "chloe-nguyen.toml", review.scope.private)
    assert workbook.value("visioning.notes") == review_files.PRIVATE
    assert workbook.value("mindset.doubts") == review_files.PRIVATE
    assert all(s not in repr(workbook) for s in SECRETS)


def test_the_cache_skips_unchanged_files(
    folder: Path, shipped: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    real = review_cache.summarise
    monkeypatch.setattr(review_cache, "summarise", lambda f, name, *a: read.append(name) or real(f, name, *a))
    cache = tmp_path / "cache"
    first = scan(folder, library=shipped, cache_dir=cache, now=NOW)
    assert len(read) == 10
    read.clear()
    second = scan(folder, library=shipped, cache_dir=cache, now=NOW)
    assert read == [] and second.participants == first.participants
    stamp = (folder / "ben-okafor.toml").stat()
    os.utime(folder / "ben-okafor.toml", ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))
    scan(folder, library=shipped, cache_dir=cache, now=NOW)
    assert read == ["ben-okafor.toml"]
    read.clear()
    for broken in cache.rglob("*.json"):
        broken.write_text("{not json")
    scan(folder, library=shipped, cache_dir=cache, now=NOW)
    assert len(read) == 10  # a broken cache is only a slower start


def test_the_cache_keeps_each_entry_once_but_not_a_file_changed_just_now(
    folder: Path, shipped: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Coarse mtimes could hide a second edit within the same tick: a file changed this recently
    # is read again next time, and every other entry, reused or read, is kept exactly once.
    cache = tmp_path / "cache"
    first = scan(folder, library=shipped, cache_dir=cache, now=NOW)
    os.utime(folder / "ben-okafor.toml")
    read: list[str] = []
    real = review_cache.summarise
    monkeypatch.setattr(review_cache, "summarise", lambda f, name, *a: read.append(name) or real(f, name, *a))
    scan(folder, library=shipped, cache_dir=cache, now=NOW)
    again = scan(folder, library=shipped, cache_dir=cache, now=NOW)
    assert read == ["ben-okafor.toml", "ben-okafor.toml"]
    assert [p.name for p in again.participants] == [p.name for p in first.participants]
    (kept,) = cache.rglob("*.json")
    names = [entry["file"] for entry in json.loads(kept.read_text("utf-8"))["entries"]]
    assert sorted(names) == sorted(name for name, _, _ in workbook_files(folder) if name != "ben-okafor.toml")


def test_names_that_are_not_utf8_are_reviewed_cached_and_reported(
    folder: Path, shipped: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder or a hand-in named in another encoding (an old zip tool): one line for the file, no crash."""
    odd = folder.rename(tmp_path / os.fsdecode(b"r\xe9vision"))
    (odd / os.fsdecode(b"ana-\xfe.toml")).write_bytes((odd / "ana-ruiz.toml").read_bytes())
    cache = tmp_path / "cache"
    first = scan(odd, library=shipped, cache_dir=cache, now=NOW)
    (misnamed,) = [p for p in first.participants if p.file == os.fsdecode(b"ana-\xfe.toml")]
    assert misnamed.state == "invalid" and "not UTF-8 text; rename the file" in (misnamed.error or "")
    assert "\\udcfe" in (misnamed.error or "")  # shown escaped, never as an unprintable character
    (kept,) = cache.rglob("*.json")
    assert len(json.loads(kept.read_text("utf-8"))["entries"]) == 10  # every readable file, once
    read: list[str] = []
    real = review_cache.summarise
    monkeypatch.setattr(review_cache, "summarise", lambda f, name, *a: read.append(name) or real(f, name, *a))
    again = scan(odd, library=shipped, cache_dir=cache, now=NOW)
    assert read == [] and again.participants == first.participants
    for fmt in ("md", "html", "csv"):
        assert render(again, fmt).decode("utf-8")


def test_the_cache_lives_in_the_user_cache_folder(folder: Path, shipped: Library, tmp_path: Path) -> None:
    scan(folder, library=shipped, now=NOW)
    assert list((Path(os.environ["XDG_CACHE_HOME"]) / "letstalk" / "review").glob("*.json"))


def test_sidecars_cohort_and_hidden_files_are_not_workbooks(folder: Path) -> None:
    (folder / "ana-ruiz.feedback.toml").write_text("")
    (folder / ".ana-ruiz.toml.1234.tmp").write_text("")
    (folder / ".hidden.toml").write_text("")
    (folder / "notes.txt").write_text("")
    names = [name for name, _, _ in workbook_files(folder)]
    assert "cohort.toml" not in names and "ana-ruiz.feedback.toml" not in names and ".hidden.toml" not in names
    assert len(names) == 10


def test_a_folder_that_is_not_there(tmp_path: Path, shipped: Library) -> None:
    with pytest.raises(ReviewError, match="not a folder"):
        scan(tmp_path / "nope", library=shipped)


def test_a_broken_cohort_file_is_reported_and_the_workbooks_still_show(folder: Path, shipped: Library) -> None:
    (folder / "cohort.toml").write_text('name = "x"\n[sessions.lunch]\n')
    review = scan(folder, library=shipped, now=NOW)
    assert any("sessions.lunch: not a session" in line for line in review.cohort_problems)
    assert len(review.participants) == 10  # no roster, so nobody is missing


def _many(tmp_path: Path, count: int) -> Path:
    """A folder ``many`` of ``count`` hand-ins, one person each."""
    folder = tmp_path / "many"
    folder.mkdir()
    workbook = new_workbook(owner="Someone")
    workbook.meta.participant = None  # as an older letstalk wrote them: each name is one person
    workbook.set_answer("visioning.commitment", "Meet the principal", at=NOW)
    workbook.set_status("visioning", Status.IN_PROGRESS, at=NOW)
    text = storage.dumps(workbook)
    for index in range(count):
        (folder / f"p{index:03}.toml").write_text(text.replace("Someone", f"Person {index:03}"), "utf-8")
    return folder


def test_many_files_are_read_in_worker_processes_with_progress(
    tmp_path: Path, shipped: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _many(tmp_path, review_cache.PARALLEL_MIN + 10)
    monkeypatch.setattr(review_cache, "_start_method", lambda count: "fork")
    seen: list[tuple[int, int]] = []
    review = scan(
        folder, library=shipped, cache_dir=tmp_path / "cache", workers=2, progress=lambda d, t: seen.append((d, t))
    )
    assert len(review.readable()) == review_cache.PARALLEL_MIN + 10
    assert seen[0] == (0, 60) and seen[-1] == (60, 60)
    serial = scan(folder, library=shipped, cache_dir=tmp_path / "other", workers=1)
    assert [p.entry for p in serial.participants] == [p.entry for p in review.participants]


def test_from_a_thread_a_large_folder_is_read_by_workers_a_fork_server_makes(
    tmp_path: Path, shipped: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The review app scans in a thread: forking then could deadlock a worker, so a fresh
    # single-threaded server forks them, even with Textual's stand-in for standard error (its
    # descriptor is -1); a second scan uses the same server.
    folder = _many(tmp_path, review_cache.PARALLEL_MIN + 10)
    monkeypatch.setattr(review_cache, "SPAWN_MIN", review_cache.PARALLEL_MIN + 1)

    class StandIn(io.StringIO):
        def fileno(self) -> int:
            return -1

    monkeypatch.setattr(sys, "stderr", StandIn())
    methods: list[str] = []
    parallel = review_cache._read_parallel

    def recorded(*args: Any) -> Any:
        methods.append(args[-1])
        return parallel(*args)

    monkeypatch.setattr(review_cache, "_read_parallel", recorded)
    found: list[Review] = []
    reader = threading.Thread(
        target=lambda: found.append(scan(folder, library=shipped, cache_dir=tmp_path / "cache", workers=2))
    )
    reader.start()
    reader.join()
    assert methods == ["forkserver"] and found, "the scan in a thread failed"
    serial = scan(folder, library=shipped, cache_dir=tmp_path / "other", workers=1)
    assert [p.entry for p in serial.participants] == [p.entry for p in found[0].participants]
    reader = threading.Thread(
        target=lambda: found.append(scan(folder, library=shipped, cache_dir=tmp_path / "again", workers=2))
    )
    reader.start()
    reader.join()
    assert methods == ["forkserver"] * 2 and len(found) == 2, "the second scan in a thread failed"
    assert [p.entry for p in found[1].participants] == [p.entry for p in serial.participants]


def test_a_scan_left_early_does_not_read_the_rest(
    tmp_path: Path, shipped: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The review app's progress callback raises once the app has quit: the chunks not yet
    # started are dropped, so quitting does not wait for the whole folder.
    folder = _many(tmp_path, review_cache.PARALLEL_MIN * 4)
    monkeypatch.setattr(review_cache, "_start_method", lambda count: "fork")
    calls: list[int] = []

    def gone(done: int, total: int) -> None:
        calls.append(done)
        if done:
            raise RuntimeError("the app is not running")

    with pytest.raises(RuntimeError):
        scan(folder, library=shipped, cache_dir=tmp_path / "cache", workers=2, progress=gone)
    assert calls[-1] < review_cache.PARALLEL_MIN * 4


def test_the_scope_fingerprint_follows_the_content(shipped: Library, mini_library: Library) -> None:
    assert Scope.from_library(shipped).fingerprint == Scope.from_library(load_library()).fingerprint
    assert Scope.from_library(shipped).fingerprint != Scope.from_library(mini_library).fingerprint
