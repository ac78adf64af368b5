"""Checking a big pack in a second process while the window starts.

The fast loader's checks of a 50,000-item pack (ids, references, dates, texts,
the key count) take ~45 ms of the interpreter, and Python threads cannot share
it: the window's worker thread and the GUI take turns. So when the window
starts on a big pack, a helper process (``python -I``, this module's ``main``, at
a low priority) runs the very same
``fast_load`` check on the other core while this process imports Qt and paints
the first card. The worker thread then only decodes and builds the pack, and
skips the checks if the helper proved it valid.

The helper checks the very bytes the window read, not the file again: they
reach it as its standard input, a sealed in-memory file (``memfd``) that no one
can change. It runs isolated from the environment and the current folder, with
this process's module path, so it imports this very code (its answer names the
module file and msgspec version it ran, and must match this process's). Anything
but a timely "valid" (a doubtful pack, a helper that failed, could not start or
is late) means the checks run here, as they always have: the helper can only
save time, never decide a verdict alone. Linux (``memfd_create``), a Python
interpreter (not a frozen app), more than one core, packs of ``MIN_BYTES`` or more.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import threading
import weakref
from pathlib import Path

from .machine import cores

logger = logging.getLogger(__name__)

MIN_BYTES = 4_000_000  # below this the helper saves no more than it costs the first paint
WAIT_S = 0.04  # a late helper is waited for this long at most (what its checks cost here)
HELPER_NICENESS = 10  # the window starting beside it comes first when the cores are busy
_VALID = "valid"
# The helper starts isolated (-I: no environment, no user site, no current folder), takes
# this process's module path from its arguments, then runs ``main``.
_BOOTSTRAP = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[2]); "
    "from briefing_app.core.side_check import main; sys.exit(main(sys.argv[1:2]))"
)
_MFD_NOEXEC_SEAL = 0x8  # Linux 6.3+: an in-memory file that can never be executed


def usable() -> bool:
    """A helper process can run beside this one: sealed in-memory files, a Python
    interpreter to start (not a frozen or compiled app), a second core."""
    if not hasattr(os, "memfd_create") or getattr(sys, "frozen", False) or not sys.executable:
        return False
    if not Path(sys.executable).name.lower().startswith("python"):
        return False
    return cores() > 1


def answer_for(data: bytes) -> str:
    """The line a helper writes when it proved ``data`` valid: with where its code came
    from, which must be where this process's came from."""
    msgspec = sys.modules.get("msgspec")
    version = getattr(msgspec, "__version__", "?") if msgspec is not None else "?"
    return f"{_VALID} {len(data)} {version} {Path(__file__).as_posix()}"


def _sealed(data: bytes) -> int:
    """A read-only in-memory file holding ``data``, at its start (the helper's input)."""
    import fcntl

    flags = os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING
    try:
        fd = os.memfd_create("briefing-pack", flags | _MFD_NOEXEC_SEAL)
    except OSError:  # a kernel before 6.3
        fd = os.memfd_create("briefing-pack", flags)
    try:
        view = memoryview(data)
        while view:  # a write releases the interpreter lock while the kernel copies
            view = view[os.write(fd, view) :]
        seals = fcntl.F_SEAL_WRITE | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_SEAL
        fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
        os.lseek(fd, 0, os.SEEK_SET)
    except BaseException:
        os.close(fd)
        raise
    return fd


