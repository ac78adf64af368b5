"""``briefing-app new --title "T" -o PATH``: a minimal valid pack to start from.

PATH ending in ``.json`` makes a single-file pack; any other PATH a pack folder
with ``pack.json``. Today's date is the pack's ``as_of``. Exit 1 if PATH exists.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.editing import EditError, PackDocument
from ..terminal import error_line, write_line

HELP = "start a new pack (a folder with pack.json, or a .json file)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", required=True)
    parser.add_argument("-o", "--output", required=True, metavar="PATH")


def run(args: argparse.Namespace) -> int:
    target = Path(args.output)
    if target.exists() or target.is_symlink():
        error_line(f"{target}: already exists; choose another path")
        return 1
    file = target if target.suffix.lower() == ".json" else target / "pack.json"
    doc = PackDocument.new(args.title, file)
    problems = doc.problems(base_dir=file.parent)
    for problem in problems:  # a title too long, or with control characters
        error_line(f"--title: {problem}")
    if problems:
        return 1
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        doc.save()
    except (OSError, EditError) as exc:
        error_line(f"{target}: cannot create the pack: {exc}")
        return 1
    write_line(f"Wrote {file}")
    return 0
