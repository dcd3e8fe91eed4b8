"""Review reports for the facilitator: Markdown, one self-contained HTML page, or CSV.

Each holds the completion grids with their roll-up rows, the rubric distribution, a summary per
participant and the files that could not be reviewed. They are built from a
:class:`~letstalk.review.Review`, which never holds a private answer, so none can leak here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime

from letstalk.export.csv import cell
from letstalk.export.document import generated_at, long_date
from letstalk.export.html import esc
from letstalk.export.markdown import escape
from letstalk.model import Standing
from letstalk.review.answers import Page
from letstalk.review.entries import Participant, Review
from letstalk.review.grid import MARKS_KEY, VIEW_TITLES, View, cells, columns, counts, rollup, short, updated_cell
from letstalk.review.pages import html_document, page_html
from letstalk.review.scope import Column
from letstalk.review.sessions import attended, attendees, meeting, meetings, not_started
from letstalk.text import shown_path

CSV_HEADER = (
    "Participant",
    "School",
    "File",
    "State",
    "Stale",
    "Updated",
    "View",
    "Section id",
    "Section",
    "Status",
    "Done",
    "Total",
    "Problem",
    "Session date",
    "Session place",
    "Attended",
)


def _title(review: Review) -> str:
    return f"Review: {review.cohort.name}" if review.cohort else f"Review: {shown_path(review.folder.name)}"


def _byline(review: Review, generated: datetime) -> str:
    who = f"Facilitator: {review.cohort.facilitator} · " if review.cohort and review.cohort.facilitator else ""
    return f"{who}Folder: {shown_path(review.folder.name)} · Generated {long_date(generated.date())}"


def _grid(review: Review, view: View) -> tuple[list[str], list[list[str]], list[str], str]:
    """Heading, rows, roll-up row and the key of the short column names for one view."""
    cols = columns(review, view)
    head = ["Participant", "Updated", *(short(c) for c in cols)]
    body = [[p.name, updated_cell(p, iso=True), *cells(p, cols, review=review)] for p in review.participants]
    foot = ["Completed", "", *rollup(review, cols)]
    key = " · ".join(f"{short(c)} = {c.label}: {c.title}" for c in cols)
    return head, body, foot, key


def _schedule(review: Review) -> list[list[str]]:
    """One row per session: label and title, when and where, who came, who has not started (past ones)."""
    out = []
    for held in meetings(review):
        came = ", ".join(p.name for p in attendees(review, held.column)) or ("nobody marked" if held.past else "")
        late = ", ".join(p.name for p in not_started(review, held.column)) if held.past else ""
        out.append([f"{held.column.label}: {held.column.title}", held.when(), came, late])
    return out


SCHEDULE_HEAD = ["Session", "When and where", "Attended", "Not started its worksheet (past sessions)"]


def _rubric(review: Review) -> list[tuple[str, list[tuple[str, int]]]]:
    out = []
    for theme in review.scope.themes:
        counted = review.distribution(theme.id)
        out.append(
            (
                theme.text,
                [(label, counted.get(level, 0)) for level, label in theme.levels] + [("Not rated", counted.get("", 0))],
            )
        )
    return out


LOG_HEAD = ["Term", "Collaborations", "Teachers partnered", "Participants logging"]
NO_LOG = "No participant has logged a collaboration yet (the Log screen, or letstalk log import)."


def _log_terms(review: Review) -> list[list[str]]:
    """The cohort's collaboration logs per term: totals, and how many participants logged in each."""
    totals: dict[str, list[int]] = {}
    starts: dict[str, date] = {}
    for participant in review.readable():
        for term in participant.entry.log if participant.entry else ():
            row = totals.setdefault(term.term, [0, 0, 0])
            row[0] += term.collaborations
            row[1] += term.teachers  # each at her own school: no teacher is counted twice
            row[2] += 1
            if term.start is not None:
                starts[term.term] = min(starts.get(term.term, term.start), term.start)
    order = sorted(totals, key=lambda name: (starts.get(name, date.max), name))
    return [[name, *(f"{n:,}" for n in totals[name])] for name in order]


def _summary(review: Review, participant: Participant) -> list[str]:
    """Plain-text lines about one readable participant."""
    lines = []
    for view in View:
        cols = columns(review, view)
        done = sum(1 for c in cols if (m := participant.mark(c.id)) and m.state is Standing.DONE)
        progress = participant.progress([c.id for c in cols])
        lines.append(f"{VIEW_TITLES[view]}: {done} of {len(cols)} done ({progress} items)")
    ratings = participant.entry.ratings if participant.entry else {}
    for theme in review.scope.themes:
        labels = dict(theme.levels)
        if theme.id in ratings:
            lines.append(f"{theme.text}: {labels.get(ratings[theme.id], ratings[theme.id])}")
    logged = participant.entry.log if participant.entry else ()
    if logged:
        terms = "; ".join(f"{t.term}: {t.collaborations} with {t.teachers} teacher(s)" for t in logged)
        lines.append(f"Collaboration log: {terms}")
    return lines


def _facts(participant: Participant) -> str:
    return " · ".join(
        part
        for part in (participant.school, participant.file, f"updated {updated_cell(participant, iso=True)}")
        if part
    )


# -- Markdown ---------------------------------------------------------------------------------


def _md_row(values: list[str]) -> str:
    return "| " + " | ".join(escape(v) or " " for v in values) + " |"


