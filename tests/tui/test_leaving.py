"""Leaving never forgets typing: a refused quit keeps the text dirty, and signals write it first.

Issue 13, requirements 1 and 2. The signal test runs the real app (``python -m letstalk``) in a
pseudo-terminal, types into an answer, and sends SIGTERM, SIGHUP or SIGINT 0.1 s later: well
inside the half-second typing pause, so only the signal handler can have saved the words.
"""

from __future__ import annotations

import errno
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import TextArea

from letstalk import storage
from letstalk.files import atomic
from letstalk.files.lock import LOCK_SUFFIX
from letstalk.model import new_workbook
from letstalk.tui.widgets.items import widget_id
from tests.paths import MINI

from .pilot import opened, saved, settle


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def disk_full(monkeypatch: pytest.MonkeyPatch, times: int) -> None:
    """The next ``times`` saves fail with ENOSPC (a real fsync after that)."""
    real = os.fsync
    left = [times]

    def fsync(fd: int) -> None:
        if left[0] > 0:
            left[0] -= 1
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)


async def type_answer(app, pilot, words: str) -> None:
    screen = await opened(app, pilot, "first")
    screen.query_one(f"#{widget_id('first.role')}", TextArea).focus()
    await pilot.press(*words)


async def test_a_refused_quit_keeps_the_text_for_ctrl_s(open_app, workbook_path, mini_library, monkeypatch) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.saving.delay = 3600  # the typing pause never ends: the quit is the first save
        await type_answer(app, pilot, "Weeks of notes")
        disk_full(monkeypatch, times=1)
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert app.is_running and app.save_state == "error" and "not saved" in app.sub_title
        assert any("disk is full" in m and "to leave without saving" in m for m in messages(app))
        assert "first.role" not in saved(workbook_path).get("answers", {})
        await pilot.press("ctrl+s")  # she frees some space and does as she was told
        await settle(app, pilot)
        assert saved(workbook_path)["answers"]["first.role"]["value"] == "Weeks of notes"
        assert app.save_state == "saved"
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert saved(workbook_path)["answers"]["first.role"]["value"] == "Weeks of notes"


async def test_every_quit_with_unsaved_changes_asks_again(open_app, workbook_path, mini_library, monkeypatch) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.saving.delay = 3600
        await type_answer(app, pilot, "One")
        disk_full(monkeypatch, times=1000)
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert app.is_running
        await pilot.press(*" more")  # typing after a refusal: the next quit asks again
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert app.is_running
        await pilot.press("ctrl+s")  # a failed ctrl+s: the next quit asks again too
        await settle(app, pilot)
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert app.is_running and app.saving.dirty
        await pilot.press("ctrl+q")  # a second quit in a row leaves without saving, as she was told
    assert app.return_code == 0
    assert "first.role" not in saved(workbook_path).get("answers", {})


async def test_a_signal_writes_at_once_and_releases_the_lock(open_app, workbook_path, mini_library) -> None:
    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        app.saving.delay = 3600
        await type_answer(app, pilot, "Before TERM")
        await app.leave_on_signal(signal.SIGTERM)
        assert saved(workbook_path)["answers"]["first.role"]["value"] == "Before TERM"
        second = storage.WorkbookFile.open(workbook_path)  # the lock is free again
        assert second.read_only is None
        second.close()
        assert app.return_code == 128 + signal.SIGTERM


# -- the real app in a pseudo-terminal ---------------------------------------------------------

READY = "What you wrote before"
"""An answer already in the workbook: once it is on screen, the answer box is mounted and focused."""


def _read_until(fd: int, wanted: bytes, seen: bytearray, deadline: float) -> bool:
    while wanted not in seen:
        if time.monotonic() > deadline:
            return False
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:  # the child closed its side
                return wanted in seen
    return True


def _drain(fd: int, seen: bytearray, until: Callable[[], bool], deadline: float) -> None:
    while not until() and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                return


def _typing_in_a_terminal(tmp_path: Path) -> tuple[Path, subprocess.Popen[bytes], int, bytearray]:
    """The real app in a pseudo-terminal, with words typed into an answer and on screen, not yet saved."""
    import fcntl
    import struct
    import termios

    path = tmp_path / "ana.toml"
    workbook = new_workbook(owner="Ana Ruiz")
    workbook.set_answer("first.role", READY)
    workbook.move_to("first", "first.role")
    storage.create(path, workbook)
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        **{name: str(tmp_path / name.lower()) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")},
    }
    env.pop("TEXTUAL", None)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-m", "letstalk", "--content", str(MINI), "--workbook", str(path)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = bytearray()
    try:
        assert _read_until(master, READY.encode(), seen, time.monotonic() + 60), bytes(seen[-2000:])
        time.sleep(0.5)  # the answer box takes focus right after it is drawn
        os.write(master, b" and then some")
        assert _read_until(master, b"and then some", seen, time.monotonic() + 30), bytes(seen[-2000:])
    except BaseException:
        child.kill()
        child.wait()
        os.close(master)
        raise
    return path, child, master, seen


