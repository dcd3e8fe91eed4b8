"""The collector waits for the frame that shows a change, and never stays off."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from letstalk.content import Library
from letstalk.tui.app import LetsTalkApp
from letstalk.tui.collector import LONGEST_PAUSE, collect_after_frame, pause_collector


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("here")


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


async def test_the_collector_is_off_until_the_frame_is_out() -> None:
    app = One()
    async with app.run_test() as pilot:
        collect_after_frame(app.screen)
        collect_after_frame(app.screen)  # a second change before the frame changes nothing
        assert not gc.isenabled()
        app.screen.refresh()
        await pilot.pause()
        assert gc.isenabled()


async def test_a_collector_already_off_is_left_off() -> None:
    app = One()
    async with app.run_test() as pilot:
        gc.disable()
        collect_after_frame(app.screen)
        await pilot.pause()
        await pilot.pause(LONGEST_PAUSE + 0.05)
        assert not gc.isenabled()


async def test_the_collector_comes_back_even_if_the_frame_callback_is_lost() -> None:
    app = One()
    async with app.run_test() as pilot:
        gone = app.query_one(Static)
        await gone.remove()  # a closed widget takes no more callbacks
        collect_after_frame(gone)
        assert not gc.isenabled()
        await pilot.pause(LONGEST_PAUSE + 0.05)
        assert gc.isenabled()


async def test_a_pause_that_ran_out_does_not_end_the_next_one_when_its_frame_comes() -> None:
    app = One()
    async with app.run_test() as pilot:
        late = pause_collector(app.screen, longest=0.05)
        await pilot.pause(0.15)  # ran out: the collector is back
        assert gc.isenabled()
        resume = pause_collector(app.screen, longest=30)
        late()
        assert not gc.isenabled()
        resume()
        assert gc.isenabled()


async def test_quitting_inside_a_pause_turns_the_collector_back_on(
    workbook_path: Path, mini_library: Library, open_app: Callable[..., LetsTalkApp]
) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        await pilot.pause()
        pause_collector(app.screen, longest=30)
        assert not gc.isenabled()
        await pilot.press("ctrl+q")
    assert gc.isenabled()


async def test_a_pause_ended_early_does_not_end_the_next_one() -> None:
    app = One()
    async with app.run_test() as pilot:
        pause_collector(app.screen, longest=0.1)()
        assert gc.isenabled()
        resume = pause_collector(app.screen, longest=30)
        await pilot.pause(0.2)  # the first pause's timer, had it been left running, fired by now
        assert not gc.isenabled()
        resume()
        assert gc.isenabled()
