"""The footer composes its keys again only when they change, and never after its screen has gone."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from letstalk.tui.widgets.footer import HelpFirstFooter


def _keys(app) -> list[str]:
    footer = app.screen.query_one(HelpFirstFooter)
    return [key.key for key in footer.query(FooterKey)]


async def test_a_late_recompose_after_the_screen_closed_does_nothing(open_app, workbook_path, shipped_library) -> None:
    # Each Tab asks the footer to recompose after the next refresh; Escape closes the screen
    # before those run (found in tmux: a NoScreen traceback on the way back to Home).
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_section("mindset")
        await app.workers.wait_for_complete()
        await pilot.pause()
        footer = app.screen.query_one(HelpFirstFooter)
        app.action_home()
        await pilot.pause()
        assert not footer.is_attached
        await footer.recompose()  # what a recompose asked for before the screen closed runs into
        assert app.screen.id != "section" and app.is_running
        assert _keys(app)[0] == "f1"  # Home's footer, Help first


async def test_the_footer_follows_the_screen_and_is_not_rebuilt_for_the_same_keys(
    open_app, workbook_path, shipped_library
) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home_keys = _keys(app)
        assert {"f1", "c", "p", "l"} <= set(home_keys)
        app.open_section("mindset")
        await app.workers.wait_for_complete()
        await pilot.pause()
        section_keys = _keys(app)
        assert "escape" in section_keys and "c" not in section_keys
        before = list(app.screen.query_one(HelpFirstFooter).query(FooterKey))
        await pilot.press("tab", "tab")  # from one answer to the next: the same keys
        await pilot.pause()
        after = list(app.screen.query_one(HelpFirstFooter).query(FooterKey))
        assert after == before  # the very same widgets: nothing was composed again
        await pilot.press("escape")
        await pilot.pause()
        assert _keys(app) == home_keys


async def test_footer_keys_are_made_in_the_style_they_keep(open_app, workbook_path, shipped_library) -> None:
    # Keys are made with their final `compact` (so mounting restyles none twice): the bound keys
    # follow the footer, the palette key stays compact, and the class matches the value.
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(HelpFirstFooter)
        keys = list(footer.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        assert len(palette) == 1 and palette[0].compact and palette[0].has_class("-compact")
        bound = [key for key in keys if key not in palette]
        assert bound and all(key.compact == footer.compact is False for key in bound)
        assert not any(key.has_class("-compact") for key in bound)
        footer.compact = True  # the binding still works after the keys were made this way
        await pilot.pause()
        assert all(key.compact and key.has_class("-compact") for key in bound)


async def test_no_key_is_cut_in_half_at_any_width(open_app, workbook_path, shipped_library) -> None:
    app = open_app(workbook_path, shipped_library)
    async with app.run_test(size=(80, 24)) as pilot:
        for opening in (None, "log", "mindset"):
            if opening == "log":
                app.action_log()
            elif opening:
                app.open_section(opening)
            for width in (120, 80, 60, 40):
                await pilot.resize_terminal(width, 24)
                await pilot.pause()
                await pilot.pause()
                footer = app.screen.query_one(HelpFirstFooter)
                keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
                palette = footer.query_one(".-command-palette", FooterKey)
                assert keys and keys[0].key == "f1", (opening, width)  # help first, always there
                for key in keys:  # each key whole, left of the palette key
                    assert key.region.right <= palette.region.x, (opening, width, key.key)
