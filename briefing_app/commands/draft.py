"""``briefing-app draft ARTICLE -o PACK.json [--title T]``: a draft pack from a news article.

ARTICLE is a ``.txt``, ``.md`` or ``.html`` file, or ``-`` for standard input.
The pack holds the quotes whose speaker the text names (each with its evidence
in ``x-evidence``); quotes without a speaker (or that a pack cannot hold) are
listed on stderr with their line numbers, for the user to attribute. Exit 0 after writing, 1 for an
unreadable or empty article (or an unwritable output), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..core.drafting import draft_article, kind_of, read_article
from ..core.drafting.packing import NO_SPEAKER
from ..export.atomic import ExportError, atomic_write_text
from ..terminal import error_line, write_line
from .text_input import read_text_input

HELP = "draft a pack from a news article (quotes and who said them)"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help=".txt, .md or .html, or - for stdin")
    parser.add_argument("-o", "--output", required=True, metavar="PACK.json")
    parser.add_argument("--title", default=None, help="the pack's title (default: the heading)")


def read_input(name: str) -> str | None:
    """The article's text, or None after saying why it cannot be read."""
    return read_text_input(name, MAX_ARTICLE_BYTES, "the article")


def run(args: argparse.Namespace) -> int:
    raw = read_input(args.article)
    if raw is None:
        return 1
    article = read_article(raw, kind_of(args.article))
    if not article.text.strip():
        error_line(f"{args.article}: the article is empty")
        return 1
    draft = draft_article(article.text, args.title or article.title)
    pack = draft.to_pack_dict(title=args.title)
    try:
        atomic_write_text(Path(args.output), json.dumps(pack, ensure_ascii=False, indent=2) + "\n")
    except ExportError as exc:
        error_line(f"briefing-app draft: {exc}")
        return 1
    left_out = draft.left_out()
    unknown = sum(1 for _, why in left_out if why == NO_SPEAKER)
    write_line(
        f"{_count(len(pack['quotes']), 'quote')} from {_count(len(pack['actors']), 'speaker')}, "
        f"{unknown} without a speaker"
    )
    for quote, why in left_out:
        words = " ".join(quote.text.split())
        shown = words if len(words) <= 80 else words[:77] + "..."
        if why == NO_SPEAKER:
            error_line(f"{args.article}: line {quote.line}: no speaker found for: {shown}")
        else:
            error_line(f"{args.article}: line {quote.line}: left out ({why}): {shown}")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
