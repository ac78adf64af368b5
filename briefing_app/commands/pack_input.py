"""Loading the pack a command names, or saying on stderr why it cannot be loaded."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..core.discovery import find_packs, is_pack_folder
from ..core.errors import PackError
from ..terminal import write_line

if TYPE_CHECKING:
    from ..core.models import Pack


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    """``--pack ID``: which pack of a folder of packs the command is about."""
    parser.add_argument(
        "--pack", metavar="ID", default=None, help="in a folder of packs, the pack to use"
    )


def resolve_pack(path: str | Path, pack_id: str | None, err: TextIO | None = None) -> Path | None:
    """The one pack ``path`` names: itself, the only pack in a folder, or ``--pack ID``.

    With several packs and no ``--pack``, the error lists their ids.
    """
    p = Path(path)
    if not p.is_dir() or is_pack_folder(p):
        return p
    found = find_packs(p)
    if not found:
        write_line(f"{path}: this folder holds no packs (no pack.json, no *.json)", _err(err))
        return None
    ids = {_quick_id(candidate): candidate for candidate in found}
    if pack_id is not None:
        if pack_id in ids:
            return ids[pack_id]
        write_line(f"{path}: no pack with id {pack_id!r}; its packs: {_listing(ids)}", _err(err))
        return None
    if len(found) == 1:
        return found[0]
    write_line(
        f"{path}: this folder holds {len(found)} packs; choose one with --pack ID: {_listing(ids)}",
        _err(err),
    )
    return None


def _quick_id(path: Path) -> str:
    from ..core.quick_pack import read_raw

    try:
        value = read_raw(path).get("id")
    except ValueError:
        return path.stem
    return value if isinstance(value, str) else path.stem


def _listing(ids: dict[str, Path]) -> str:
    return ", ".join(sorted(ids))


def _err(err: TextIO | None) -> TextIO:
    return err if err is not None else sys.stderr


def load_or_report(
    path: str | Path, err: TextIO | None = None, pack_id: str | None = None
) -> Pack | None:
    """The pack at ``path``, or None after printing every problem as ``path: problem``.

    ``path`` may be a folder of packs: see ``resolve_pack``.
    """
    from ..core.pack import load_or_error

    target = resolve_pack(path, pack_id, err)
    if target is None:
        return None
    result = load_or_error(target)
    if isinstance(result, PackError):
        report_problems(str(target), result, err)
        return None
    return result


def report_problems(shown: str, error: PackError, err: TextIO | None = None) -> None:
    for problem in error.problems:
        write_line(f"{shown}: {problem}", err if err is not None else sys.stderr)
