"""The ``letstalk`` command: open the workbook, or run one of the subcommands.

Imports stay lean: textual is imported only when the TUI is actually opened.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from letstalk import __version__
from letstalk.errors import ContentError, LetsTalkError
from letstalk.text import one_line, printable, shown_path

if TYPE_CHECKING:
    import datetime as dt

    from letstalk.content import Library
    from letstalk.model import Workbook
    from letstalk.review import Review

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2

EPILOG = """\
exit codes:
  0  success
  1  a problem with a file (invalid workbook or content, cannot read or save); one line says which
  2  the command line itself is wrong
"""


def default_workbook() -> Path:
    """The workbook used when no ``--workbook`` is given, in the user's data folder."""
    from platformdirs import user_data_path

    return user_data_path("letstalk", appauthor=False) / "workbook.toml"


def _paths(values: list[str] | None) -> list[Path]:
    return [Path(v).expanduser() for v in values or []]


def _library(args: argparse.Namespace) -> Library:
    """The content for a command: validated packs, from the user cache when nothing changed."""
    from letstalk.content.cache import cached_library

    return cached_library(_paths(args.content))[0]


# -- subcommands ------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new, empty workbook."""
    from letstalk import storage
    from letstalk.model import new_workbook

    path = Path(args.path).expanduser()
    workbook = new_workbook(owner=args.owner or "", school=args.school or "", role=args.role or "")
    workbook.record_packs(_library(args))
    storage.create(path, workbook)
    print(f"Created {shown_path(path)}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check workbook files; print one line per problem."""
    from letstalk import storage
    from letstalk.model import answer_problems

    library = _library(args)
    status = EXIT_OK
    for raw in args.paths:
        path = Path(raw).expanduser()
        try:
            workbook = storage.load(path)
        except LetsTalkError as exc:
            print(exc)
            status = EXIT_PROBLEM
            continue
        workbook.follow_aliases(library)
        problems = answer_problems(workbook, library)
        for where, message in problems:
            print(one_line(f"{shown_path(path)}: {where}: {message}"))
        if problems:
            status = EXIT_PROBLEM
            continue
        note = _orphans_note(workbook.orphans(library))
        print(f"{shown_path(path)}: valid ({len(workbook.answers)} answers){note}")
    return status


ORPHANS_SHOWN = 20
"""How many kept answer ids ``validate`` names before saying how many more there are."""


def _orphans_note(orphans: list[str]) -> str:
    """``; N answer(s) ... kept: a, b and 3 more``, on one line whatever the ids hold."""
    if not orphans:
        return ""
    # Answer keys are free-form (a hand edit can put anything there): show controls visibly and
    # keep a newline from splitting the line; name the first few, so 10,000 ids stay one short line.
    shown = ", ".join(one_line(printable(item_id)) for item_id in orphans[:ORPHANS_SHOWN])
    more = f" and {len(orphans) - ORPHANS_SHOWN} more" if len(orphans) > ORPHANS_SHOWN else ""
    return f"; {len(orphans)} answer(s) for items the content no longer has, kept: {shown}{more}"


def cmd_schema(args: argparse.Namespace) -> int:
    """Print a JSON Schema for workbook or content files."""
    if args.what == "workbook":
        from letstalk.model import Workbook

        schema = Workbook.model_json_schema()
    elif args.what == "content":
        from letstalk.content.models import Section

        schema = Section.model_json_schema()
    else:
        from letstalk.content.models import PackMeta

        schema = PackMeta.model_json_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_content_check(args: argparse.Namespace) -> int:
    """Validate content packs: the shipped ones, plus any folders given."""
    from letstalk.content import load_library

    folders = _paths(args.dirs) + _paths(args.content)
    library = load_library(folders, builtin=not args.dirs)
    for pack in library.packs:
        items = sum(len(section.items()) for section in pack.sections)
        print(f"ok  {pack.meta.id} {pack.meta.version}: {len(pack.sections)} sections, {items} items")
    return EXIT_OK


def cmd_content_list(args: argparse.Namespace) -> int:
    """List packs, their sections and item counts; with ``--sources``, what each pack adapts."""
    from letstalk.content.credits import source_lines

    library = _library(args)
    for pack in library.packs:
        print(printable(f"{pack.meta.title} [{pack.meta.id} {pack.meta.version}]"))
        if args.sources:
            for line in source_lines(pack):
                print(printable(f"  {line}"))
            continue
        for section in pack.sections:
            kinds: dict[str, int] = {}
            for item in section.items():
                kinds[item.kind] = kinds.get(item.kind, 0) + 1
            counts = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
            print(printable(f"  {section.label} · {section.title} ({counts})"))
    return EXIT_OK


def wants_plain(flag: bool, environ: Mapping[str, str], stdin: TextIO | None) -> bool:
    """Plain mode when asked for, when ACCESSIBLE is set, on a dumb terminal, or without a terminal."""
    if flag:
        return True
    if environ.get("TEXTUAL_DRIVER"):
        return False  # driven by textual-serve (`letstalk serve`): stdin is its pipe, not a person
    if environ.get("ACCESSIBLE") or environ.get("TERM") == "dumb" or stdin is None:
        return True
    try:
        return not stdin.isatty()
    except ValueError:  # a closed stdin
        return True


def cmd_open(args: argparse.Namespace) -> int:
    """Open the workbook in the terminal app, or line by line in plain mode (see wants_plain)."""
    import os

    from letstalk import storage

    path = Path(args.workbook).expanduser() if args.workbook else default_workbook()
    library = _library(args)
    # A --workbook path that does not exist yet is created when its folder does (a first run).
    fresh = args.workbook is not None and not path.exists() and not path.is_symlink() and path.parent.is_dir()
    handle = storage.WorkbookFile.open(path, create_missing=args.workbook is None or fresh)
    handle.workbook.follow_aliases(library)  # saved with the next change
    if fresh:
        print(f"Created {shown_path(path)}")
    try:
        if wants_plain(args.plain, os.environ, sys.stdin):
            from letstalk.plain import run

            return run(handle, library)
        from letstalk.tui.app import make_app

        app = make_app(handle, library)
        app.run()
        return app.return_code or EXIT_OK
    finally:
        handle.close()


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app to a web browser on this machine (see :mod:`letstalk.serve`)."""
    from letstalk.serve import serve

    path = Path(args.workbook).expanduser() if args.workbook else default_workbook()
    if not path.exists() and not path.is_symlink():
        from letstalk import storage
        from letstalk.model import new_workbook

        path.parent.mkdir(parents=True, exist_ok=True)
        storage.create(path, new_workbook())
    serve(path.absolute(), args.content or [], host=args.host, port=args.port)
    return EXIT_OK


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
    library = _library(args)
    path = Path(args.workbook_file).expanduser()
    workbook = storage.load(path)
    workbook.follow_aliases(library)  # in memory only: exports never write the workbook
    if name.startswith("snapshot"):
        return _snapshot(workbook, name, getattr(args, "period", "year"))
    built = plan.build(workbook, library, _session_dates(workbook, path))
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


def _snapshot(workbook: Workbook, name: str, period: str) -> bytes:
    """The one-page impact snapshot of the log (HTML or text); private entries never count."""
    from letstalk.export.snapshot import render_snapshot

    return render_snapshot(name, workbook, period)


def _write_stdout(data: bytes) -> None:
    """Write to standard output; a closed pipe or a full disk is one line (exit 1), never a traceback."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        _silence_stdout()
        raise LetsTalkError(
            "<stdout>", f"cannot write the output: {exc.strerror or exc}; nothing more was written"
        ) from None


def _silence_stdout() -> None:
    """Point stdout at nowhere, so Python's own flush at exit does not fail again on a broken pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _write_output(raw: str | None, data: bytes, workbooks: Sequence[Path] = ()) -> None:
    """Write to ``-o PATH`` after the one output check (``files.target``), or to stdout for none or ``-``."""
    from letstalk.files import target

    if raw is None or raw == target.STDOUT:
        _write_stdout(data)
        return
    out = Path(raw).expanduser()
    target.write_output(out, data, workbooks=workbooks)
    print(f"Wrote {shown_path(out)}")


def cmd_export(args: argparse.Namespace) -> int:
    """Write one export of the plan to ``-o PATH`` (atomically) or to stdout."""
    previous = None
    if args.format == "ics" and args.output not in (None, "-"):
        previous = _previous_calendar(Path(args.output).expanduser())  # read back: updates and cancellations
    _write_output(args.output, _plan_export(args, args.format, previous), [Path(args.workbook_file).expanduser()])
    return EXIT_OK


def _previous_calendar(out: Path) -> bytes | None:
    """The calendar an export will replace, read back so its vanished events can be cancelled."""
    if not out.is_file() or out.is_symlink():
        return None
    try:
        return out.read_bytes()
    except OSError:
        return None


def _audience_options(p: argparse.ArgumentParser) -> None:
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
    _write_output(args.output, _plan_export(args, args.format), [Path(args.workbook_file).expanduser()])
    return EXIT_OK


DRAFT_KINDS = ("request", "thanks", "checkin")
"""The names in ``letstalk.drafts.KINDS``, spelled out here so building the parser stays cheap."""


def cmd_draft(args: argparse.Namespace) -> int:
    """Print a message filled from the workbook, ready to copy: request, thanks or checkin."""
    from letstalk import drafts, storage

    library = _library(args)
    chosen = args.draft_workbook or args.workbook  # `letstalk -w W draft ...` works too
    path = Path(chosen).expanduser() if chosen else default_workbook()
    workbook = storage.load(path)
    workbook.follow_aliases(library)  # in memory only: a draft never writes the workbook
    print(printable(drafts.draft(args.kind, workbook, library).text()), end="")
    return EXIT_OK


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
    sections = _library(args).sections
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
        path, made = hand_in(handle, _library(args), Path(args.output).expanduser() if args.output else None)
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
        raise LetsTalkError(None, "--report answers needs --section ID (and optionally --item ID)")
    if fmt is None and not args.return_dir:
        from letstalk.tui.review.app import make_review_app

        app = make_review_app(folder, _library(args), feedback_dir=feedback, stale_days=args.stale_days)
        app.run()
        return app.return_code or EXIT_OK
    from letstalk.files.target import check_output
    from letstalk.review import scan

    if to_file:
        check_output(Path(args.output).expanduser())  # before the scan: a refused target costs nothing
    library = _library(args)
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
    _write_output(args.output, data)


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


def _days(raw: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a number of days (1 or more)")
    return int(raw)


# -- the collaboration log: in and out of spreadsheets ---------------------------------------


def _log_workbook(args: argparse.Namespace) -> Path:
    raw = args.log_workbook or args.workbook
    return Path(raw).expanduser() if raw else default_workbook()


def cmd_log_import(args: argparse.Namespace) -> int:
    """Read a CSV of collaborations, say what it would add and what it cannot read, add after a yes."""
    from letstalk import storage
    from letstalk.log import sheet

    source = Path(args.file).expanduser()
    try:
        mapping = sheet.parse_mapping(args.map or [])
    except ValueError as exc:
        raise LetsTalkError(source, str(exc)) from None
    text = sheet.decode(sheet.read_source(source), source)
    day_first = args.day_first or sheet.guess_day_first(text)
    handle = storage.WorkbookFile.open(_log_workbook(args))
    try:
        found = sheet.read_csv(text, handle.workbook.log, source, mapping, day_first=day_first)
        for line in sheet.report(found, day_first):
            print(printable(line))
        if not found.new:
            return EXIT_OK
        if not args.yes and not _confirm(f"Add {len(found.new)} entries to {handle.path.name}? [y/N] "):
            print("Nothing added.")
            return EXIT_OK
        sheet.apply(handle.workbook.log, found)
        handle.save()
    finally:
        handle.close()
    print(f"Added {len(found.new)} entries to {handle.path}")
    return EXIT_OK


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise LetsTalkError(None, "nothing added: confirm on a terminal, or add --yes to import from a script")
    return input(question).strip().lower() in ("y", "yes")


def cmd_log_export(args: argparse.Namespace) -> int:
    """Write the log's shared entries as CSV (UTF-8 with a byte-order mark, one row per entry)."""
    from letstalk import storage
    from letstalk.export.log_csv import to_log_csv

    workbook_path = Path(args.workbook_file).expanduser()
    _write_output(args.output, to_log_csv(storage.load(workbook_path).log), [workbook_path])
    return EXIT_OK


def add_log_parser(sub: argparse._SubParsersAction) -> None:
    """``letstalk log import|export``."""
    log = sub.add_parser("log", help="the collaboration log: import a spreadsheet or export it as CSV")
    log_sub = log.add_subparsers(title="log commands", metavar="ACTION", required=True)
    p = log_sub.add_parser("import", help="add collaborations from a CSV (a spreadsheet or Google Forms export)")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("-w", "--workbook", dest="log_workbook", metavar="PATH", help="the workbook (default: yours)")
    p.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help="read a column as a field, e.g. 'Lesson=what' (repeatable)",
    )
    p.add_argument("--day-first", action="store_true", help="read 3/4/2026 as 3 April (guessed when a day is over 12)")
    p.add_argument("--yes", "-y", action="store_true", help="add without asking (for scripts)")
    p.set_defaults(func=cmd_log_import)
    p = log_sub.add_parser("export", help="write the log as CSV, one row per entry (private entries left out)")
    p.add_argument("workbook_file", metavar="WORKBOOK", help="the workbook file (read, never changed)")
    p.add_argument("-o", "--output", metavar="PATH", help="write to this file instead of stdout")
    p.set_defaults(func=cmd_log_export)


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
    _audience_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("plan", help="print the collaborative plan summary (Markdown) to stdout")
    p.add_argument("workbook_file", metavar="WORKBOOK", help="the workbook file (read, never changed)")
    p.add_argument(
        "--format", choices=EXPORT_FORMATS, default="md", help="md (default), text, html, ics, csv, card or card-html"
    )
    p.add_argument("-o", "--output", metavar="PATH", help="write to this file instead of stdout (- for stdout)")
    _audience_options(p)
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

    p = sub.add_parser("handin", help="write the copy of your workbook to send your facilitator (no private answer)")
    p.add_argument("--workbook", "-w", dest="handin_workbook", metavar="PATH", help="the workbook (default: yours)")
    p.add_argument(
        "-o", "--output", metavar="PATH", help="a file, or a folder for the roster's file name (default: this folder)"
    )
    p.set_defaults(func=cmd_handin)

    p = sub.add_parser("review", help="facilitator: review a folder of workbooks (never changes them)")
    p.add_argument("folder", metavar="DIR", help="the folder of participants' workbook files")
    p.add_argument("--feedback", metavar="DIR", help="keep feedback files here (default: beside the workbooks)")
    p.add_argument(
        "--stale-days", type=_days, default=14, metavar="N", help="flag workbooks not updated in N days (default 14)"
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
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # stdout closed under a print (`letstalk validate ... | head -1`)
        _silence_stdout()
        print("letstalk: cannot write the output: the reader of the pipe went away", file=sys.stderr)
        return EXIT_PROBLEM


if __name__ == "__main__":
    raise SystemExit(main())
