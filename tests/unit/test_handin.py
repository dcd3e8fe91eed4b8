"""Hand-in copies, one person one row, ``updated`` that means changed, and the one meaning of done."""

from __future__ import annotations

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from review_support import FIXTURE, NOW, shipped  # noqa: F401 - fixtures

from letstalk import storage
from letstalk.cli import main
from letstalk.content import Library
from letstalk.errors import WorkbookError
from letstalk.handin import HandIn, HandInError, file_name, hand_in, make_copy, slug
from letstalk.model import Progress, Standing, Status, new_workbook, standing
from letstalk.review import scan
from letstalk.review.grid import Show, View, cells, columns, rollup, rows, updated_cell


def _private(library: Library) -> list[str]:
    return [item_id for item_id, located in library.items.items() if located.item.private]


@pytest.fixture
def ana(tmp_path: Path) -> Path:
    """Ana's full workbook (private answers included) with the cohort file she joined beside it."""
    home = tmp_path / "ana"
    home.mkdir()
    shutil.copy(FIXTURE / "ana-ruiz.toml", home / "ana.toml")
    shutil.copy(FIXTURE / "cohort.toml", home / "cohort.toml")
    return home / "ana.toml"


def _hand_in(workbook: Path, library: Library, output: Path) -> tuple[Path, HandIn]:
    """Open the workbook, hand it in to ``output``, and let go of it."""
    handle = storage.WorkbookFile.open(workbook)
    try:
        return hand_in(handle, library, output)
    finally:
        handle.close()


def test_a_hand_in_holds_no_private_item_at_all(ana: Path, tmp_path: Path, shipped: Library) -> None:
    full = ana.read_text("utf-8")
    private = [i for i in _private(shipped) if f'"{i}"' in full]
    assert len(private) >= 3  # the fixture answers several private items
    secrets = [storage.load(ana).value(i) for i in private]
    out = tmp_path / "out"
    out.mkdir()
    path, made = _hand_in(ana, shipped, out)
    text = path.read_text("utf-8")
    assert path == out / "ana-ruiz.toml"  # the roster's file name for Ana
    assert made.private == len(private)
    assert made.left_out().startswith(f"{len(private)} private answers left out")
    for item_id, secret in zip(private, secrets, strict=True):
        assert item_id not in text
        assert str(secret) not in text
    copy = storage.load(path)
    assert copy.meta.handed_in is not None
    assert copy.meta.participant and copy.meta.participant == storage.load(ana).meta.participant
    assert copy.meta.cohort is None and copy.position.section is None
    assert "visioning.vision" in copy.answers or copy.answers  # the shareable answers stay


def test_the_participant_id_is_made_once_and_updated_never_moves(ana: Path, tmp_path: Path, shipped: Library) -> None:
    before = storage.load(ana)
    assert before.meta.participant is None  # an older workbook: no id yet
    ids = []
    for name in ("first.toml", "second.toml"):
        handle = storage.WorkbookFile.open(ana)
        try:
            path, _ = hand_in(handle, shipped, tmp_path / name)
        finally:
            handle.close()
        ids.append(storage.load(path).meta.participant)
    after = storage.load(ana)
    assert ids[0] == ids[1] == after.meta.participant
    assert after.meta.updated == before.meta.updated
    assert after.answers == before.answers


def test_hand_in_file_names(shipped: Library) -> None:
    workbook = new_workbook(owner="Zoë O'Brien-Ñúñez")
    assert file_name(workbook) == "zoe-o-brien-nunez.toml"
    assert file_name(new_workbook()) == "workbook.toml"
    assert slug("  ") == "workbook"
    assert len(slug("x" * 500)) <= 80


def test_a_hand_in_never_replaces_her_workbook_or_another_file(ana: Path, tmp_path: Path, shipped: Library) -> None:
    other = tmp_path / "notes.toml"
    other.write_text('title = "mine"\n')
    handle = storage.WorkbookFile.open(ana)
    try:
        with pytest.raises(HandInError, match="your workbook itself"):
            hand_in(handle, shipped, ana)
        with pytest.raises(HandInError, match="not a hand-in already exists"):
            hand_in(handle, shipped, other)
        with pytest.raises(HandInError, match="does not exist"):
            hand_in(handle, shipped, tmp_path / "nowhere" / "x.toml")
        first, _ = hand_in(handle, shipped, tmp_path / "copy.toml")
        again, _ = hand_in(handle, shipped, tmp_path / "copy.toml")  # an earlier hand-in is replaced
    finally:
        handle.close()
    assert other.read_text() == 'title = "mine"\n'
    assert first == again and storage.load(again).meta.handed_in is not None


def test_a_hand_in_never_replaces_another_participants(ana: Path, tmp_path: Path, shipped: Library) -> None:
    ben = tmp_path / "ben.toml"
    storage.create(ben, new_workbook(owner="Ben Okafor", school="Hillside"))
    target = tmp_path / "out.toml"
    _hand_in(ben, shipped, target)
    before = target.read_bytes()
    with pytest.raises(HandInError, match="Ben Okafor's hand-in is already here, not yours"):
        _hand_in(ana, shipped, target)
    assert target.read_bytes() == before
    _hand_in(ben, shipped, target)  # his own earlier copy: replaced
    assert storage.load(target).meta.owner == "Ben Okafor"


