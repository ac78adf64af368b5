"""Loading the pack a command names, or saying on stderr why it cannot be loaded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..core.errors import PackError
from ..terminal import write_line

if TYPE_CHECKING:
    from ..core.models import Pack


def load_or_report(path: str | Path, err: TextIO | None = None) -> Pack | None:
    """The pack at ``path``, or None after printing every problem as ``path: problem``."""
    from ..core.pack import load_or_error

    result = load_or_error(path)
    if isinstance(result, PackError):
        report_problems(str(path), result, err)
        return None
    return result


def report_problems(shown: str, error: PackError, err: TextIO | None = None) -> None:
    import sys

    for problem in error.problems:
        write_line(f"{shown}: {problem}", err if err is not None else sys.stderr)
