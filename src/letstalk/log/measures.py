"""Measures that point at the log: ``{collaborations with grade 3 this term}`` in a measure's text.

Step 7's measures and the plan's "measures of success" are her own words; a phrase in braces
in them is a question to the log, answered with its current value. A query is a count
(collaborations, teachers or students), optionally a kind, ``with`` a grade or a teacher, and a
period (this term, last term, this year, all time; this year when none is named)::

    {collaborations with grade 3 this term}   {students reached this year}
    {co-taught collaborations with Ms Lee}    {teachers partnered last term}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from letstalk.log.queries import grade_key, person_key, tally, terms_for
from letstalk.model import CollabLog, LogEntry, LogKind, Term, Workbook

QUERY = re.compile(r"\{([^{}\n]{3,120})\}")
_METRICS = {"collaborations": "collaborations", "collaboration": "collaborations", "lessons": "collaborations",
            "teachers": "teachers", "teacher": "teachers", "students": "students"}  # fmt: skip
_PERIODS = ("this term", "last term", "this year", "this school year", "all time", "ever")


@dataclass(frozen=True)
class Measure:
    """One query found in a text, with its value now (or why it could not be read)."""

    query: str
    value: int | None
    problem: str = ""

    def line(self) -> str:
        """``collaborations with grade 3 this term: 4``, for screens and exports."""
        return f"{self.query}: {self.value}" if self.value is not None else f"{self.query}: ({self.problem})"


def find(text: str) -> list[str]:
    """The queries in braces in ``text``, in order, each once."""
    return list(dict.fromkeys(" ".join(m.split()) for m in QUERY.findall(text)))


def _span(period: str, log: CollabLog, today: date) -> Term | tuple[date, date] | None:
    terms = terms_for(log, today)
    if period == "this term":
        return terms.current(today)
    if period == "last term":
        return terms.previous(today)
    if period in ("all time", "ever"):
        return (date.min, date.max)
    current = terms.current(today)
    if current is None:
        return None
    index = terms.terms.index(current)
    start = current.start
    while index and (terms.terms[index].start - terms.terms[index - 1].end).days < 30:
        index -= 1
        start = terms.terms[index].start
    return (start, today)


def evaluate(query: str, log: CollabLog, today: date) -> Measure:
    """The value of one query over the shared entries (private ones never count)."""
    text = " ".join(query.casefold().split())
    period = next((p for p in _PERIODS if text.endswith(p)), "this year")
    rest = text.removesuffix(period).strip() if text.endswith(period) else text
    words = rest.split()
    metric = next((_METRICS[w] for w in words if w in _METRICS), None)
    if metric is None:
        return Measure(query, None, "say collaborations, teachers or students")
    kind = next((k for k in LogKind if k.value in rest or k.label.casefold() in rest), None)
    entries: list[LogEntry] = [e for e in log.entries if not e.private and (kind is None or e.kind is kind)]
    if match := re.search(r"\bwith (.+)$", rest):
        who = match[1].strip()
        if re.fullmatch(r"(grade|gr\.?) .+|k|kindergarten|\d+", who):
            entries = [e for e in entries if e.grade and grade_key(e.grade) == grade_key(who)]
        else:
            entries = [e for e in entries if person_key(who) in {person_key(t) for t in e.teachers}]
    span = _span(period, log, today)
    if span is None:
        return Measure(query, None, f"no {period} in the school calendar")
    start, end = (span.start, span.end) if isinstance(span, Term) else span
    counted = tally(e for e in entries if start <= e.on <= end)
    return Measure(query, getattr(counted, metric))


def measures_in(texts: list[str], log: CollabLog, today: date) -> list[Measure]:
    """Every query in the texts, evaluated."""
    return [evaluate(q, log, today) for q in dict.fromkeys(q for t in texts for q in find(t))]


def fill_in(text: str, log: CollabLog, today: date | None) -> str:
    """``text`` with each ``{query}`` written out with its value now: ``collaborations with grade 3 this term (4)``.

    A paper for her principal never shows the braces: a query that cannot be answered (or no
    ``today`` to answer it for) keeps its words alone.
    """

    def written(match: re.Match[str]) -> str:
        words = " ".join(match[1].split())
        value = evaluate(match[1], log, today).value if today is not None else None
        return f"{words} ({value})" if value is not None else words

    return QUERY.sub(written, text)


STEP_7 = "act."
"""Answers of Step 7 (How will we know it's working?) whose text may hold measures."""


def workbook_measures(workbook: Workbook, today: date) -> list[Measure]:
    """The measures in Step 7's answers and the plan's measures of success, with their values now."""
    texts = [
        a.value for item, a in sorted(workbook.answers.items()) if item.startswith(STEP_7) and isinstance(a.value, str)
    ]
    return measures_in([*texts, workbook.plan.measures], workbook.log, today)
