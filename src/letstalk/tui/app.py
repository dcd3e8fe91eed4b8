"""The letstalk Textual app and its factory, shared by the CLI and the tests."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual.app import App
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from letstalk.cohort import Cohort
from letstalk.content import Library
from letstalk.errors import ConflictError, LetsTalkError
from letstalk.feedback import Feedback
from letstalk.model import Workbook
from letstalk.settings import Settings, save_settings
from letstalk.storage import Snapshot, WorkbookFile
from letstalk.tui.commands import LetsTalkCommands
from letstalk.tui.host import WorkbookHost
from letstalk.tui.keys import APP_BINDINGS
from letstalk.tui.themes import HIGH_CONTRAST_THEME

SAVE_DELAY = 0.5
"""Seconds of quiet after the last keystroke before typing is saved."""


class LetsTalkApp(App[int]):
    """The workbook app: Home, sections, rubric, plan; every change saved within a second."""

    CSS_PATH = "letstalk.tcss"
    TITLE = "letstalk"
    COMMANDS = App.COMMANDS | {LetsTalkCommands}
    BINDINGS = APP_BINDINGS

    save_state: reactive[str] = reactive("saved")
    """saved, unsaved, saving, read-only or error: shown beside the owner in the header."""

    def __init__(self, handle: WorkbookFile, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.handle = handle
        self.library = library
        self.settings = settings or Settings()
        self._save_timer: Timer | None = None
        self._dirty = False
        self._writing = False
        self._paused = False
        self.cohort: Cohort | None = None
        """The cohort this workbook joined (``letstalk cohort join``), if any."""
        self.feedback: Feedback | None = None
        """A facilitator's feedback sidecar found next to the workbook, if any."""
        self._companion_problems: list[str] = []
        self._load_companions()
        if handle.read_only:
            self.save_state = "read-only"

    @property
    def workbook(self) -> Workbook:
        """The open workbook."""
        return self.handle.workbook

    def _load_companions(self) -> None:
        """Read the cohort file and feedback sidecar; a broken one is reported, never fatal."""
        from letstalk.cohort import cohort_of
        from letstalk.feedback import load_for_workbook

        try:
            self.cohort = cohort_of(self.workbook, self.handle.path)
        except LetsTalkError as exc:
            self._companion_problems.append(str(exc))
        try:
            self.feedback = load_for_workbook(self.handle.path)
        except LetsTalkError as exc:
            self._companion_problems.append(str(exc))

    def as_host(self) -> WorkbookHost:
        """This app as its screens see it: mypy checks here that it has all they use."""
        return self

    def get_default_screen(self) -> Screen:
        from letstalk.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST_THEME)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._show_owner()
        if self.handle.read_only:
            self.notify(self.handle.read_only, title="Read-only", severity="warning", timeout=10)
        if not self.workbook.meta.owner and not self.handle.read_only:
            self.notify("Welcome! Add your name and school: ctrl+p, then 'Edit profile'.", timeout=8)
        for problem in self._companion_problems:
            self.notify(problem, severity="warning", timeout=10)
        section_id = self.workbook.position.section
        if self.workbook.position.in_plan:
            self.action_plan()
        elif section_id in self.library.sections:
            self.open_section(section_id, focus_item=self.workbook.position.item)

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings = self.settings.model_copy(update={"theme": theme})
            try:
                save_settings(self.settings)
            except LetsTalkError as exc:
                self.notify(str(exc), severity="warning")

    def watch_save_state(self) -> None:
        self._show_owner()

    def _show_owner(self) -> None:
        meta = self.workbook.meta
        who = " · ".join(part for part in (meta.owner, meta.school) if part) or self.handle.path.name
        mark = {
            "saved": "✓ saved",
            "unsaved": "… unsaved",
            "saving": "… saving",
            "read-only": "read-only",
            "error": "! not saved",
        }[self.save_state]
        self.sub_title = f"{who}  [{mark}]"

    # -- navigation ------------------------------------------------------------------------

    def open_section(self, section_id: str, *, focus_item: str | None = None) -> None:
        """Show a section (or the rubric) in place of whatever section is open."""
        from letstalk.tui.screens.section import SectionScreen

        section = self.library.sections[section_id]
        while len(self.screen_stack) > 1 and not isinstance(self.screen, SectionScreen):
            self.pop_screen()
        if isinstance(self.screen, SectionScreen):
            self.screen.show(section, focus_item=focus_item)
        else:
            self.push_screen(SectionScreen(section, focus_item=focus_item))
        if self.workbook.move_to(section_id, focus_item):
            self.request_save()  # a position is not worth an fsync on the way into a section

    def action_home(self) -> None:
        """Back to Home."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.workbook.move_to_plan(False):
            self.request_save()
        self.save_now()

    def action_plan(self) -> None:
        """Open the collaborative plan."""
        from letstalk.tui.screens.plan import PlanScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.workbook.move_to_plan():
            self.request_save()
        self.save_now()
        self.push_screen(PlanScreen())

    def set_theme(self, name: str) -> None:
        """Switch theme (the choice is remembered in settings)."""
        self.theme = name

    def action_search(self) -> None:
        """Search answers and content, then jump to the chosen item."""
        from letstalk.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(), self._jump_to_hit)

    def _jump_to_hit(self, hit: object) -> None:
        from letstalk.search import Hit

        if isinstance(hit, Hit):
            self.open_section(hit.section_id, focus_item=hit.item_id)

    def action_profile(self) -> None:
        """Edit the owner, school and role of the workbook."""
        from letstalk.tui.screens.profile import ProfileDialog

        self.push_screen(ProfileDialog(self.workbook.meta), self._profile_saved)

    def _profile_saved(self, values: object) -> None:
        if not isinstance(values, dict):
            return
        meta = self.workbook.meta
        if any(getattr(meta, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(meta, key, value)
            self._show_owner()
            self.request_save(immediate=True)

    def action_help(self) -> None:
        """Show the keys and what letstalk does."""
        from letstalk.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- saving ----------------------------------------------------------------------------

    @property
    def save_pending(self) -> bool:
        """Whether a save is waiting for its timer or being written."""
        return self._writing or self._save_timer is not None

    def request_save(self, *, immediate: bool = False) -> None:
        """Save soon: ticks and picks at once, typing after a short quiet spell."""
        if self.handle.read_only:
            return
        self._dirty = True
        if self._paused:
            return  # after a conflict she chose to keep editing unsaved: ctrl+s or Save as resumes
        self.save_state = "unsaved"
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if immediate:
            self.save_now()
        else:
            self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)

    def action_save_now(self) -> None:
        self._paused = False
        self.save_now()

    def save_now(self) -> None:
        """Write the workbook now if it has unsaved changes; the write runs in a thread."""
        self._save_timer = None
        if not self._dirty or self.handle.read_only or self._writing:
            return  # a write in flight saves again when it finishes
        try:
            data = self.handle.snapshot()  # on the UI thread, so the model is never read mid-change
        except LetsTalkError as exc:
            self._save_failed(str(exc))
            return
        self._dirty = False
        self._writing = True
        self.save_state = "saving"
        self.run_worker(lambda: self._write(data), thread=True, group="save", exclusive=False)

    def _write(self, data: Snapshot) -> None:
        try:
            self.handle.write(data)
        except ConflictError as exc:
            self.call_from_thread(self._conflict, str(exc))
        except LetsTalkError as exc:
            self.call_from_thread(self._save_failed, str(exc))
        else:
            self.call_from_thread(self._saved)

    def _saved(self) -> None:
        self._writing = False
        if self._dirty:
            self.save_now()
        else:
            self.save_state = "saved"

    def _save_failed(self, message: str) -> None:
        self._writing = False
        self._dirty = True
        self.save_state = "error"
        self.notify(
            f"{message}. Your answers are still here; press ctrl+s to try again or use Save as from the command palette.",
            title="Not saved",
            severity="error",
            timeout=15,
        )

    def _conflict(self, message: str) -> None:
        from letstalk.tui.screens.dialogs import ConflictDialog

        self._writing = False
        self._dirty = True
        self.save_state = "error"
        self.push_screen(ConflictDialog(message), self._resolve_conflict)

    def _resolve_conflict(self, choice: str | None) -> None:
        from letstalk.tui.screens.dialogs import SaveAsDialog

        if choice == "reload":
            try:
                self.handle.reload()
            except LetsTalkError as exc:
                self.notify(str(exc), severity="error")
                return
            self._dirty = False
            self._paused = False
            self.save_state = "read-only" if self.handle.read_only else "saved"
            self._refresh_screens()
        elif choice == "save-as":
            self.push_screen(SaveAsDialog(self.handle.path), self._save_as)
        else:
            self._paused = True
            self.notify("Not saving for now: press ctrl+s to save over the changed file, or use Save as.", timeout=10)

    def action_save_as(self) -> None:
        """Save the workbook under a new name and keep working there."""
        from letstalk.tui.screens.dialogs import SaveAsDialog

        self.push_screen(SaveAsDialog(self.handle.path), self._save_as)

    def _save_as(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            self.handle.save_as(path)
        except LetsTalkError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self._dirty = False
        self._paused = False
        self.save_state = "saved"
        self.notify(f"Saved as {path}; letstalk keeps working there.")

    def _refresh_screens(self) -> None:
        """After a reload, rebuild what is on screen from the new workbook."""
        section_id = getattr(self.screen, "section_id", None)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if section_id:
            self.open_section(section_id)
        else:
            self.screen.refresh_progress()  # type: ignore[attr-defined]

    async def action_quit(self) -> None:
        """Save anything pending, then quit (after any write in flight has finished)."""
        for worker in [w for w in self.workers if w.group == "save"]:
            with contextlib.suppress(Exception):
                await worker.wait()
        if self._dirty and not self.handle.read_only:
            try:
                self.handle.write(self.handle.snapshot(), force=False)
            except LetsTalkError as exc:
                self.notify(f"{exc}. Quit again to leave without saving.", severity="error")
                self._dirty = False
                return
        self.exit(0)


def make_app(handle: WorkbookFile, library: Library, settings: Settings | None = None) -> LetsTalkApp:
    """Build the app for an opened workbook; the CLI and the tests both come through here."""
    from letstalk.settings import load_settings

    return LetsTalkApp(handle, library, settings if settings is not None else load_settings())
