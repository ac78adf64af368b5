"""``briefing-app export PATH --to pdf|tsv|md -o OUT``: handouts, Anki decks, briefs.

Qt is loaded only for the PDF. Every failure is one plain line on stderr and
exit status 1 (2 for options that do not go together); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import PackError
from ..export.atomic import ExportError

if TYPE_CHECKING:
    from ..export.pdf import Layout

HELP = "PDF handout, Anki TSV or Markdown brief"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH")
    parser.add_argument("--to", choices=("pdf", "tsv", "md"), required=True)
    parser.add_argument("-o", "--output", required=True, metavar="OUT")
    parser.add_argument("--one-per-page", action="store_true", help="PDF: one card per page")
    parser.add_argument("--exam", action="store_true", help="PDF: a who-said-it exam sheet")


def run(args: argparse.Namespace) -> int:
    return run_export(args)


def _fail(message: str, status: int = 1) -> int:
    print(message, file=sys.stderr)
    return status


def pdf_layout(args: argparse.Namespace) -> Layout:
    if args.exam:
        return "exam"
    if args.one_per_page:
        return "one-per-page"
    return "grid"


def run_export(args: argparse.Namespace) -> int:
    """Export the pack at ``args.path``; 0 on success, 1 on failure, 2 on bad options."""
    if args.to != "pdf" and (args.one_per_page or args.exam):
        option = "--exam" if args.exam else "--one-per-page"
        return _fail(f"briefing-app export: {option} only applies to --to pdf", 2)
    if args.one_per_page and args.exam:
        return _fail("briefing-app export: choose --one-per-page or --exam, not both", 2)
    try:
        from ..core.pack import load_pack

        pack = load_pack(args.path)
    except PackError as exc:
        for problem in exc.problems:
            print(f"{args.path}: {problem}", file=sys.stderr)
        return 1
    except Exception as exc:  # the contract: never a traceback
        return _fail(f"{args.path}: internal error while loading: {exc!r}")
    out = Path(args.output)
    try:
        if args.to == "pdf":
            from ..export.pdf import export_pdf
            from ..paint.headless import ensure_gui_application

            ensure_gui_application()
            pages = export_pdf(pack, out, pdf_layout(args))
            summary = f"{pages} page{'' if pages == 1 else 's'}"
        else:
            from ..core.cards import build_cards
            from ..export.atomic import atomic_write_text

            cards = build_cards(pack)
            if args.to == "tsv":
                from ..export.tsv import cards_to_tsv

                atomic_write_text(out, cards_to_tsv(pack, cards))
            else:
                from ..export.markdown import pack_to_markdown

                atomic_write_text(out, pack_to_markdown(pack))
            summary = f"{len(cards)} card{'' if len(cards) == 1 else 's'}"
    except ExportError as exc:
        return _fail(f"briefing-app export: {exc}")
    except Exception as exc:  # the contract: never a traceback
        return _fail(f"briefing-app export: internal error: {exc!r}")
    print(f"Wrote {out} ({summary})")
    return 0
