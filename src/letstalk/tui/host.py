"""What screens, widgets and commands need from their app, as Protocols.

The apps import their screens; a screen never imports an app. It names the little it uses
with a :class:`Host` descriptor instead::

    class HomeScreen(Screen[None]):
        host = Host[WorkbookHost]()

        def on_mount(self) -> None:
            self.host.workbook  # typed, and no import of letstalk.tui.app

``self.app`` stays the plain Textual :class:`~textual.app.App` (push_screen, notify, size...).
Each app checks that it satisfies its protocol (``LetsTalkApp.as_host``), so mypy catches a
screen asking for something its app does not have.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from letstalk.cohort import Cohort
    from letstalk.content import Library
    from letstalk.feedback import CommentBank, Feedback
    from letstalk.model import Workbook
    from letstalk.review import Column, Participant, Review
    from letstalk.settings import ExportChoice, Settings
    from letstalk.storage import Snapshot, WorkbookFile
    from letstalk.tui.autosave import SaveMachine


class WorkbookHost(Protocol):
    """The workbook app, as its screens, widgets and palette commands see it."""

    @property
    def workbook(self) -> Workbook:
        """The open workbook."""

    @property
    def library(self) -> Library:
        """The content packs."""

    @property
    def handle(self) -> WorkbookFile:
        """The open file (its path names exports)."""

    @property
    def cohort(self) -> Cohort | None:
        """The cohort this workbook joined, if any."""

    @property
    def cohort_problem(self) -> str:
        """One line for Home when her cohort file is gone or broken (empty when all is well)."""

    @property
    def feedback(self) -> Feedback | None:
        """A facilitator's feedback found beside the workbook, if any."""

    @property
    def settings(self) -> Settings:
        """What she chose that is not in the workbook (theme, how slashed dates are read)."""

    @property
    def saving(self) -> SaveMachine[Snapshot]:
        """The save machine (its indicator also counts fields whose typing was refused)."""

    def show_save_state(self) -> None:
        """Redraw the header's save indicator (focus moved onto or off a refused field)."""

    def set_month_first(self, month_first: bool) -> None:
        """Read slashed dates month first (US) or day first from now on."""

    def request_save(self, *, immediate: bool = False) -> None:
        """Save soon (at once when ``immediate``): call after every change to the workbook."""

    def save_now(self) -> None:
        """Write pending changes now."""

    def open_section(self, section_id: str, *, focus_item: str | None = None) -> None:
        """Show a section (or the rubric)."""

    def action_home(self) -> None:
        """Back to Home."""

    def action_plan(self) -> None:
        """Open the collaborative plan."""

    def action_search(self) -> None:
        """Search answers and content."""

    def action_log(self) -> None:
        """Open the collaboration log."""

    def action_school_year(self) -> None:
        """Edit the school year and its terms (profile)."""

    def action_profile(self) -> None:
        """Edit the owner, school and role."""

    def action_save_as(self) -> None:
        """Save under a new name and keep working there."""

    def action_messages(self) -> None:
        """Show the messages to the principal, ready to copy."""

    def action_about(self) -> None:
        """Show where the content comes from."""

    def action_handin(self) -> None:
        """Write the hand-in copy for her facilitator (asks where)."""

    def action_add_feedback(self) -> None:
        """Add the feedback file her facilitator sent (asks for it)."""

    def reload_feedback(self) -> None:
        """Read the facilitator's feedback beside the workbook again (after she added a new one)."""

    def action_help(self) -> None:
        """Show the keys and what letstalk does."""

    def set_theme(self, name: str) -> None:
        """Switch theme (remembered in settings)."""

    def export_choice(self) -> ExportChoice | None:
        """The parts last exported from this workbook, if any."""

    def remember_export(self, choice: ExportChoice) -> None:
        """Remember the parts ticked for this workbook's exports (in settings)."""


class ReviewHost(Protocol):
    """The review app, as its dashboard, drill-down and feedback editor see it."""

    @property
    def library(self) -> Library:
        """The content packs the workbooks were written against."""

    @property
    def review(self) -> Review | None:
        """The scanned folder, once the scan has finished."""

    @property
    def bank(self) -> CommentBank:
        """The facilitator's saved comments."""

    def rescan(self) -> None:
        """Read the folder again."""

    def read_workbook(self, participant: Participant) -> Workbook:
        """Her workbook, read only, private answers masked."""

    def existing_feedback(self, participant: Participant) -> Feedback | None:
        """Her sidecar if there is one (a broken one raises)."""

    def feedback_path(self, participant: Participant) -> Path:
        """Where her sidecar lives."""

    def return_feedback(self, out_dir: Path) -> tuple[list[Path], list[Participant], list[str]]:
        """Write every participant's feedback into ``out_dir``: (written, without feedback, problems)."""

    def load_feedback(self, participant: Participant) -> Feedback:
        """Her feedback so far, or a new one (a broken sidecar raises)."""

    def save_feedback(self, participant: Participant, feedback: Feedback) -> None:
        """Write her sidecar (from a worker thread too); raises :class:`LetsTalkError` when not saved."""

    def toggle_attendance(self, participant: Participant, column: Column) -> bool:
        """Mark or unmark her at a session in the attendance file; False when it could not be saved."""

    def keep_in_bank(self, text: str) -> None:
        """Add a comment to the bank and save it."""

    def drop_from_bank(self, index: int) -> None:
        """Remove a saved comment and save the bank."""


H = TypeVar("H")


class _HasApp(Protocol):
    """A screen, widget or command provider: anything Textual gives an ``app``."""

    @property
    def app(self) -> object:
        """The running app."""


class Host(Generic[H]):
    """A class attribute giving a node's app typed as protocol ``H``: ``host = Host[WorkbookHost]()``."""

    def __get__(self, node: _HasApp, owner: Any = None) -> H:
        return cast(H, node.app)
