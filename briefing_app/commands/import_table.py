"""``briefing-app import FILE -o PACK.json [--title T] [--skip-bad]``: quotes from a spreadsheet.

CSV or TSV (the delimiter is sniffed; UTF-8 with or without BOM; Excel's
quoting), or the Anki TSV that ``export --to tsv`` writes. Bad rows are reported
as ``FILE: line N: column 'C': what``; nothing is written when any row is bad
unless ``--skip-bad``. ``-o`` ending in ``.json`` is a pack file, anything else a
pack folder with ``pack.json``; an existing pack is replaced only with
``--force``. Exit 0 written, 1 bad input, 2 usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.editing import EditError, PackDocument
from ..core.editing.importing import import_table
from ..terminal import error_line, write_line
from .text_input import read_text_input

HELP = "make a pack from a CSV or TSV of quotes and speakers"
MAX_BYTES = 20 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("-o", "--output", required=True, metavar="PACK.json")
    parser.add_argument("--title", default=None, help="the pack's title (default: from FILE)")
    parser.add_argument("--skip-bad", action="store_true", help="leave bad rows out, keep the rest")
    parser.add_argument("--force", action="store_true", help="replace an existing pack at -o")


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    output = Path(args.output)
    target = output if output.suffix.lower() == ".json" else output / "pack.json"
    if target.exists() and not args.force:
        error_line(f"{target}: already exists; choose another path or add --force")
        return 1
    text = read_text_input(str(path), MAX_BYTES, "the file")
    if text is None:
        return 1
    result = import_table(text, path.name, args.title, skip_bad=args.skip_bad)
    for problem in result.problems:
        error_line(str(problem))
    if not result.pack:
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        PackDocument(result.pack).save(target)
    except (OSError, EditError) as exc:
        error_line(f"{target}: cannot write the pack: {exc}")
        return 1
    actors = len(result.pack.get("actors", []))
    skipped = f", {result.left_out} rows left out" if result.left_out else ""
    write_line(f"Wrote {target} ({result.rows} quotes from {actors} speakers{skipped})")
    return 0
