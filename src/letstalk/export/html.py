"""HTML: one self-contained page (inline CSS, no scripts) that reads well on screen and prints well.

Every string goes through :func:`html.escape` with ``quote=True``, so no text can open a tag or
break out of an attribute. A Content-Security-Policy that allows only the inline stylesheet is
a second lock: even a mistake in escaping could not run a script.
"""

from __future__ import annotations

import html
from datetime import datetime

from letstalk.export.document import Chunk, Document, Entries, Entry, Para, Table, chunks, generated_at, one_line
from letstalk.plan import Plan

CSP = "default-src 'none'; style-src 'unsafe-inline'"

BASE_CSS = """\
:root { --ink: #1f2328; --muted: #57606a; --accent: #1d5c63; --rule: #d0d7de; --soft: #f4f7f7; --warn: #8a4b08; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; padding-bottom: .75rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; color: var(--accent); }
h2 { font-size: 1.3rem; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: .2rem;
  margin: 2rem 0 .8rem; }
h3 { font-size: 1.05rem; margin: 1.3rem 0 .5rem; }
p { margin: 0 0 .6rem; overflow-wrap: anywhere; }
ul, ol { margin: 0 0 .8rem; padding-left: 1.4rem; }
.byline { margin: 0; color: var(--muted); }
.label { font-weight: 600; }
.meta { color: var(--muted); }
.quiet { font-style: italic; color: var(--muted); }
.credit { margin-top: 1rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--rule); }
.note { font-style: italic; color: var(--warn); }
.entries { list-style: none; padding: 0; counter-reset: entry; }
.entries > li { padding: .55rem .85rem .1rem; margin-bottom: .6rem; border-left: 3px solid var(--rule);
  background: var(--soft); }
ol.entries > li { counter-increment: entry; }
ol.entries > li > .head::before { content: counter(entry) ". "; font-weight: 600; }
.head { margin-bottom: .35rem; }
.plain > li > p { margin: 0 0 .25rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 1rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid var(--rule);
  overflow-wrap: anywhere; }
th { border-bottom: 2px solid var(--accent); }
tr.late td { color: var(--warn); }
.actions col.what { width: 44%; } .actions col.owner { width: 18%; } .actions col.due { width: 15%; }
.actions col.status { width: 12%; } .actions col.goal { width: 11%; }
.signoff td { height: 2.6rem; }
.glance { font-size: .95rem; }
.glance h2 { font-size: 1.1rem; margin: 1rem 0 .4rem; }
.glance .entries > li { padding: .15rem .6rem; margin-bottom: .3rem; }
.glance .head { margin-bottom: .1rem; }
@page { margin: 18mm 16mm 20mm; }
@media print {
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h1, h2, h3, .head:not(:last-child) { break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  .entries > li, tr, .credit { break-inside: avoid; }
  .credit { font-size: .72rem; }
  .entries > li { background: none; }
  thead { display: table-header-group; }
}
"""

PLAN_CSS = (
    BASE_CSS
    + """\
@page { @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #57606a; } }
@media print { .part + .part { break-before: page; } }
"""
)
"""No fixed paper size: the margins fit both A4 and US Letter, and each part starts a page."""

CARD_CSS = (
    BASE_CSS
    + """\
main { max-width: 40rem; padding-top: 1.5rem; }
header { margin-bottom: 1rem; }
h1 { font-size: 1.6rem; }
section { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .9rem .2rem; margin-bottom: .7rem;
  break-inside: avoid; }
section h2 { font-size: .85rem; text-transform: uppercase; letter-spacing: .06em; border: 0; margin: 0 0 .4rem;
  padding: 0; }
#ask { border: 2px solid var(--accent); background: var(--soft); }
#ask p { font-size: 1.1rem; font-weight: 600; }
#questions ul.plain { list-style: none; padding-left: .2rem; }
#questions ul.plain > li::before { content: "\\2610"; margin-right: .6rem; }
#questions ul.plain > li > p { display: inline; }
.entries > li { background: none; border-left-width: 2px; padding: .1rem .7rem; }
@page { margin: 14mm 16mm; }
@media print {
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  header { margin-bottom: .6rem; }
  section { padding: .4rem .8rem .05rem; margin-bottom: .55rem; }
  #ask p { font-size: 1rem; }
  .credit { font-size: .68rem; margin-top: .4rem; }
}
"""
)
"""The card fits one page: sections never split, type a little smaller."""

_STYLES = {"plan": PLAN_CSS, "card": CARD_CSS}


def esc(text: str) -> str:
    """One line of text, escaped for HTML element content and attribute values alike."""
    return html.escape(one_line(text), quote=True)


