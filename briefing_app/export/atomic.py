"""Writing an export all at once or not at all.

The data goes to a temporary file in the target's folder (so the final rename
stays on one file system and is atomic), then ``os.replace`` puts it in place.
On any failure the temporary file is removed and an existing file is untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


class ExportError(Exception):
    """An export failed; the message is one plain line for the user."""


class ExportCancelled(ExportError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("export cancelled; nothing was written")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_writable_target(path: Path) -> None:
    """Refuse early, with a plain reason, a path that can never be written."""
    try:
        if path.is_dir():
            raise ExportError(f"cannot write {path}: it is a folder")
        parent = path.parent
        if not parent.exists():
            raise ExportError(f"cannot write {path}: folder {parent} does not exist")
        if not parent.is_dir():
            raise ExportError(f"cannot write {path}: {parent} is not a folder")
    except OSError as exc:  # a name too long, a loop of links, no permission to look
        raise ExportError(f"cannot write {_short_path(path)}: {_reason(exc)}") from None
    if len(path.name.encode("utf-8", "surrogateescape")) > 255:
        raise ExportError(f"cannot write {_short_path(path)}: the file name is too long")


def _short_path(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 120 else f"{text[:60]}\u2026{text[-50:]}"


def _final_mode(path: Path) -> int:
    """Keep an existing file's permissions; otherwise what ``open`` would give."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def temp_beside(path: Path) -> Iterator[tuple[BinaryIO, Path]]:
    check_writable_target(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {_reason(exc)}") from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, tmp
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _final_mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {_reason(exc)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: str | Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write ``data`` (bytes, or a function that writes to the open file) atomically."""
    with temp_beside(Path(path)) as (handle, _tmp):
        if callable(data):
            data(handle)
        else:
            handle.write(data)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 text atomically, with ``\\n`` line ends on every platform."""
    atomic_write_bytes(path, text.encode("utf-8"))
