"""The pack format's size limit, importable before anything else (no msgspec, no Qt).

The window's first look and the prefetch thread check it before reading a byte,
as ``load_pack`` does, so a huge file is refused at once instead of read whole;
reads stop one byte past it, so a file that grows meanwhile (or a pipe, which
tells no size) is not read whole either.
"""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024


def too_large(size: int) -> str:
    """What is said of a file of ``size`` bytes over the limit."""
    return f"the file is {size / 1048576:.1f} MiB; the limit is {MAX_FILE_BYTES // 1048576} MiB"


def read_capped(file: Path) -> bytes:
    """The file's bytes, at most one past the limit (the caller then refuses them).

    Raises ``OSError`` as reading does, and ``ValueError`` (saying the size) when the
    file is over the limit before a byte is read.
    """
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(too_large(size))
    with file.open("rb") as stream:
        return stream.read(MAX_FILE_BYTES + 1)
