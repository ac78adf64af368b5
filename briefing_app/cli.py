"""Command line: ``briefing-app [PATH]`` opens the window; subcommands serve scripts.

Each subcommand imports only what it needs, so ``validate`` never loads Qt and
the window starts without importing pydantic before its first paint.
Exit codes: 0 success, 1 the input was bad (or a quiz is impossible), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__

SUBCOMMANDS = ("validate", "schema", "render", "quiz", "stats", "export")


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="briefing-app",
        description="Study, present and quiz yourself on briefing packs.",
    )
    parser.add_argument("--version", action="version", version=f"briefing-app {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("validate", help="check packs against the format")
    p.add_argument("paths", nargs="+", metavar="PATH")

    sub.add_parser("schema", help="print the pack format's JSON Schema")

    p = sub.add_parser("render", help="draw every card to PNG, without a display")
    p.add_argument("path", metavar="PATH")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.add_argument("--size", default="1280x720", metavar="WxH")
    p.add_argument("--theme", choices=("light", "dark"), default="light")

    p = sub.add_parser("quiz", help="quiz yourself on who said what")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--text", action="store_true", help="quiz in the terminal")
    p.add_argument("--questions", type=int, default=10, metavar="N")
    p.add_argument("--seed", type=int, default=None, metavar="S")
    p.add_argument(
        "--kind", choices=("who-said", "who-did", "which-quote", "mixed"), default="who-said"
    )
    p.add_argument("--typed", action="store_true", help="type the answer instead of choosing")

    p = sub.add_parser("stats", help="progress and what is due, per pack")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", help="PDF handout, Anki TSV or Markdown brief")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--to", choices=("pdf", "tsv", "md"), required=True)
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--one-per-page", action="store_true", help="PDF: one card per page")
    p.add_argument("--exam", action="store_true", help="PDF: a who-said-it exam sheet")

    return parser


def build_window_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefing-app", description="Open the study window.")
    parser.add_argument("--version", action="version", version=f"briefing-app {__version__}")
    parser.add_argument("path", nargs="?", default=None, metavar="PATH")
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="print milliseconds from process start to the first painted card, then exit",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            return _run_subcommand(build_parser().parse_args(args_list))
        window_args = build_window_parser().parse_args(args_list)
        from .ui.app import run_window

        return run_window(window_args.path, measure_startup=window_args.measure_startup)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _run_subcommand(args: argparse.Namespace) -> int:
    if args.command == "validate":
        from .commands.validate import run_validate

        return run_validate(args.paths)
    if args.command == "schema":
        from .commands.validate import run_schema

        return run_schema()
    if args.command == "render":
        from .commands.render import run_render

        return run_render(args.path, args.output, args.size, args.theme)
    if args.command == "quiz":
        from .commands.quiz import open_recorder, run_quiz

        return run_quiz(args, recorder=open_recorder())
    if args.command == "stats":
        from .commands.stats import run_stats

        return run_stats(args.path, as_json=args.json)
    if args.command == "export":
        from .commands.export import run_export

        return run_export(args)
    return 2
