"""Issue 18: honest progress, meetings in date order, export words, links (Pilot tests)."""

from __future__ import annotations

from datetime import date

from textual.widgets import OptionList, Static

from letstalk import plan as planning
from letstalk import storage
from letstalk.model import Meeting

from .test_workbook_app import settle


async def test_an_idea_bank_counts_ideas_adopted_not_zero_of_zero(open_app, workbook_path, shipped_library) -> None:
    ideas = next(s for s in shipped_library.all_sections() if any(i.kind == "idea" for i in s.items()))
    handle = storage.WorkbookFile.open(workbook_path)
    for item in [i for i in ideas.items() if i.kind == "idea"][:3]:
        handle.workbook.set_answer(item.id, True)
    handle.save()
    handle.close()
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        sections = app.screen.query_one("#sections", OptionList)
        row = sections.get_option_at_index(sections.get_option_index(ideas.id))
        assert "3 ideas adopted" in str(row.prompt)
        app.open_section(ideas.id)
        await settle(app, pilot)
        status = str(app.screen.query_one("#section-status", Static).render())
        assert "3 ideas adopted" in status and "0/0" not in status


async def test_meetings_show_in_date_order_in_the_plan_table(open_app, workbook_path, shipped_library) -> None:
    from textual.widgets import DataTable

    from .test_plan_screen import open_part

    handle = storage.WorkbookFile.open(workbook_path)
    planning.add(handle.workbook, Meeting, on="2027-03-02", with_whom="March team")
    planning.add(handle.workbook, Meeting, on="2026-11-20", with_whom="November team")
    handle.workbook.set_answer("listen.follow-up-date", date(2027, 1, 15))
    handle.save()
    handle.close()
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_part(app, pilot, "meetings")
        table = app.screen.query_one(DataTable)
        dates = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert dates == sorted(dates) and len(dates) == 3


async def test_export_speaks_plainly_asks_before_replacing_and_the_notice_stays(
    open_app, workbook_path, shipped_library
) -> None:
    from textual.widgets import Button, Input

    from letstalk.tui.screens.dialogs import ConfirmDialog, SaveAsDialog
    from letstalk.tui.widgets.export_notice import ExportNotice

    from .test_plan_screen import open_part

    target = workbook_path.with_name("ana-plan.html")
    target.write_text("an older export", "utf-8")
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_part(app, pilot, "preview")
        await pilot.press("x")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        labels = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert labels[:4] == [
            "Printable plan (web page)",
            "Conversation card (web page to print)",
            "Calendar file (Outlook, Google, Apple)",
            "Spreadsheet of actions",
        ]
        assert any(label.startswith("Markdown") for label in labels)
        choices.highlighted = choices.get_option_index("html")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the parts that go out, as they were last time
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the file is there: ask first
        await pilot.click("#no")
        await pilot.pause()
        assert target.read_text("utf-8") == "an older export"
        assert isinstance(app.screen, SaveAsDialog)  # choose another name
        await pilot.press("enter")  # the same name again: she asked for it this time
        await pilot.pause()
        await pilot.click("#yes")
        await settle(app, pilot)
        assert "<html" in target.read_text("utf-8")
        notice = app.screen.query_one(ExportNotice)
        assert notice.display and "Printable plan (web page) saved to" in str(notice.query_one(Static).render())
        await pilot.press("tab")
        await pilot.pause()
        assert notice.display  # no timer: it stays until she dismisses it
        notice.query_one(Button).press()
        await pilot.pause()
        assert not notice.display


async def test_a_link_that_cannot_open_shows_its_address(open_app, workbook_path, mini_library, monkeypatch) -> None:
    from textual.widgets import TextArea

    from letstalk.tui.screens.link import LinkDialog
    from letstalk.tui.widgets.items import widget_id

    monkeypatch.setattr("letstalk.tui.screens.link.start_browser", lambda url: False)
    copied: list[str] = []
    app = open_app(workbook_path, mini_library)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_section("second")
        await settle(app, pilot)
        resources = app.screen.query_one(f"#{widget_id('second.resources', 'res-')}", OptionList)
        resources.focus()
        resources.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LinkDialog)
        assert "No web browser could be started" in str(dialog.query_one(".dialog-message", Static).render())
        assert dialog.query_one("#address", TextArea).text == "https://example.org/framework"
        await pilot.press("enter")  # Copy is focused
        await pilot.pause()
        assert copied == ["https://example.org/framework"]
        assert not any(str(n.message).startswith("Opening") for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LinkDialog)


async def test_the_section_title_stays_while_the_body_scrolls(open_app, workbook_path, shipped_library) -> None:
    from textual.containers import VerticalScroll

    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "ana.toml" in app.sub_title and "[✓ saved]" in app.sub_title  # the file, so a Save as shows
        app.open_section("listen")
        await settle(app, pilot)
        title = app.screen.query_one("#section-title", Static)
        body = app.screen.query_one("#section", VerticalScroll)
        assert title.parent is not body and "What Matters Most to My Principal?" in str(title.render())
        body.scroll_end(animate=False)
        await pilot.pause()
        assert body.scroll_y > 0 and title.region.y == 1  # still right under the header
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.sub_title.endswith("[✓ saved]")
        assert "[✓ saved]" in header_line(app)


def header_line(app) -> str:
    """The header as drawn: the top row of the screen."""
    return app.screen._compositor.render_strips()[0].text


async def test_the_save_state_is_never_cut_from_the_header(open_app, workbook_path, shipped_library) -> None:
    handle = storage.WorkbookFile.open(workbook_path)
    handle.workbook.meta.owner, handle.workbook.meta.school = "Ana Ruiz", "Oak Ridge Elementary"
    handle.save()
    handle.close()
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        for width in (120, 80, 72, 60, 50):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            assert "[✓ saved]" in header_line(app), f"cut at {width} columns: {header_line(app)!r}"
            assert "ana.toml" in header_line(app)


async def test_the_actions_table_fits_the_terminal_and_never_cuts_a_name(
    open_app, workbook_path, shipped_library
) -> None:
    from textual.widgets import DataTable

    from letstalk.model import Action

    from .test_plan_screen import open_part

    what = "Meet each 3rd grade team to plan one research unit together."  # 60 characters
    owner = "Dr. Maya Chen-Rodriguez"
    assert len(what) == 60
    handle = storage.WorkbookFile.open(workbook_path)
    planning.add(handle.workbook, Action, what=what, owner=owner, due="2027-01-15")
    handle.save()
    handle.close()
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_part(app, pilot, "actions")
        table = app.screen.query_one(DataTable)
        columns = {str(c.label): c for c in table.columns.values()}
        assert columns["Owner"].width >= len(owner)
        shown = table.get_row_at(0)
        assert str(shown[0]) == what and str(shown[1]) == owner  # the whole title, wrapped if need be
        assert sum(c.width + 2 for c in table.columns.values()) <= 120 - 28
        await pilot.resize_terminal(80, 24)
        app.screen.rebuild()
        await pilot.pause()
        columns = {str(c.label): c for c in table.columns.values()}
        assert columns["Owner"].width >= len(owner)
        owner_x = sum(c.width + 2 for c in list(table.columns.values())[:1])
        assert owner_x + len(owner) + 2 <= table.size.width  # the whole name is on screen at 80 columns
