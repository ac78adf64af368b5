"""One run of a long handout's pages, drawn by a process of its own.

``python -m briefing_app.export.pdf_parts FILE DIGEST LAYOUT START STOP OUT`` loads
the pack file (refusing it if its bytes no longer have ``DIGEST``: the handout
would mix two versions), plans the whole handout as the parent did, draws pages
``START`` to ``STOP - 1`` into ``OUT`` with their footers numbered in the whole,
and prints one line per page drawn, which the parent counts for its progress.
Exit codes: 0 drawn, 1 failed, 3 the pack changed.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import cast

CHANGED = 3


def digest(data: bytes) -> str:
    """What the parent and its helpers compare to know they draw the same pack."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def main(argv: list[str]) -> int:
    from ..core.errors import PackError
    from ..core.pack import load_or_error
    from ..paint.headless import ensure_gui_application

    file, expected, layout, start, stop, out = argv
    data = Path(file).read_bytes()
    if digest(data) != expected:
        print("the pack file changed while the handout was drawn", file=sys.stderr)
        return CHANGED
    ensure_gui_application()
    pack = load_or_error(file, data)
    if isinstance(pack, PackError):
        print(str(pack), file=sys.stderr)
        return 1
    from .pdf import Layout, draw_page_range

    def tick(_done: int, _total: int) -> None:
        sys.stdout.write("page\n")
        sys.stdout.flush()

    draw_page_range(pack, Path(out), cast(Layout, layout), int(start), int(stop), tick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
