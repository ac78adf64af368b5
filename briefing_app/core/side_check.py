"""Checking a big pack in a second process while the window starts.

The fast loader's checks of a 50,000-item pack (ids, references, dates, texts,
the key count) take ~40 ms of the interpreter, and Python threads cannot share
it: the window's worker thread and the GUI take turns. So when the window
starts on a big pack, a helper process (``python -m briefing_app.core.side_check
FILE``) reads the file and runs the very same ``fast_load`` check on the other
core, while this process imports Qt and paints the first card. The worker
thread then only decodes and builds the pack, and skips the checks if the
helper proved *the same bytes* valid: its answer names the length and CRC-32 of
what it read, which must match the bytes the window read (a file saved in
between reads differently and is checked here as usual).

Anything but a timely "valid" for the same bytes (a doubtful pack, a helper
that failed, could not start or is late) means the checks run here, as they
always have: the helper can only save time, never decide a verdict alone.
POSIX, non-frozen, more than one core, files of ``MIN_BYTES`` or more.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import sys
import threading
from pathlib import Path

logger = logging.getLogger(__name__)

MIN_BYTES = 2_000_000  # below this the checks cost less than starting a process
WAIT_S = 0.05  # a late answer is not waited for longer than the checks would take here
HELPER_NICENESS = 19  # lowest priority: it must not slow the first paint down
_VALID = "valid"


def usable() -> bool:
    """A helper process can run beside this one: POSIX, not frozen, a second core."""
    if os.name != "posix" or getattr(sys, "frozen", False) or not sys.executable:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1


def answer_for(data: bytes) -> str:
    """The line a helper writes when it proved ``data`` valid."""
    import zlib  # its CRC releases the interpreter lock

    return f"{_VALID} {len(data)} {zlib.crc32(data)}"


class SideCheck:
    """A helper process checking one pack file; ``proves`` asks it once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        command = [sys.executable, "-m", __name__, str(path)]
        read_end, write_end = os.pipe()
        try:
            self._pid = os.posix_spawn(
                sys.executable,
                command,
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, write_end, 1),
                    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                ],
            )
        except OSError:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        self._answer: int | None = read_end
        try:  # the window starting beside it comes first whenever the cores are busy
            os.setpriority(os.PRIO_PROCESS, self._pid, HELPER_NICENESS)
        except OSError as exc:
            logger.debug("the side check runs at normal priority: %s", exc)

    @classmethod
    def start(cls, path: Path) -> SideCheck | None:
        """A helper checking ``path``, or None when none can or need run."""
        try:
            if path.stat().st_size < MIN_BYTES or not usable():
                return None
            return cls(path)
        except OSError as exc:
            logger.debug("no side check of %s: %s", path, exc)
            return None

    def proves(self, expected: str, wait: float | None = None) -> bool:
        """True if the helper answered ``expected`` (``answer_for`` the bytes read here)
        within ``wait`` seconds (``WAIT_S`` by default): it proved those very bytes valid.

        Asked once: the helper is reaped either way (stopped if still running).
        """
        import select

        fd, self._answer = self._answer, None
        if fd is None:
            return False
        line = b""
        try:
            if select.select([fd], [], [], WAIT_S if wait is None else wait)[0]:
                line = os.read(fd, 200)
        except OSError as exc:
            logger.debug("no answer from the side check of %s: %s", self.path, exc)
        finally:
            self._reap(fd)
        if not line:
            logger.debug("the side check of %s did not answer in time", self.path)
        return line.decode("ascii", "replace").strip() == expected

    def close(self) -> None:
        """Stop and reap the helper if it was never asked."""
        fd, self._answer = self._answer, None
        if fd is not None:
            self._reap(fd)

    def _reap(self, fd: int) -> None:
        """Close the answer's pipe, stop the helper if it still runs, and collect its exit
        on a thread: a process that made ~100 MB takes ~10 ms to go, and neither the
        worker nor the GUI thread need wait for it."""
        os.close(fd)
        try:
            if os.waitpid(self._pid, os.WNOHANG) != (0, 0):
                return  # gone and collected
            os.kill(self._pid, signal.SIGKILL)
        except (ChildProcessError, ProcessLookupError):  # collected already
            return
        threading.Thread(
            target=_collect, args=(self._pid,), name="side-check-reaper", daemon=True
        ).start()


def _collect(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):  # collected elsewhere
        os.waitpid(pid, 0)


def _check(path: Path) -> str:
    """The helper's answer for the file at ``path``: ``answer_for`` its bytes, if valid."""
    from .fast_load import try_fast
    from .limits import read_capped
    from .pack import UTF8_BOM

    data = read_capped(path)
    if try_fast(data.removeprefix(UTF8_BOM), path.parent) is None:
        return "doubtful"
    return answer_for(data)


def main(argv: list[str]) -> int:
    """``python -m briefing_app.core.side_check FILE``: print the answer, exit 0."""
    gc.disable()  # a short life: nothing it makes needs collecting
    try:
        answer = _check(Path(argv[0]))
    except (OSError, ValueError, IndexError) as exc:
        answer = f"unreadable: {exc}"
    try:
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the window stopped listening (it quit, or moved on)
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
