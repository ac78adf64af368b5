"""``briefing-app check PACK --source ARTICLE``: every quote must stand verbatim in the source.

Quote marks (curly or straight) and whitespace are normalised on both sides;
nothing else. Lists each quote that is not a span of the source, with its id;
exit 0 when all are, 1 when any is not (or the pack or source cannot be read).
"""

from __future__ import annotations

import argparse
import re

from ..core.drafting import kind_of, read_article
from ..terminal import write_line
from .draft import read_input
from .pack_input import add_pack_option, load_or_report

HELP = "check that every quote of a pack is verbatim in its source article"
_MARKS = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00ab": '"', "\u00bb": '"'}
)


def normalise(text: str) -> str:
    """Quote marks made plain and whitespace runs made one space: nothing else changes."""
    return re.sub(r"\s+", " ", text.translate(_MARKS)).strip()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PACK")
    add_pack_option(parser)
    parser.add_argument("--source", required=True, metavar="ARTICLE")


def run(args: argparse.Namespace) -> int:
    pack = load_or_report(args.path, pack_id=args.pack)
    if pack is None:
        return 1
    raw = read_input(args.source)
    if raw is None:
        return 1
    source = normalise(read_article(raw, kind_of(args.source)).text)
    missing = [q for q in pack.quotes if normalise(q.text) not in source]
    for quote in missing:
        write_line(f"{quote.id}: not verbatim in {args.source}: {quote.text}")
    total = len(pack.quotes)
    if missing:
        write_line(f"{len(missing)} of {total} quotes are not verbatim in the source")
        return 1
    write_line(f"all {total} quotes are verbatim in {args.source}")
    return 0
