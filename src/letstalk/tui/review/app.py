"""The review app and its factory, shared by ``letstalk review DIR`` and the tests.

It reads participants' workbooks and never writes them: the only files it writes are feedback
sidecars, the comment bank, the scan cache (in the user cache folder) and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from letstalk.cohort import save_attendance
from letstalk.content import Library
from letstalk.errors import LetsTalkError, TooLongError
from letstalk.feedback import (
    CommentBank,
    Feedback,
    FeedbackError,
    load_bank,
    load_feedback,
    save_bank,
    save_feedback,
    sidecar_path,
)
from letstalk.model import Workbook
from letstalk.review import Column, Participant, Review, scan
from letstalk.review.read import read_participant
from letstalk.settings import Settings
from letstalk.text import printable, shown_path
from letstalk.tui.autosave import handled, on_leaving_signals
from letstalk.tui.host import ReviewHost
from letstalk.tui.keys import FOCUS_KEYS
from letstalk.tui.steady import SteadyApp
from letstalk.tui.themes import remember_theme, set_up_themes, with_theme_picker
from letstalk.tui.widgets.caret import AddsAtEnd

if TYPE_CHECKING:
    from letstalk.tui.review.dashboard import DashboardScreen
    from letstalk.tui.review.feedback import FeedbackScreen


class ReviewApp(AddsAtEnd, SteadyApp, App[int]):
    """Dashboard, drill-down and feedback for one review folder."""

    CSS_PATH = ["../letstalk.tcss", "review.tcss"]
    TITLE = "letstalk review"
    BINDINGS = [*FOCUS_KEYS, Binding("ctrl+q", "quit", "Quit", priority=True, show=False)]

    def __init__(
        self,
        folder: Path,
        library: Library,
        *,
        feedback_dir: Path | None = None,
        stale_days: int = 14,
        settings: Settings | None = None,
        cache_dir: Path | None = None,
        bank_file: Path | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.library = library
        self.feedback_dir = feedback_dir
        self.stale_days = stale_days
        self.settings = settings or Settings()
        set_up_themes(self, self.settings)
        self.cache_dir = cache_dir
        self.bank_file = bank_file
        self.now = now
        self.review: Review | None = None
        self.bank = CommentBank()
        self.bank_error = ""
        self._unhook_signals: Callable[[], None] = lambda: None

    def as_host(self) -> ReviewHost:
        """This app as its screens see it: mypy checks here that it has all they use."""
        return self

    def watch_theme(self, theme: str) -> None:
        self.settings = remember_theme(self, self.settings, theme)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, with letstalk's theme picker in place of Textual's."""
        return with_theme_picker(self, super().get_system_commands(screen))

    def get_default_screen(self) -> Screen:
        from letstalk.tui.review.dashboard import DashboardScreen

        return DashboardScreen()

    def on_mount(self) -> None:
        if not self.is_headless:
            self._unhook_signals = on_leaving_signals(self._on_signal)
        self.sub_title = shown_path(self.folder)
        try:
            self.bank = load_bank(self.bank_file)
        except FeedbackError as exc:
            self.bank_error = f"{exc}; the comment bank is read-only until it is fixed"
            self.notify(self.bank_error, severity="warning", timeout=10)
        self.rescan()

    # -- scanning --------------------------------------------------------------------------

    def rescan(self) -> None:
        """Read the folder again in a thread; the dashboard shows progress, then the grid."""
        self.run_worker(self._scan, thread=True, group="scan", exclusive=True)

    def _scan(self) -> None:
        def progress(done: int, total: int) -> None:
            self.call_from_thread(lambda: self._dashboard().show_progress(done, total))

        try:
            review = scan(
                self.folder,
                library=self.library,
                cache_dir=self.cache_dir,
                stale_days=self.stale_days,
                progress=progress,
                now=self.now,
                facilitator_dir=self.feedback_dir,
            )
        except LetsTalkError as exc:
            message = str(exc)  # bound now: ``exc`` is unset once the except block ends
            self.call_from_thread(lambda: self._dashboard().show_failure(message))
            return
        self.call_from_thread(self._scanned, review)

    def _scanned(self, review: Review) -> None:
        self.review = review
        self._dashboard().show_review(review)

    def _dashboard(self) -> DashboardScreen:
        from letstalk.tui.review.dashboard import DashboardScreen

        return next(s for s in self.screen_stack if isinstance(s, DashboardScreen))

    # -- one participant -------------------------------------------------------------------

    def read_workbook(self, participant: Participant) -> Workbook:
        """Her workbook, read (never opened for editing) with private answers masked."""
        assert self.review is not None
        return read_participant(self.review.path_of(participant), self.review.scope.private)

    def existing_feedback(self, participant: Participant) -> Feedback | None:
        """Her sidecar if there is one yet (a broken one raises)."""
        return self.load_feedback(participant) if self.feedback_path(participant).exists() else None

    def feedback_path(self, participant: Participant) -> Path:
        """The sidecar for a participant: beside her workbook, or in ``--feedback DIR``."""
        return sidecar_path(self.folder / participant.file, self.feedback_dir)

    def return_feedback(self, out_dir: Path) -> tuple[list[Path], list[Participant], list[str]]:
        """Write every participant's feedback into ``out_dir`` to send back (the review folder is never written)."""
        from letstalk.review.handback import return_feedback

        assert self.review is not None
        return return_feedback(self.review, out_dir, self.feedback_dir)

    def load_feedback(self, participant: Participant) -> Feedback:
        """Her feedback so far, or a new one (a broken sidecar raises, so it is never overwritten)."""
        path = self.feedback_path(participant)
        if path.exists():
            return load_feedback(path)
        facilitator = self.review.cohort.facilitator if self.review and self.review.cohort else ""
        return Feedback(workbook=participant.file, participant=participant.name, facilitator=facilitator)

    def save_feedback(self, participant: Participant, feedback: Feedback) -> None:
        """Write her sidecar (safe from a worker thread); raises :class:`LetsTalkError` when not saved."""
        save_feedback(feedback, self.feedback_path(participant))

    def toggle_attendance(self, participant: Participant, column: Column) -> bool:
        """Mark or unmark her at a session in the facilitator's attendance file (never a participant's)."""
        review = self.review
        if review is None or review.attendance_file is None:
            return False
        if review.attendance_problems:
            self.notify(review.attendance_problems[0], severity="error", timeout=10)
            return False
        now_present = review.attendance.toggle(column.id, participant.key)
        try:
            save_attendance(review.attendance, review.attendance_file)
        except LetsTalkError as exc:
            review.attendance.toggle(column.id, participant.key)  # as it was: nothing was saved
            self.notify(str(exc), title="Attendance not saved", severity="error", timeout=10)
            return False
        said = "attended" if now_present else "not marked as attended"
        self.notify(printable(f"{participant.name}: {said} {column.label}"), timeout=2)
        return True

    def keep_in_bank(self, text: str) -> None:
        """Add a comment to the bank and save the bank."""
        try:
            added = self.bank_error or self.bank.add(text)
        except TooLongError as exc:
            self.notify(exc.message, severity="warning", markup=False)
            return
        if not added:
            self.notify("Type a comment first (or it is already in the bank).")
            return
        self._write_bank()

    def drop_from_bank(self, index: int) -> None:
        """Remove a saved comment and save the bank."""
        if not self.bank_error and 0 <= index < len(self.bank.comments):
            del self.bank.comments[index]
        self._write_bank()

    def _write_bank(self) -> None:
        if self.bank_error:
            self.notify(self.bank_error, severity="warning")
            return
        try:
            save_bank(self.bank, self.bank_file)
        except LetsTalkError as exc:
            self.notify(str(exc), title="Comment bank not saved", severity="error", markup=False)

    def _editors(self) -> list[FeedbackScreen]:
        from letstalk.tui.review.feedback import FeedbackScreen

        return [screen for screen in self.screen_stack if isinstance(screen, FeedbackScreen)]

    async def saved(self) -> bool:
        """Wait until no feedback save is waiting or being written; True when all is on disk."""
        return all([await editor.saving.saved() for editor in self._editors()])

    async def action_quit(self) -> None:
        """Save any feedback being typed (typed ahead of the ctrl+q too), then quit (a failed save refuses once)."""
        await handled(self, by_app=True)
        for editor in self._editors():
            if not await editor.saving.may_leave():
                return
        self.exit(0)

    def on_unmount(self) -> None:
        self._unhook_signals()

    def _on_signal(self, signum: int) -> None:
        self.run_worker(self.leave_on_signal(signum), group="leave", exclusive=True)

    async def leave_on_signal(self, signum: int) -> None:
        """TERM, HUP or INT: write any feedback being typed at once, exit 128 + the signal."""
        await handled(self)  # the last keystrokes reach the feedback first
        problems = [str(p) for p in (editor.saving.write_now() for editor in self._editors()) if p]
        self.exit(
            128 + signum,
            return_code=128 + signum,
            message="letstalk: not saved: " + "; ".join(problems) if problems else None,
        )


def make_review_app(folder: Path, library: Library, *, settings: Settings | None = None, **options: Any) -> ReviewApp:
    """Build the review app for a folder (``options`` are :class:`ReviewApp`'s keywords).

    The CLI and the tests both come through here; settings default to the user's saved ones.
    """
    from letstalk.settings import load_settings

    return ReviewApp(folder, library, settings=settings if settings is not None else load_settings(), **options)
