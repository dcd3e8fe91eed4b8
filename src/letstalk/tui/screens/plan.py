"""The collaborative plan: shape every part, preview the summary, export it.

The plan is rebuilt from the workbook (:func:`letstalk.plan.build`) after every change, so what
she typed in the steps shows up here without typing it twice.
"""

from __future__ import annotations

import io
import mimetypes
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from letstalk import plan as planning
from letstalk.errors import LetsTalkError
from letstalk.export.audience import Audience, Share
from letstalk.model import Action
from letstalk.plan import Origin, Plan
from letstalk.text import shown_path
from letstalk.tui.host import Host, WorkbookHost
from letstalk.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from letstalk.tui.screens.entry import EntryDialog, FieldSpec
from letstalk.tui.screens.export_dialog import PRIVATE, PartsDialog, chosen_audience
from letstalk.tui.widgets.export_notice import ExportNotice, export_choices, export_words
from letstalk.tui.widgets.footer import HelpFirstFooter
from letstalk.tui.widgets.lists import SafeOptionList
from letstalk.tui.widgets.plan_parts import PARTS, LinesPart, PlanPart, PlanTable, PreviewPart, TablePart, TextPart
from letstalk.tui.widgets.problem import show_problem

TEXT_FIELDS: dict[str, planning.TextField] = {"vision": "vision", "measures": "measures", "sharing": "sharing"}
"""The plan's paragraphs, by the id of the field they are typed in (``text-vision``...)."""

EXPORT_NAMES = {
    "md": "plan",
    "text": "plan",
    "html": "plan",
    "ics": "plan",
    "csv": "actions",
    "card": "card",
    "card-html": "card",
}
"""The middle of an export's file name: ana-plan.html, ana-card.md, ana-actions.csv."""


