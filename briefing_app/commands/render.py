"""``briefing-app render``: both faces of every card to PNG, without a display.

The PNGs are drawn by ``ui.card_painter`` exactly as the window draws cards,
so they can go into slides (and the tests look at them too).
Exit codes: 0 written, 1 bad pack or unwritable folder, 2 bad ``--size``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

MAX_SIDE = 8000
HELP = "draw every card to PNG, without a display"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH")
    parser.add_argument("-o", "--output", required=True, metavar="DIR")
    parser.add_argument("--size", default="1280x720", metavar="WxH")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")


def run(args: argparse.Namespace) -> int:
    return run_render(args.path, args.output, args.size, args.theme)


def parse_size(text: str) -> tuple[int, int] | None:
    """``"1280x720"`` to ``(1280, 720)``; None unless both sides are 64..8000."""
    m = re.fullmatch(r"\s*(\d{1,5})\s*[xX\u00d7]\s*(\d{1,5})\s*", text)
    if not m:
        return None
    w, h = int(m.group(1)), int(m.group(2))
    if not (64 <= w <= MAX_SIDE and 64 <= h <= MAX_SIDE):
        return None
    return w, h


def run_render(path: str, output: str, size: str, theme: str) -> int:
    dims = parse_size(size)
    if dims is None:
        print(
            f"briefing-app render: error: --size must be WIDTHxHEIGHT, each 64 to {MAX_SIDE} "
            f"pixels (got {size!r})",
            file=sys.stderr,
        )
        return 2
    if theme not in ("light", "dark"):
        print(
            f"briefing-app render: error: --theme must be light or dark (got {theme!r})",
            file=sys.stderr,
        )
        return 2
    from ..core.discovery import find_packs, is_pack_folder
    from ..core.errors import PackError
    from ..core.loaded_pack import load_full

    source = Path(path)
    if source.is_dir() and not is_pack_folder(source):
        targets = find_packs(source)
        if not targets:
            print(f"{path}: this folder holds no packs (no pack.json, no *.json)", file=sys.stderr)
            return 1
    else:
        targets = [source]
    loaded = []
    for target in targets:
        result = load_full(target)
        if isinstance(result, PackError):
            for problem in result.problems:
                print(f"{target}: {problem}", file=sys.stderr)
            return 1
        loaded.append(result)
    out = Path(output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"{output}: cannot create the folder: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not os.access(out, os.W_OK):
        print(f"{output}: the folder is not writable", file=sys.stderr)
        return 1

    from PySide6.QtCore import QSize

    from ..paint.card_painter import render_card_image
    from ..paint.headless import ensure_gui_application
    from ..paint.theme import theme_named

    ensure_gui_application()  # fonts need it
    chosen = theme_named(theme)
    written = 0
    for pack in loaded:
        for card in pack.cards:
            for face in ("front", "back"):
                image = render_card_image(
                    card, face, QSize(*dims), chosen, language=pack.pack.language
                )
                target_file = out / f"{card.id}-{face}.png"
                if not image.save(str(target_file)):
                    print(f"{target_file}: could not write the image", file=sys.stderr)
                    return 1
                written += 1
    print(f"wrote {written} images ({written // 2} cards, {dims[0]}x{dims[1]}, {theme}) to {out}")
    return 0
