"""Fixtures shared by the review tests: private user folders, the fixture folder, the shipped packs.

Test modules import the fixtures they use by name; pytest finds them in the module.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.paths import REVIEW

from letstalk.content import Library, load_library

FIXTURE = REVIEW
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
"""The review's "now": Dev Patel's workbook (June) is stale, the others are not."""
SECRETS = ("PRIVATE:", "private note", "nervous about the board")
"""Phrases only the fixture's private answers hold."""


@pytest.fixture(scope="module")
def shipped() -> Library:
    """The shipped content packs."""
    return load_library()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the fixture folder named ``review`` (tests never write next to the originals)."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "review"))
