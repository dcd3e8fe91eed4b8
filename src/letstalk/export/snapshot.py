"""The one-page impact snapshot as HTML (inline SVG charts, no scripts) or plain text.

The page holds the headline figures, a bar chart by month and one by kind, two evidence stories
and progress on the plan's goals. Charts are black on white with every value written on its bar,
so they read in black and white; each has a title, a description and a data table for screen
readers. Every string goes through :func:`html.escape`; a Content-Security-Policy allows only
the inline stylesheet. The page fits one sheet of A4 or US Letter (``tests/unit/test_snapshot_print.py``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from letstalk.export.audience import DEFAULT_AUDIENCE, Audience, Share
from letstalk.export.document import clean, generated_at, long_date, one_line
from letstalk.log.queries import text_bar
from letstalk.log.snapshot import Snapshot, build
from letstalk.model import Workbook

CSP = "default-src 'none'; style-src 'unsafe-inline'"
STORY_CHARS = 420
"""Longest evidence text told on the page: the rest would push it onto a second sheet."""

CSS = """\
* { box-sizing: border-box; }
body { margin: 0; color: #111; background: #fff; line-height: 1.35; font-size: 10.5pt;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem; }
header { border-bottom: 2px solid #111; margin-bottom: .8rem; padding-bottom: .4rem; }
h1 { font-size: 1.6rem; margin: 0; }
h2 { font-size: 1rem; margin: .9rem 0 .4rem; text-transform: uppercase; letter-spacing: .05em; }
p { margin: 0 0 .4rem; overflow-wrap: anywhere; }
.byline { margin: 0; color: #333; }
.figures { display: flex; gap: .6rem; margin: .6rem 0; }
.figure { flex: 1; border: 1.5px solid #111; border-radius: 4px; padding: .35rem .6rem; }
.figure strong { display: block; font-size: 1.7rem; line-height: 1.1; }
.charts { display: flex; gap: 1rem; }
.charts figure { flex: 1; margin: 0; }
figcaption { font-weight: 600; margin-bottom: .2rem; }
svg text { font-size: 11px; fill: #111; }
.stories { display: flex; gap: .8rem; }
.story { flex: 1; border-left: 3px solid #111; padding: .1rem .6rem; }
.story .who { color: #333; font-size: .9rem; }
.goals { list-style: none; padding: 0; margin: 0; }
.goals li { display: flex; gap: .6rem; align-items: center; margin-bottom: .25rem; }
.goals .title { flex: 1; }
.meter { width: 9rem; height: .7rem; border: 1px solid #111; }
.meter span { display: block; height: 100%; background: #111; }
.gaps, .quiet { color: #333; font-style: italic; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: .8rem; border-top: 1px solid #999; padding-top: .3rem; font-size: .8rem; color: #333; }
@page { margin: 14mm 14mm 14mm; }
@media print { main { max-width: none; padding: 0; } }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _bars_vertical(title: str, values: Sequence[tuple[str, int]], ident: str) -> str:
    """A column chart (months): values written above each column, labels below."""
    width, height, base = 340, 150, 128
    top = max((v for _, v in values), default=0) or 1
    step = (width - 10) / max(len(values), 1)
    bar = max(min(step * 0.7, 34), 4)
    parts = []
    for index, (label, value) in enumerate(values):
        x = 5 + index * step + (step - bar) / 2
        h = (base - 22) * value / top
        parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#111"/>')
        middle = x + bar / 2
        parts.append(f'<text x="{middle:.1f}" y="{base - h - 3:.1f}" text-anchor="middle">{value}</text>')
        parts.append(f'<text x="{middle:.1f}" y="{base + 14}" text-anchor="middle">{_e(label)}</text>')
    parts.append(f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#111" stroke-width="1"/>')
    return _figure(title, values, ident, width, height, "".join(parts))


def _bars_horizontal(title: str, values: Sequence[tuple[str, int]], ident: str) -> str:
    """A bar chart (kinds): label on the left, the value at the end of each bar."""
    width, row, left = 340, 22, 150
    height = max(row * len(values) + 6, 30)
    top = max((v for _, v in values), default=0) or 1
    parts = []
    for index, (label, value) in enumerate(values):
        y = 3 + index * row
        w = (width - left - 30) * value / top
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{_e(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="#111"/>')
        parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 14}">{value}</text>')
    return _figure(title, values, ident, width, height, "".join(parts))


def _figure(title: str, values: Sequence[tuple[str, int]], ident: str, width: int, height: int, body: str) -> str:
    described = "; ".join(f"{label}: {value}" for label, value in values) or "no entries"
    rows = "".join(f"<tr><th scope='row'>{_e(label)}</th><td>{value}</td></tr>" for label, value in values)
    return (
        f'<figure><figcaption id="{ident}-t">{_e(title)}</figcaption>'
        f'<svg role="img" aria-labelledby="{ident}-t {ident}-d" viewBox="0 0 {width} {height}" width="100%"'
        f' xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title><desc id="{ident}-d">{_e(described)}</desc>'
        f"{body}</svg>"
        f'<table class="sr-only"><caption>{_e(title)}</caption>{rows}</table></figure>'
    )


def _who(who: str) -> str:
    return " · " + _e(one_line(who)) if who.strip() else ""


def _percent(done: int, total: int) -> int:
    return 100 * done // total if total else 0


def _story_text(text: str) -> str:
    flat = one_line(text)
    return flat if len(flat) <= STORY_CHARS else flat[: STORY_CHARS - 1].rstrip() + "…"


def to_snapshot_html(snapshot: Snapshot, generated: datetime | None = None) -> str:
    """The snapshot as one self-contained printable HTML page."""
    generated = generated or generated_at()
    s = snapshot
    who = " · ".join(one_line(p) for p in (s.owner, s.school) if p.strip())
    figures = "".join(
        f'<div class="figure"><strong>{_e(value)}</strong>{_e(label)}</div>' for value, label in s.headline()
    )
    gaps = (
        f'<p class="gaps">Grades not yet reached: {_e(", ".join(one_line(g) for g in s.grades_missed))}.</p>'
        if s.grades_missed
        else ""
    )
    stories = (
        "".join(
            f'<div class="story"><p><strong>{_e(one_line(story.title))}</strong></p>'
            f'<p class="who">{_e(long_date(story.on))}{_who(story.who)}</p>'
            f"<p>{_e(_story_text(story.evidence)) if story.evidence.strip() else ''}</p></div>"
            for story in s.stories
        )
        or '<p class="quiet">Mark an entry as an evidence story in the log to tell it here.</p>'
    )
    goals = ""
    if s.goals:
        items = "".join(
            f'<li><span class="title">{n}. {_e(one_line(g.title))}</span>'
            f'<span class="meter" aria-hidden="true"><span style="width:{_percent(g.done, g.total)}%"></span></span>'
            f"<span>{g.done} of {g.total} actions done</span></li>"
            for n, g in enumerate(s.goals, 1)
        )
        goals = f'<h2>Progress on our goals</h2><ul class="goals">{items}</ul>'
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Library impact snapshot · {_e(s.period.label)}</title><style>\n{CSS}</style>\n</head>\n<body><main>"
        f"<header><h1>Library impact snapshot</h1>"
        f'<p class="byline">{_e(who) + " · " if who else ""}{_e(s.period.label)}'
        f" ({_e(long_date(s.period.start))} to {_e(long_date(s.period.end))})</p></header>"
        f'<section class="figures" aria-label="Headline figures">{figures}</section>{gaps}'
        f'<section class="charts">{_bars_vertical("Collaborations by month", s.months, "months")}'
        f"{_bars_horizontal('Collaborations by kind', s.kinds, 'kinds')}</section>"
        f'<h2>Evidence</h2><section class="stories">{stories}</section>{goals}'
        f"<footer>Made with letstalk on {_e(long_date(generated.date()))} from the collaboration log.</footer>"
        "</main></body></html>\n"
    )


def to_snapshot_text(snapshot: Snapshot, generated: datetime | None = None) -> str:
    """The snapshot as plain text: the same figures, charts drawn with block characters."""
    generated = generated or generated_at()
    s = snapshot
    who = " · ".join(one_line(p) for p in (s.owner, s.school) if p.strip())
    lines = ["LIBRARY IMPACT SNAPSHOT", f"{who + ' · ' if who else ''}{s.period.label}", ""]
    lines += [f"{value:>10}  {label}" for value, label in s.headline()]
    if s.grades_missed:
        lines.append(f"Grades not yet reached: {', '.join(one_line(g) for g in s.grades_missed)}")
    for title, values in (("Collaborations by month", s.months), ("Collaborations by kind", s.kinds)):
        lines += ["", title]
        top = max((v for _, v in values), default=0)
        width = max((len(label) for label, _ in values), default=0)
        lines += [f"  {label:<{width}} {value:>4} {text_bar(value, top, 30)}".rstrip() for label, value in values]
    lines += ["", "Evidence"]
    for story in s.stories:
        lines.append(
            f"- {one_line(story.title)} ({long_date(story.on)}{', ' + one_line(story.who) if story.who else ''})"
        )
        if story.evidence.strip():
            lines.append(f"  {_story_text(clean(story.evidence))}")
    if not s.stories:
        lines.append("  (mark an entry as an evidence story in the log to tell it here)")
    if s.goals:
        lines += ["", "Progress on our goals"]
        lines += [f"  {n}. {one_line(g.title)}: {g.done} of {g.total} actions done" for n, g in enumerate(s.goals, 1)]
    lines += ["", f"Made with letstalk on {long_date(generated.date())}."]
    return "\n".join(lines) + "\n"


SNAPSHOTS = {
    "snapshot": (".html", "the impact snapshot of the log: one printable page with two charts"),
    "snapshot-text": (".txt", "the impact snapshot as plain text"),
}
"""The snapshot's formats by name: (file suffix, what it is), for the CLI and the export dialog."""


def render_snapshot(
    name: str,
    workbook: Workbook,
    period: str = "year",
    generated: datetime | None = None,
    *,
    audience: Audience | None = None,
) -> bytes:
    """The snapshot ``name`` of the workbook's log as file bytes, for ``audience`` as the plan exports are.

    Goals' progress goes out only with the goals part; private log entries, goals and actions only in
    a copy just for her (``--for me``). The default is the plan exports' default audience.
    """
    audience = audience or Audience.preset(DEFAULT_AUDIENCE)
    generated = generated or generated_at()
    view = build(
        workbook,
        generated.date(),
        period,
        include_private=audience.private,
        show_goals=audience.holds(Share.GOALS),
    )
    render = to_snapshot_text if name == "snapshot-text" else to_snapshot_html
    return render(view, generated).encode("utf-8")
