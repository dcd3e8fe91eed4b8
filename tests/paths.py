"""Where the test fixtures live: defined once, imported by every test that needs one."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
"""The checkout."""

DATA = REPO / "tests" / "data"
"""Fixture files: packs, workbooks, bad inputs, the review folder, golden outputs."""

MINI = DATA / "packs" / "mini"
"""The tiny fixture pack that exercises every item kind (read it, never write it)."""

REVIEW = DATA / "review"
"""A review folder: 10 workbook files and a cohort of 12."""

WORKBOOKS = DATA / "workbooks"
"""Whole workbooks (a rich one, a stress one) for plan, export and print tests."""

RICH = WORKBOOKS / "rich.toml"
"""A workbook with every part of the plan filled in."""