def _saved_and_unlocked(path: Path, child: subprocess.Popen[bytes]) -> None:
    assert storage.load(path).value("first.role") == f"{READY} and then some"
    lock = path.with_name(path.name + LOCK_SUFFIX)
    assert not lock.exists() or lock.read_text().strip() != str(child.pid)
    again = storage.WorkbookFile.open(path)
    assert again.read_only is None
    again.close()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_a_signal_while_typing_loses_nothing(tmp_path: Path, signum: signal.Signals) -> None:
    path, child, master, seen = _typing_in_a_terminal(tmp_path)
    try:
        time.sleep(0.1)
        child.send_signal(signum)
        _drain(master, seen, lambda: child.poll() is not None, time.monotonic() + 30)
        code = child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
    assert code == 128 + signum
    _saved_and_unlocked(path, child)
    assert b"\x1b[?1049l" in seen  # the terminal left the app's screen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_terminal_closing_under_the_app_ends_it(tmp_path: Path) -> None:
    """The window closes: the hang-up comes with SIGCONT (tmux sends both), over a terminal that is gone.

    Textual's driver took that SIGCONT for a return from ctrl+z and started a second output thread,
    whose failed first write left the exit waiting on it for ever (only SIGKILL ended it).
    """
    path, child, master, _ = _typing_in_a_terminal(tmp_path)
    try:
        child.send_signal(signal.SIGCONT)
        os.close(master)  # the window is gone: every write to the terminal fails from here on
        master = -1
        child.send_signal(signal.SIGHUP)
        child.send_signal(signal.SIGCONT)
        code = child.wait(timeout=30)  # a hang, not a speed: a working exit takes well under a second
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if master >= 0:
            os.close(master)
    assert code == 128 + signal.SIGHUP
    _saved_and_unlocked(path, child)


async def test_signal_handlers_come_and_go() -> None:
    import asyncio

    from letstalk.tui.autosave import on_leaving_signals

    heard: list[int] = []
    remove = on_leaving_signals(heard.append)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100):
            if heard:
                break
            await asyncio.sleep(0)  # the loop runs the handler on its next turn
    finally:
        remove()
    assert heard == [signal.SIGTERM]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


async def test_without_loop_signals_or_sighup_nothing_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: no SIGHUP, and its proactor loop refuses add_signal_handler."""
    import asyncio

    from letstalk.tui.autosave import on_leaving_signals

    loop = asyncio.get_running_loop()

    def refuse(*args: object) -> None:
        raise NotImplementedError

    monkeypatch.delattr(signal, "SIGHUP", raising=False)
    monkeypatch.setattr(loop, "add_signal_handler", refuse)
    on_leaving_signals(lambda signum: None)()  # installs nothing, removes nothing, raises nothing
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver")
def test_the_driver_resumes_after_ctrl_z_even_by_way_of_bg(monkeypatch: pytest.MonkeyPatch) -> None:
    """ctrl+z, bg, fg: the SIGCONT of bg cannot start application mode (the terminal is not hers),
    so the SIGCONT of fg must still resume; a SIGCONT with no ctrl+z before it never does."""
    import threading

    from textual.drivers.linux_driver import LinuxDriver

    from letstalk.tui.steady import steady

    driver_class = steady(LinuxDriver)
    driver = driver_class.__new__(driver_class)
    started: list[str] = []
    foreground = [False]

    def resume(self: LinuxDriver, *args: object) -> None:
        if foreground[0]:  # Textual starts application mode: a new output thread
            self._writer_thread = threading.Thread(target=threading.Event().wait, args=(5,), daemon=True)
            self._writer_thread.start()
            started.append("resumed")

    monkeypatch.setattr(LinuxDriver, "_sigtstp_application", lambda self, *args: None)
    monkeypatch.setattr(LinuxDriver, "_sigcont_application", resume)
    driver._writer_thread = None
    foreground[0] = True
    driver._sigcont_application()  # a hang-up's SIGCONT, no ctrl+z before it
    assert started == []
    driver._sigtstp_application()  # ctrl+z
    foreground[0] = False
    driver._sigcont_application()  # bg: Textual cannot start, and stops again
    assert started == []
    foreground[0] = True
    driver._sigcont_application()  # fg
    assert started == ["resumed"]
    driver._sigcont_application()  # a later stray SIGCONT
    assert started == ["resumed"]


async def test_typing_in_the_same_burst_as_ctrl_q_is_saved(open_app, workbook_path, mini_library) -> None:
    from .pilot import queue_keys

    app = open_app(workbook_path, mini_library)
    async with app.run_test() as pilot:
        screen = await opened(app, pilot, "first")
        screen.query_one(f"#{widget_id('first.role')}", TextArea).focus()
        await pilot.pause()
        # One read from a slow laptop: the app takes ctrl+q as it arrives, before the box has had
        # the letters it was sent just before.
        queue_keys(app, *"TypedAhead", "ctrl+q")
        for _ in range(50):
            if not app.is_running:
                break
            await pilot.pause()
    assert app.return_code == 0
    assert saved(workbook_path)["answers"]["first.role"]["value"] == "TypedAhead"
