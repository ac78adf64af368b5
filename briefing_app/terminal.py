"""One writer for everything the CLI prints: safe for any terminal, any encoding.

Belt and braces for text from a pack, a draft or an import: control characters
(ESC, BEL, DEL, C1) and bidi overrides are shown as visible escapes (``\\x1b``,
``\\u202e``), so no text can retitle, recolour or clear the user's terminal;
newlines and tabs pass. Characters the console cannot encode are degraded
(``\\u...``), never a ``UnicodeEncodeError``.
"""

from __future__ import annotations

import sys
from typing import TextIO

from .core.text_rules import make_visible


def safe(text: str) -> str:
    """``text`` with every control character as a visible escape (newline and tab kept)."""
    return make_visible(text)


def write_line(text: str, stream: TextIO | None = None) -> None:
    """Print ``text`` and a newline to ``stream`` (stdout by default), flushed."""
    write(text + "\n", stream)


def write(text: str, stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stdout
    text = safe(text)
    try:
        out.write(text)
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "ascii"
        out.write(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))
    out.flush()


def error_line(text: str) -> None:
    """A one-line message on stderr."""
    write_line(text, sys.stderr)
