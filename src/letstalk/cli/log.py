"""The collaboration log on the command line: import a spreadsheet, export it as CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from letstalk.cli.common import EXIT_OK, confirm, default_workbook, write_output
from letstalk.errors import LetsTalkError
from letstalk.text import printable

if TYPE_CHECKING:
    pass


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
        if not args.yes and not confirm(f"Add {len(found.new)} entries to {handle.path.name}? [y/N] "):
            print("Nothing added.")
            return EXIT_OK
        sheet.apply(handle.workbook.log, found)
        handle.save()
    finally:
        handle.close()
    print(f"Added {len(found.new)} entries to {handle.path}")
    return EXIT_OK


def cmd_log_export(args: argparse.Namespace) -> int:
    """Write the log's shared entries as CSV (UTF-8 with a byte-order mark, one row per entry)."""
    from letstalk import storage
    from letstalk.export.log_csv import to_log_csv

    workbook_path = Path(args.workbook_file).expanduser()
    write_output(args.output, to_log_csv(storage.load(workbook_path).log), [workbook_path])
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
