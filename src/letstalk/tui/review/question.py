"""The question view: one question, every participant's answer to it, one after another.

Pick the section at the top and the question on the left; private questions are never offered.
The answers come from :func:`letstalk.review.answers.responses` (workbooks read masked).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Select, Static
from textual.widgets.option_list import Option

from letstalk.cohort import short_title
from letstalk.errors import LetsTalkError
from letstalk.model import Workbook
from letstalk.review import Participant
from letstalk.review.answers import prompt, questions, responses
from letstalk.text import one_line, printable
from letstalk.tui.host import Host, ReviewHost
from letstalk.tui.widgets.footer import HelpFirstFooter

NO_ANSWER = "— no answer —"


class QuestionScreen(Screen[None]):
    """Answers side by side: a section's questions on the left, everyone's answer on the right."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.quit", "Quit"),
    ]

    host = Host[ReviewHost]()

    def __init__(self, section_id: str) -> None:
        super().__init__()
        self.section_id = section_id
        self._read: dict[str, Workbook] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        sections = [(f"{s.label} · {short_title(s.title)}", s.id) for s in self.host.library.all_sections()]
        yield Select(sections, value=self.section_id, allow_blank=False, id="q-section")
        with Horizontal():
            yield OptionList(id="q-list")
            with VerticalScroll(id="q-body"):
                yield Static(id="q-text")
        yield HelpFirstFooter()

    def on_mount(self) -> None:
        self.sub_title = "Answers side by side (private questions are never shown)"
        self._fill()

    def _workbook(self, participant: Participant) -> Workbook:
        """Each workbook is read once per visit (masked), however many questions are read."""
        if participant.file not in self._read:
            self._read[participant.file] = self.host.read_workbook(participant)
        return self._read[participant.file]

    def _fill(self) -> None:
        listing = self.query_one("#q-list", OptionList)
        listing.clear_options()
        items = questions(self.host.library, self.section_id)
        for item in items:
            listing.add_option(Option(Text(one_line(printable(prompt(item))), overflow="ellipsis"), id=item.id))
        if items:
            listing.highlighted = 0
            listing.focus()
        else:
            self.query_one("#q-text", Static).update(Text("This section has no questions to read.", style="dim"))

    @on(Select.Changed, "#q-section")
    def _section(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.section_id:
            self.section_id = event.value
            self._fill()

    @on(OptionList.OptionHighlighted, "#q-list")
    def _question(self, event: OptionList.OptionHighlighted) -> None:
        review = self.host.review
        if review is None or event.option.id is None:
            return
        item = next(i for i in questions(self.host.library, self.section_id) if i.id == event.option.id)
        text = Text.assemble((prompt(item) + "\n", "bold underline"))
        try:
            said = responses(review, self.host.library, item, self._workbook)
        except LetsTalkError as exc:
            self.notify(str(exc), severity="error")
            return
        for response in said:
            who = response.participant
            when = f" · {response.when:%d %b %Y}" if response.when else ""
            school = f" ({who.school})" if who.school else ""
            text.append(f"\n{one_line(printable(who.name + school))}{when}\n", style="bold")
            if response.answer:
                for line in printable(response.answer).splitlines() or [""]:
                    text.append(f"  {line}\n")
            else:
                text.append(f"  {NO_ANSWER}\n", style="dim")
        self.query_one("#q-text", Static).update(text)
        self.query_one("#q-body", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#q-list")
    def _read_answers(self) -> None:
        self.query_one("#q-body").focus()
