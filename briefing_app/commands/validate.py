"""``briefing-app validate PATH...``: one line per pack, or one per problem; exit 0 if all valid."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.cards import build_cards
from ..core.discovery import find_packs, is_pack_folder
from ..core.errors import PackError
from ..core.pack import load_or_error
from ..terminal import write_line

HELP = "check packs against the format"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH")


def run(args: argparse.Namespace) -> int:
    return run_validate(args.paths)


def summary_line(pack_path: str) -> tuple[bool, list[str]]:
    """Validate one pack; the lines to print and whether it was valid."""
    pack = load_or_error(pack_path)
    if isinstance(pack, PackError):
        return False, [f"{pack_path}: {p}" for p in pack.problems]
    cards = build_cards(pack)
    counts = (
        f"{len(pack.actors)} actors, {len(pack.quotes)} quotes, "
        f"{len(pack.measures)} measures, {len(pack.implications)} implications"
    )
    return True, [f"{pack_path}: ok, {len(cards)} cards ({counts})"]


def run_validate(paths: list[str]) -> int:
    """Print one line per pack (``ok, N cards (...)``) or per problem; 0 if all valid."""
    all_ok = True
    for given in paths:
        path = Path(given)
        try:
            targets = [path] if (path.is_file() or is_pack_folder(path)) else find_packs(path)
        except OSError as exc:
            write_line(f"{given}: cannot read this folder: {exc.strerror or exc}")
            all_ok = False
            continue
        if path.is_dir() and not targets:
            write_line(f"{given}: this folder holds no packs (no pack.json, no *.json)")
            all_ok = False
            continue
        if not targets:
            targets = [path]
        for target in targets:
            shown = given if target == path else str(target)
            ok, lines = summary_line(shown)
            all_ok &= ok
            for line in lines:
                write_line(line)
    sys.stdout.flush()
    return 0 if all_ok else 1
