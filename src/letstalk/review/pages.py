"""The answers report (one question, or a section's questions, across the cohort) and the
printable page per participant that the HTML cohort report ends with. Markdown and HTML.
"""

from __future__ import annotations

from datetime import datetime

from letstalk.content import Library
from letstalk.content.models import Answerable
from letstalk.export.document import generated_at, long_date
from letstalk.export.html import CSP, esc
from letstalk.export.markdown import escape
from letstalk.review.answers import Page, Response, prompt, questions, responses
from letstalk.review.entries import Review

NO_ANSWER = "— no answer —"
REPORT_CSS = """\
body { margin: 0; color: #1f2328; line-height: 1.45; font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 70rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1, h2 { color: #1d5c63; }
.byline, .meta { color: #57606a; }
table { border-collapse: collapse; margin: 0 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .2rem .5rem; text-align: left; white-space: nowrap; }
tfoot td { font-weight: 600; background: #f4f7f7; }
.page { break-before: page; page-break-before: always; }
.answer { margin: 0 0 .6rem 1rem; white-space: pre-wrap; }
.who { font-weight: 600; }
@media print { main { max-width: none; padding: 0; } table { font-size: 8pt; } }
"""
"""One stylesheet for every review report (the cohort report uses it too)."""


def _dated(response: Response) -> str:
    when = f" · {long_date(response.when.date())}" if response.when else ""
    school = f" ({response.participant.school})" if response.participant.school else ""
    return f"{response.participant.name}{school}{when}"


def answers_markdown(
    review: Review, library: Library, section_id: str, item_id: str | None = None, generated: datetime | None = None
) -> str:
    """Every participant's answer to each question of a section (or to one question), one after another."""
    items = _chosen(library, section_id, item_id)  # first: an unknown section or item is one line
    section = library.sections[section_id]
    out = [f"# Answers: {escape(section.label)} · {escape(section.title)}", ""]
    out.append(
        escape(
            f"{len(review.readable())} readable hand-ins · Generated {long_date((generated or generated_at()).date())}"
        )
    )
    for item in items:
        out += ["", f"## {escape(prompt(item))}", ""]
        for response in responses(review, library, item):
            out += [f"**{escape(_dated(response))}**", ""]
            out += [escape(line) or " " for line in (response.answer or NO_ANSWER).splitlines()] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def answers_html(
    review: Review, library: Library, section_id: str, item_id: str | None = None, generated: datetime | None = None
) -> str:
    """The answers report as one self-contained HTML page."""
    items = _chosen(library, section_id, item_id)  # first: an unknown section or item is one line
    section = library.sections[section_id]
    title = f"Answers: {section.label} · {section.title}"
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(f"{len(review.readable())} readable hand-ins · Generated {long_date((generated or generated_at()).date())}")}</p>',
    ]
    for item in items:
        body.append(f"<h2>{esc(prompt(item))}</h2>")
        for response in responses(review, library, item):
            body.append(f'<p class="who">{esc(_dated(response))}</p>')
            body.append(f'<p class="answer">{esc(response.answer or NO_ANSWER)}</p>')
    return html_document(title, body)


def _chosen(library: Library, section_id: str, item_id: str | None) -> list[Answerable]:
    items = questions(library, section_id)
    if item_id is None:
        return items
    chosen = [item for item in items if item.id == item_id]
    if not chosen:
        from letstalk.errors import LetsTalkError

        raise LetsTalkError(
            None, f"no question {item_id!r} in {section_id}; use one of: {', '.join(i.id for i in items)}", "--item"
        )
    return chosen


def html_document(title: str, body: list[str]) -> str:
    """A self-contained HTML page around ``body``: inline CSS, a CSP that forbids scripts, the title escaped."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{REPORT_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    return "\n".join([*head, *body, "</main>", "</body>", "</html>"]) + "\n"


def page_html(item: Page) -> list[str]:
    """One participant's printable page: her non-private answers by section, your comments and levels, her commitments."""
    who = item.participant
    out = [
        '<section class="page">',
        f"<h2>{esc(who.name)}</h2>",
        f'<p class="meta">{esc(" · ".join(part for part in (who.school, who.file) if part))}</p>',
    ]
    if item.commitments:
        out += ["<h3>Commitments</h3>", "<ul>"]
        for promise in item.commitments:
            due = f" (by {long_date(promise.due)})" if promise.due else ""
            out.append(f"<li>{esc(promise.section.label)}: {esc(promise.what)}{esc(due)}</li>")
        out.append("</ul>")
    if item.levels:
        out += [
            "<h3>Growth rubric</h3>",
            "<table>",
            "<thead><tr><th>Theme</th><th>Her level</th><th>Your level</th></tr></thead>",
            "<tbody>",
        ]
        out += [f"<tr><td>{esc(t)}</td><td>{esc(o)}</td><td>{esc(g)}</td></tr>" for t, o, g in item.levels]
        out += ["</tbody>", "</table>"]
    for section, answered, comment in item.sections:
        out.append(f"<h3>{esc(section.label)} · {esc(section.title)}</h3>")
        if comment:
            out.append(f'<p class="answer"><em>Your comment:</em> {esc(comment)}</p>')
        for question, answer in answered:
            out += [f'<p class="who">{esc(question)}</p>', f'<p class="answer">{esc(answer)}</p>']
    return [*out, "</section>"]
