"""One writer for everything the CLI prints: safe for any terminal, any encoding.

Text from a pack, a draft or an import may hold characters the console cannot
encode; they are degraded (``\\u...``), never a ``UnicodeEncodeError``.
"""

from __future__ import annotations

import sys
from typing import TextIO


def write_line(text: str, stream: TextIO | None = None) -> None:
    """Print ``text`` and a newline to ``stream`` (stdout by default), flushed."""
    write(text + "\n", stream)


def write(text: str, stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stdout
    try:
        out.write(text)
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "ascii"
        out.write(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))
    out.flush()


def error_line(text: str) -> None:
    """A one-line message on stderr."""
    write_line(text, sys.stderr)
