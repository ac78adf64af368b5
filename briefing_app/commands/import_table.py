"""``briefing-app import FILE -o PACK.json [--title T] [--skip-bad]``: quotes from a spreadsheet.

CSV or TSV (the delimiter is sniffed; UTF-8 with or without BOM; Excel's
quoting), or the Anki TSV that ``export --to tsv`` writes. Bad rows are reported
as ``FILE: line N: column 'C': what``; nothing is written when any row is bad
unless ``--skip-bad``. Exit 0 written, 1 bad input, 2 usage.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..core.editing.importing import import_table
from ..core.errors import PackError
from ..core.pack import parse_pack
from ..export.atomic import ExportError, atomic_write_text
from ..terminal import error_line, write_line

HELP = "make a pack from a CSV or TSV of quotes and speakers"
MAX_BYTES = 20 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("-o", "--output", required=True, metavar="PACK.json")
    parser.add_argument("--title", default=None)
    parser.add_argument("--skip-bad", action="store_true", help="leave bad rows out, keep the rest")


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        with path.open("rb") as handle:  # capped: /dev/zero must not fill memory
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        error_line(f"{path}: cannot read the file: {exc.strerror or exc}")
        return 1
    if len(data) > MAX_BYTES:
        error_line(f"{path}: the file is over {MAX_BYTES // 1048576} MiB")
        return 1
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        error_line(f"{path}: the file is not UTF-8 text (byte {exc.start}); save it as UTF-8")
        return 1
    result = import_table(text, path.name, args.title, skip_bad=args.skip_bad)
    for problem in result.problems:
        error_line(str(problem))
    if not result.pack:
        return 1
    body = json.dumps(result.pack, ensure_ascii=False, indent=2) + "\n"
    try:
        parse_pack(body.encode("utf-8"))
    except PackError as exc:  # a row that passed its own checks but breaks the format
        for problem in exc.problems:
            error_line(f"{args.output}: {problem}")
        return 1
    try:
        atomic_write_text(Path(args.output), body)
    except ExportError as exc:
        error_line(f"briefing-app import: {exc}")
        return 1
    actors = len(result.pack.get("actors", []))
    skipped = f", {len(result.problems)} rows left out" if result.problems else ""
    write_line(f"Wrote {args.output} ({result.rows} quotes from {actors} speakers{skipped})")
    return 0