def to_markdown(review: Review, generated: datetime | None = None) -> str:
    """The report as Markdown."""
    generated = generated or generated_at()
    out = [
        f"# {escape(_title(review))}",
        "",
        escape(_byline(review, generated)),
        "",
        escape(counts(review)),
        "",
        escape(f"Marks: {MARKS_KEY}."),
    ]
    out += ["", "## Sessions in time", "", _md_row(SCHEDULE_HEAD), "|" + "---|" * len(SCHEDULE_HEAD)]
    out += [_md_row(row) for row in _schedule(review)]
    for view in View:
        head, body, foot, key = _grid(review, view)
        out += ["", f"## {VIEW_TITLES[view]}", "", _md_row(head), "|" + "---|" * len(head)]
        out += [_md_row(row) for row in body] + [_md_row(foot), "", escape(key)]
    out += ["", "## Growth rubric", ""]
    for theme, counted in _rubric(review):
        out.append(f"- **{escape(theme)}**: " + ", ".join(f"{escape(label)} {n}" for label, n in counted))
    out += ["", "## Collaboration log by term", ""]
    if logged := _log_terms(review):
        out += [_md_row(LOG_HEAD), "|" + "---|" * len(LOG_HEAD), *(_md_row(row) for row in logged)]
    else:
        out.append(escape(NO_LOG))
    out += ["", "## Participants"]
    for participant in review.readable():
        out += ["", f"### {escape(participant.name)}", "", escape(_facts(participant)), ""]
        out += [f"- {escape(line)}" for line in _summary(review, participant)]
    if notes := review.notes():
        out += ["", "## Problems", ""]
        out += [f"- {escape(line)}" for line in notes]
    return "\n".join(out) + "\n"


# -- HTML -------------------------------------------------------------------------------------


def _html_table(head: list[str], body: list[list[str]], foot: list[str] | None = None) -> list[str]:
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in body]
    out.append("</tbody>")
    if foot:
        out.append("<tfoot><tr>" + "".join(f"<td>{esc(v)}</td>" for v in foot) + "</tr></tfoot>")
    return [*out, "</table>"]


def to_html(review: Review, generated: datetime | None = None, pages: list[Page] | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts, every string escaped)."""
    generated = generated or generated_at()
    title = _title(review)
    out = [
        f'<header><h1>{esc(title)}</h1><p class="byline">{esc(_byline(review, generated))}</p></header>',
        f"<p>{esc(counts(review))}</p>",
        f'<p class="meta">Marks: {esc(MARKS_KEY)}.</p>',
    ]
    out += ["<h2>Sessions in time</h2>", *_html_table(SCHEDULE_HEAD, _schedule(review))]
    for view in View:
        head, body, foot, key = _grid(review, view)
        out += [f"<h2>{esc(VIEW_TITLES[view])}</h2>", *_html_table(head, body, foot), f'<p class="meta">{esc(key)}</p>']
    out.append("<h2>Growth rubric</h2>")
    rubric = _rubric(review)
    if rubric:
        out += _html_table(
            ["Theme", *(label for label, _ in rubric[0][1])],
            [[theme, *(str(n) for _, n in counted)] for theme, counted in rubric],
        )
    out.append("<h2>Collaboration log by term</h2>")
    logged = _log_terms(review)
    out += _html_table(LOG_HEAD, logged) if logged else [f'<p class="meta">{esc(NO_LOG)}</p>']
    out.append("<h2>Participants</h2>")
    for participant in review.readable():
        out += [f"<h3>{esc(participant.name)}</h3>", f'<p class="meta">{esc(_facts(participant))}</p>', "<ul>"]
        out += [f"<li>{esc(line)}</li>" for line in _summary(review, participant)] + ["</ul>"]
    if notes := review.notes():
        out += ["<h2>Problems</h2>", "<ul>", *(f"<li>{esc(line)}</li>" for line in notes), "</ul>"]
    for item in pages or []:
        out += page_html(item)
    return html_document(title, out)


# -- CSV --------------------------------------------------------------------------------------


def to_csv(review: Review, generated: datetime | None = None) -> bytes:
    """One row per participant × section, UTF-8 with a byte-order mark (``generated`` unused)."""
    del generated  # the same signature as the other reports; a CSV carries no timestamp
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for participant in review.participants:
        entry = participant.entry
        updated = entry.updated.isoformat() if entry and entry.updated else ""
        for view in View:
            for column in columns(review, view):
                mark = participant.mark(column.id)
                status = mark.state.label if mark else participant.state
                done, total = (str(mark.done), str(mark.total)) if mark else ("", "")
                writer.writerow(
                    (
                        cell(participant.name),
                        cell(participant.school),
                        cell(shown_path(participant.file)),
                        participant.state,
                        "yes" if participant.stale else "",
                        updated,
                        VIEW_TITLES[view],
                        column.id,
                        cell(f"{column.label}: {column.title}"),
                        status,
                        done,
                        total,
                        cell(participant.error),
                        *_session_cells(review, participant, column, view),
                    )
                )
    return out.getvalue().encode("utf-8-sig")


def _session_cells(review: Review, participant: Participant, column: Column, view: View) -> tuple[str, str, str]:
    """Session date, place and attended for a row of the CSV (blank for Let's Talk steps)."""
    if view is not View.SESSIONS:
        return ("", "", "")
    held = meeting(review, column)
    came = "yes" if attended(review, participant, column) else ""
    return (held.date.isoformat() if held.date else "", cell(held.place), came)


REPORTS: dict[str, Callable[[Review, datetime | None], str | bytes]] = {
    "md": to_markdown,
    "html": to_html,
    "csv": to_csv,
}


def render(review: Review, fmt: str, generated: datetime | None = None, pages: list[Page] | None = None) -> bytes:
    """The report in ``fmt`` (md, html or csv) as file bytes; HTML ends with ``pages``, one per participant."""
    data = to_html(review, generated, pages) if fmt == "html" else REPORTS[fmt](review, generated)
    return data.encode("utf-8") if isinstance(data, str) else data
