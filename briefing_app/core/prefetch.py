"""Reading the first pack's bytes on a thread while the window's modules import.

The window's first look at a 50,000-item pack starts by reading about 18 MB,
about 10 ms of copying that blocks nothing else: a read releases the
interpreter lock, so on a second core it overlaps Qt's import. The bytes are
handed over once, to the first reader that asks for the same file; anyone else
reads the disk as before, so a missing or changed file reads (and fails) as it
always has. A big file is checked by a helper process at the same time
(``side_check``), so the loader can skip the checks on the interpreter it
shares with the window.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from .discovery import find_packs
from .limits import read_capped
from .quick_pack import pack_file
from .side_check import SideCheck, answer_for

logger = logging.getLogger(__name__)
SIDE_START_LIMIT_S = 1.0  # the helper's start (a process, an in-memory copy) takes ~10 ms


class Prefetch:
    """One file's bytes, read on a daemon thread; ``take`` hands them over once.

    A big file is also checked by a helper process meanwhile (``side_check``):
    ``proven`` says whether it proved the handed-over bytes valid. ``discard``
    stops the helper from any thread without waiting for this one.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: bytes | None = None
        self._read_done = threading.Event()
        self._side_known = threading.Event()  # the helper started (or not), its answer known
        self._lock = threading.Lock()
        self._side: SideCheck | None = None
        self._given: bytes | None = None  # what ``take`` handed over, for ``proven``
        self._discarded = False
        self._thread = threading.Thread(target=self._read, name="pack-prefetch", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        data: bytes | None = None
        try:
            data = self._data = read_capped(self.path)  # a bigger file is refused unread
        except (OSError, ValueError) as exc:  # the reader that asks reads again and says why
            logger.debug("no prefetch of %s: %s", self.path, exc)
        finally:
            self._read_done.set()  # the first look must not wait for the helper's start
        try:
            side = SideCheck.start(self.path, data) if data is not None else None
            with self._lock:
                if not self._discarded:
                    self._side, side = side, None
            if side is not None:  # discarded meanwhile
                side.close()
        finally:
            self._side_known.set()

    def take(self, path: Path) -> bytes | None:
        """The bytes of ``path`` if this prefetch read it; None (read it yourself) otherwise."""
        if path != self.path:
            self.discard()
            return None
        self._read_done.wait()
        data, self._data = self._data, None
        self._given = data
        return data

    def proven(self, data: bytes) -> bool:
        """True if the helper proved ``data`` valid: the very bytes ``take`` handed over.

        Waits for the helper's start (not for its answer longer than ``WAIT_S``); once.
        """
        if data is not self._given:
            self.discard()  # asked about other bytes: this helper's answer can serve no one
            return False
        if not self._side_known.wait(SIDE_START_LIMIT_S):
            self.discard()
            return False
        with self._lock:
            side, self._side, self._given = self._side, None, None
        return side is not None and side.proves(answer_for(data))

    def discard(self) -> None:
        """No one will ask: stop the helper, now or as soon as it has started."""
        with self._lock:
            self._discarded = True
            side, self._side, self._given = self._side, None, None
        if side is not None:
            side.close()


def first_pack_file(path: Path) -> Path | None:
    """The file the window previews first for ``path`` (a pack, pack folder or folder of packs)."""
    packs = find_packs(path.expanduser())
    return pack_file(packs[0]) if packs else None


_started: Prefetch | None = None


def start(path: Path) -> Path | None:
    """Begin reading the first pack ``path`` names, for ``take`` to hand over; its file."""
    global _started
    if _started is not None:  # started again before anyone took the first one
        _started.discard()
    target = first_pack_file(path)
    _started = Prefetch(target) if target is not None else None
    return target


_handed: Prefetch | None = None  # the prefetch whose bytes were taken, until ``proven``


def take(path: Path) -> bytes | None:
    """The started prefetch's bytes if it read ``path`` (once); else None."""
    global _started, _handed
    prefetch, _started = _started, None
    data = prefetch.take(path) if prefetch is not None else None
    release()
    _handed = prefetch if data is not None else None
    return data


def proven(data: bytes) -> bool:
    """True if a helper process proved ``data``, the bytes ``take`` handed over, valid
    (asked once; see ``side_check``). The loader then skips the checks it made."""
    global _handed
    prefetch, _handed = _handed, None
    return prefetch is not None and prefetch.proven(data)


def release() -> None:
    """The handed-over bytes were loaded (or failed) without asking: stop their helper."""
    global _handed
    prefetch, _handed = _handed, None
    if prefetch is not None:
        prefetch.discard()


def stop() -> None:
    """Stop any helper still running (the window closed before its pack was checked)."""
    global _started
    prefetch, _started = _started, None
    if prefetch is not None:
        prefetch.discard()
    release()
