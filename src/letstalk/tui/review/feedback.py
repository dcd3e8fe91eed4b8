"""The feedback editor: a comment per section and a level per rubric theme, saved to the sidecar.

Saved comments (the comment bank) go in with one key: Enter on one in the bank list, or its
number 1–9 when you are not typing. Nothing here touches the participant's workbook. The sidecar
is written by the same save machine as the workbook app (typing after a pause, levels at once).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static, TabbedContent, TabPane, TextArea
from textual.widgets.option_list import Option

from letstalk.cohort import short_title
from letstalk.errors import LetsTalkError, TooLongError
from letstalk.feedback import Feedback, timeline
from letstalk.model import Workbook
from letstalk.review import Participant, Theme
from letstalk.text import one_line, printable, shown_path
from letstalk.tui.autosave import SaveMachine, SaveState
from letstalk.tui.host import Host, ReviewHost
from letstalk.tui.review.reading import section_text
from letstalk.tui.steady import ClosesOnce
from letstalk.tui.widgets.footer import HelpFirstFooter
from letstalk.tui.widgets.lists import SafeOptionList
from letstalk.tui.widgets.problem import show_problem
from letstalk.tui.widgets.table import Table


class FeedbackScreen(ClosesOnce, Screen[None]):
    """Comments and rubric levels for one participant."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("ctrl+s", "save", "Save"),
        Binding("f3", "keep", "Keep in bank"),
        Binding("ctrl+t", "switch_tab", "Comments/Rubric"),
        Binding("delete", "forget", "Drop from bank", show=False),
        *(Binding(str(n), f"insert({n})", show=False) for n in range(1, 10)),
    ]

    host = Host[ReviewHost]()

    def __init__(self, participant: Participant, section_id: str | None = None) -> None:
        super().__init__()
        self.participant = participant
        self.section_id = section_id
        self.feedback = Feedback()
        self.workbook: Workbook | None = None
        self.saving = SaveMachine(
            self,
            snapshot=lambda: self.feedback.model_copy(deep=True),
            write=self._write_sidecar,
            on_error=self._not_saved,
            on_state=self._save_state_changed,
        )
        """The save machine writing this participant's sidecar."""
        self._announce = False  # ctrl+s: say so once the sidecar is written
        self._shown: str | None = None  # the section whose comment is in the editor

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="comments"):
            with TabPane("Comments", id="comments"), Horizontal():
                yield SafeOptionList(id="fb-sections")
                with Vertical(id="fb-editor"):
                    yield Static(id="fb-title")
                    with VerticalScroll(id="fb-answers-box"):  # her answers, to comment beside them
                        yield Static(id="fb-answers")
                    yield TextArea(id="comment", soft_wrap=True)
                    yield Static(
                        "Comment bank: Enter or 1–9 inserts · F3 keeps the comment above · Delete drops",
                        classes="hint",
                    )
                    yield SafeOptionList(id="bank")
            with TabPane("Rubric", id="rubric"):
                yield Table(id="fb-rubric", cursor_type="cell", zebra_stripes=True)
                yield Static(id="fb-rubric-detail")
        yield HelpFirstFooter()

    def on_mount(self) -> None:
        self._show_state()
        try:
            self.feedback = self.host.load_feedback(self.participant)
        except LetsTalkError as exc:
            self.notify(
                f"{exc}. Fix or move that file first; it is never overwritten.",
                severity="error",
                timeout=12,
                markup=False,
            )
            self.dismiss()
            return
        try:
            self.workbook = self.host.read_workbook(self.participant)
        except LetsTalkError:
            self.workbook = None  # the self-rating history is simply not shown
        sections = self.host.library.all_sections()
        ids = [s.id for s in sections]
        self.section_id = self.section_id if self.section_id in ids else ids[0]
        self._fill_sections()
        self._fill_bank()
        self._fill_rubric()
        self._show_section(self.section_id)  # now, not when the highlight message arrives: she may be typing
        listing = self.query_one("#fb-sections", OptionList)
        listing.highlighted = ids.index(self.section_id)
        self.query_one("#comment", TextArea).focus()

    # -- comments --------------------------------------------------------------------------

    def _fill_sections(self) -> None:
        listing = self.query_one("#fb-sections", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        for section in self.host.library.all_sections():
            mark = "✎" if self.feedback.comment(section.id) else " "
            listing.add_option(
                Option(
                    Text(f"{mark} {section.label} · {short_title(section.title)}", no_wrap=True, overflow="ellipsis"),
                    id=section.id,
                )
            )
        if highlighted is not None:
            listing.highlighted = highlighted

    def _fill_bank(self) -> None:
        bank = self.query_one("#bank", OptionList)
        bank.clear_options()
        for number, text in enumerate(self.host.bank.comments, 1):
            key = str(number) if number < 10 else " "
            bank.add_option(Option(Text(f"{key} {printable(text)}", no_wrap=True, overflow="ellipsis")))
        if not self.host.bank.comments:
            bank.add_option(
                Option(Text("No saved comments yet: write one above and press F3.", style="dim"), disabled=True)
            )

    @on(OptionList.OptionHighlighted, "#fb-sections")
    def _section(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and event.option.id != self._shown:
            self._show_section(event.option.id)

    def _show_section(self, section_id: str) -> None:
        self.section_id = self._shown = section_id
        section = self.host.library.sections[section_id]
        comment = self.feedback.comment(section_id)
        self.query_one("#fb-title", Static).update(Text(f"{section.label} · {section.title}", style="bold"))
        self.query_one("#comment", TextArea).load_text(comment.text if comment else "")
        answers = self.query_one("#fb-answers", Static)
        if self.workbook is None:
            answers.update(Text("Her answers could not be read.", style="dim"))
        else:
            pack = self.host.library.section_pack[section.id]
            answers.update(section_text(section, pack, self.workbook, None))
        self.query_one("#fb-answers-box", VerticalScroll).scroll_home(animate=False)

    def on_key(self, event: events.Key) -> None:
        """Text typed while the comment bank has focus goes into the comment, never lost (1–9 still insert)."""
        bank = self.query_one("#bank", OptionList)
        character = event.character
        if self.focused is not bank or not event.is_printable or not character or character.isdigit():
            return
        event.stop()
        event.prevent_default()
        area = self.query_one("#comment", TextArea)
        area.focus()
        area.insert(character, area.document.end, maintain_selection_offset=False)  # the cursor follows it

    @on(OptionList.OptionSelected, "#fb-sections")
    def _write(self) -> None:
        self.query_one("#comment", TextArea).focus()

    @on(TextArea.Changed, "#comment")
    def _typed(self, event: TextArea.Changed) -> None:
        if not self.section_id:
            return
        try:
            changed = self.feedback.set_comment(self.section_id, event.text_area.text)
        except TooLongError as exc:
            # The comment stays in the editor; the line under it says by how much it is too long.
            show_problem(event.text_area, f"{exc.message}. Your other comments are saved.")
            return
        show_problem(event.text_area, None)
        if changed:
            self.saving.changed()

    # -- saving ----------------------------------------------------------------------------

    def _write_sidecar(self, feedback: Feedback) -> None:
        self.host.save_feedback(self.participant, feedback)

    def _show_state(self) -> None:
        where = self.host.feedback_path(self.participant).name
        self.sub_title = one_line(printable(f"Feedback for {self.participant.name} → {where}  [{self.saving.mark}]"))

    def _save_state_changed(self, state: SaveState) -> None:
        if not self.is_mounted:
            return
        self._show_state()
        if state == "saved":
            self._fill_sections()
            if self._announce:
                self._announce = False
                self.notify(f"Saved {shown_path(self.host.feedback_path(self.participant))}", timeout=3, markup=False)

    def _not_saved(self, exc: LetsTalkError) -> None:
        self._announce = False
        self.notify(
            f"{exc}. Your comment is still here; press ctrl+s to try again.",
            title="Feedback not saved",
            severity="error",
            timeout=10,
            markup=False,
        )

    # -- the comment bank ------------------------------------------------------------------

    def action_insert(self, number: int) -> None:
        """Insert saved comment ``number`` into the comment (on the Comments tab)."""
        if self.query_one(TabbedContent).active != "comments" or not 0 < number <= len(self.host.bank.comments):
            return
        area = self.query_one("#comment", TextArea)
        text = self.host.bank.comments[number - 1]
        lead = " " if area.text and not area.text[-1].isspace() else ""
        area.move_cursor(area.document.end)
        area.insert(lead + text)
        area.focus()

    @on(OptionList.OptionSelected, "#bank")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.action_insert(event.option_index + 1)

    def action_keep(self) -> None:
        """Keep the comment being written in the bank, for other participants."""
        self.host.keep_in_bank(self.query_one("#comment", TextArea).text)
        self._fill_bank()

    def action_forget(self) -> None:
        """Drop the highlighted comment from the bank."""
        bank = self.query_one("#bank", OptionList)
        if self.focused is not bank or bank.highlighted is None or not self.host.bank.comments:
            return
        self.host.drop_from_bank(bank.highlighted)
        self._fill_bank()

    # -- the rubric ------------------------------------------------------------------------

    def _themes(self) -> tuple[Theme, ...]:
        return self.host.review.scope.themes if self.host.review else ()

    def _fill_rubric(self) -> None:
        table = self.query_one("#fb-rubric", DataTable)
        themes = self._themes()
        if not themes:
            return
        table.add_column("Theme", width=26, key="theme")
        for level, label in themes[0].levels:
            table.add_column(label, key=level)
        for theme in themes:
            table.add_row(*self._cells(theme), key=theme.id)
        self._detail(0)

    def _cells(self, theme: Theme) -> list[Text]:
        own = self.participant.entry.ratings.get(theme.id) if self.participant.entry else None
        mine = self.feedback.level(theme.id)
        out = [Text(theme.text, no_wrap=True, overflow="ellipsis")]
        for level, _ in theme.levels:
            words = [w for w, on_ in (("● you", mine == level), ("self", own == level)) if on_]
            out.append(Text(" + ".join(words) or "·"))
        return out

    def _detail(self, row: int) -> None:
        themes = self._themes()
        if not 0 <= row < len(themes):
            return
        theme = themes[row]
        labels = dict(theme.levels)
        events = timeline(self.workbook, self.feedback, theme.id) if self.workbook else []
        steps = [
            f"{'you' if who == 'facilitator' else 'self'}: {labels.get(level, level)} ({at:%d %b %Y})"
            for at, who, level in events
        ]
        text = Text.assemble(
            (theme.text, "bold"),
            "\n",
            " → ".join(steps) or "No levels yet.",
            "\nEnter on a level gives it today (a second change today replaces the first).",
        )
        self.query_one("#fb-rubric-detail", Static).update(text)

    @on(DataTable.CellHighlighted, "#fb-rubric")
    def _rubric_moved(self, event: DataTable.CellHighlighted) -> None:
        self._detail(event.coordinate.row)

    @on(DataTable.CellSelected, "#fb-rubric")
    def _rated(self, event: DataTable.CellSelected) -> None:
        themes = self._themes()
        row, column = event.coordinate.row, event.coordinate.column
        if column == 0 or not 0 <= row < len(themes):
            return
        theme = themes[row]
        if self.feedback.rate(theme.id, theme.levels[column - 1][0]):
            self.saving.changed(immediate=True)
            table = self.query_one("#fb-rubric", DataTable)
            for index, cell in enumerate(self._cells(theme)):
                table.update_cell_at(Coordinate(row, index), cell, update_width=True)
            self._detail(row)

    def action_switch_tab(self) -> None:
        """Between the comments and the rubric levels."""
        tabs = self.query_one(TabbedContent)
        tabs.active = "rubric" if tabs.active == "comments" else "comments"
        self.query_one("#fb-rubric" if tabs.active == "rubric" else "#comment").focus()

    # -- leaving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        """Write the sidecar now and say so."""
        self._announce = True
        self.saving.changed(immediate=True)

    async def action_close(self) -> None:
        """Save, then back to where you came from (a failed save keeps you here, once)."""
        if await self.saving.may_leave(again="press Escape again"):
            self.dismiss()
