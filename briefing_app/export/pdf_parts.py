"""One run of a long handout's pages, drawn by a process of its own.

``python -m briefing_app.export.pdf_parts FILE FINGERPRINT LAYOUT START STOP OUT``
loads the pack file and refuses it unless its content has the parent's
``FINGERPRINT`` (the file may have changed since the parent loaded it: the
handout would mix two versions), plans the whole handout as the parent did,
draws pages ``START`` to ``STOP - 1`` into ``OUT`` with their footers numbered in
the whole, and prints one line per page drawn, which the parent counts for its
progress. Exit codes: 0 drawn, 1 failed, 3 not the parent's pack.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from ..core.models import Pack

CHANGED = 3


def fingerprint(pack: Pack) -> str:
    """The pack's content, hashed: equal in the parent and a helper only if both hold
    the same pack, whenever and however each one read it."""
    import msgspec

    return hashlib.blake2b(msgspec.json.encode(pack), digest_size=16).hexdigest()


def main(argv: list[str]) -> int:
    from ..core.errors import PackError
    from ..core.pack import load_or_error
    from ..paint.headless import ensure_gui_application

    file, expected, layout, start, stop, out = argv
    pack = load_or_error(file)
    if isinstance(pack, PackError):
        print(str(pack), file=sys.stderr)
        return 1
    if fingerprint(pack) != expected:
        print("the pack file changed since the handout was started", file=sys.stderr)
        return CHANGED
    ensure_gui_application()
    from .pdf import Layout, draw_page_range

    def tick(_done: int, _total: int) -> None:
        sys.stdout.write("page\n")
        sys.stdout.flush()

    draw_page_range(pack, Path(out), cast("Layout", layout), int(start), int(stop), tick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
