"""A participant's answers as read-only text, shared by the drill-down and the feedback editor."""

from __future__ import annotations

from rich.text import Text

from letstalk.content.models import ANSWERABLE_TYPES, Answerable, Pack, Section
from letstalk.feedback import Feedback
from letstalk.model import Progress, Workbook, answer_in_words, standing
from letstalk.text import printable

NO_ANSWER = "— no answer —"


def _progress(workbook: Workbook, section: Section) -> Progress:
    """Answered out of answerable, counted as the grid counts it (private items left out)."""
    items = [i for i in section.answerable() if not i.private]
    return Progress(workbook.done_count(items), len(items))


def section_mark(workbook: Workbook, section: Section) -> str:
    """Her standing's mark in a section."""
    return standing(workbook.status(section.id), _progress(workbook, section)).mark


def section_text(section: Section, pack: Pack, workbook: Workbook, feedback: Feedback | None) -> Text:
    """A section's answers as text: prompts in bold, answers indented, private items as "private"."""
    progress = _progress(workbook, section)
    state = standing(workbook.status(section.id), progress)
    text = Text.assemble(
        (f"{section.label} · {section.title}\n", "bold"), f"{state.mark} {state.label} · {progress} answered\n"
    )
    comment = feedback.comment(section.id) if feedback else None
    if comment is not None:
        text.append(f"\nYour feedback ({comment.updated:%d %b %Y}):\n", style="italic")
        text.append(printable(comment.text) + "\n")
    for block in section.blocks:
        answerable = [i for i in block.items if isinstance(i, ANSWERABLE_TYPES)]
        if not answerable:
            continue
        text.append(f"\n{block.heading}\n", style="bold underline")
        for item in answerable:
            text.append_text(_item_text(item, pack, workbook))
    return text


def _item_text(item: Answerable, pack: Pack, workbook: Workbook) -> Text:
    answer = workbook.answers.get(item.id)
    value = answer.value if answer is not None else None
    if item.private:  # masked when read; never say whether she answered it
        return Text.assemble((f"{item.text}\n", "bold"), ("  private\n", "dim italic"))
    if item.kind == "check":
        return Text(f"{'☑' if value is True else '☐'} {item.text}\n")
    if item.kind == "challenge":
        status = answer_in_words(item, value or "not-started", pack)
        note = f"\n  Note: {printable(answer.note)}" if answer is not None and answer.note else ""
        return Text.assemble((f"{item.title}", "bold"), f" · {status}{note}\n")
    out = Text(f"{item.text}\n", style="bold")
    if value is None or value == "":
        out.append(f"  {NO_ANSWER}\n", style="dim")
    else:
        for line in printable(answer_in_words(item, value, pack)).splitlines() or [""]:
            out.append(f"  {line}\n")
    return out
