"""Widgets for the blocks and items of a section, built from content and the saved answers.

Widget ids are derived from item ids (``item-mindset__reflect-role``) so an event names its item.
All user and content text goes in as ``Text`` or Markdown source, never as console markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from letstalk.content.models import (
    CHALLENGE_STATUSES,
    AnyItem,
    Block,
    BlockKind,
    Challenge,
    Check,
    ChoiceItem,
    DateItem,
    Idea,
    LongItem,
    Pack,
    Point,
    RatingItem,
    Resource,
    Section,
    TextItem,
)
from letstalk.model import Workbook, date_reading
from letstalk.tui.widgets.lists import SafeOptionList

DATE_PLACEHOLDER = "15 Jan 2027 or 2027-01-15"
"""What a date field shows while empty: a written form and the ISO one both work."""


class Tick(Checkbox):
    """A checkbox whose state shows as ✓ or blank (not colour alone) and whose label wraps."""

    DEFAULT_CSS = """
    Tick {
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Checkbox has a class constant; ours follows the value
        return "✓" if self.value else " "

    BUTTON_WIDTH = 4
    """The box and the space after it: where wrapped lines of the label start."""

    def _lines(self, width: int) -> list[Content]:
        label_width = max(10, width - self.BUTTON_WIDTH)
        return self._label.stylize_before(self.get_visual_style("toggle--label")).wrap(label_width)

    def render(self) -> Content:
        # Wrapped lines line up under the text, not under the box (a hanging indent).
        width = self.content_region.width or 80
        lines = self._lines(width)
        indent = " " * self.BUTTON_WIDTH
        first = Content.assemble(self._button, " ", lines[0] if lines else "")
        return Content("\n").join([first, *(Content.assemble(indent, line) for line in lines[1:])])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines(width)))


class StatusCycle(Static, can_focus=True):
    """A challenge's status: Enter or Space moves it on (not started → trying → done)."""

    BINDINGS = [Binding("enter,space", "cycle", "Change status", show=False)]

    class Changed(Message):
        """The status moved to ``value``."""

        def __init__(self, cycle: StatusCycle, value: str) -> None:
            super().__init__()
            self.cycle = cycle
            self.value = value

        @property
        def control(self) -> StatusCycle:
            return self.cycle

    def __init__(self, value: str, *, id: str) -> None:
        super().__init__(id=id, classes="status")
        self.value = value
        self._draw()

    def _draw(self) -> None:
        marks = {"not-started": "○", "trying": "◐", "done": "●"}
        labels = "  ".join(f"[{label}]" if key == self.value else label for key, label in CHALLENGE_STATUSES)
        self.update(Text(f"{marks[self.value]} Status: {labels}   (Space changes)"))

    def action_cycle(self) -> None:
        keys = [key for key, _ in CHALLENGE_STATUSES]
        self.value = keys[(keys.index(self.value) + 1) % len(keys)]
        self._draw()
        self.post_message(self.Changed(self, self.value))

    def on_click(self) -> None:
        self.action_cycle()


PREFIX = "item-"
NOTE_PREFIX = "note-"


FOLDED = (BlockKind.GOALS, BlockKind.COMPETENCIES)
"""Blocks to read rather than do: folded under one heading when the section has something to do."""
TO_DO = (BlockKind.CHECKLIST, BlockKind.CHALLENGES)


def folded_blocks(section: Section) -> list[str]:
    """Ids of the goals and competencies blocks to fold, so this week's to-do is on the first screen."""
    if not any(block.kind in TO_DO for block in section.blocks):
        return []
    return [block.id for block in section.blocks if block.kind in FOLDED]


def widget_id(item_id: str, prefix: str = PREFIX) -> str:
    """A Textual id for an item's widget (dots are not allowed in ids)."""
    return prefix + item_id.replace(".", "__")


def item_id_of(widget: Widget) -> str | None:
    """The item id behind a widget made here, or None."""
    return item_id_from(widget.id)


def item_id_from(wid: str | None) -> str | None:
    """The item id behind a widget or option id made by :func:`widget_id`, or None."""
    wid = wid or ""
    for prefix in (PREFIX, NOTE_PREFIX):
        if wid.startswith(prefix):
            return wid[len(prefix) :].replace("__", ".")
    return None


def is_note(widget: Widget) -> bool:
    """Whether the widget edits an item's note rather than its value."""
    return (widget.id or "").startswith(NOTE_PREFIX)


class Hanging:
    """Rows of a one-cell marker and a text wrapped beside it: a hanging indent.

    What a two-column ``rich.table.Table.grid`` draws, for a fraction of its cost: a grid
    measures every cell at each width, and the section screen lays out the points blocks each
    time a section opens.
    """

    INDENT = 2

    def __init__(self, rows: list[tuple[str, Text]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.INDENT, 1)
        for marker, text in self.rows:
            for index, line in enumerate(text.wrap(console, width)):
                yield Segment((marker if index == 0 else "").ljust(self.INDENT))
                yield from line.render(console)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for _, text in self.rows for line in text.plain.split("\n")), default=0)
        return Measurement(self.INDENT + 1, min(options.max_width, self.INDENT + widest))


