"""Plain mode through the real command, in a subprocess: the acceptance input, a full step, bad input, end of input, dumb terminals."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from tests.paths import MINI
from tests.unit.plain_support import SHIPPED, cli, handle, lines, on_disk  # noqa: F401 - fixtures

from letstalk import storage
from letstalk.content import Library
from letstalk.model import Status
from letstalk.plain import run
from letstalk.plain.terminal import shorten

# -- the real command, through a subprocess ---------------------------------------------------


def test_acceptance_input_answers_the_first_items_of_step_1(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    done = cli(tmp_path, "1\n1\ny\nn\n...\nquit\n", "--plain", "--workbook", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "\x1b" not in done.stdout
    assert done.stdout.startswith(f"Created {path}\n")
    assert "1. Step 1 · What's My Mindset? — 0 of 13 answered, not started" in done.stdout
    assert "Step 1 of 7, item 3 of 13" in done.stdout and "“...” is not an answer here" in done.stdout
    workbook = storage.load(path)
    assert workbook.value("mindset.write-beliefs") is True and workbook.value("mindset.list-strengths") is False
    assert workbook.position.item == "mindset.track-time"
    assert workbook.meta.packs.get("lets-talk")  # the content versions she answered, as README's example shows


def test_a_full_step_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "full.toml"
    longs = [f"Answer {n}.\nMore about {n}.\n." for n in range(1, 6)]
    typed = ["1", "", "y", "n", "y", "y", "n", "y", *longs, "2", "Said it to Sam.", "3", "", "y", "quit"]
    done = cli(tmp_path, lines(*typed), "--plain", "--workbook", str(path))
    assert done.returncode == 0, done.stderr
    workbook = storage.load(path)
    section = SHIPPED.sections["mindset"]
    assert {item.id for item in section.answerable()} <= set(workbook.answers)
    assert [workbook.value(f"mindset.{i}") for i in ("write-beliefs", "list-strengths", "name-limiting-belief")] == [
        True,
        False,
        True,
    ]
    assert workbook.value("mindset.doubts") == "Answer 5.\nMore about 5."
    assert workbook.answers["mindset.ch-thirty-second-why"].note == "Said it to Sam."
    assert workbook.value("mindset.ch-offer-a-strength") == "done"
    assert workbook.status("mindset") is Status.DONE
    assert "Step 1 · What's My Mindset? is marked done." in done.stdout


def test_invalid_input_and_back_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    menu = cli(tmp_path, "quit\n", "--plain", "--workbook", str(path), "--content", str(MINI)).stdout
    number = next(int(line.split(".")[0]) for line in menu.splitlines() if "· Second things" in line)
    typed = [str(number), "", "My commitment", "2026-02-30", "2026-13-01", "2026-03-14", "7", "maybe", "back", "", "1"]
    done = cli(tmp_path, lines(*typed), "--plain", "--workbook", str(path), "--content", str(MINI))
    assert done.returncode == 0 and done.stderr == ""
    out = done.stdout
    assert "“2026-02-30” is not a date: February 2026 has 28 days\nDue by\n" in out
    assert "“2026-13-01” is not a date: there is no month 13" in out
    assert "7 is not one of the options: type a number from 1 to 2\nHow often will you meet?\n" in out
    assert "“maybe” is not a number" in out
    assert "Current answer: 2026-03-14.\nEnter keeps it." in out  # back from the choice to the date
    assert "End of input; your answers are saved" in out
    workbook = storage.load(path)
    assert workbook.value("second.commit") == "My commitment" and workbook.value("second.due") == date(2026, 3, 14)
    assert workbook.value("second.often") == "weekly"


def test_end_of_input_mid_step_saves_and_exits_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "eof.toml"
    done = cli(tmp_path, "1\n\ny\nn\n", "--plain", "--workbook", str(path))
    assert done.returncode == 0 and done.stderr == "" and "Traceback" not in done.stdout
    assert done.stdout.endswith(f"End of input; your answers are saved in {path}.\n")
    workbook = storage.load(path)
    assert workbook.value("mindset.write-beliefs") is True and workbook.value("mindset.list-strengths") is False


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"ACCESSIBLE": "1"}])
def test_dumb_terminals_and_accessible_choose_plain_mode_even_on_a_terminal(
    tmp_path: Path, env: dict[str, str]
) -> None:
    path = tmp_path / "auto.toml"
    done = cli(tmp_path, "quit\n", "--workbook", str(path), env=env, tty_stdin=True)
    assert done.returncode == 0, done.stderr
    assert "letstalk, plain mode." in done.stdout and "\x1b" not in done.stdout


def test_plain_mode_never_imports_textual(tmp_path: Path) -> None:
    script = (
        "import io, sys\n"
        "sys.stdin = io.StringIO('1\\n\\ny\\nquit\\n')\n"
        "from letstalk.cli import main\n"
        f"code = main(['--plain', '--workbook', {str(tmp_path / 'nt.toml')!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('LOADED', code, loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert done.stdout.splitlines()[-1] == "LOADED 0 []", done.stderr


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("short") == "short"
    assert shorten("word " * 30, 22) == "word word word word…"


class _KilledWhileReading(io.StringIO):
    """Stdin that receives ``signum`` while plain mode waits for the next line."""

    def __init__(self, signum: int, text: str) -> None:
        super().__init__(text)
        self.signum = signum

    def readline(self, size: int | None = -1) -> str:
        line = super().readline()
        if not line:
            os.kill(os.getpid(), self.signum)
        return line


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP is POSIX only")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_term_and_hup_leave_like_quit(handle: storage.WorkbookFile, mini_library: Library, signum: int) -> None:
    out = io.StringIO()
    code = run(handle, mini_library, _KilledWhileReading(signum, lines("1", "", "y")), out)
    assert code == 128 + signum
    assert "Stopped; your answers are saved in" in out.getvalue()
    assert on_disk(handle).value("first.read") is True
    assert signal.getsignal(signum) is signal.SIG_DFL  # plain mode put the handlers back