class PlanScreen(Screen[None]):
    """Every part of the collaborative plan, one at a time, with a live preview."""

    BINDINGS = [
        Binding("escape", "app.home", "Home", tooltip="back to Home"),
        Binding("x", "export", "Export", tooltip="export the plan: Markdown, HTML, calendar, card or CSV"),
        Binding("i", "adopt", "Adopt idea", tooltip="adopt an idea from the idea bank as an action"),
        # Shown (and acting) only while a table part is on screen: a letter never acts unseen.
        Binding("a", "table('add')", "Add", tooltip="add an entry to the shown table"),
        Binding("e", "table('edit')", "Edit", tooltip="edit the highlighted entry"),
        Binding("d", "table('delete')", "Delete", tooltip="delete the highlighted entry (asks first)"),
    ]

    host = Host[WorkbookHost]()

    def __init__(self, part: str | None = None, entry_id: str | None = None) -> None:
        super().__init__()
        self.part: PlanPart = PARTS[0]
        self.plan: Plan  # built on mount, then after every change
        self._start = (part, entry_id)  # where search asked to open it

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield SafeOptionList(*(Option(Text(part.title), id=part.key) for part in PARTS), id="plan-parts")
            yield VerticalScroll(id="plan-body")
        yield ExportNotice()
        yield HelpFirstFooter()

    def on_mount(self) -> None:
        self.rebuild()
        part, _ = self._start
        index = next((n for n, p in enumerate(PARTS) if p.key == part), 0)
        self.query_one("#plan-parts", OptionList).highlighted = index
        self.query_one("#plan-parts").focus()

    def rebuild(self) -> None:
        """Build the plan again from the workbook (cheap: a pure function of the answers)."""
        self.plan = planning.build(self.host.workbook, self.host.library, today=date.today())
        for table in self.query(PlanTable):
            table.show(self.plan)

    # -- switching parts ---------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#plan-parts")
    async def _part_chosen(self, event: OptionList.OptionHighlighted) -> None:
        part = next(p for p in PARTS if p.key == event.option.id)
        if part is not self.part or not self.query_one("#plan-body").children:
            self.part = part
            await self._show_part()

    @on(OptionList.OptionSelected, "#plan-parts")
    def _enter_part(self) -> None:
        body = self.query_one("#plan-body")
        focusable = [w for w in body.query("*") if w.focusable]
        (focusable[0] if focusable else body).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """a, e and d exist only while the shown part is a table (so the footer shows them then)."""
        if action == "table":
            return isinstance(self.part, (TablePart, LinesPart))
        return True

    async def _show_part(self) -> None:
        body = self.query_one("#plan-body", VerticalScroll)
        await body.remove_children()
        part = self.part
        await body.mount(Static(Text(part.title, style="bold"), classes="block-title"))
        if isinstance(part, (TablePart, LinesPart)):
            table = PlanTable(part)
            await body.mount(table)
            table.show(self.plan)
            wanted_part, wanted_entry = self._start
            if wanted_part == part.key and wanted_entry is not None:
                self._start = (None, None)
                table.select(wanted_entry)
        elif isinstance(part, TextPart):
            await body.mount(Static(Text(part.intro), classes="intro"))
            for field, label, item_id in part.fields:
                await body.mount_all(self._text_field(field, label, item_id))
        elif isinstance(part, PreviewPart):
            from letstalk.export.markdown import to_markdown

            await body.mount(Static(Text(part.intro), classes="intro"))
            await body.mount(Markdown(to_markdown(self.plan), id="preview"))
        # Tab from the parts list goes to the part's first field or table; only a part with none
        # (the preview) lets the body itself take focus, to scroll it with the keys.
        body.can_focus = not any(w.focusable for w in body.query("*"))
        self.refresh_bindings()

    def _text_field(self, field: str, label: str, item_id: str | None) -> list[Any]:
        typed = getattr(self.host.workbook.plan, field)
        widgets: list[Any] = [Static(Text(label), classes="prompt")]
        answer = self.host.workbook.value(item_id) if item_id else None
        if not typed and isinstance(answer, str) and answer.strip():
            located = self.host.library.items.get(item_id or "")
            where = located.section.label if located else "your answers"
            widgets.append(
                Static(
                    Text(f"Using your answer from {where} until you write one here:\n{answer.strip()}"), classes="hint"
                )
            )
        widgets.append(TextArea(typed, soft_wrap=True, id=f"text-{field}", classes="long"))
        return widgets

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        field = TEXT_FIELDS.get((event.text_area.id or "").removeprefix("text-"))
        if field is None:
            return
        try:
            changed = planning.set_text(self.host.workbook, field, event.text_area.text)
        except LetsTalkError as exc:
            # Too long to save: the text stays in the field, the line under it says by how much.
            show_problem(event.text_area, f"{exc.message}. The rest of the plan is saved.")
            return
        show_problem(event.text_area, None)
        if changed:
            self.host.request_save()
            self.plan = planning.build(self.host.workbook, self.host.library, today=date.today())

    # -- editing entries ---------------------------------------------------------------------

    def action_table(self, what: str) -> None:
        """a, e and d work from the list of parts too, not only inside the table."""
        tables = self.query(PlanTable)
        if tables:
            getattr(tables.first(), f"action_{what}")()

    @on(PlanTable.Request)
    def _request(self, event: PlanTable.Request) -> None:
        part, entry_id = event.part, event.entry_id
        if isinstance(part, TablePart) and entry_id is not None and part.kind is Action:
            action = next((a for a in self.plan.actions if a.id == entry_id), None)
            if action is not None and action.origin in (Origin.IDEA, Origin.QUICK_WIN) and event.action == "edit":
                # Make it her own action (linked to the idea or quick win) so it takes an owner and a date.
                try:
                    own = planning.take_over(self.host.workbook, self.host.library, entry_id)
                except LetsTalkError as exc:
                    self.notify(exc.message, severity="warning")
                    return
                self.host.request_save(immediate=True)
                self.rebuild()
                self._open_form(part, own.id)
                return
            if action is not None and not action.editable:
                self.notify(f"This action comes from {action.source_title}; change it there.", timeout=6)
                return
        if event.action == "add":
            self._open_form(part, None)
        elif event.action == "edit":
            self._open_form(part, entry_id)
        elif event.action == "delete" and entry_id is not None:
            self._confirm_delete(part, entry_id)
        elif event.action == "move" and entry_id is not None:
            moved = entry_id
            self._apply(lambda: self._move(part, moved, event.offset))
            for table in self.query(PlanTable):
                table.move_cursor_by(event.offset)

    def _move(self, part: TablePart | LinesPart, entry_id: str, offset: int) -> bool:
        if isinstance(part, LinesPart):
            return planning.move_line(self.host.workbook, part.key, int(entry_id), offset)
        return planning.move(self.host.workbook, part.kind, entry_id, offset)

    def _open_form(self, part: TablePart | LinesPart, entry_id: str | None) -> None:
        workbook = self.host.workbook
        if isinstance(part, LinesPart):
            lines_key = part.key
            lines = getattr(workbook.plan, lines_key)
            values = {"text": lines[int(entry_id)] if entry_id is not None else ""}
            fields = [FieldSpec("text", part.intro, "long")]

            def apply(v: dict[str, Any]) -> object:
                if entry_id is None:
                    return planning.add_line(workbook, lines_key, v["text"])
                return planning.update_line(workbook, lines_key, int(entry_id), v["text"])
        else:
            entry = next((e for e in getattr(workbook.plan, part.key) if e.id == entry_id), None)
            values = entry.model_dump() if entry is not None else {}
            if entry is None and part.kind is Action:
                values = {"owner": workbook.meta.owner, "status": "planned"}
            fields = part.fields(workbook)

            def apply(v: dict[str, Any]) -> object:
                if entry_id is None:
                    return planning.add(workbook, part.kind, **v)
                return planning.update(workbook, part.kind, entry_id, **v)

        verb = "New" if entry_id is None else "Edit"
        self.app.push_screen(
            EntryDialog(f"{verb} {part.noun}", fields, values, apply, month_first=self.host.settings.month_first),
            self._saved,
        )

    def _saved(self, applied: bool | None) -> None:
        if applied:
            self.host.request_save(immediate=True)
            self.rebuild()

    def _confirm_delete(self, part: TablePart | LinesPart, entry_id: str) -> None:
        def remove(ok: bool | None) -> None:
            if not ok:
                return
            if isinstance(part, LinesPart):
                self._apply(lambda: planning.delete_line(self.host.workbook, part.key, int(entry_id)))
            else:
                self._apply(lambda: planning.delete(self.host.workbook, part.kind, entry_id))

        self.app.push_screen(
            ConfirmDialog(f"Delete this {part.noun}?", "It is removed from the plan.", yes="Delete", no="Keep"), remove
        )

    def _apply(self, change: Any) -> None:
        """Run a domain change; on success save and redraw, on a problem say it in one line."""
        try:
            changed = change()
        except LetsTalkError as exc:
            self.notify(exc.message, severity="warning")
            return
        if changed is not False:
            self.host.request_save(immediate=True)
            self.rebuild()

    # -- ideas and exports -------------------------------------------------------------------

    def action_adopt(self) -> None:
        """Pick an idea from the idea bank and add it to the plan as an action."""
        options = [o for o in planning.idea_options(self.host.workbook, self.host.library) if o.action is None]
        if not options:
            self.notify("Every idea in the idea bank is already in the plan.")
            return
        choices = [(o.id, f"{'✓ ' if o.chosen else ''}{o.title}: {o.text}") for o in options]
        self.app.push_screen(
            ChoiceDialog("Adopt an idea", "It becomes an action you can give an owner and a date.", choices),
            self._adopt,
        )

    def _adopt(self, idea_id: str | None) -> None:
        if idea_id is not None:
            self._apply(lambda: planning.adopt_idea(self.host.workbook, self.host.library, idea_id))
            self.notify("Added to the actions.")

    def action_export(self) -> None:
        """Choose a format, then where to save it (in a browser: download it)."""
        from letstalk.export import FORMATS
        from letstalk.export.snapshot import SNAPSHOTS
        from letstalk.storage import refuse_newer_copy

        try:
            refuse_newer_copy(self.host.handle.path, self.host.workbook)
        except LetsTalkError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        formats = [(f.name, f.description) for f in FORMATS.values()]
        choices = export_choices(formats + [(name, what) for name, (_, what) in SNAPSHOTS.items()])
        self.app.push_screen(
            ChoiceDialog("Export the plan", "Private answers are never exported.", choices), self._choose_parts
        )

    def _remembered_audience(self) -> Audience:
        from letstalk.export import DEFAULT_AUDIENCE, parse_parts

        choice = self.host.export_choice()
        if choice is None:
            return Audience.preset(DEFAULT_AUDIENCE)
        try:
            parts = parse_parts(choice.parts, "settings")
        except LetsTalkError:
            return Audience.preset(DEFAULT_AUDIENCE)  # settings from a newer letstalk: start afresh
        return chosen_audience({p.value for p in parts} | ({PRIVATE} if choice.private else set()))

    def _choose_parts(self, name: str | None) -> None:
        """The second step of an export: tick the parts that go out (remembered per workbook)."""
        if name is not None:
            self.app.push_screen(PartsDialog(self._remembered_audience()), lambda chosen: self._export_to(name, chosen))

    def _export_to(self, name: str, audience: Audience | None) -> None:
        from letstalk.export import FORMATS, render
        from letstalk.settings import ExportChoice

        if audience is None:
            return
        self.host.remember_export(
            ExportChoice(parts=tuple(p.value for p in Share if p in audience.parts), private=audience.private)
        )
        if name.startswith("snapshot"):
            from letstalk.export.snapshot import SNAPSHOTS, render_snapshot

            suffix, description = SNAPSHOTS[name]
            data = render_snapshot(name, self.host.workbook, audience=audience)
        else:
            spec = FORMATS[name]
            suffix, description = spec.suffix, spec.description
            data = render(name, self.plan, audience=audience)
        filename = f"{self.host.handle.path.stem}-{EXPORT_NAMES.get(name, name)}{suffix}"
        if self.app.is_web:
            # In a browser the file goes to the browser's downloads, not to the server's disk.
            self.app.deliver_binary(
                io.BytesIO(data), save_filename=filename, mime_type=mimetypes.guess_type(filename)[0]
            )
            return
        self._ask_where(
            self.host.handle.path.with_name(filename),
            export_words(name, description),
            "Type the path of the file to write and press Enter.",
            lambda path: self._confirm_export(path, name, audience, data),
        )

    def _ask_where(self, suggestion: Path, what: str, prompt: str, then: Callable[[Path | None], None]) -> None:
        """Ask where an export goes; a name it may not replace is refused in the dialog, which stays."""
        from letstalk.tui.screens.dialogs import SaveAsDialog

        dialog = SaveAsDialog(
            suggestion, title=f"Export: {what}", overwrite=True, prompt=prompt, check=self._export_problem
        )
        self.app.push_screen(dialog, then)

    def _export_problem(self, path: Path) -> str:
        """Why an export may not go to ``path``, said in the dialog so she can type another name, or ""."""
        from letstalk.files.target import OutputError, check_output

        if self._is_workbook(path):
            return f"{shown_path(path)} is a workbook file name; export to a .md, .html, .ics or .csv file."
        try:
            check_output(path, workbooks=[self.host.handle.path])
        except OutputError as exc:
            return str(exc)
        return ""

    def _confirm_export(self, path: Path | None, name: str, audience: Audience, data: bytes) -> None:
        """Ask before replacing a file that is already there; no means choose another name."""
        if path is None or self._is_workbook(path) or not path.exists():
            self._write_export(path, name, audience, data)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._write_export(path, name, audience, data)
            else:
                self._ask_where(
                    path,
                    export_words(name),
                    "Type another file name.",
                    lambda other: self._confirm_export(other, name, audience, data),
                )

        if name == "ics":
            question = f"{shown_path(path)} is already there. Update it? Calendars that imported it get the changes."
        else:
            question = f"{shown_path(path)} is already there. Replace it with this export?"
        self.app.push_screen(
            ConfirmDialog("Replace the file?", question, yes="Replace", no="Choose another name"), answered
        )

    def _is_workbook(self, path: Path) -> bool:
        return path.suffix.lower() == ".toml" or path.resolve() == self.host.handle.path.resolve()

    def _write_export(self, path: Path | None, name: str, audience: Audience, data: bytes) -> None:
        from letstalk.export import render
        from letstalk.files.target import write_output

        if path is None:
            return
        if self._is_workbook(path):
            # An export must never replace a workbook (this one or another), and has no backup.
            self.notify(
                f"{shown_path(path)}: that is a workbook file name; export to a .md, .html, .ics or .csv file",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        previous = None
        if name == "ics" and path.is_file() and not path.is_symlink():  # read back: updates and cancellations
            try:
                previous = path.read_bytes()
            except OSError:
                previous = None
        try:
            if previous is not None:
                data = render(name, self.plan, audience=audience, previous=previous)
            write_output(path, data, workbooks=[self.host.handle.path])
        except LetsTalkError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        self.query_one(ExportNotice).show(export_words(name), path)
