"""The letstalk Textual app and its factory, shared by the CLI and the tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import Screen

from letstalk.errors import ConflictError, LetsTalkError, TooLongError
from letstalk.text import shown_path
from letstalk.tui.autosave import SaveMachine, SaveState, handled, on_leaving_signals
from letstalk.tui.collector import end_pause
from letstalk.tui.commands import LetsTalkCommands
from letstalk.tui.host import WorkbookHost
from letstalk.tui.keys import APP_BINDINGS
from letstalk.tui.steady import SteadyApp
from letstalk.tui.themes import remember_theme, set_up_themes, with_theme_picker
from letstalk.tui.widgets.caret import AddsAtEnd

if TYPE_CHECKING:  # the models load with the workbook, so importing the app stays as cheap as Textual
    from letstalk.cohort import Cohort
    from letstalk.content import Library
    from letstalk.feedback import Feedback
    from letstalk.model import Workbook
    from letstalk.search import Hit
    from letstalk.settings import ExportChoice, Settings
    from letstalk.storage import WorkbookFile


class LetsTalkApp(AddsAtEnd, SteadyApp, App[int]):
    """The workbook app: Home, sections, rubric, plan; every change saved within a second."""

    CSS_PATH = "letstalk.tcss"
    TITLE = "letstalk"
    COMMANDS = App.COMMANDS | {LetsTalkCommands}
    BINDINGS = APP_BINDINGS

    save_state: reactive[SaveState] = reactive[SaveState]("saved")
    """saved, unsaved, saving, read-only or error: shown beside the owner in the header."""

    def __init__(self, handle: WorkbookFile, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.handle = handle
        self.library = library
        self.after_first_paint: Callable[[], None] | None = None
        """Run once Home is first drawn (the command line turns the garbage collector back on)."""
        if settings is None:
            from letstalk.settings import Settings

            settings = Settings()
        self.settings = settings
        set_up_themes(self, settings)
        self.saving = SaveMachine(
            self,
            snapshot=handle.snapshot,
            write=handle.write,
            on_error=self._save_failed,
            on_state=self._save_state_changed,
            read_only=lambda: self.handle.read_only,
        )
        """The save machine: every change is written through it."""
        self._unhook_signals: Callable[[], None] = lambda: None
        self.cohort: Cohort | None = None
        """The cohort this workbook joined (``letstalk cohort join``), if any."""
        self.cohort_problem = ""
        """One line for Home when the cohort file she joined is gone or broken: the path and what to do."""
        self.feedback: Feedback | None = None
        """A facilitator's feedback sidecar found next to the workbook, if any."""
        self._companion_problems: list[str] = []
        self._load_companions()
        self.save_state = self.saving.state

    @property
    def workbook(self) -> Workbook:
        """The open workbook."""
        return self.handle.workbook

    def _load_companions(self) -> None:
        """Read the cohort file and feedback sidecar; a broken one is reported, never fatal."""
        from letstalk.cohort import cohort_of, cohort_problem
        from letstalk.feedback import load_for_workbook

        try:
            self.cohort = cohort_of(self.workbook, self.handle.path)
        except LetsTalkError as exc:
            self.cohort_problem = cohort_problem(self.workbook, self.handle.path, exc)
        try:
            self.feedback = load_for_workbook(self.handle.path)
        except LetsTalkError as exc:
            self._companion_problems.append(str(exc))

    def reload_feedback(self) -> None:
        """Read the facilitator's feedback beside the workbook again; a broken file is said, never fatal."""
        from letstalk.feedback import load_for_workbook

        try:
            self.feedback = load_for_workbook(self.handle.path)
        except LetsTalkError as exc:
            self.notify(str(exc), severity="error", timeout=12, markup=False)

    def action_add_feedback(self) -> None:
        """Add the feedback file her facilitator sent (asks for it)."""
        from letstalk.tui.screens.handoffs import add_facilitator_feedback

        add_facilitator_feedback(self, self.as_host())

    def as_host(self) -> WorkbookHost:
        """This app as its screens see it: mypy checks here that it has all they use."""
        return self

    def get_default_screen(self) -> Screen:
        from letstalk.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_painted)
        if not self.is_headless:
            self._unhook_signals = on_leaving_signals(self._on_signal)
        self._show_owner()
        if self.handle.read_only:
            self.notify(self.handle.read_only, title="Read-only", severity="warning", timeout=10)
        if not self.workbook.meta.owner and not self.handle.read_only:
            self.notify(
                "Welcome! Add your name and school: ctrl+p, then 'Edit profile (name, school, role)'.", timeout=8
            )
        for problem in self._companion_problems:
            self.notify(problem, severity="warning", timeout=10)
        section_id = self.workbook.position.section
        if self.workbook.position.in_plan:
            self.action_plan()
        elif section_id in self.library.sections:
            self.open_section(section_id, focus_item=self.workbook.position.item)

    def watch_theme(self, theme: str) -> None:
        self.settings = remember_theme(self, self.settings, theme)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, with letstalk's theme picker in place of Textual's."""
        return with_theme_picker(self, super().get_system_commands(screen))

    def _save_state_changed(self, state: SaveState) -> None:
        self.save_state = state
        self._show_owner()  # the state may be the same while the refused fields changed

    def watch_save_state(self) -> None:
        self._show_owner()

    def _show_owner(self, width: int | None = None) -> None:
        meta = self.workbook.meta
        focused = self.screen.focused if self.screen_stack else None  # none before the first screen
        focused_id = focused.id if focused is not None else None
        mark = f"[{self.saving.mark_for(focused_id)}]"
        # The file name is always there (a Save as shows); who she is goes first when space is short,
        # so the save state is never cut off.
        name = shown_path(self.handle.path.name)
        people = [part for part in (meta.owner, meta.school) if part]
        # The header's icon (8 columns) and clock space (10) on either side, " — ", and a column spare.
        room = (width or self.size.width) - len(self.title) - 22
        for parts in ([*people, name], [*people[:1], name], [name]):
            line = f"{' · '.join(parts)}  {mark}"
            if len(line) <= room:
                break
        self.sub_title = line

    def _first_painted(self) -> None:
        if self.after_first_paint is not None:
            self.after_first_paint()
            self.after_first_paint = None

    def on_resize(self, event: events.Resize) -> None:
        # This runs before Textual's own handler has recorded the new size: use the event's.
        self._show_owner(event.size.width)

    def show_save_state(self) -> None:
        """Redraw the header's save state (focus moved onto or off a refused field)."""
        self._show_owner()

    def set_month_first(self, month_first: bool) -> None:
        """How slashed dates are read from now on (remembered in settings)."""
        self._keep_settings(lambda settings: settings.model_copy(update={"month_first": month_first}))
        example = "March 4" if month_first else "3 April"
        self.notify(f"Slashed dates are now read {'month' if month_first else 'day'} first: 3/4/2027 is {example}.")

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

    def action_log(self) -> None:
        """Open the collaboration log."""
        from letstalk.tui.screens.log import LogScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(LogScreen())

    def action_school_year(self) -> None:
        """Edit the school year in the profile: terms, first and last day, staff count, grades."""
        from letstalk.tui.screens.school_year import edit_school_year

        edit_school_year(self, self.as_host())

    def set_theme(self, name: str) -> None:
        """Switch theme (the choice is remembered in settings)."""
        self.theme = name

    def export_choice(self) -> ExportChoice | None:
        """What the export dialog last sent out from this workbook (kept in settings)."""
        return self.settings.export_choice(self.handle.path)

    def remember_export(self, choice: ExportChoice) -> None:
        """Remember the parts ticked for this workbook's exports: in settings, never in the workbook."""
        self._keep_settings(lambda settings: settings.with_export_choice(self.handle.path, choice))

    def _keep_settings(self, change: Callable[[Settings], Settings], cost: str = "") -> None:
        """Make ``change`` to the settings, here and on disk; a failure is a warning (``cost`` says what it loses)."""
        from letstalk.settings import update_settings

        # This window keeps its own choices (another window's day-first reading never switches
        # this one's mid-session); the file gets the change made to what is in it now, even when
        # this window already had it (the other window may have saved the opposite since).
        self.settings = change(self.settings)
        try:
            update_settings(change)
        except (LetsTalkError, OSError, RuntimeError) as exc:
            self.notify(f"Settings not saved: {exc}. {cost}".strip(), severity="warning", markup=False)

    def action_search(self) -> None:
        """Search answers and content, then jump to the chosen item."""
        from letstalk.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(), self._jump_to_hit)

    def _jump_to_hit(self, hit: Hit | None) -> None:
        if hit is not None and hit.plan_part is not None:
            self.open_plan_at(hit.plan_part, hit.item_id)
        elif hit is not None:
            self.open_section(hit.section_id, focus_item=hit.item_id)

    def open_plan_at(self, part: str, entry_id: str | None = None) -> None:
        """Open the collaborative plan at one part, with the cursor on one entry."""
        from letstalk.tui.screens.plan import PlanScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.workbook.move_to_plan():
            self.request_save()
        self.push_screen(PlanScreen(part, entry_id))

    def action_profile(self) -> None:
        """Edit the owner, school and role of the workbook."""
        from letstalk.tui.screens.profile import ProfileDialog

        self.push_screen(ProfileDialog(self.workbook.meta), self._profile_saved)

    def _profile_saved(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        try:
            changed = self.workbook.set_profile(**values)
        except TooLongError as exc:  # the dialog checks first; this is the domain's own guard
            self.notify(exc.message, severity="error", markup=False)
            return
        if changed:
            self._show_owner()
            self.request_save(immediate=True)

    def action_messages(self) -> None:
        """Show the messages to the principal, filled from the workbook, ready to copy."""
        from letstalk.drafts import all_drafts
        from letstalk.tui.screens.drafts import DraftsScreen

        self.push_screen(DraftsScreen(all_drafts(self.workbook, self.library)))

    def action_about(self) -> None:
        """Show where the content comes from: sources, what was adapted, the license."""
        from letstalk.tui.screens.about import AboutScreen

        self.push_screen(AboutScreen(self.library))

    def action_help(self) -> None:
        """Show the keys and what letstalk does."""
        from letstalk.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- saving ----------------------------------------------------------------------------

    @property
    def save_pending(self) -> bool:
        """Whether a save is waiting for its timer or being written."""
        return self.saving.pending

    async def saved(self) -> bool:
        """Wait until no save is waiting or being written; True when everything is on disk."""
        return await self.saving.saved()

    def request_save(self, *, immediate: bool = False) -> None:
        """Save soon: ticks and picks at once, typing after a short quiet spell."""
        self.saving.changed(immediate=immediate)

    def action_save_now(self) -> None:
        self.saving.resume()

    def save_now(self) -> None:
        """Write the workbook now if it has unsaved changes; the write runs in a thread."""
        self.saving.save_now()

    def _save_failed(self, exc: LetsTalkError) -> None:
        if isinstance(exc, ConflictError):
            self._conflict(str(exc))
            return
        self.notify(
            f"{exc}. Your answers are still here; press ctrl+s to try again or use Save as from the command palette.",
            title="Not saved",
            severity="error",
            timeout=15,
        )

    def _conflict(self, message: str) -> None:
        from letstalk.tui.screens.dialogs import ConflictDialog

        self.push_screen(ConflictDialog(message), self._resolve_conflict)

    def _resolve_conflict(self, choice: str | None) -> None:
        from letstalk.tui.screens.dialogs import SaveAsDialog

        if choice == "reload":
            try:
                self.handle.reload()
            except LetsTalkError as exc:
                self.notify(str(exc), severity="error")
                return
            self.saving.forget()
            self._refresh_screens()
        elif choice == "save-as":
            self.push_screen(SaveAsDialog(self.handle.path), self._save_as)
        else:
            self.saving.pause()
            self.notify("Not saving for now: press ctrl+s to save over the changed file, or use Save as.", timeout=10)

    def action_save_as(self) -> None:
        """Save the workbook under a new name and keep working there."""
        from letstalk.tui.screens.dialogs import SaveAsDialog

        self.push_screen(SaveAsDialog(self.handle.path), self._save_as)

    def action_handin(self) -> None:
        """Ask where to write the hand-in copy (the roster's file name is suggested), then write it."""
        from letstalk.tui.screens.handoffs import hand_in_copy

        hand_in_copy(self, self.as_host())

    def _save_as(self, path: Path | None) -> None:
        if path is None:
            return
        original = self.handle.path
        try:
            self.handle.save_as(path)
        except LetsTalkError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self.saving.forget()
        self.notify(f"Saved as {shown_path(path)}; letstalk keeps working there.", markup=False)
        self._remember_saved_as(original, path)

    def _remember_saved_as(self, original: Path, copy: Path) -> None:
        """Note in settings, never in the original file, that ``original`` now has a newer copy (Home says so there)."""
        from letstalk.model import now

        when = now()
        try:
            self.settings.with_saved_as(original, copy, when)
        except (OSError, RuntimeError):  # a path that cannot be resolved (a symlink loop): nothing to key it by
            return
        self._keep_settings(
            lambda settings: settings.with_saved_as(original, copy, when),
            "Opening the old file will not mention this copy.",
        )

    def _refresh_screens(self) -> None:
        """After a reload, rebuild what is on screen from the new workbook."""
        from letstalk.tui.screens.home import HomeScreen

        section_id = getattr(self.screen, "section_id", None)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if section_id:
            self.open_section(section_id)
        elif isinstance(self.screen, HomeScreen):
            self.screen.refresh_progress()

    async def action_quit(self) -> None:
        """Save anything pending, typing still on its way to the workbook too, then quit."""
        await handled(self, by_app=True)
        if await self.saving.may_leave():
            self.exit(0)

    def on_unmount(self) -> None:
        self._unhook_signals()
        end_pause()  # quitting inside a pause stops the timer that would have ended it

    def _on_signal(self, signum: int) -> None:
        self.run_worker(self.leave_on_signal(signum), group="leave", exclusive=True)

    async def leave_on_signal(self, signum: int) -> None:
        """TERM, HUP or INT: write what is typed at once, release the lock, exit 128 + the signal."""
        await handled(self)  # the last keystrokes reach the workbook first
        problem = self.saving.write_now()
        self.handle.close()
        self.exit(
            128 + signum, return_code=128 + signum, message=f"letstalk: not saved: {problem}" if problem else None
        )


def make_app(handle: WorkbookFile, library: Library, settings: Settings | None = None) -> LetsTalkApp:
    """Build the app for an opened workbook; the CLI and the tests both come through here."""
    from letstalk.settings import load_settings

    return LetsTalkApp(handle, library, settings if settings is not None else load_settings())
