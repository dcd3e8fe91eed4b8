"""SVG snapshots of the main screens at 80x24 and 120x40, and Home and a step at 60x20 (update with --snapshot-update)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from letstalk import storage

SIZES = [(80, 24), (120, 40)]
AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def filled_path(workbook_path):
    """A workbook with a few answers, fixed dates, so snapshots do not drift."""
    handle = storage.WorkbookFile.open(workbook_path)
    wb = handle.workbook
    wb.set_answer("mindset.write-beliefs", True, at=AT)
    wb.set_answer("mindset.list-strengths", True, at=AT)
    wb.set_answer("visioning.commitment", "Draft a one-page mission with my principal", at=AT)
    wb.set_answer("visioning.commitment-due", date(2027, 1, 15), at=AT)
    wb.rate("growth.principal", "emerging", at=AT)
    wb.set_status("mindset", wb.status("mindset").IN_PROGRESS, at=AT)
    handle.save()
    handle.close()
    return workbook_path


def _open(open_app, path, library, section: str | None):
    app = open_app(path, library)

    async def before(pilot) -> None:
        if section:
            app.open_section(section)
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.save_now()  # settle the debounced save, so the header always says "saved"
        await app.workers.wait_for_complete()
        await pilot.pause()

    return app, before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("section", [None, "mindset", "visioning", "growth"], ids=["home", "step", "session", "rubric"])
def test_screens(snap_compare, open_app, filled_path, shipped_library, section, size) -> None:
    app, before = _open(open_app, filled_path, shipped_library, section)
    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("section", [None, "mindset"], ids=["home", "step"])
def test_small_screens(snap_compare, open_app, filled_path, shipped_library, section) -> None:
    """At 60x20 the save state and the help key are still in sight."""
    app, before = _open(open_app, filled_path, shipped_library, section)
    assert snap_compare(app, terminal_size=(60, 20), run_before=before)


@pytest.mark.parametrize("section", [None, "mindset"], ids=["home", "step"])
async def test_small_screens_keep_the_save_state_and_help(open_app, filled_path, shipped_library, section) -> None:
    from textual.widgets._footer import FooterKey

    app = open_app(filled_path, shipped_library)
    async with app.run_test(size=(60, 20)) as pilot:
        if section:
            app.open_section(section)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_now()  # settle the debounced save (opening a step records where she is)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.sub_title.endswith("[✓ saved]")
        help_key = next(key for key in app.screen.query(FooterKey) if key.key == "f1")
        assert help_key.region.right <= 60 and help_key.region.width > 0  # drawn, not cut off
