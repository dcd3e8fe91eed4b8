"""Home: every pack and section with progress, "continue", and the next step."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option

from letstalk.tui.host import Host, WorkbookHost
from letstalk.tui.widgets.footer import HelpFirstFooter
from letstalk.tui.widgets.lists import SafeOptionList
from letstalk.tui.widgets.progress import pack_row, section_row


class HomeScreen(Screen[None]):
    """The first screen: where you are in every pack, and a way back in."""

    BINDINGS = [
        Binding("c", "continue", "Continue", tooltip="continue where you left off"),
        Binding("p", "app.plan", "Plan", tooltip="open the collaborative plan: shape it, preview it, export it"),
        Binding("l", "app.log", "Log", tooltip="open the collaboration log: what you did with teachers"),
        Binding(
            "slash,ctrl+f", "app.search", "Search", tooltip="search your answers and the content, then jump to the item"
        ),
        Binding("m", "app.messages", "Messages", tooltip="messages to your principal, filled in and ready to copy"),
        Binding("h", "app.handin", "Hand in", tooltip="hand in to my facilitator: a copy with nothing private in it"),
    ]

    host = Host[WorkbookHost]()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            # When she reopens straight into a section or the plan, that screen is already above
            # Home here: Home's body (and its widgets' CSS) waits until she first comes back, and
            # costs nothing before the first paint.
            if self.is_active:
                yield from self._body()
        yield HelpFirstFooter()

    def _body(self) -> list[Widget]:
        return [
            Static(id="saved-as-line"),
            Button("Continue", id="continue", variant="primary"),
            Static(id="cohort-line"),
            Static(id="next-step"),
            Static(id="log-line"),
            SafeOptionList(id="sections"),
        ]

    def on_mount(self) -> None:
        # No refresh here: the ScreenResume that follows every mount draws the progress, still
        # before the first paint (drawing it in both computed every section's progress twice).
        if self.query("#continue"):
            self.query_one("#continue", Button).focus()

    async def on_screen_resume(self) -> None:
        if not self.is_active:
            return
        if not self.query("#continue"):
            await self.query_one("#home", Vertical).mount_all(self._body())
            self.query_one("#continue", Button).focus()
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Redraw the section list, the continue button and the next step from the workbook."""
        workbook, library = self.host.workbook, self.host.library
        options: list[Option | None] = []
        for pack in library.packs:
            if options:
                options.append(None)
            options.append(Option(pack_row(pack.meta.title, workbook.pack_progress(pack)), disabled=True))
            for section in pack.sections:
                row = section_row(
                    section.label,
                    section.title,
                    workbook.section_progress(section),
                    workbook.standing(section),
                    workbook.progress_words(section),
                )
                options.append(Option(row, id=section.id))
        sections = self.query_one("#sections", OptionList)
        highlighted = sections.highlighted
        sections.set_options(options)
        if highlighted is not None and highlighted < sections.option_count:
            sections.highlighted = highlighted

        resume = workbook.resume_section(library)
        button = self.query_one("#continue", Button)
        if resume is None:
            button.label = "All sections done: review your plan"
            button.disabled = True
        else:
            verb = "Continue" if workbook.answers else "Start"
            button.label = Text(f"{verb}: {resume.label} · {resume.title}")
            button.disabled = False
        self._show_saved_as()
        self._show_cohort()
        self._show_log()
        nxt = workbook.next_step(library)
        note = self.query_one("#next-step", Static)
        if nxt is None:
            note.update("Next step: every checklist item and challenge is done.")
        else:
            section, text = nxt
            note.update(Text.assemble(("Next step ", "bold"), f"({section.label}): ", text, self._standing()))

    def _standing(self) -> str:
        """``Strongest wedges: A, B · grow next: C`` once Step 2's wedges are rated, else ""."""
        from letstalk.plan.answers import Answers

        strongest, weakest = Answers(self.host.workbook, self.host.library).standing("readiness.frl")
        return f"\nStrongest wedges: {', '.join(strongest)} · grow next: {weakest}" if strongest else ""

    def _show_saved_as(self) -> None:
        """Where the newer copy went, when this file was saved as another (remembered in settings)."""
        notice = self.host.settings.newer_copy_notice(self.host.handle.path)
        line = self.query_one("#saved-as-line", Static)
        line.display = bool(notice)
        line.update(Text(notice))

    def _show_cohort(self) -> None:
        """The next cohort session with its date and worksheet status, when she joined a cohort."""
        from letstalk.cohort import next_session, session_line

        line = self.query_one("#cohort-line", Static)
        if self.host.cohort_problem:
            line.display = True
            line.update(Text(self.host.cohort_problem))
            return
        cohort = self.host.cohort
        upcoming = next_session(cohort, date.today()) if cohort is not None else None
        line.display = upcoming is not None
        if cohort is None or upcoming is None:
            return
        section_id, when, place = upcoming
        section = self.host.library.sections.get(section_id)
        if section is None:
            return
        workbook = self.host.workbook
        text = session_line(
            section.label, section.title, when, workbook.section_progress(section), workbook.standing(section).label
        )
        where = f" · {place}" if place else ""
        line.update(Text.assemble((f"{cohort.name}: ", "bold"), f"next, {text}{where}"))

    def _show_log(self) -> None:
        """The last log entry's date, and a gentle nudge after three quiet weeks of term."""
        from letstalk.log import home_line

        self.query_one("#log-line", Static).update(Text(home_line(self.host.workbook.log, date.today())))

    def action_continue(self) -> None:
        """Open the section you were last in."""
        resume = self.host.workbook.resume_section(self.host.library)
        if resume is not None:
            self.host.open_section(resume.id, focus_item=self.host.workbook.position.item)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "continue":
            self.action_continue()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.host.open_section(event.option.id)
