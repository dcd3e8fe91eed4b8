"""Subcommands on one workbook and the content: new, validate, schema, content, open, serve."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from letstalk.cli.common import EXIT_OK, EXIT_PROBLEM, default_workbook, library_for, paths, resume_collector
from letstalk.errors import LetsTalkError
from letstalk.text import one_line, printable, shown_path

if TYPE_CHECKING:
    pass


# -- subcommands ------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new, empty workbook."""
    from pydantic import ValidationError

    from letstalk import storage
    from letstalk.files.describe import describe_validation_error
    from letstalk.model import new_workbook

    path = Path(args.path).expanduser()
    try:
        workbook = new_workbook(owner=args.owner or "", school=args.school or "", role=args.role or "")
    except ValidationError as exc:  # --owner, --school or --role: too long, or holding what a name cannot
        where, message = describe_validation_error(exc)
        raise LetsTalkError(None, message, f"--{where.removeprefix('meta.')}") from None
    workbook.record_packs(library_for(args))
    storage.create(path, workbook)
    print(f"Created {shown_path(path)}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check workbook files; print one line per problem."""
    from letstalk import storage
    from letstalk.model import answer_problems

    library = library_for(args)
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

    folders = paths(args.dirs) + paths(args.content)
    library = load_library(folders, builtin=not args.dirs)
    for pack in library.packs:
        items = sum(len(section.items()) for section in pack.sections)
        print(f"ok  {pack.meta.id} {pack.meta.version}: {len(pack.sections)} sections, {items} items")
    return EXIT_OK


def cmd_content_list(args: argparse.Namespace) -> int:
    """List packs, their sections and item counts; with ``--sources``, what each pack adapts."""
    from letstalk.content.credits import source_lines

    library = library_for(args)
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
    library = library_for(args)
    # A --workbook path that does not exist yet is created when its folder does (a first run).
    fresh = args.workbook is not None and not path.exists() and not path.is_symlink() and path.parent.is_dir()
    handle = storage.WorkbookFile.open(path, create_missing=args.workbook is None or fresh)
    handle.workbook.follow_aliases(library)  # saved with the next change
    if not handle.read_only:
        handle.workbook.record_packs(library)  # the content versions she works with, saved with the next change
    if fresh:
        print(f"Created {shown_path(path)}")
    try:
        if wants_plain(args.plain, os.environ, sys.stdin):
            from letstalk.plain import run

            resume_collector()
            return run(handle, library)
        from letstalk.tui.app import make_app

        app = make_app(handle, library)
        app.after_first_paint = partial(resume_collector, freeze=True)
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
    resume_collector()
    serve(path.absolute(), args.content or [], host=args.host, port=args.port)
    return EXIT_OK
