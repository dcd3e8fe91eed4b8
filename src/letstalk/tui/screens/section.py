"""A section: a Let's Talk step, a cohort session, a toolkit part or the rubric.

Only the open section's widgets are mounted. Every change goes through the workbook's methods
and is saved by the app: ticks and picks at once, typing after a short pause.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from itertools import islice

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Collapsible, Header, Input, OptionList, Select, Static, TextArea

from letstalk.content.models import URL_SCHEMES, Block, BlockKind, DateItem, Resource, Section
from letstalk.errors import TooLongError
from letstalk.model import Status, date_reading, parse_date
from letstalk.tui.collector import pause_collector
from letstalk.tui.host import Host, WorkbookHost
from letstalk.tui.steady import ClosesOnce
from letstalk.tui.widgets.footer import HelpFirstFooter
from letstalk.tui.widgets.items import (
    StatusCycle,
    block_widgets,
    folded_blocks,
    is_note,
    item_id_from,
    item_id_of,
    widget_id,
)
from letstalk.tui.widgets.lists import SIDEBAR_MIN_WIDTH, SectionList
from letstalk.tui.widgets.problem import show_problem
from letstalk.tui.widgets.rubric import RubricGrid

FIRST_WIDGETS = 12
"""Widgets mounted before the first paint: a screenful at most (a question is two: its prompt and its box)."""


def question_of(field: Widget) -> Widget:
    """The question a field answers (its prompt, above any hint under it), or the field itself."""
    siblings = list(field.parent.children) if field.parent is not None else [field]
    index = siblings.index(field)
    while index and siblings[index - 1].has_class("hint"):
        index -= 1
    return siblings[index - 1] if index and siblings[index - 1].has_class("prompt") else field


class SectionScreen(ClosesOnce, Screen[None]):
    """One section's content and answers, with a list of all sections beside it."""

    AUTO_FOCUS = "#section"

    BINDINGS = [
        Binding("escape", "home", "Home", tooltip="back to Home"),
        Binding("ctrl+pagedown", "step(1)", "Next", tooltip="open the next section"),
        Binding("ctrl+pageup", "step(-1)", "Previous", tooltip="open the previous section"),
        Binding("f2", "set_status", "Status", tooltip="set the section's status (done asks first if items are open)"),
        Binding("ctrl+b", "toggle_sidebar", "Sections", tooltip="show or hide the list of all sections"),
        Binding("ctrl+f", "app.search", "Search", tooltip="search your answers and the content"),
        Binding(
            "ctrl+g", "toggle_goals", "Goals", show=False, tooltip="show or hide the step's goals and competencies"
        ),
    ]

    host = Host[WorkbookHost]()

    def __init__(self, section: Section, *, focus_item: str | None = None) -> None:
        super().__init__()
        self.section = section
        self.section_id = section.id
        self.focus_item = focus_item
        self._status_line = ""
        self._page: Vertical | None = None
        self.first_paint: float | None = None
        """perf_counter() when the opened section's first blocks were on screen (benchmarks)."""
        self._filled: str | None = None  # the section whose every block is mounted

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield SectionList(id="sidebar")
            with Vertical(id="section-side"):
                # Outside the scroll: where she is stays in sight while the body scrolls.
                yield Static(id="section-title")
                yield VerticalScroll(id="section")
        yield HelpFirstFooter()

    def on_mount(self) -> None:
        self.query_one("#sidebar").display = self.app.size.width >= SIDEBAR_MIN_WIDTH
        self.query_one("#section").focus()  # never the (perhaps hidden) sidebar
        self.show(self.section, focus_item=self.focus_item)

    def show(self, section: Section, *, focus_item: str | None = None) -> None:
        """Replace the open section with another, reusing this screen (header, footer, sidebar)."""
        self._forget_refused()
        self.section, self.section_id, self.focus_item = section, section.id, focus_item
        self.first_paint = None
        self._status_line = ""
        self.run_worker(self._fill(section, focus_item, pause_collector(self)), group="fill", exclusive=True)

    async def _fill(self, section: Section, focus_item: str | None, collect_again: Callable[[], None]) -> None:
        """Mount the section's top as one page, paint it, then mount the folded goals and the rest.

        The collector, paused as the section was asked for, runs again once the top is painted (a
        fill cancelled by the next section's leaves that to the pause's own timer).
        """
        body = self.query_one("#section", VerticalScroll)
        old_pages = list(body.children)
        pack = self.host.library.section_pack[section.id]
        workbook = self.host.workbook
        self._status_line = self._status_text()
        top: list[Widget] = [
            Static(Text(section.summary), id="section-summary"),
            Static(Text(self._status_line), id="section-status"),
        ]
        comment = self.host.feedback.comment(section.id) if self.host.feedback else None
        if comment is not None:
            top.append(
                Static(
                    Text.assemble(("Facilitator feedback", "bold"), f" ({comment.updated:%d %b %Y})\n", comment.text),
                    classes="feedback",
                )
            )
        folded = folded_blocks(section)
        inside = (w for block in section.blocks if block.id in folded for w in block_widgets(block, pack, workbook))
        unfold = False
        if folded:
            names = " and ".join(b.heading.lower() for b in section.blocks if b.id in folded)
            located = self.host.library.items.get(focus_item) if focus_item else None
            unfold = located is not None and located.block.id in folded
            # Folded away, its widgets are made and mounted after the first paint.
            early = [*inside] if unfold else []
            top.append(Collapsible(*early, title=names[:1].upper() + names[1:], collapsed=not unfold, id="folded"))
        blocks = [block for block in section.blocks if block.id not in folded]

        def widgets_of(block: Block) -> Iterator[Widget]:
            if block.kind is BlockKind.RUBRIC:
                yield RubricGrid(block, pack)
            else:
                yield from block_widgets(block, pack, workbook)

        first = widgets_of(blocks[0]) if blocks else iter(())
        # One page, mounted whole, is one layout before the first paint (each mount into a mounted
        # page is another); only a screenful is made and goes in before it: the rest would hold
        # the paint back (a long block's widgets take longer to make than to mount).
        top += islice(first, FIRST_WIDGETS)
        page = self._page = Vertical(*top, classes="page")
        title = Text.assemble(
            (f"{section.label} · ", "dim"), (section.title, "bold"), no_wrap=True, overflow="ellipsis"
        )
        # One frame for the title, the sidebar and the whole page, not one per nested mount. Nothing
        # changes on screen before the batch: a change would start the frame clock, and its tick,
        # spent inside the batch, would hold the page's frame back to the next one (up to 1/60 s).
        with self.app.batch_update():
            self.query_one("#section-title", Static).update(title)
            self.refresh_sidebar()
            for old in old_pages:
                # Removed only once this page is whole: a fill cancelled by the next section's (keys
                # faster than a frame) must never be stopped halfway through removing a page.
                old.display = False
            await body.mount(page)
        body.scroll_home(animate=False)
        await self.wait_for_refresh()
        self._painted()
        collect_again()
        if folded and not unfold:
            await page.query_one("#folded", Collapsible).query_one(Collapsible.Contents).mount_all([*inside])
        rest = [*first, *(widget for block in blocks[1:] for widget in widgets_of(block))]
        if rest:
            await page.mount_all(rest)
        for old in old_pages:
            await old.remove()
        self._filled = section.id
        target = self._widget_for(focus_item) if focus_item else None
        if target is not None and target.focusable:
            target.focus()
            # Show the question too, not just the box under it (inside the folded goals, when it is there).
            self.call_after_refresh(question_of(target).scroll_visible, top=True, animate=False)
        elif self.focused is None or self.focused.id != "sidebar" or not self.focused.display:
            body.focus()

    @property
    def filled(self) -> bool:
        """Whether every block of the open section is mounted (it fills in a worker)."""
        return self._filled == self.section_id

    def _painted(self) -> None:
        self.first_paint = time.perf_counter()

    def _widget_for(self, item_id: str) -> Widget | None:
        found = self._page.query(f"#{widget_id(item_id)}") if self._page is not None else None
        return found.first() if found else None

    # -- drawing ---------------------------------------------------------------------------

    def action_toggle_goals(self) -> None:
        """Unfold or fold the goals and key competencies (one key away, out of the way)."""
        found = self._page.query("#folded") if self._page is not None else None
        if found:
            folded = found.first(Collapsible)
            folded.collapsed = not folded.collapsed
            if not folded.collapsed:
                folded.scroll_visible(top=True, animate=False)

    def refresh_sidebar(self) -> None:
        """The list of every section with its status mark, this one highlighted."""
        sections = self.host.library.all_sections()
        marks = tuple(self.host.workbook.standing(section).mark for section in sections)
        self.query_one("#sidebar", SectionList).show(sections, marks, self.section.id)

    def _status_text(self) -> str:
        workbook = self.host.workbook
        status = workbook.status(self.section.id)
        return f"{status.mark} {status.label} · {workbook.progress_words(self.section)} · F2 sets the status"

    def refresh_status(self) -> None:
        """The status line under the title: a word, a mark and the count (redrawn only on change)."""
        line = self._status_text()
        found = self._page.query("#section-status") if self._page is not None else None
        if not found or line == self._status_line:
            return  # still being mounted, or nothing to redraw (most keystrokes)
        self._status_line = line
        found.first(Static).update(Text(line))
        self.refresh_sidebar()  # its mark for this section follows the status line (○ to ◐ on a first answer)

    # -- answers ---------------------------------------------------------------------------

    def _changed(self, item_id: str, *, immediate: bool) -> None:
        workbook = self.host.workbook
        workbook.touch_section(self.section.id)
        workbook.move_to(self.section.id, item_id)
        self.refresh_status()
        self.host.request_save(immediate=immediate)

    @on(Checkbox.Changed)
    def _tick(self, event: Checkbox.Changed) -> None:
        item_id = item_id_of(event.checkbox)
        if item_id and self.host.workbook.set_answer(item_id, event.value):
            self._changed(item_id, immediate=True)
            if not event.value:
                self._ask_about_linked_action(item_id)

    def _ask_about_linked_action(self, item_id: str) -> None:
        """Unticking an idea or quick win she made an action of: ask before the action goes too."""
        from letstalk import plan as planning
        from letstalk.tui.screens.dialogs import ConfirmDialog

        action = planning.linked_action(self.host.workbook, item_id)
        if action is None:
            return

        def answered(remove: bool | None) -> None:
            if remove and planning.remove_linked_action(self.host.workbook, item_id, action.id):
                self.host.request_save(immediate=True)
                self.notify("The action is removed from the plan.")

        what = action.what.strip().splitlines()[0] if action.what.strip() else action.id
        question = ConfirmDialog(
            "Remove its action from the plan too?",
            f"Your plan has an action from it: {what}",
            yes="Remove the action",
            no="Keep the action",
        )
        self.app.push_screen(question, answered)

    @on(TextArea.Changed)
    def _typed_long(self, event: TextArea.Changed) -> None:
        item_id = item_id_of(event.text_area)
        if item_id and self._kept(
            event.text_area, lambda: self.host.workbook.set_answer(item_id, event.text_area.text)
        ):
            self._changed(item_id, immediate=False)

    def _kept(self, field: Widget, change: Callable[[], bool]) -> bool:
        """Apply a typed change; text too long to save stays in the field with a line saying why."""
        try:
            changed = change()
        except TooLongError as exc:
            show_problem(field, f"{exc.message}. The rest of your answers are saved.")
            return False
        show_problem(field, None)
        return changed

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        item_id = item_id_of(event.input)
        if not item_id:
            return
        workbook = self.host.workbook
        if is_note(event.input):
            changed = self._kept(event.input, lambda: workbook.set_note(item_id, event.value))
        elif isinstance(self.host.library.items[item_id].item, DateItem):
            changed = self._typed_date(item_id, event.value)
        else:
            changed = self._kept(event.input, lambda: workbook.set_answer(item_id, event.value))
        if changed:
            self._changed(item_id, immediate=False)

    def _typed_date(self, item_id: str, raw: str) -> bool:
        if self._page is None:
            return False  # typed into a page that is being replaced
        message = self._page.query_one(f"#{widget_id(item_id, 'err-')}", Static)
        field = widget_id(item_id)
        try:
            value = parse_date(raw, month_first=self.host.settings.month_first)
        except ValueError as exc:
            # The bad text stays in the field to be corrected; the saved date is left alone,
            # and the header says "not saved" until she fixes it.
            message.update(Text(str(exc)))
            message.set_class(True, "error")
            item = self.host.library.items[item_id].item
            prompt = item.text if isinstance(item, DateItem) else item_id
            self.host.saving.refuse(field, prompt if len(prompt) <= 40 else prompt[:39] + "…")
            return False
        message.update(Text(f"= {date_reading(value)}" if value else ""))
        message.set_class(False, "error")
        self.host.saving.accept(field)
        return self.host.workbook.set_answer(item_id, value)

    @on(StatusCycle.Changed)
    def _challenge(self, event: StatusCycle.Changed) -> None:
        item_id = item_id_of(event.cycle)
        if item_id and self.host.workbook.set_answer(item_id, event.value):
            self._changed(item_id, immediate=True)

    @on(Select.Changed)
    def _picked(self, event: Select.Changed) -> None:
        item_id = item_id_of(event.select)
        if not item_id:
            return
        value = None if event.value is Select.NULL else str(event.value)
        workbook = self.host.workbook
        if self.host.library.items[item_id].item.kind == "rating":
            changed = value is not None and workbook.rate(item_id, value)
        else:
            changed = workbook.set_answer(item_id, value)
        if changed:
            self._changed(item_id, immediate=True)

    def on_rubric_grid_rated(self, event: RubricGrid.Rated) -> None:
        event.stop()
        if self.host.workbook.rate(event.item_id, event.level):
            for grid in self._page.query(RubricGrid) if self._page is not None else []:
                if any(r.id == event.item_id for r in grid.ratings):
                    grid.refresh_row(event.item_id)
            self._changed(event.item_id, immediate=True)

    @on(OptionList.OptionSelected, "#sidebar")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != self.section.id:
            self.host.open_section(event.option.id)

    @on(OptionList.OptionSelected, ".resources")
    def _open_resource(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item_id = item_id_from(event.option.id)
        resource = self.host.library.items[item_id].item if item_id else None
        if isinstance(resource, Resource) and resource.url and resource.url.lower().startswith(URL_SCHEMES):
            # Packs are validated too: the scheme check is a second guard.
            from letstalk.tui.screens.link import LinkDialog, start_browser

            if self.app.is_web:
                self.app.open_url(resource.url)  # in a browser tab already: the browser opens it
                opened = True
            else:
                opened = start_browser(resource.url)
            self.app.push_screen(LinkDialog(resource.title, resource.url, opened=opened))
        elif isinstance(resource, Resource) and resource.url:
            self.notify("This link is not a web or mail address, so it is not opened.", severity="warning")
        elif isinstance(resource, Resource):
            self.notify("This resource has no link: look it up by its title.")

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        item_id = item_id_of(focused) if focused is not None else None
        if item_id and self.host.workbook.move_to(self.section.id, item_id):
            self.host.request_save()
        if self.host.saving.refused:
            self.host.show_save_state()  # on a refused field the header names it

    def on_unmount(self) -> None:
        self._forget_refused()

    def _forget_refused(self) -> None:
        """Leaving the section drops text that could not be stored: say so once, then stop warning."""
        refused = self.host.saving.refused
        if refused:
            names = ", ".join(refused.values())
            self.app.notify(f"Not saved: {names} (what was typed there is not a date)", severity="warning", timeout=10)
            for field in refused:
                self.host.saving.accept(field)

    # -- actions ---------------------------------------------------------------------------

    def action_home(self) -> None:
        """Back to Home."""
        self.host.save_now()
        self.dismiss()

    def action_step(self, delta: int) -> None:
        """Open the next or previous section."""
        sections = self.host.library.all_sections()
        index = next(i for i, s in enumerate(sections) if s.id == self.section.id)
        target = index + delta
        if 0 <= target < len(sections):
            self.host.open_section(sections[target].id)
        else:
            self.notify("This is the last section." if delta > 0 else "This is the first section.")

    def action_toggle_sidebar(self) -> None:
        """Show or hide the list of sections."""
        sidebar = self.query_one("#sidebar")
        sidebar.display = not sidebar.display
        if sidebar.display:
            sidebar.focus()
        elif self.focused is sidebar:
            self.query_one("#section").focus()

    def action_set_status(self) -> None:
        """Choose not started, in progress or done."""
        from letstalk.tui.screens.dialogs import ChoiceDialog

        choices = [(s.value, f"{s.mark} {s.label}") for s in Status]
        current = self.host.workbook.status(self.section.id).value
        dialog = ChoiceDialog("Section status", f"{self.section.label} · {self.section.title}", choices, current)
        self.app.push_screen(dialog, self._status_chosen)

    def _status_chosen(self, choice: str | None) -> None:
        if choice is None:
            return
        status = Status(choice)
        progress = self.host.workbook.section_progress(self.section)
        if status is Status.DONE and progress.done < progress.total:
            from letstalk.tui.screens.dialogs import ConfirmDialog

            left = progress.total - progress.done
            self.app.push_screen(
                ConfirmDialog(
                    "Mark as done?",
                    f"{left} item(s) in this section are still open. Mark it done anyway?",
                    yes="Mark done",
                    no="Not yet",
                    default_yes=True,  # she chose Done: Enter does what she asked
                ),
                lambda ok: self._apply_status(status) if ok else self._say_status(changed=False),
            )
        else:
            self._apply_status(status)

    def _apply_status(self, status: Status) -> None:
        changed = self.host.workbook.set_status(self.section.id, status)
        if changed:
            self.refresh_status()
            self.refresh_sidebar()
            self.host.request_save(immediate=True)
        self._say_status(changed=changed)

    def _say_status(self, *, changed: bool) -> None:
        """One line saying what the status is now, whether it changed or not."""
        status = self.host.workbook.status(self.section.id)
        verb = "is now" if changed else "stays"
        self.notify(f"{self.section.label} {verb} {status.mark} {status.label}.", title="Status", timeout=4)
