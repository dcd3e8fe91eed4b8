"""Cohorts and the facilitator's review: cohort new/check/join, handin, review, feedback add."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from letstalk.cli.common import EXIT_OK, EXIT_PROBLEM, default_workbook, library_for, resume_collector, write_output
from letstalk.text import printable, shown_path

if TYPE_CHECKING:
    from letstalk.content import Library
    from letstalk.review import Review


# -- cohorts and the facilitator's review ----------------------------------------------------

REPORT_FORMATS = ("md", "html", "csv", "answers")


def cmd_cohort_new(args: argparse.Namespace) -> int:
    """Create ``DIR/cohort.toml`` for the facilitator to fill in."""
    from letstalk.cohort import new_cohort

    path = new_cohort(Path(args.dir).expanduser(), args.name, args.facilitator or "")
    print(f"Created {shown_path(path)}; add the session dates and the roster in a text editor")
    return EXIT_OK


def cmd_cohort_check(args: argparse.Namespace) -> int:
    """List every problem in a cohort file (exit 1 when there is any)."""
    from letstalk.cohort import COHORT_FILE, check_cohort

    path = Path(args.cohort_file or COHORT_FILE).expanduser()
    checked = check_cohort(path)
    for line in checked.problems:
        print(printable(line))
    if checked.problems:
        return EXIT_PROBLEM
    cohort = checked.cohort
    assert cohort is not None
    dated = sum(1 for session in cohort.sessions.values() if session.date)
    print(printable(f"{path}: valid ({cohort.name}: {dated} of 8 sessions dated, {len(cohort.roster)} on the roster)"))
    return EXIT_OK


def cmd_cohort_join(args: argparse.Namespace) -> int:
    """Link the workbook to a cohort file, so the app shows the sessions' dates."""
    from datetime import date

    from letstalk import storage
    from letstalk.cohort import join, next_session, session_line

    raw = args.join_workbook or args.workbook
    handle = storage.WorkbookFile.open(
        Path(raw).expanduser() if raw else default_workbook(), create_missing=raw is None
    )
    try:
        cohort = join(handle.workbook, Path(args.cohort).expanduser(), handle.path)
        handle.save()
    finally:
        handle.close()
    print(printable(f"Joined {cohort.name}" + (f" (facilitator: {cohort.facilitator})" if cohort.facilitator else "")))
    upcoming = next_session(cohort, date.today())
    sections = library_for(args).sections
    if upcoming and upcoming[0] in sections:
        section = sections[upcoming[0]]
        place = f" at {upcoming[2]}" if upcoming[2] else ""
        print(printable(f"Next: {session_line(section.label, section.title, upcoming[1])}{place}"))
    return EXIT_OK


def cmd_handin(args: argparse.Namespace) -> int:
    """Write the copy of the workbook to send the facilitator: no private answer in it."""
    from letstalk import storage
    from letstalk.handin import hand_in

    raw = args.handin_workbook or args.workbook
    handle = storage.WorkbookFile.open(Path(raw).expanduser() if raw else default_workbook())
    try:
        path, made = hand_in(handle, library_for(args), Path(args.output).expanduser() if args.output else None)
    finally:
        handle.close()
    print(printable(f"Wrote {path} for your facilitator ({made.left_out()}); send her that file."))
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    """Review a folder of hand-ins: the dashboard, a report (``--report``) or the feedback to send back (``--return``)."""
    from letstalk.errors import LetsTalkError

    folder = Path(args.folder).expanduser()
    feedback = Path(args.feedback).expanduser() if args.feedback else None
    to_file = args.output not in (None, "-")
    suffix = Path(args.output).suffix.lstrip(".") if to_file else None
    fmt = args.report or suffix
    if args.output == "-" and fmt is None:
        raise LetsTalkError("-", "give --report md, html, csv or answers to write a report to stdout")
    if to_file and (fmt not in REPORT_FORMATS or args.output.endswith(".toml")):
        # a .toml name could be a participant's workbook: a report never replaces one
        raise LetsTalkError(args.output, "give --report md, html or csv, and a file name ending in .md, .html or .csv")
    if args.report == "answers" and not args.section:
        raise LetsTalkError(None, "--report answers needs --section ID (and optionally --item ID)", "--section")
    if fmt is None and not args.return_dir:
        from letstalk.tui.review.app import make_review_app

        app = make_review_app(folder, library_for(args), feedback_dir=feedback, stale_days=args.stale_days)
        resume_collector()
        app.run()
        return app.return_code or EXIT_OK
    from letstalk.files.target import check_output
    from letstalk.review import scan

    if to_file:
        check_output(Path(args.output).expanduser())  # before the scan: a refused target costs nothing
    library = library_for(args)
    review = scan(folder, library=library, stale_days=args.stale_days, facilitator_dir=feedback)
    if args.return_dir:
        _return(review, Path(args.return_dir).expanduser(), feedback)
    if fmt is not None:
        _report(review, library, fmt, suffix, args, feedback)
    for line in review.cohort_problems:  # the report says them too; a script must see them in the exit code
        print(printable(line), file=sys.stderr)
    return EXIT_PROBLEM if review.cohort_problems else EXIT_OK


def _report(
    review: Review, library: Library, fmt: str, suffix: str | None, args: argparse.Namespace, feedback: Path | None
) -> None:
    """Render one report and write it to ``-o`` (atomically) or stdout."""
    from letstalk.errors import LetsTalkError

    if fmt == "answers":
        from letstalk.review.pages import answers_html, answers_markdown

        if suffix not in (None, "md", "html"):
            raise LetsTalkError(args.output, "an answers report is .md or .html")
        render_answers = answers_html if suffix == "html" else answers_markdown
        data = render_answers(review, library, args.section, args.item).encode("utf-8")
    else:
        from letstalk.review.answers import pages
        from letstalk.review.report import render

        data = render(review, fmt, pages=pages(review, library, feedback) if fmt == "html" else None)
    write_output(args.output, data)


def _return(review: Review, out_dir: Path, feedback: Path | None) -> None:
    """Write the sidecars to send back and say what went where."""
    from letstalk.review.handback import return_feedback

    written, without, problems = return_feedback(review, out_dir, feedback)
    for path in written:
        print(printable(f"Wrote {path}"))
    if without:
        print(printable(f"No feedback yet for: {', '.join(p.name for p in without)}"))
    for line in problems:
        print(printable(line), file=sys.stderr)
    print(
        f"Send each participant her file; she runs `letstalk feedback add FILE`. {len(written)} written to {out_dir}."
    )


def cmd_feedback_add(args: argparse.Namespace) -> int:
    """Check the feedback file from the facilitator and put it beside the workbook, where the app shows it."""
    from letstalk import storage
    from letstalk.feedback import add_feedback

    raw = args.feedback_workbook or args.workbook
    path = Path(raw).expanduser() if raw else default_workbook()
    target = add_feedback(Path(args.file).expanduser(), storage.load(path), path)
    print(printable(f"Added your facilitator's feedback: {target}. Open letstalk to read it above each section."))
    return EXIT_OK