class _Process:
    """The helper's process id and answer pipe, finished exactly once from any thread."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self._fd: int | None = fd
        self._lock = threading.Lock()

    def take_fd(self) -> int | None:
        """The answer pipe, to one caller only; None once taken."""
        with self._lock:
            fd, self._fd = self._fd, None
        return fd

    def finish(self, fd: int | None = None) -> None:
        """Close the pipe, stop the helper if it still runs, collect its exit on a thread
        (a process that made ~100 MB takes ~10 ms to go; no one need wait for it)."""
        if fd is None and (fd := self.take_fd()) is None:
            return  # finished already
        os.close(fd)
        try:
            if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                return  # gone and collected: only this, the pipe's one taker, collects it
            import signal

            os.kill(self.pid, signal.SIGKILL)  # not collected yet: still this helper's pid
        except (ChildProcessError, ProcessLookupError):
            return
        reaper = threading.Thread(target=_collect, args=(self.pid,), name="side-check-reaper")
        reaper.daemon = True  # quitting need not wait for it either
        reaper.start()


def _collect(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):  # nothing left to collect
        os.waitpid(pid, 0)


class SideCheck:
    """A helper process checking one pack's bytes; ``proves`` asks it once."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        import json

        command = [sys.executable, "-I", "-c", _BOOTSTRAP, str(path), json.dumps(sys.path)]
        given = _sealed(data)
        try:
            read_end, write_end = os.pipe()
            try:
                pid = os.posix_spawn(
                    sys.executable,
                    command,
                    os.environ,
                    file_actions=[
                        (os.POSIX_SPAWN_DUP2, given, 0),
                        (os.POSIX_SPAWN_DUP2, write_end, 1),
                        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                    ],
                )
            except BaseException:
                os.close(read_end)
                raise
            finally:
                os.close(write_end)
        finally:
            os.close(given)  # the helper's copy stays open until it has read it
        self._process = _Process(pid, read_end)
        weakref.finalize(self, self._process.finish)  # dropped unasked: stopped all the same
        try:
            os.setpriority(os.PRIO_PROCESS, pid, HELPER_NICENESS)
        except OSError as exc:
            logger.debug("the side check runs at normal priority: %s", exc)

    @classmethod
    def start(cls, path: Path, data: bytes) -> SideCheck | None:
        """A helper checking ``data``, the bytes of the pack at ``path``, or None when
        none can or need run."""
        try:
            if len(data) < MIN_BYTES or not usable():
                return None
            return cls(path, data)
        except OSError as exc:
            logger.debug("no side check of %s: %s", path, exc)
            return None
        except Exception:  # a bug here must not cost the window its pack: it checks it
            logger.exception("no side check of %s", path)
            return None

    def proves(self, expected: str, wait: float | None = None) -> bool:
        """True if the helper answered ``expected`` (``answer_for`` the bytes it was
        given) within ``wait`` seconds (``WAIT_S`` by default): it proved them valid.

        Asked once (from any thread): the helper is stopped and collected either way.
        """
        import select

        fd = self._process.take_fd()
        if fd is None:
            return False
        answer = b""
        try:
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            if poller.poll(round(1000 * (WAIT_S if wait is None else wait))):
                answer = os.read(fd, 4096)
        except OSError as exc:
            logger.debug("no answer from the side check of %s: %s", self.path, exc)
        finally:
            self._process.finish(fd)
        text = answer.decode("ascii", "replace").strip()
        if text != expected:
            logger.debug("the side check of %s answered %r: checking here", self.path, text[:60])
        return text == expected

    def close(self) -> None:
        """Stop the helper if it was never asked (from any thread)."""
        self._process.finish()


def check(argv: list[str], data: bytes) -> str:
    """The helper's answer for ``data``, the window's bytes of the pack file ``argv[0]``
    (whose folder its picture paths are checked against): ``answer_for`` them if valid."""
    from .fast_load import try_fast
    from .limits import MAX_FILE_BYTES
    from .pack import UTF8_BOM

    if not argv:
        return "unreadable: no pack file named"
    if (
        len(data) > MAX_FILE_BYTES
        or try_fast(data.removeprefix(UTF8_BOM), Path(argv[0]).parent) is None
    ):
        return "doubtful"
    return answer_for(data)


def main(argv: list[str]) -> int:
    """The helper process: ``FILE`` in ``argv``, the pack's bytes on standard input;
    prints the answer and exits 0."""
    from .limits import MAX_FILE_BYTES

    gc.disable()  # a short life: nothing it makes needs collecting
    os.closerange(3, 1 << 16)  # files the window inherited from its launcher are not ours
    with contextlib.suppress(OSError):  # lowered already as it started, where allowed
        os.nice(HELPER_NICENESS - os.nice(0))
    try:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        os.close(0)  # the in-memory copy is freed now, not when this process ends
        answer = check(argv, data)
    except (OSError, ValueError) as exc:
        answer = f"unreadable: {exc}"
    with contextlib.suppress(BrokenPipeError):  # the window stopped listening (quit, moved on)
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()
    return 0
