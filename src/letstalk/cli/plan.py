"""Subcommands that print or export the collaborative plan, the impact snapshot and the drafts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from letstalk.cli.common import EXIT_OK, default_workbook, library_for, write_output
from letstalk.text import printable

if TYPE_CHECKING:
    import datetime as dt

    from letstalk.export import Audience
    from letstalk.model import Workbook


# -- the collaborative plan: export and print ------------------------------------------------

EXPORT_FORMATS = ("md", "text", "html", "ics", "csv", "card", "card-html")
"""The names in ``letstalk.export.FORMATS``, spelled out here so building the parser stays cheap."""

SNAPSHOT_FORMATS = ("snapshot", "snapshot-text")
"""The impact snapshot of the collaboration log: one printable HTML page, or plain text."""


AUDIENCES = ("principal", "all", "me")
"""``--for``: principal (no rubric self-ratings, nothing just for me), all (every part), me (and private entries)."""


PART_NAMES = "summary, vision, areas, people, goals, actions, curriculum, learning, meetings, measures, sharing, rubric"
"""The names of ``letstalk.export.Share``, spelled out here so building the parser stays cheap."""


def _plan_export(args: argparse.Namespace, name: str, previous: bytes | None = None) -> bytes:
    """Read the workbook (never writing it), build its plan and render one export for ``--for``."""
    from letstalk import export, plan, storage

    audience = export.Audience.preset(args.audience).with_parts(args.parts or (), args.without or ())
    library = library_for(args)
    path = Path(args.workbook_file).expanduser()
    workbook = storage.load(path)
    workbook.follow_aliases(library)  # in memory only: exports never write the workbook
    if name.startswith("snapshot"):
        return _snapshot(workbook, name, getattr(args, "period", "year"), audience)
    built = plan.build(workbook, library, _session_dates(workbook, path), today=export.generated_at().date())
    return export.render(name, built, audience=audience, previous=previous)


def _session_dates(workbook: Workbook, path: Path) -> dict[str, tuple[dt.date, str]]:
    """The joined cohort's session dates for the calendar; a cohort file gone or broken is said, not fatal."""
    from letstalk.cohort import CohortError, cohort_of, session_dates

    try:
        cohort = cohort_of(workbook, path)
    except CohortError as exc:
        print(f"letstalk: {exc} (the export goes on without the session dates)", file=sys.stderr)
        return {}
    return session_dates(cohort) if cohort is not None else {}


def _snapshot(workbook: Workbook, name: str, period: str, audience: Audience) -> bytes:
    """The one-page impact snapshot of the log (HTML or text) for ``--for``: private entries only for her."""
    from letstalk.export.snapshot import render_snapshot

    return render_snapshot(name, workbook, period, audience=audience)


def cmd_export(args: argparse.Namespace) -> int:
    """Write one export of the plan to ``-o PATH`` (atomically) or to stdout."""
    previous = None
    if args.format == "ics" and args.output not in (None, "-"):
        previous = _previous_calendar(Path(args.output).expanduser())  # read back: updates and cancellations
    write_output(args.output, _plan_export(args, args.format, previous), [Path(args.workbook_file).expanduser()])
    return EXIT_OK


def _previous_calendar(out: Path) -> bytes | None:
    """The calendar an export will replace, read back so its vanished events can be cancelled."""
    if not out.is_file() or out.is_symlink():
        return None
    try:
        return out.read_bytes()
    except OSError:
        return None


def audience_options(p: argparse.ArgumentParser) -> None:
    """Add --for, --parts and --without: who an export is for and which parts of the plan it holds."""
    p.add_argument(
        "--for",
        dest="audience",
        choices=AUDIENCES,
        default="principal",
        help="principal (default: no rubric self-ratings, nothing marked just for me), all (every part) "
        "or me (every part and what is just for me)",
    )
    p.add_argument("--parts", action="append", metavar="A,B", help="only these parts, of: " + PART_NAMES)
    p.add_argument("--without", action="append", metavar="A,B", help="leave these parts out, such as rubric,people")


def cmd_plan(args: argparse.Namespace) -> int:
    """Print the plan summary (or another format) to stdout, to pipe or email, or write it with ``-o``."""
    write_output(args.output, _plan_export(args, args.format), [Path(args.workbook_file).expanduser()])
    return EXIT_OK


DRAFT_KINDS = ("request", "thanks", "checkin")
"""The names in ``letstalk.drafts.KINDS``, spelled out here so building the parser stays cheap."""


def cmd_draft(args: argparse.Namespace) -> int:
    """Print a message filled from the workbook, ready to copy: request, thanks or checkin."""
    from letstalk import drafts, storage

    library = library_for(args)
    chosen = args.draft_workbook or args.workbook  # `letstalk -w W draft ...` works too
    path = Path(chosen).expanduser() if chosen else default_workbook()
    workbook = storage.load(path)
    workbook.follow_aliases(library)  # in memory only: a draft never writes the workbook
    print(printable(drafts.draft(args.kind, workbook, library).text()), end="")
    return EXIT_OK