def points_text(block: Block) -> Hanging:
    """A block of readable points: heading, intro and bullets with hanging indents (one widget)."""
    heading = Text(block.heading, style="bold")
    if block.intro:
        heading.append(f"\n{block.intro}", style="italic")
    rows = [("", heading)]
    for item in block.items:
        if isinstance(item, Point):
            body = Text(item.text, style="bold" if item.detail else "")
            if item.detail:
                body.append(f"\n{item.detail}", style="not bold")
            rows.append(("•", body))
    return Hanging(rows)


def _prompt(text: str, private: bool = False) -> Static:
    label = Text(text)
    if private:
        label.append("  (private: never exported or shared)", style="italic dim")
    return Static(label, classes="prompt")


def block_widgets(block: Block, pack: Pack, workbook: Workbook) -> Iterator[Widget]:
    """The widgets of one block, in order, with saved answers filled in."""
    if all(isinstance(item, Point) for item in block.items):
        yield Static(points_text(block), classes="points")
        return
    yield Static(Text(block.heading), classes="block-title")
    if block.intro:
        yield Static(Text(block.intro), classes="intro")
    resources = [item for item in block.items if isinstance(item, Resource)]
    if resources:
        yield resource_list(block.id, resources)
    for item in block.items:
        yield from item_widgets(item, pack, workbook)


def resource_list(block_id: str, resources: list[Resource]) -> OptionList:
    """Resources as a list; Enter on one with a link opens it in the browser."""
    options = []
    for res in resources:
        line = Text.assemble((res.title, "bold"), (f"  {res.format}", "dim"))
        if res.url:
            line.append("  ↗ link (Enter opens)", style="underline")
        line.append("\n")
        line.append(res.why)
        options.append(Option(line, id=widget_id(res.id)))
    return SafeOptionList(*options, id=widget_id(block_id, "res-"), classes="resources")


def item_widgets(item: AnyItem, pack: Pack, workbook: Workbook) -> Iterator[Widget]:
    """The widgets for one item (nothing for resources, which are listed together)."""
    value = workbook.value(item.id)
    private = item.private
    if isinstance(item, Point):
        yield Static(Text(f"• {item.text}"), classes="point")
    elif isinstance(item, Check):
        label = Text(item.text)
        if item.detail:
            label.append(f"\n{item.detail}", style="dim")
        yield Tick(label, value=value is True, id=widget_id(item.id))
    elif isinstance(item, Idea):
        label = Text.assemble(("Adopt: ", "bold"), item.title, f" — {item.text}")
        if item.partner:
            label.append(f" (with {item.partner})", style="dim")
        yield Tick(label, value=value is True, id=widget_id(item.id))
    elif isinstance(item, LongItem):
        yield _prompt(item.text, private)
        if item.detail:
            yield Static(Text(item.detail), classes="hint")
        yield TextArea(value if isinstance(value, str) else "", soft_wrap=True, id=widget_id(item.id), classes="long")
    elif isinstance(item, TextItem):
        yield _prompt(item.text, private)
        yield Input(value if isinstance(value, str) else "", placeholder=item.placeholder or "", id=widget_id(item.id))
    elif isinstance(item, DateItem):
        yield _prompt(item.text, private)
        shown = value.isoformat() if isinstance(value, date) else (value or "")
        yield Input(shown, placeholder=DATE_PLACEHOLDER, id=widget_id(item.id), classes="date")
        reading = f"= {date_reading(value)}" if isinstance(value, date) else ""
        yield Static(Text(reading), id=widget_id(item.id, "err-"), classes="reading")
    elif isinstance(item, ChoiceItem):
        yield _prompt(item.text, private)
        options = [(Text(c.label), c.id) for c in item.choices]
        yield Select(
            options,
            value=value if value in {c.id for c in item.choices} else Select.NULL,
            prompt="Choose one",
            id=widget_id(item.id),
        )
    elif isinstance(item, RatingItem):
        yield _prompt(item.text, private)
        scale = pack.meta.scales[item.scale]
        options = [(Text(level.label), level.id) for level in scale.levels]
        yield Select(
            options,
            value=value if value in {lv.id for lv in scale.levels} else Select.NULL,
            prompt="Choose a level",
            id=widget_id(item.id),
        )
    elif isinstance(item, Challenge):
        yield Static(Text.assemble((item.title, "bold"), "\n", item.text), classes="challenge")
        status = value if value in {key for key, _ in CHALLENGE_STATUSES} else "not-started"
        yield StatusCycle(status, id=widget_id(item.id))
        answer = workbook.answers.get(item.id)
        yield Input(
            answer.note or "" if answer else "",
            placeholder="A note: what happened, what you learned",
            id=widget_id(item.id, NOTE_PREFIX),
        )
