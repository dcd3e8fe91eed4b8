"""Fixtures for every test: private user folders, and the two libraries (mini pack, shipped packs)."""

from __future__ import annotations

import pytest

from letstalk.content import Library, load_library
from tests.paths import MINI


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep settings, data and caches out of the real user folders, and out of the test's own tmp_path
    (tests compare what a command leaves there: the content cache must not count)."""
    home = tmp_path_factory.mktemp("user")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))


@pytest.fixture
def mini_library() -> Library:
    """A library holding only the mini pack (loaded afresh for each test: it takes a millisecond)."""
    return load_library([MINI], builtin=False)


@pytest.fixture(scope="session")
def shipped_library() -> Library:
    """The shipped content packs (loaded once: tests only read them)."""
    return load_library()
