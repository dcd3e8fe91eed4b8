"""Shared fixtures for the unit tests: the mini pack's path and shipped-content isolation."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from tests.paths import MINI

# Deterministic property tests for every unit test module: a fixed seed per test, no deadline
# (timing varies between machines), no example database written to the repo.
settings.register_profile(
    "letstalk-unit",
    database=None,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("letstalk-unit")
# Hypothesis caches constants it reads from our source during collection; keep that cache out of
# the checkout (it would otherwise make a .hypothesis folder in the working directory).
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "letstalk-hypothesis")


@pytest.fixture
def mini_pack() -> Path:
    """The path of the mini fixture pack (read it, never write it)."""
    return MINI


@pytest.fixture
def mini_content(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Hide the shipped content packs (an empty folder stands in) and return the mini pack's path.

    CLI calls then load no shipped pack; pass ``--content <mini_content>`` where content is needed.
    """
    empty = tmp_path_factory.mktemp("no-shipped-content")  # outside tmp_path: tests list that folder
    monkeypatch.setattr("letstalk.content.loader.builtin_content_dir", lambda: empty)
    return MINI


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A writable copy of the mini pack (the loader tests break it on purpose)."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))
