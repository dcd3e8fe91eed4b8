"""The ``letstalk`` command: open the workbook, or run one of the subcommands.

Imports stay lean: textual is imported only when the TUI is actually opened.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from letstalk import __version__
from letstalk.cli.common import EPILOG, EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, days, silence_stdout
from letstalk.cli.facilitator import (
    REPORT_FORMATS,
    cmd_cohort_check,
    cmd_cohort_join,
    cmd_cohort_new,
    cmd_feedback_add,
    cmd_handin,
    cmd_review,
)
from letstalk.cli.log import add_log_parser
from letstalk.cli.plan import (
    DRAFT_KINDS,
    EXPORT_FORMATS,
    SNAPSHOT_FORMATS,
    audience_options,
    cmd_draft,
    cmd_export,
    cmd_plan,
)
from letstalk.cli.workbook import (
    cmd_content_check,
    cmd_content_list,
    cmd_new,
    cmd_open,
    cmd_schema,
    cmd_serve,
    cmd_validate,
    wants_plain,
)
from letstalk.errors import ContentError, LetsTalkError

__all__ = ["EXIT_OK", "EXIT_PROBLEM", "EXIT_USAGE", "EXPORT_FORMATS", "build_parser", "main", "wants_plain"]

# -- parser -----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="letstalk",
        description="A workbook for school librarians building partnerships with their principals, teachers and district leaders.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"letstalk {__version__}")
    parser.add_argument(
        "--workbook", "-w", metavar="PATH", help="the workbook file to open (default: one in your user data folder)"
    )
    parser.add_argument(
        "--content", metavar="DIR", action="append", help="an extra folder of content packs (repeatable)"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="line-by-line prompts for screen readers and braille displays (also chosen when ACCESSIBLE is set, TERM=dumb or stdin is not a terminal)",
    )
    parser.set_defaults(func=cmd_open)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("new", help="create a new workbook file")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--owner", metavar="NAME", help="your name")
    p.add_argument("--school", metavar="NAME", help="your school")
    p.add_argument("--role", metavar="ROLE", help="your role, such as Teacher-librarian")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("validate", help="check workbook files (exit 0 valid, 1 invalid)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a workbook, a content section or a pack.toml")
    p.add_argument("what", choices=["workbook", "content", "pack"])
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser(
        "export", help="export the plan (md, html, ics, csv, card, card-html) or the impact snapshot of the log"
    )
    formats = EXPORT_FORMATS + SNAPSHOT_FORMATS
    p.add_argument("format", choices=formats, metavar="FORMAT", help="one of: " + ", ".join(formats))
    p.add_argument("workbook_file", metavar="WORKBOOK", help="the workbook file (read, never changed)")
    p.add_argument("-o", "--output", metavar="PATH", help="write to this file instead of stdout (- for stdout)")
    p.add_argument(
        "--period",
        default="year",
        metavar="PERIOD",
        help="snapshot: year (default), term, last-term, all, or YYYY-MM-DD..YYYY-MM-DD",
    )
    audience_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("plan", help="print the collaborative plan summary (Markdown) to stdout")
    p.add_argument("workbook_file", metavar="WORKBOOK", help="the workbook file (read, never changed)")
    p.add_argument(
        "--format", choices=EXPORT_FORMATS, default="md", help="md (default), text, html, ics, csv, card or card-html"
    )
    p.add_argument("-o", "--output", metavar="PATH", help="write to this file instead of stdout (- for stdout)")
    audience_options(p)
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("draft", help="print a message to your principal, filled from the workbook, ready to copy")
    p.add_argument(
        "kind", choices=DRAFT_KINDS, help="request (a meeting), thanks (after a meeting) or checkin (monthly)"
    )
    p.add_argument("-w", "--workbook", dest="draft_workbook", metavar="PATH", help="the workbook (read, never changed)")
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("serve", help="open letstalk in a web browser (served on this machine only by default)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.set_defaults(func=cmd_serve)

    cohort = sub.add_parser("cohort", help="create a cohort file, or join your workbook to one")
    cohort_sub = cohort.add_subparsers(title="cohort commands", metavar="ACTION", required=True)
    p = cohort_sub.add_parser("new", help="create DIR/cohort.toml (session dates, places, roster) to fill in")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--name", required=True, metavar="NAME", help="the cohort's name")
    p.add_argument("--facilitator", metavar="NAME", help="who runs the sessions")
    p.set_defaults(func=cmd_cohort_new)
    p = cohort_sub.add_parser("check", help="list every problem in a cohort file (exit 0 valid, 1 problems)")
    p.add_argument("cohort_file", nargs="?", metavar="COHORT_TOML", help="the cohort file (default: ./cohort.toml)")
    p.set_defaults(func=cmd_cohort_check)
    p = cohort_sub.add_parser("join", help="link your workbook to a cohort file from your facilitator")
    p.add_argument("cohort", metavar="COHORT_TOML")
    p.add_argument("--workbook", dest="join_workbook", metavar="PATH", help="the workbook to link (default: yours)")
    p.set_defaults(func=cmd_cohort_join)

    p = sub.add_parser(
        "handin", help="write the copy of your workbook to send your facilitator (nothing private in it)"
    )
    p.add_argument("--workbook", "-w", dest="handin_workbook", metavar="PATH", help="the workbook (default: yours)")
    p.add_argument(
        "-o", "--output", metavar="PATH", help="a file, or a folder for the roster's file name (default: this folder)"
    )
    p.set_defaults(func=cmd_handin)

    p = sub.add_parser("review", help="facilitator: review a folder of workbooks (never changes them)")
    p.add_argument("folder", metavar="DIR", help="the folder of participants' workbook files")
    p.add_argument("--feedback", metavar="DIR", help="keep feedback files here (default: beside the workbooks)")
    p.add_argument(
        "--stale-days", type=days, default=14, metavar="N", help="flag workbooks not updated in N days (default 14)"
    )
    p.add_argument("--report", choices=REPORT_FORMATS, help="write a report instead of opening the dashboard")
    p.add_argument("-o", "--output", metavar="PATH", help="the report file (default: stdout)")
    p.add_argument("--section", metavar="ID", help="with --report answers: the section whose answers to show")
    p.add_argument("--item", metavar="ID", help="with --report answers: only this question")
    p.add_argument(
        "--return", dest="return_dir", metavar="OUTDIR", help="write each participant's feedback here, to send back"
    )
    p.set_defaults(func=cmd_review)

    feedback = sub.add_parser("feedback", help="add the feedback file your facilitator sent you")
    feedback_sub = feedback.add_subparsers(title="feedback commands", metavar="ACTION", required=True)
    p = feedback_sub.add_parser("add", help="check a feedback file and put it beside your workbook")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--workbook", "-w", dest="feedback_workbook", metavar="PATH", help="the workbook (default: yours)")
    p.set_defaults(func=cmd_feedback_add)

    content = sub.add_parser("content", help="check or list content packs")
    content_sub = content.add_subparsers(title="content commands", metavar="ACTION", required=True)
    p = content_sub.add_parser("check", help="validate content packs (the shipped ones, or the folders given)")
    p.add_argument("dirs", nargs="*", metavar="DIR")
    p.set_defaults(func=cmd_content_check)
    p = content_sub.add_parser("list", help="list packs, sections and item counts")
    p.add_argument("--sources", action="store_true", help="list each pack's sources, what it adapts and its licence")
    p.set_defaults(func=cmd_content_list)
    add_log_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``letstalk`` console script: parse, run, one line per error."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return EXIT_PROBLEM
    except LetsTalkError as exc:
        print(exc, file=sys.stderr)
        # An option's value it cannot use (--period, --for, --section) is a mistake on the command
        # line, as argparse's own are: it names the option where a file's problem names the file.
        return EXIT_USAGE if exc.path is None and (exc.where or "").startswith("--") else EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # stdout closed under a print (`letstalk validate ... | head -1`)
        silence_stdout()
        print("letstalk: cannot write the output: the reader of the pipe went away", file=sys.stderr)
        return EXIT_PROBLEM


if __name__ == "__main__":
    raise SystemExit(main())
