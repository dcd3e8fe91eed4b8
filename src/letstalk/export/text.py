"""Plain text for an email body: wrapped at 72 columns, no markup, nothing escaped.

Titles are underlined (``=`` for the document, ``-`` for a section), lists use ``-`` and
``1.`` with a hanging indent, and the printed parts are set apart by a blank line and a rule.
User text needs no escaping here: plain text shows every character as itself (control
characters are already gone, see :func:`letstalk.export.document.clean`).
"""

from __future__ import annotations

import textwrap
from datetime import datetime

from letstalk.export.document import (
    Document,
    Entries,
    Entry,
    Para,
    Table,
    chunks,
    generated_at,
    one_line,
    table_entries,
)
from letstalk.plan import Plan

WIDTH = 72
"""The email line length that survives every mail client."""


def wrap(text: str, indent: str = "", hang: str | None = None) -> list[str]:
    """One paragraph wrapped to :data:`WIDTH`: ``indent`` before the first line, ``hang`` before the rest."""
    return textwrap.wrap(
        one_line(text),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hang is None else hang,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def text_lines(text: str, indent: str = "") -> list[str]:
    """Multi-line user text: each line she typed a paragraph, her bullets and numbers as lists."""
    out: list[str] = []
    for chunk in chunks(text):
        if chunk.kind == "p":
            out += wrap(chunk.lines[0], indent)
            continue
        for n, line in enumerate(chunk.lines, chunk.start):
            marker = "- " if chunk.kind == "ul" else f"{n}. "
            out += wrap(line, indent + marker, indent + " " * len(marker))
    return out


def _para(block: Para) -> list[str]:
    if block.label:
        lines = text_lines(block.text)
        if lines and chunks(block.text)[0].kind == "p":  # the label runs into her first paragraph
            first, _, rest = block.text.strip().partition("\n")
            return wrap(f"{block.label}: {first}") + (text_lines(rest) if rest.strip() else [])
        return [f"{block.label}:", *lines]
    return text_lines(block.text)


def _entry(entry: Entry, marker: str) -> list[str]:
    hang = " " * len(marker)
    head = " · ".join(part for part in (entry.title.strip(), *entry.meta) if part.strip())
    lines = wrap(head, marker, hang) if head else [marker.rstrip()]
    if entry.body.strip():
        lines += text_lines(entry.body, hang)
    for label, text in entry.details:
        first, _, rest = text.strip().partition("\n")
        lines += wrap(f"{label}: {first}", hang)
        lines += text_lines(rest, hang) if rest.strip() else []
    if entry.note:
        lines += wrap(entry.note, hang)
    return lines


def _entries(block: Entries) -> list[str]:
    out = [block.title, ""] if block.title else []
    for n, entry in enumerate(block.entries, 1):
        out += _entry(entry, f"{n}. " if block.numbered else "- ")
    return out


def _underline(title: str, mark: str) -> list[str]:
    lines = wrap(title)
    return [*lines, mark * min(WIDTH, max(len(line) for line in lines))]


def render_document(doc: Document) -> str:
    """A document as plain text wrapped at 72 columns."""
    out = [*_underline(doc.title, "="), "", *wrap(doc.byline)]
    if not doc.parts and doc.empty:
        out += ["", *wrap(doc.empty)]
    for number, part in enumerate(doc.parts):
        if number:
            out += ["", "~" * WIDTH]
        for section in part:
            out += ["", *_underline(section.title, "-")]
            for block in section.blocks:
                if isinstance(block, Table):
                    block = table_entries(block)
                out += ["", *(_para(block) if isinstance(block, Para) else _entries(block))]
    if doc.credit:
        out += ["", *wrap(doc.credit)]
    return "\n".join(line.rstrip() for line in out) + "\n"


def to_text(plan: Plan, generated: datetime | None = None) -> str:
    """The collaborative plan as plain text for an email body."""
    from letstalk.export.summary import plan_document

    return render_document(plan_document(plan, generated or generated_at()))
