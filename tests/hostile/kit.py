"""What every hostile case is made of: a ``Case``, its ``Outcome``, and the ``judge``.

A case builds its input in a fresh folder and runs one command, in-process
through ``cli.main`` or as a real process where one is needed (a kill, a FIFO,
concurrent writers, a read-only mount). It may run under a file-size limit (a
full disk, as ``prlimit --fsize`` does) or with a folder made read-only. The
judge says whether it ended in a clear error or a correct result, in time.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cli_runner import Done, run_cli
from pack_builder import actor, implication, measure, pack, quote

TIME_LIMIT_S = 20.0  # no case may take longer: a hang is a failure


class Unavailable(Exception):
    """This machine cannot set the case up (say, root ignores a read-only folder)."""


def valid_pack(**changes: Any) -> dict[str, Any]:
    """A small valid pack for a case to write, damage or feed to a command."""
    data = pack(
        id="hostile",
        title="A pack under attack",
        actors=[
            actor("ann", "Ann Example", role="Minister"),
            actor("bob", "Bob Example", kind="person"),
        ],
        quotes=[
            quote("q1", "ann", "We will not back down."),
            quote("q2", "bob", "This is a grave mistake."),
        ],
        measures=[measure("m1", "ann", "Tariffs on widgets")],
        implications=[implication("i1", "Trade slows", actors=["ann"])],
    )
    data.update(changes)
    return data


def write(folder: Path, name: str, data: bytes | str | dict[str, Any]) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def png_bytes(width: int, height: int, *, corrupt: bool = False) -> bytes:
    """A real PNG header declaring ``width`` x ``height`` (the data need not match)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    if corrupt:
        pixels = b"garbage" * 8
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@dataclass
class Outcome:
    """What a case did: its exit status, what it printed, how long it took."""

    status: int
    stdout: str
    stderr: str
    seconds: float
    answers_lost: int = 0


@dataclass
class Case:
    """One hostile input: ``make`` builds it and returns the command line to run.

    ``env`` values may say ``{dir}`` for the case's folder. ``file_size_limit``
    runs the command as if the disk filled up after that many bytes a file;
    ``read_only`` names a folder (inside the case's) that the command finds
    read-only. ``todo`` marks a known bug in code owned elsewhere: the case is
    expected to fail until it is fixed (then the test says so).
    """

    name: str
    make: Callable[[Path], list[str]]
    expect: str  # "error" or "ok"
    process: bool = False  # run as a real process (kills, FIFOs, concurrency, mounts)
    slow: bool = False
    check: Callable[[Path, Outcome], None] | None = None
    stdin: str = ""
    env: dict[str, str | None] = field(default_factory=dict)
    file_size_limit: int | None = None
    read_only: str | None = None
    todo: str | None = None

    def run(self, folder: Path) -> Outcome:
        argv = self.make(folder)
        env = {k: v.format(dir=folder) if v else v for k, v in self.env.items()}
        start = time.perf_counter()
        if self.process:
            done: Done | subprocess.CompletedProcess[str] = self._run_process(folder, argv, env)
        else:
            with file_size_limit(self.file_size_limit):
                done = run_cli(*argv, input=self.stdin, env=env)
        return Outcome(done.returncode, done.stdout, done.stderr, time.perf_counter() - start)

    def _run_process(
        self, folder: Path, argv: list[str], changes: dict[str, str | None]
    ) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        for key, value in changes.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        prefix: list[str] = []
        with contextlib.ExitStack() as stack:
            if self.read_only is not None:
                prefix = stack.enter_context(read_only(folder / self.read_only))
            if self.file_size_limit is not None:
                prefix = ["prlimit", f"--fsize={self.file_size_limit}", *prefix]
            return subprocess.run(
                [*prefix, sys.executable, "-m", "briefing_app", *argv],
                input=self.stdin,
                capture_output=True,
                text=True,
                env=env,
                timeout=TIME_LIMIT_S * 3,
            )


@contextlib.contextmanager
def file_size_limit(limit: int | None) -> Iterator[None]:
    """Files stop growing at ``limit`` bytes (EFBIG), as on a full disk; None: no limit."""
    if limit is None:
        yield
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[list[str]]:
    """The command prefix under which ``folder`` is read-only.

    A normal user: the folder's write permission is taken away (and given back).
    Root ignores permissions, so root gets a private read-only bind mount
    (``unshare``), seen by the command only; without one the case is unavailable.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield []
        finally:
            folder.chmod(0o755)
        return
    if not _private_mounts_work():
        raise Unavailable("root ignores permissions and cannot mount a read-only folder")
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    yield ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, str(folder)]


@cache
def _private_mounts_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "true"], capture_output=True
    )
    return probe.returncode == 0


def answered(pack: Path, data_dir: Path) -> int:
    """How many quiz answers the progress store in ``data_dir`` holds for ``pack``."""
    done = run_cli("stats", pack, "--json", env={"BRIEFING_APP_DATA_DIR": str(data_dir)})
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["answered"])


def answers_printed(stdout: str) -> int:
    return sum(1 for line in stdout.splitlines() if line.startswith(("Right: ", "Wrong. ")))


def answers_lost(out: Outcome, pack: Path, data_dir: Path) -> int:
    """Answers the quiz showed but neither kept nor said it could not keep."""
    shown = answers_printed(out.stdout)
    if "will not be saved" in out.stderr:  # told before the first question
        return 0
    told = sum(1 for line in out.stderr.splitlines() if "could not be saved" in line)
    return max(0, shown - told - answered(pack, data_dir))


def judge(case: Case, outcome: Outcome) -> str:
    """``clear error``, ``correct``, ``traceback``, ``hang`` or ``wrong`` (with why)."""
    text = outcome.stdout + outcome.stderr
    if "Traceback" in text or "internal error" in text or "Logging error" in text:
        return "traceback"
    if outcome.seconds > TIME_LIMIT_S:
        return "hang"
    if case.expect == "error":
        lines = [line for line in outcome.stderr.splitlines() + outcome.stdout.splitlines() if line]
        if outcome.status in (1, 2) and lines and all(len(line) < 400 for line in lines):
            return "clear error"
        return f"wrong (status {outcome.status})"
    return "correct" if outcome.status == 0 else f"wrong (status {outcome.status})"