def test_a_workbook_from_a_newer_letstalk_is_not_handed_in(tmp_path: Path, shipped: Library) -> None:
    newer = tmp_path / "newer.toml"
    storage.create(newer, new_workbook(owner="Ana Ruiz"))
    text = newer.read_text("utf-8").replace("schema_version = 1", "schema_version = 2")
    newer.write_text(
        text + '\n[[log.entries]]\nid = "l-9"\non = 2026-11-12\nwhat = "NEWER-PRIVATE"\nvisibility = "private"\n'
    )
    with pytest.raises(WorkbookError, match=r"written by a newer letstalk \(schema 2\); a copy made by this one"):
        _hand_in(newer, shipped, tmp_path / "copy.toml")
    assert not (tmp_path / "copy.toml").exists()
    assert main(["handin", "-w", str(newer), "-o", str(tmp_path / "copy.toml")]) == 1


def test_a_hand_in_holds_no_plan_entry_marked_just_for_me(ana: Path, tmp_path: Path, shipped: Library) -> None:
    from datetime import date

    from letstalk.model.plan_data import Action, CurriculumEntry, Goal, Meeting, Stakeholder

    workbook = storage.load(ana)
    plan = workbook.plan
    plan.stakeholders += [
        Stakeholder(id="p-9", name="Dr Grant", cares_about="SECRET-PERSON thinks libraries waste money", private=True),
        Stakeholder(id="p-10", name="Ms Lee", cares_about="shared with everyone"),
    ]
    plan.goals.append(Goal(id="g-9", title="SECRET-GOAL leave this school", private=True))
    plan.actions.append(Action(id="a-9", what="SECRET-ACTION ask the district about a transfer", private=True))
    plan.curriculum.append(CurriculumEntry(id="c-9", course="SECRET-COURSE", private=True))
    plan.meetings.append(
        Meeting(id="m-9", on=date(2026, 12, 9), notes="SECRET-MEETING he was dismissive", private=True)
    )
    ana.write_text(storage.dumps(workbook), "utf-8")
    path, made = _hand_in(ana, shipped, tmp_path)
    text = path.read_text("utf-8")
    assert "SECRET-" not in text and "private = true" not in text
    assert "Ms Lee" in text  # what she shares still goes
    assert made.plan_private == 5 and "5 just-for-me plan entries left out" in made.left_out()


def test_cli_handin_says_where_and_what_was_left_out(
    ana: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["handin", "-w", str(ana)]) == 0
    said = capsys.readouterr().out
    assert f"Wrote {tmp_path / 'ana-ruiz.toml'}" in said and "private answers left out" in said
    assert "nervous about the board" not in (tmp_path / "ana-ruiz.toml").read_text("utf-8")
    assert main(["handin", "-w", str(ana), "-o", str(ana)]) == 1


# -- one person, one row ----------------------------------------------------------------------


def _handed_in(ana: Path, shipped: Library, at: datetime, target: Path) -> None:
    copy = make_copy(storage.load(ana), shipped, at=at).workbook
    copy.meta.participant = "9f0c1d2e-0000-4000-8000-000000000001"
    target.write_text(storage.dumps(copy), "utf-8")


def test_review_shows_a_person_once_and_lists_her_older_copy(ana: Path, tmp_path: Path, shipped: Library) -> None:
    folder = tmp_path / "review"
    shutil.copytree(FIXTURE, folder)
    (folder / "ana-ruiz.toml").unlink()
    _handed_in(ana, shipped, datetime(2026, 11, 3, tzinfo=UTC), folder / "ana-ruiz.toml")
    _handed_in(ana, shipped, datetime(2026, 11, 20, tzinfo=UTC), folder / "ana-ruiz (1).toml")
    review = scan(folder, library=shipped, cache_dir=tmp_path / "cache", now=NOW)
    anas = [p for p in review.participants if p.name == "Ana Ruiz"]
    assert len(anas) == 1 and anas[0].file == "ana-ruiz (1).toml" and anas[0].on_roster
    assert len(review.participants) == 12  # the roster of 12, no one twice
    notes = review.notes()
    assert "ana-ruiz.toml: older copy of Ana Ruiz's hand-in, 3 Nov; ana-ruiz (1).toml (20 Nov) counts" in notes
    assert not anas[0].entry.full and updated_cell(anas[0]) == "20 Nov"
    chloe = next(p for p in review.participants if p.name == "Chloe Nguyen")
    assert chloe.entry.full and updated_cell(chloe, iso=True).endswith("full workbook")


