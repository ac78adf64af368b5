"""Run ``briefing-app`` in-process, as ``cli.main(argv)``, with its own stdin/stdout/stderr.

Much faster than a subprocess per test; a few smoke tests per command still start a
real process. Environment overrides apply for the call only (``None`` removes one).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Done:
    """What a run left: like ``subprocess.CompletedProcess``, for the same asserts."""

    returncode: int
    stdout: str
    stderr: str


@contextmanager
def _environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in changes}
    try:
        for key, value in changes.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_cli(
    *args: str | Path,
    input: str = "",
    env: Mapping[str, str | None] | None = None,
    cwd: Path | None = None,
) -> Done:
    """``briefing-app ARGS`` in this process; its exit status and what it printed."""
    from briefing_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    here = Path.cwd()
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(input), out, err
    try:
        if cwd is not None:
            os.chdir(cwd)
        with _environment(env or {}):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exit_:  # argparse: --help, --version, usage errors
                code = (
                    exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
                )
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(here)
    return Done(code, out.getvalue(), err.getvalue())
