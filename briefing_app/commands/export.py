"""``briefing-app export PATH --to pdf|apkg|tsv|md -o OUT``: handouts, Anki decks, briefs.

Qt is loaded only for the PDF. Every failure is one plain line on stderr and
exit status 1 (2 for options that do not go together); never a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..export.atomic import ExportError
from ..export.formats import BY_KEY, FORMATS, ExportOptions, export_pack
from ..terminal import error_line, write_line
from .pack_input import add_pack_option, load_or_report

HELP = "PDF handout, Anki package (.apkg) or TSV, or Markdown brief"
TARGETS = ("pdf", "apkg", "tsv", "md")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH")
    add_pack_option(parser)
    parser.add_argument("--to", choices=TARGETS, required=True)
    parser.add_argument("-o", "--output", required=True, metavar="OUT")
    parser.add_argument("--one-per-page", action="store_true", help="PDF: one card per page")
    parser.add_argument("--exam", action="store_true", help="PDF: a who-said-it exam sheet")
    parser.add_argument("--subdecks", action="store_true", help="apkg: one sub-deck per category")
    parser.add_argument(
        "--seed", type=int, metavar="S", help="exam: the question order (printed on the sheet)"
    )


def run(args: argparse.Namespace) -> int:
    return run_export(args)


def _fail(message: str, status: int = 1) -> int:
    error_line(message)
    return status


def format_key(args: argparse.Namespace) -> str:
    """The format table's key for ``--to`` and the PDF options."""
    if args.exam:
        return "pdf-exam"
    if args.one_per_page:
        return "pdf-one-per-page"
    return str(args.to)


def run_export(args: argparse.Namespace) -> int:
    """Export the pack at ``args.path``; 0 on success, 1 on failure, 2 on bad options."""
    if args.to != "pdf" and (args.one_per_page or args.exam):
        option = "--exam" if args.exam else "--one-per-page"
        return _fail(f"briefing-app export: {option} only applies to --to pdf", 2)
    if args.one_per_page and args.exam:
        return _fail("briefing-app export: choose --one-per-page or --exam, not both", 2)
    key = format_key(args)
    options = ExportOptions(subdecks=args.subdecks, seed=args.seed)
    for name in options.chosen():
        if name not in BY_KEY[key].options:
            return _fail(f"briefing-app export: {_flag(name)} only applies to {_takers(name)}", 2)
    pack = load_or_report(args.path, pack_id=args.pack)
    if pack is None:
        return 1
    try:
        if BY_KEY[key].pdf_layout is not None:
            from ..paint.headless import ensure_gui_application

            ensure_gui_application()
        written = export_pack(pack, key, Path(args.output), options)
    except ExportError as exc:
        return _fail(f"briefing-app export: {exc}")
    write_line(f"Wrote {written.path} ({written.summary})")
    return 0


# How the command line spells each format of the registry, for its messages.
_SPELLING = {"pdf-one-per-page": "--one-per-page", "pdf-exam": "--exam"}


def _flag(option: str) -> str:
    return "--" + option.replace("_", "-")


def _takers(option: str) -> str:
    """The formats that take ``option``, as the command line spells them."""
    keys = [f.key for f in FORMATS if option in f.options]
    return " or ".join(_SPELLING.get(key, f"--to {key}") for key in keys)
