"""Markdown: the plan summary to email or paste, with every piece of user text rendered literally.

User text is escaped so nothing she typed becomes markup: ``[x](javascript:…)`` stays text,
``<script>`` stays text, a line starting with ``#`` is not a heading. Her own bullets and
numbered lines become real lists, and each line she typed stays a line.
"""

from __future__ import annotations

import re
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

# Characters that start inline markup anywhere in a line (links, emphasis, code, raw HTML,
# GFM tables and strikethrough). Escaping them is enough to make a line inert.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # "&amp;" would render as "&"
_LIST_START = re.compile(r"^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """One line of user text, escaped so that Markdown shows it exactly as typed."""
    text = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", one_line(text)))
    # Block markers only count at the start of a line: headings, rules, setext underlines,
    # list items ("2026." alone is a list item too).
    if text[:1] in ("#", "-", "=", "+"):
        return "\\" + text
    return _LIST_START.sub(r"\1\\\2", text, count=1)


def text_lines(text: str) -> list[str]:
    """Multi-line user text as Markdown lines: a paragraph a line, her bullets as lists."""
    out: list[str] = []
    for chunk in chunks(text):
        if out:
            out.append("")
        if chunk.kind == "p":
            out.append(escape(chunk.lines[0]))
        else:
            for n, line in enumerate(chunk.lines, chunk.start):
                marker = "-" if chunk.kind == "ul" else f"{n}."
                out.append(f"{marker} {escape(line)}")
    return out


def _indent(lines: list[str], prefix: str) -> list[str]:
    return [prefix + line if line else "" for line in lines]


def _labelled(label: str, text: str) -> list[str]:
    lines = text_lines(text)
    lead = f"**{escape(label)}:**"
    if not lines:
        return [lead]
    if chunks(text)[0].kind == "p":  # the label runs into her first paragraph
        return [f"{lead} {lines[0]}", *lines[1:]]
    return [lead, "", *lines]


def _para(block: Para) -> list[str]:
    if block.quiet:
        return [f"*{escape(block.text)}*"]
    return _labelled(block.label, block.text) if block.label else text_lines(block.text)


def _entry(entry: Entry) -> list[str]:
    head = escape(entry.title) if entry.title.strip() else ""
    head = f"**{head}**" if head and entry.strong else head
    meta = " · ".join(escape(m) for m in entry.meta)
    head = f"{head} — {meta}" if head and meta else head or meta
    parts: list[list[str]] = [[head]] if head else []
    if entry.body.strip():
        parts.append(text_lines(entry.body))
    parts += [_labelled(label, text) for label, text in entry.details]
    if entry.note:
        parts.append([f"*{escape(entry.note)}*"])
    lines: list[str] = []
    for part in parts:
        lines += ([""] if lines else []) + part
    return lines


def _entries(block: Entries) -> list[str]:
    out = [f"### {escape(block.title)}", ""] if block.title else []
    items = [_entry(entry) or [""] for entry in block.entries]
    loose = any(len(lines) > 1 for lines in items)  # a blank line between entries that span paragraphs
    for n, lines in enumerate(items, 1):
        marker = f"{n}. " if block.numbered else "- "
        if n > 1 and loose:
            out.append("")
        out += [marker + lines[0], *_indent(lines[1:], " " * len(marker))]
    return out


def render_document(doc: Document) -> str:
    """A document as Markdown: ``#`` title, ``##`` sections, a rule between printed parts."""
    out = [f"# {escape(doc.title)}", "", escape(doc.byline)]
    if not doc.parts and doc.empty:
        out += ["", escape(doc.empty)]
    for number, part in enumerate(doc.parts):
        if number:
            out += ["", "---"]
        for section in part:
            out += ["", f"## {escape(section.title)}"]
            for block in section.blocks:
                if isinstance(block, Table):
                    block = table_entries(block)
                out += ["", *(_para(block) if isinstance(block, Para) else _entries(block))]
    if doc.credit:
        out += ["", f"*{escape(doc.credit)}*"]
    return "\n".join(out) + "\n"


def to_markdown(plan: Plan, generated: datetime | None = None) -> str:
    """The collaborative plan summary as Markdown."""
    from letstalk.export.summary import plan_document

    return render_document(plan_document(plan, generated or generated_at()))
