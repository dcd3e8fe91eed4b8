"""The ``letstalk`` command: open the workbook, or run one of the subcommands.

Imports stay lean: textual is imported only when the TUI is actually opened.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from letstalk import __version__
from letstalk.errors import ContentError, LetsTalkError

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


def _library(args: argparse.Namespace):  # noqa: ANN202 - returns letstalk.content.Library
    from letstalk.content import load_library

    return load_library(_paths(args.content))


# -- subcommands ------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new, empty workbook."""
    from letstalk import storage
    from letstalk.model import new_workbook

    path = Path(args.path).expanduser()
    workbook = new_workbook(owner=args.owner or "", school=args.school or "", role=args.role or "")
    workbook.record_packs(_library(args))
    storage.create(path, workbook)
    print(f"Created {path}")
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
        problems = answer_problems(workbook, library)
        for where, message in problems:
            print(f"{path}: {where}: {message}")
        if problems:
            status = EXIT_PROBLEM
            continue
        orphans = workbook.orphans(library)
        note = f"; {len(orphans)} answer(s) for items the content no longer has, kept: {', '.join(orphans)}" if orphans else ""
        print(f"{path}: valid ({len(workbook.answers)} answers){note}")
    return status


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
    """List packs, their sections and item counts."""
    library = _library(args)
    for pack in library.packs:
        print(f"{pack.meta.title} [{pack.meta.id} {pack.meta.version}]")
        for section in pack.sections:
            kinds: dict[str, int] = {}
            for item in section.items():
                kinds[item.kind] = kinds.get(item.kind, 0) + 1  # type: ignore[attr-defined]
            counts = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
            print(f"  {section.label} · {section.title} ({counts})")
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
    if fresh:
        print(f"Created {path}")
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


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app to a web browser with textual-serve (one app per browser tab)."""
    import shlex

    from textual_serve.server import Server

    path = Path(args.workbook).expanduser() if args.workbook else default_workbook()
    if not path.exists():
        from letstalk import storage
        from letstalk.model import new_workbook

        path.parent.mkdir(parents=True, exist_ok=True)
        storage.create(path, new_workbook())
    command = [sys.executable, "-m", "letstalk", "--workbook", str(path)]
    for folder in args.content or []:
        command += ["--content", folder]
    if args.host not in LOCAL_HOSTS:
        print(
            f"Warning: serving on {args.host} lets anyone who can reach this machine open your workbook: "
            "there is no login. Use --host 127.0.0.1 unless you mean it.",
            file=sys.stderr,
        )
    server = Server(shlex.join(command), host=args.host, port=args.port, title="letstalk")
    server.serve()
    return EXIT_OK


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
    parser.add_argument("--workbook", "-w", metavar="PATH", help="the workbook file to open (default: one in your user data folder)")
    parser.add_argument("--content", metavar="DIR", action="append", help="an extra folder of content packs (repeatable)")
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

    p = sub.add_parser("serve", help="open letstalk in a web browser (served on this machine only by default)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.set_defaults(func=cmd_serve)

    content = sub.add_parser("content", help="check or list content packs")
    content_sub = content.add_subparsers(title="content commands", metavar="ACTION", required=True)
    p = content_sub.add_parser("check", help="validate content packs (the shipped ones, or the folders given)")
    p.add_argument("dirs", nargs="*", metavar="DIR")
    p.set_defaults(func=cmd_content_check)
    p = content_sub.add_parser("list", help="list packs, sections and item counts")
    p.set_defaults(func=cmd_content_list)
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
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
