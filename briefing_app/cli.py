"""Command line: ``briefing-app [PATH]`` opens the window; subcommands serve scripts.

The subcommands are a table (``commands.COMMANDS``); each module declares its
own arguments and is imported only when it runs, so ``validate`` never loads
Qt and the window starts without importing pydantic before its first paint.
This is the one never-a-traceback catch-all: a bug is logged with its
traceback and the user reads one line.
Exit codes: 0 success, 1 the input was bad (or a quiz is impossible), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from . import __version__
from .commands import COMMANDS
from .log import get_logger

logger = get_logger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from .terminal import error_line

        self.print_usage(sys.stderr)
        error_line(f"{self.prog}: error: {message}")  # it may quote any argument, escapes too
        self.exit(2)


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f".commands.{COMMANDS[name]}", __package__)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every subcommand, or only for ``only`` (so only it is imported)."""
    parser = _Parser(
        prog="briefing-app",
        description="Study, present and quiz yourself on briefing packs.",
    )
    parser.add_argument("--version", action="version", version=f"briefing-app {__version__}")
    parser.add_argument("--debug", action="store_true", help="print debug logs to stderr")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in COMMANDS if only is None else (only,):
        module = command_module(name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        command.add_argument("--debug", action="store_true", help="print debug logs to stderr")
        module.add_arguments(command)
    return parser


def build_window_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefing-app", description="Open the study window.")
    parser.add_argument("--version", action="version", version=f"briefing-app {__version__}")
    parser.add_argument("--debug", action="store_true", help="print debug logs to stderr")
    parser.add_argument("path", nargs="?", default=None, metavar="PATH")
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="print milliseconds from process start to the first painted card, then exit",
    )
    parser.add_argument(
        "--measure-loaded",
        action="store_true",
        help="print milliseconds from process start to the first painted card and to the "
        "checked pack's filter counts, the resident memory (KiB) then and the number of "
        "cards, then exit",
    )
    return parser


def _split_debug(args: list[str]) -> tuple[list[str], bool]:
    """``--debug`` may stand before the subcommand too."""
    if args and args[0] == "--debug":
        return args[1:], True
    return args, False


def main(argv: Sequence[str] | None = None) -> int:
    args_list, debug = _split_debug(list(sys.argv[1:] if argv is None else argv))
    try:
        if args_list and args_list[0] in COMMANDS:
            args = build_parser(only=args_list[0]).parse_args(args_list)
            _start_logging(debug or args.debug)
            return int(command_module(args.command).run(args))
        if args_list[:1] in (["-h"], ["--help"]):
            build_parser().parse_args(args_list)
        return _open_window(args_list, debug)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the one catch-all: a bug never shows a traceback
        from .terminal import error_line

        logger.exception("internal error")
        error_line(f"briefing-app: internal error: {exc!r} (details in the log)")
        return 1


def _open_window(args_list: list[str], debug: bool) -> int:
    window_args = build_window_parser().parse_args(args_list)
    from .ui.app import run_window

    return run_window(
        window_args.path,
        measure_startup=window_args.measure_startup,
        measure_loaded=window_args.measure_loaded,
        debug=debug or window_args.debug,
    )


def _start_logging(debug: bool) -> None:
    from .log import setup_logging

    setup_logging(debug=debug)


def window_main() -> int:
    """The ``briefing-app-window`` GUI script: the window only (no console on Windows)."""
    args_list, debug = _split_debug(sys.argv[1:])
    try:
        return _open_window(args_list, debug)
    except Exception:  # no console to print to: the log has it
        logger.exception("internal error")
        return 1
