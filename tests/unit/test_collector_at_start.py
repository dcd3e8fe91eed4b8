"""The garbage collector is paused while letstalk starts and always back on for a long command."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from letstalk import __main__ as launcher
from letstalk.cli import common


def test_a_short_command_runs_paused_and_leaves_the_collector_on(tmp_path: Path, monkeypatch, capsys) -> None:
    seen: list[bool] = []

    def main() -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr("letstalk.cli.main", main)
    assert launcher.run() == 0
    assert seen == [False] and gc.isenabled()


def test_the_collector_is_back_on_when_the_command_fails(monkeypatch) -> None:
    def main() -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr("letstalk.cli.main", main)
    with pytest.raises(RuntimeError):
        launcher.run()
    assert gc.isenabled()


def test_resuming_for_the_app_freezes_what_start_up_built(monkeypatch) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    gc.disable()
    try:
        common.resume_collector(freeze=True)
        assert frozen == [True] and gc.isenabled()
        gc.disable()
        common.resume_collector()
        assert frozen == [True] and gc.isenabled()
    finally:
        gc.enable()
