"""Drill-down: one participant's answers, section by section, as read-only text.

There is no input widget here and no save path: the workbook is read with private answers
already masked (:func:`letstalk.review.read.read_participant`) and shown as plain text.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from letstalk.cohort import short_title
from letstalk.errors import LetsTalkError
from letstalk.feedback import Feedback
from letstalk.model import Workbook
from letstalk.review import Participant
from letstalk.text import one_line, printable
from letstalk.tui.host import Host, ReviewHost
from letstalk.tui.review.reading import section_mark, section_text
from letstalk.tui.steady import ClosesOnce
from letstalk.tui.widgets.footer import HelpFirstFooter
from letstalk.tui.widgets.lists import SafeOptionList


class ParticipantScreen(ClosesOnce, Screen[None]):
    """One participant's workbook, read-only, a section at a time."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("f", "feedback", "Feedback"),
        Binding("q", "app.quit", "Quit"),
    ]

    host = Host[ReviewHost]()

    def __init__(self, participant: Participant, section_id: str | None = None) -> None:
        super().__init__()
        self.participant = participant
        self.section_id = section_id
        self.workbook: Workbook | None = None
        self.feedback: Feedback | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield SafeOptionList(id="drill-sections")
            with VerticalScroll(id="drill-body"):
                yield Static(id="drill-text")
        yield HelpFirstFooter()

    def on_mount(self) -> None:
        # the name is cleaned when a workbook is read, but a file name may hold anything
        self.sub_title = one_line(printable(f"{self.participant.name} · {self.participant.file} (read-only)"))
        try:
            self.workbook = self.host.read_workbook(self.participant)
        except LetsTalkError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            self.dismiss()
            return
        try:
            self.feedback = self.host.existing_feedback(self.participant)
        except LetsTalkError as exc:
            self.notify(str(exc), severity="warning")
        sections = self.host.library.all_sections()
        options = [
            Option(
                Text(
                    f"{section_mark(self.workbook, s)} {s.label} · {short_title(s.title)}",
                    no_wrap=True,
                    overflow="ellipsis",
                ),
                id=s.id,
            )
            for s in sections
        ]
        listing = self.query_one("#drill-sections", OptionList)
        listing.add_options(options)
        ids = [s.id for s in sections]
        listing.highlighted = ids.index(self.section_id) if self.section_id in ids else 0
        listing.focus()

    @on(OptionList.OptionHighlighted, "#drill-sections")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_section(event.option.id)

    def show_section(self, section_id: str) -> None:
        """Show one section's answers (and the facilitator's comment on it)."""
        if self.workbook is None:
            return
        self.section_id = section_id
        library = self.host.library
        section = library.sections[section_id]
        text = section_text(section, library.section_pack[section.id], self.workbook, self.feedback)
        self.query_one("#drill-text", Static).update(text)
        self.query_one("#drill-body", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#drill-sections")
    def _read(self) -> None:
        self.query_one("#drill-body").focus()

    def on_screen_resume(self) -> None:
        """Back from the feedback editor: show the comment just written."""
        try:
            self.feedback = self.host.existing_feedback(self.participant)
        except LetsTalkError:
            return
        if self.section_id:
            self.show_section(self.section_id)

    def action_feedback(self) -> None:
        """Write feedback on this section."""
        from letstalk.tui.review.feedback import FeedbackScreen

        self.app.push_screen(FeedbackScreen(self.participant, self.section_id))