def _chunk(chunk: Chunk) -> list[str]:
    if chunk.kind == "p":
        return [f"<p>{esc(chunk.lines[0])}</p>"]
    start = f' start="{chunk.start}"' if chunk.kind == "ol" and chunk.start != 1 else ""
    return [f"<{chunk.kind}{start}>", *(f"<li>{esc(line)}</li>" for line in chunk.lines), f"</{chunk.kind}>"]


def text_html(text: str) -> list[str]:
    """Multi-line user text as HTML lines: a paragraph a line, her bullets as lists."""
    return [line for chunk in chunks(text) for line in _chunk(chunk)]


def _labelled(label: str, text: str) -> list[str]:
    lines = text_html(text)
    lead = f'<span class="label">{esc(label)}:</span>'
    if lines and lines[0].startswith("<p>"):  # the label runs into her first paragraph
        return [f"<p>{lead} {lines[0][3:]}", *lines[1:]]
    return [f"<p>{lead}</p>", *lines]


def _para(block: Para) -> list[str]:
    if block.quiet:
        return [f'<p class="quiet">{esc(block.text)}</p>']
    return _labelled(block.label, block.text) if block.label else text_html(block.text)


def _entry(entry: Entry) -> list[str]:
    tag = "strong" if entry.strong else "span"
    head = [f"<{tag}>{esc(entry.title)}</{tag}>"] if entry.title.strip() else []
    if entry.meta:
        head.append(f'<span class="meta">{" · ".join(esc(m) for m in entry.meta)}</span>')
    out = [f'<p class="head">{" — ".join(head)}</p>'] if head else []
    out += text_html(entry.body)
    for label, text in entry.details:
        out += _labelled(label, text)
    if entry.note:
        out.append(f'<p class="note">{esc(entry.note)}</p>')
    return ["<li>", *out, "</li>"]


def _entries(block: Entries) -> list[str]:
    tag = "ol" if block.numbered else "ul"
    out = [f"<h3>{esc(block.title)}</h3>"] if block.title else []
    out.append(f'<{tag} class="{"plain" if block.plain else "entries"}">')
    for entry in block.entries:
        out += _entry(entry)
    return [*out, f"</{tag}>"]


def _cell(text: str) -> str:
    return "<br>".join(esc(line) for line in text.split("\n") if line.strip())


_COLUMNS = {"What": "what", "Owner": "owner", "Due": "due", "Status": "status", "Goal": "goal"}


def _table(block: Table, key: str) -> list[str]:
    out = [f"<h3>{esc(block.title)}</h3>"] if block.title else []
    out.append(f'<table class="{esc(key)}">')
    if all(name in _COLUMNS for name in block.header):  # column widths, so long text wraps where it should
        out.append("<colgroup>" + "".join(f'<col class="{_COLUMNS[name]}">' for name in block.header) + "</colgroup>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{esc(name)}</th>' for name in block.header) + "</tr></thead>")
    out.append("<tbody>")
    for n, row in enumerate(block.rows):
        late = ' class="late"' if n < len(block.marked) and block.marked[n] else ""
        out.append(f"<tr{late}>" + "".join(f"<td>{_cell(cell)}</td>" for cell in row) + "</tr>")
    return [*out, "</tbody>", "</table>"]


def render_document(doc: Document) -> str:
    """A document as a complete HTML page with its stylesheet inline."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="generator" content="letstalk">',
        f"<title>{esc(doc.title)} · {esc(doc.byline)}</title>",
        f"<style>\n{_STYLES[doc.kind]}</style>",
        "</head>",
        f'<body class="{esc(doc.kind)}">',
        "<main>",
        "<header>",
        f"<h1>{esc(doc.title)}</h1>",
        f'<p class="byline">{esc(doc.byline)}</p>',
        "</header>",
    ]
    if not doc.parts and doc.empty:
        out.append(f'<p class="quiet">{esc(doc.empty)}</p>')
    for part in doc.parts:
        glance = " glance" if part and part[0].key.startswith("glance-") else ""
        out.append(f'<div class="part{glance}">')
        for section in part:
            out += [f'<section id="{esc(section.key)}">', f"<h2>{esc(section.title)}</h2>"]
            for block in section.blocks:
                if isinstance(block, Table):
                    out += _table(block, section.key)
                else:
                    out += _para(block) if isinstance(block, Para) else _entries(block)
            out.append("</section>")
        out.append("</div>")
    if doc.credit:
        out.append(f'<footer class="credit"><p>{esc(doc.credit)}</p></footer>')
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def to_html(plan: Plan, generated: datetime | None = None) -> str:
    """The collaborative plan summary as one printable, self-contained HTML page."""
    from letstalk.export.summary import plan_document

    return render_document(plan_document(plan, generated or generated_at()))