def test_files_without_an_id_group_by_owner_and_school(tmp_path: Path, shipped: Library) -> None:
    folder = tmp_path / "review"
    folder.mkdir()
    shutil.copy(FIXTURE / "ana-ruiz.toml", folder / "ana-ruiz.toml")
    shutil.copy(FIXTURE / "ana-ruiz.toml", folder / "ana-ruiz (1).toml")
    shutil.copy(FIXTURE / "ben-okafor.toml", folder / "ben-okafor.toml")
    review = scan(folder, library=shipped, cache_dir=tmp_path / "cache", now=NOW)
    assert [p.name for p in review.participants] == ["Ana Ruiz", "Ben Okafor"]
    assert sum(len(p.older) for p in review.participants) == 1
    assert all(r.endswith("/2") for r in rollup(review, columns(review, View.SESSIONS)))  # two people, not three
    assert not any("not on the cohort roster" in line for line in review.notes())  # no cohort file here


# -- the one meaning of done -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "done", "total", "expected"),
    [
        (Status.DONE, 0, 5, Standing.DONE),
        (Status.NOT_STARTED, 5, 5, Standing.ANSWERED),
        (Status.IN_PROGRESS, 5, 5, Standing.ANSWERED),
        (Status.IN_PROGRESS, 0, 5, Standing.IN_PROGRESS),
        (Status.NOT_STARTED, 1, 5, Standing.IN_PROGRESS),
        (Status.NOT_STARTED, 0, 5, Standing.NOT_STARTED),
        (Status.NOT_STARTED, 0, 0, Standing.NOT_STARTED),
    ],
)
def test_done_means_she_marked_it_done(status: Status, done: int, total: int, expected: Standing) -> None:
    assert standing(status, Progress(done, total)) is expected


def test_all_answered_but_not_marked_is_not_counted_done(tmp_path: Path, shipped: Library) -> None:
    folder = tmp_path / "review"
    folder.mkdir()
    workbook = new_workbook(owner="Ana Ruiz")
    for item in shipped.sections["visioning"].answerable():  # a private one too: Home counts it, review cannot
        workbook.set_answer(item.id, "yes" if item.kind in ("text", "long") else True)  # type: ignore[attr-defined]
    workbook.set_status("visioning", Status.IN_PROGRESS)
    (folder / "ana.toml").write_text(storage.dumps(workbook), "utf-8")
    review = scan(folder, library=shipped, cache_dir=tmp_path / "cache", now=NOW)
    ana = review.participants[0]
    assert ana.mark("visioning").state is Standing.ANSWERED
    assert cells(ana, [columns(review, View.SESSIONS)[0]])[0].startswith("◕")
    assert review.completed("visioning") == 0
    assert rows(review, columns(review, View.SESSIONS), session="visioning", show=Show.ANSWERED) == [ana]
    assert rows(review, columns(review, View.SESSIONS), session="visioning", show=Show.DONE) == []
    assert workbook.standing(shipped.sections["visioning"]) is Standing.ANSWERED  # Home says the same


# -- updated means changed --------------------------------------------------------------------


def test_opening_moving_and_joining_never_move_updated(ana: Path, shipped: Library) -> None:
    before = storage.load(ana).meta.updated
    handle = storage.WorkbookFile.open(ana)
    try:
        handle.workbook.move_to("visioning", "visioning.vision")
        handle.save()
        handle.workbook.record_packs(shipped)
        handle.save()
    finally:
        handle.close()
    assert storage.load(ana).meta.updated == before
    assert main(["cohort", "join", str(ana.parent / "cohort.toml"), "--workbook", str(ana)]) == 0
    assert storage.load(ana).meta.updated == before
    handle = storage.WorkbookFile.open(ana)
    try:
        handle.workbook.set_answer("visioning.commitment", "Something new")
        handle.save()
    finally:
        handle.close()
    assert storage.load(ana).meta.updated > before


def test_plain_mode_opening_a_section_and_typing_nothing_keeps_updated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dev = tmp_path / "dev.toml"
    assert main(["new", str(dev), "--owner", "Dev"]) == 0
    text = dev.read_text("utf-8").replace(
        f"updated = {storage.load(dev).meta.updated.isoformat(sep=' ')}", "updated = 2026-01-02 03:04:05+00:00"
    )
    dev.write_text(text, "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("9\n\nquit\n"))
    assert main(["--plain", "-w", str(dev)]) == 0
    after = storage.load(dev)
    assert after.meta.updated == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_a_read_only_workbook_without_an_id_hands_in_again_over_its_own_copy(tmp_path: Path, shipped: Library) -> None:
    path = tmp_path / "ana.toml"
    storage.create(path, new_workbook(owner="Ana Ruiz", school="Hillside"))
    path.write_text("\n".join(line for line in path.read_text("utf-8").splitlines() if "participant" not in line))
    for _ in range(2):  # each time a fresh id in memory, never saved: the second is still hers
        handle = storage.WorkbookFile.open(path)
        handle.read_only = "the file is marked read-only"
        try:
            written, _ = hand_in(handle, shipped, tmp_path / "out.toml")
        finally:
            handle.close()
    assert storage.load(written).meta.owner == "Ana Ruiz"
