"""Pilot tests for the Plan screen: goals, actions, ideas, preview and export."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable, Input, Markdown, OptionList, Select, Static, TextArea

from letstalk.tui.screens.entry import EntryDialog
from letstalk.tui.screens.plan import PlanScreen
from tests.paths import RICH

from .pilot import saved, settle


async def open_part(app, pilot, key: str) -> None:
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(app.screen, PlanScreen)
    parts = app.screen.query_one("#plan-parts", OptionList)
    parts.highlighted = parts.get_option_index(key)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def fill(app, pilot, values: dict[str, str]) -> None:
    dialog = app.screen
    assert isinstance(dialog, EntryDialog)
    for name, value in values.items():
        widget = dialog.query_one(f"#f-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def test_add_a_goal_and_see_what_smart_parts_are_missing(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_part(app, pilot, "goals")
        await pilot.press("a")
        await pilot.pause()
        await fill(
            app, pilot, {"title": "Every Grade 7 class does one co-taught research unit", "specific": "Ecosystems unit"}
        )
        goals = saved(workbook_path)["plan"]["goals"]
        assert goals[0]["title"].startswith("Every Grade 7") and goals[0]["id"] == "g-1"
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert "S · · · ·" in str(table.get_row_at(0)[1])


async def test_add_an_action_rejects_a_bad_date_and_keeps_the_form(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_part(app, pilot, "actions")
        await pilot.press("a")
        await pilot.pause()
        await fill(app, pilot, {"what": "Book the library for inquiry week", "due": "2026-02-30"})
        assert isinstance(app.screen, EntryDialog)
        assert "February 2026" in str(app.screen.query_one("#problem", Static).render())
        assert app.screen.query_one("#f-what", TextArea).text == "Book the library for inquiry week"
        await fill(app, pilot, {"due": "2026-04-20"})
        action = saved(workbook_path)["plan"]["actions"][0]
        assert action["what"] == "Book the library for inquiry week"
        assert str(action["due"]) == "2026-04-20" and action["owner"] == "Ana Ruiz"


async def test_adopt_an_idea_into_the_actions(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_part(app, pilot, "actions")
        await pilot.press("i")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        choices.highlighted = choices.get_option_index("ideas.discovery-days")
        await pilot.press("enter")
        await settle(app, pilot)
        data = saved(workbook_path)
        assert data["plan"]["actions"][0]["idea"] == "ideas.discovery-days"
        assert data["answers"]["ideas.discovery-days"]["value"] is True


async def test_reorder_and_delete(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_part(app, pilot, "learning")
        for text in ("Databases in ten minutes", "Citations made simple"):
            await pilot.press("a")
            await pilot.pause()
            await fill(app, pilot, {"text": text})
        table = app.screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert saved(workbook_path)["plan"]["learning"] == ["Citations made simple", "Databases in ten minutes"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(app, pilot)
        assert len(saved(workbook_path)["plan"]["learning"]) == 1


async def test_vision_typed_here_is_saved(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_part(app, pilot, "vision")
        area = app.screen.query_one("#text-vision", TextArea)
        area.focus()
        await pilot.press(*"Readers and researchers")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert saved(workbook_path)["plan"]["vision"] == "Readers and researchers"


async def test_preview_and_export_html_without_private_answers(open_app, tmp_path, shipped_library) -> None:
    path = tmp_path / "rich.toml"
    shutil.copy(RICH, path)
    app = open_app(path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")  # rich.toml reopens in a section
        await pilot.pause()
        await open_part(app, pilot, "preview")
        assert app.screen.query_one("#preview", Markdown)
        await pilot.press("x")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        choices.highlighted = choices.get_option_index("html")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the parts, as ticked: for my principal
        await pilot.pause()
        target = tmp_path / "plan.html"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
    html = target.read_text("utf-8")
    assert "<html" in html and "&lt;script&gt;" in html
    private = str(app.workbook.value("mindset.doubts"))
    assert private and private not in html


async def test_export_never_replaces_a_workbook(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    before = workbook_path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_part(app, pilot, "preview")
        await pilot.press("x")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        choices.highlighted = choices.get_option_index("md")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        elsewhere = workbook_path.with_name("elsewhere.md")
        elsewhere.write_text("mine\n")
        link = workbook_path.with_name("link.md")
        link.symlink_to(elsewhere)
        for refused, why in ((workbook_path, "is a workbook file name"), (link, "symbolic link")):
            dialog.query_one("#path", Input).value = str(refused)
            await pilot.press("enter")
            await settle(app, pilot)
            # Said under the field, and the dialog stays for another name: the format and parts chosen stay too.
            assert app.screen is dialog and why in str(dialog.query_one("#problem", Static).render())
        await pilot.press("escape")
        await settle(app, pilot)
    assert elsewhere.read_text() == "mine\n"
    assert (
        workbook_path.read_bytes()[:20] == before[:20]
        and b"Collaborative library plan" not in workbook_path.read_bytes()
    )


async def test_reopens_in_the_plan_when_she_left_off_there(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test() as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.handle.close()
    again = open_app(workbook_path, shipped_library)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, PlanScreen)
        await pilot.press("escape")
        await settle(again, pilot)
    assert saved(workbook_path)["position"].get("in_plan", False) is False


async def test_export_parts_are_checkboxes_remembered_per_workbook(open_app, tmp_path, shipped_library) -> None:
    from textual.widgets import SelectionList

    from letstalk.settings import load_settings

    path = tmp_path / "rich.toml"
    shutil.copy(RICH, path)
    before = path.read_bytes()

    async def export_html(app, pilot, target: Path) -> SelectionList:
        await pilot.press("x")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        choices.highlighted = choices.get_option_index("html")
        await pilot.press("enter")
        await pilot.pause()
        return app.screen.query_one("#parts", SelectionList)

    def boxes(parts: SelectionList) -> dict[str, str]:
        """Each part's box as drawn: the character between its brackets."""
        drawn = {}
        for y in range(parts.option_count):
            text = parts.render_line(y).text
            drawn[parts.get_option_at_index(y).value] = text[text.index("▐") + 1]
        return drawn

    async def confirm(app, pilot, target: Path) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)

    app = open_app(path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        await open_part(app, pilot, "preview")
        parts = await export_html(app, pilot, tmp_path / "first.html")
        assert "rubric" not in parts.selected and "goals" in parts.selected  # for my principal, at first
        assert boxes(parts)["rubric"] == " " and boxes(parts)["goals"] == "✓"  # seen without colour too
        parts.select("rubric")
        await pilot.pause()
        assert boxes(parts)["rubric"] == "✓"
        await confirm(app, pilot, tmp_path / "first.html")
        parts = await export_html(app, pilot, tmp_path / "second.html")
        assert "rubric" in parts.selected  # remembered for this workbook
        await confirm(app, pilot, tmp_path / "second.html")
    assert "Emerging ●" in (tmp_path / "first.html").read_text("utf-8")
    assert "Emerging ●" in (tmp_path / "second.html").read_text("utf-8")
    choice = load_settings().export_choice(path)
    assert choice is not None and "rubric" in choice.parts and not choice.private
    from letstalk import storage

    # The choice lives in settings, never in the workbook.
    assert storage.load(path).plan == storage.loads(before.decode("utf-8")).plan and b"export" not in path.read_bytes()


async def test_search_finds_plan_entries_and_enter_opens_the_plan_there(open_app, tmp_path, shipped_library) -> None:
    from letstalk.search import search

    path = tmp_path / "rich.toml"
    shutil.copy(RICH, path)
    app = open_app(path, shipped_library)
    hits = [h for h in search(shipped_library, app.workbook, "single sign-on") if h.plan_part]
    assert [(h.plan_part, h.item_id, h.where) for h in hits] == [("actions", "a-4", "Plan · Actions")]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        app.action_search()
        await pilot.pause()
        await pilot.press(*"single sign-on")
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, PlanScreen) and app.screen.part.key == "actions"
        table = app.screen.query_one(DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "a-4"


async def test_unticking_an_adopted_idea_asks_before_removing_its_action(open_app, tmp_path, shipped_library) -> None:
    from textual.widgets import Button, Checkbox

    from letstalk.tui.screens.dialogs import ConfirmDialog
    from letstalk.tui.widgets.items import widget_id
    from tests.tui.pilot import opened

    path = tmp_path / "rich.toml"
    shutil.copy(RICH, path)
    app = open_app(path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        section = shipped_library.items["ideas.database-workshops"].section.id
        screen = await opened(app, pilot, section)
        box = screen.query_one(f"#{widget_id('ideas.database-workshops')}", Checkbox)
        assert box.value  # ticked, and adopted as action a-3 in rich.toml
        box.value = False
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        app.screen.query_one("#no", Button).press()  # keep the worked action
        await pilot.pause()
        assert any(a.id == "a-3" for a in app.workbook.plan.actions)
        box.value = True
        await pilot.pause()
        box.value = False
        await pilot.pause()
        app.screen.query_one("#yes", Button).press()
        await settle(app, pilot)
        assert not any(a.id == "a-3" for a in app.workbook.plan.actions)
    assert "a-3" not in [a["id"] for a in saved(path)["plan"]["actions"]]


async def test_editing_an_entry_types_after_what_is_there(open_app, tmp_path, shipped_library) -> None:
    path = tmp_path / "rich.toml"
    shutil.copy(RICH, path)
    app = open_app(path, shipped_library)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_home()  # rich.toml reopens in the section she left
        await pilot.pause()
        await open_part(app, pilot, "actions")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        first = dialog.focused
        assert isinstance(first, TextArea | Input)
        before = first.text if isinstance(first, TextArea) else first.value
        assert before.strip()
        await pilot.press("X")
        after = first.text if isinstance(first, TextArea) else first.value
        assert after == before + "X"  # not "X" + the old text
        for field in dialog.query(Input):
            assert field.cursor_position == len(field.value)


async def test_a_workbook_from_a_newer_letstalk_is_not_exported(open_app, tmp_path, mini_library) -> None:
    from letstalk import storage
    from letstalk.model import new_workbook

    path = tmp_path / "newer.toml"
    storage.create(path, new_workbook(owner="Ana Ruiz"))
    path.write_text(path.read_text("utf-8").replace("schema_version = 1", "schema_version = 2"), "utf-8")
    app = open_app(path, mini_library)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_plan()
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)  # no format to choose: nothing goes out
        said = [str(n.message) for n in app._notifications]
        assert any("written by a newer letstalk (schema 2)" in line for line in said)


async def test_a_meeting_at_7_45_is_kept_and_a_bad_time_takes_her_to_the_field(
    open_app, workbook_path, shipped_library
) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_part(app, pilot, "meetings")
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EntryDialog)
        assert dialog.query_one("#f-private", Select).value == "False"  # shared, said in words
        await fill(app, pilot, {"on": "2026-12-15", "start": "7:4x", "with_whom": "Dr. Chen"})
        dialog.query_one("#f-with_whom", Input).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and app.focused is dialog.query_one("#f-start", Input)
        note = str(dialog.query_one("#e-start", Static).render())
        assert "not a time: type it like 07:45, 15:30 or 2:30 pm" in note
        dialog.query_one("#f-start", Input).value = "7:45"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is not dialog
    meeting = saved(workbook_path)["plan"]["meetings"][0]
    assert str(meeting["start"]) == "07:45:00" and meeting.get("private", False) is False
