"""The cache of validated content: used only when fresh, ignored when broken, never a way around a check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from letstalk.content import cache as content_cache
from letstalk.content import loader
from letstalk.errors import ContentError

SHIPPED = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped packs standing in for the built-in content."""
    copy = tmp_path / "packs"
    shutil.copytree(SHIPPED, copy)
    monkeypatch.setattr(loader, "builtin_content_dir", lambda: copy)
    return copy


def test_a_second_start_reads_the_cache(packs: Path, tmp_path: Path) -> None:
    first, hit = content_cache.cached_library(cache_dir=tmp_path / "cache")
    assert not hit
    second, hit = content_cache.cached_library(cache_dir=tmp_path / "cache")
    assert hit
    assert second.packs == first.packs  # every model, field and item as validated
    assert second.sections.keys() == first.sections.keys()
    assert [type(located.item) for located in second.items.values()] == [
        type(located.item) for located in first.items.values()
    ]
    assert (tmp_path / "cache" / content_cache.CACHE_NAME).stat().st_mode & 0o777 == 0o600


def test_an_edited_pack_is_validated_again_and_its_problem_reported(packs: Path, tmp_path: Path) -> None:
    content_cache.cached_library(cache_dir=tmp_path / "cache")
    section = next(packs.glob("lets-talk/0*.toml"))
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("title =", "titel =", 1), encoding="utf-8")
    os.utime(section, ns=(1, 1))  # a different mtime even on a coarse clock
    with pytest.raises(ContentError, match="titel"):
        content_cache.cached_library(cache_dir=tmp_path / "cache")


def test_a_corrupt_cache_is_ignored(packs: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    content_cache.cached_library(cache_dir=folder)
    (folder / content_cache.CACHE_NAME).write_bytes(b'{"key": "truncated')
    library, hit = content_cache.cached_library(cache_dir=folder)
    assert not hit and library.sections
    assert content_cache.cached_library(cache_dir=folder)[1]  # rewritten, whole again


def test_a_cache_others_may_write_is_never_read(packs: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    content_cache.cached_library(cache_dir=folder)
    (folder / content_cache.CACHE_NAME).chmod(0o666)
    assert content_cache.read_cached(folder / content_cache.CACHE_NAME, "any") is None
    assert not content_cache.cached_library(cache_dir=folder)[1]


def test_a_cache_in_an_unwritable_place_costs_nothing_but_time(packs: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    library, hit = content_cache.cached_library(cache_dir=blocker)
    assert not hit and library.sections
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **{name: str(home / name.lower()) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")},
    }
    return subprocess.run([sys.executable, "-m", "letstalk", *args], capture_output=True, text=True, env=env, cwd=home)


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def test_content_check_validates_from_source_even_with_a_cache(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(SHIPPED / "growth", broken)
    assert _run(["new", str(tmp_path / "w.toml")], tmp_path).returncode == 0
    assert _run(["validate", str(tmp_path / "w.toml")], tmp_path).returncode == 0
    assert (tmp_path / "xdg_cache_home" / "letstalk" / content_cache.CACHE_NAME).is_file()
    assert _run(["content", "check", str(broken)], tmp_path).returncode == 0
    pack = broken / "pack.toml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("title =", "titel =", 1), encoding="utf-8")
    done = _run(["content", "check", str(broken)], tmp_path)
    assert done.returncode == 1 and "titel" in done.stdout + done.stderr


def test_a_start_writes_nothing_outside_the_cache_folder(tmp_path: Path) -> None:
    workbook = tmp_path / "w.toml"
    assert _run(["new", str(workbook)], tmp_path).returncode == 0
    before = _tree(tmp_path)
    for _ in range(2):
        assert _run(["validate", str(workbook)], tmp_path).returncode == 0
    added = _tree(tmp_path) - before
    assert added <= {p for p in _tree(tmp_path) if p.startswith("xdg_cache_home")}
    assert workbook.with_name("w.toml.bak").exists() is False
