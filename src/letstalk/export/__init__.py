"""Exports of the collaborative plan: pure functions of a :class:`~letstalk.plan.Plan`.

Each format lives in its own module and is imported only when asked for (icalendar is not
cheap to import). Every export takes a ``generated`` time that defaults to ``SOURCE_DATE_EPOCH``
when set, else now, so re-exporting an unchanged workbook can give byte-identical files.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime

from letstalk.export.audience import DEFAULT_AUDIENCE, Audience, Share, parse_parts
from letstalk.export.document import generated_at
from letstalk.plan import Plan


@dataclass(frozen=True)
class Format:
    """One export format: the function that makes it and how to name its file."""

    name: str
    module: str
    function: str
    suffix: str
    description: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", "markdown", "to_markdown", ".md", "the plan summary in Markdown"),
        Format("text", "text", "to_text", ".txt", "the plan as plain text for an email (72 columns)"),
        Format("html", "html", "to_html", ".html", "the plan as one printable HTML page"),
        Format("ics", "ics", "to_ics", ".ics", "dated actions and meetings as calendar events"),
        Format("csv", "csv", "to_csv", ".csv", "the actions as a spreadsheet"),
        Format("card", "card", "card_markdown", ".md", "the conversation card in Markdown"),
        Format("card-html", "card", "card_html", ".html", "the conversation card as one HTML page"),
    )
}
"""Every format by name, in the order the CLI lists them."""


def render(
    name: str,
    plan: Plan,
    generated: datetime | None = None,
    audience: Audience | None = None,
    previous: bytes | None = None,
) -> bytes:
    """The export ``name`` of ``plan`` for ``audience`` (default: for my principal) as file bytes.

    ``previous`` is the file the export will replace, if any: the calendar reads it back so a
    re-import updates and cancels events (the other formats ignore it).
    """
    spec = FORMATS[name]
    function = getattr(importlib.import_module(f"letstalk.export.{spec.module}"), spec.function)
    shown = (audience or Audience.preset(DEFAULT_AUDIENCE)).apply(plan)
    if name == "ics":
        data = function(shown, generated or generated_at(), previous=previous)
    else:
        data = function(shown, generated or generated_at())
    return data.encode("utf-8") if isinstance(data, str) else data


__all__ = ["DEFAULT_AUDIENCE", "FORMATS", "Audience", "Format", "Share", "generated_at", "parse_parts", "render"]
