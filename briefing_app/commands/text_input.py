"""Reading the text file a command is given (or stdin), capped and as UTF-8.

``draft`` and ``import`` read whole files that a user picked: a read capped at
``limit`` bytes keeps ``/dev/zero`` or a mistaken video from filling memory,
and every failure is one located line on stderr instead of a traceback.
"""

from __future__ import annotations

import sys

from ..terminal import error_line


def read_text_input(name: str, limit: int, what: str) -> str | None:
    """The text of file ``name`` (``-`` for stdin), or None after saying why not.

    ``what`` names the file in messages: ``the file``, ``the article``.
    """
    try:
        if name == "-":
            data = (
                sys.stdin.buffer.read(limit + 1)
                if hasattr(sys.stdin, "buffer")
                else sys.stdin.read(limit + 1).encode("utf-8")
            )
        else:
            with open(name, "rb") as stream:
                data = stream.read(limit + 1)
    except OSError as exc:
        error_line(f"{name}: cannot read {what}: {exc.strerror or exc}")
        return None
    if len(data) > limit:
        error_line(f"{name}: {what} is over {limit // 1048576} MiB")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        error_line(f"{name}: {what} is not UTF-8 text (byte {exc.start}); save it as UTF-8")
        return None
