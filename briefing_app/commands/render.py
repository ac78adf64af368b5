"""``briefing-app render``: both faces of every card to PNG, without a display.

The PNGs are drawn by ``paint.card_painter`` exactly as the window draws cards,
so they can go into slides (and the tests look at them too).
Exit codes: 0 written, 1 bad pack or unwritable folder, 2 bad ``--size``.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..terminal import error_line, write_line
from .pack_input import add_pack_option, report_problems, resolve_pack

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from ..core.loaded_pack import LoadedPack

MAX_SIDE = 8000
# Measured on the bundled cards at 1280x720: opaque RGB32 at zlib level ~3 writes a
# PNG in 17 ms instead of 30 ms (ARGB32, default level), 3% bigger, pixel for pixel.
PNG_QUALITY = 70
HELP = "draw every card to PNG, without a display"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH")
    add_pack_option(parser)
    parser.add_argument("-o", "--output", required=True, metavar="DIR")
    parser.add_argument("--size", default="1280x720", metavar="WxH")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")


def run(args: argparse.Namespace) -> int:
    return run_render(args.path, args.output, args.size, args.theme, pack_id=args.pack)


def parse_size(text: str) -> tuple[int, int] | None:
    """``"1280x720"`` to ``(1280, 720)``; None unless both sides are 64..8000."""
    m = re.fullmatch(r"\s*(\d{1,5})\s*[xX\u00d7]\s*(\d{1,5})\s*", text)
    if not m:
        return None
    w, h = int(m.group(1)), int(m.group(2))
    if not (64 <= w <= MAX_SIDE and 64 <= h <= MAX_SIDE):
        return None
    return w, h


def _option_problem(size: str, theme: str) -> str | None:
    if parse_size(size) is None:
        return f"--size must be WIDTHxHEIGHT, each 64 to {MAX_SIDE} pixels (got {size!r})"
    if theme not in ("light", "dark"):
        return f"--theme must be light or dark (got {theme!r})"
    return None


def _load_all(path: str) -> list[LoadedPack] | None:
    """Every pack the path names, validated; None after reporting the first bad one."""
    from ..core.discovery import find_packs, is_pack_folder
    from ..core.errors import PackError
    from ..core.loaded_pack import load_full

    source = Path(path)
    targets = [source]
    if source.is_dir() and not is_pack_folder(source):
        targets = find_packs(source)
        if not targets:
            error_line(f"{path}: this folder holds no packs (no pack.json, no *.json)")
            return None
    loaded = []
    for target in targets:
        result = load_full(target)
        if isinstance(result, PackError):
            report_problems(str(target), result)
            return None
        loaded.append(result)
    return loaded


def _output_folder(output: str) -> Path | None:
    out = Path(output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        error_line(f"{output}: cannot create the folder: {exc.strerror or exc}")
        return None
    if not os.access(out, os.W_OK):
        error_line(f"{output}: the folder is not writable")
        return None
    return out


def run_render(path: str, output: str, size: str, theme: str, pack_id: str | None = None) -> int:
    problem = _option_problem(size, theme)
    if problem is not None:
        error_line(f"briefing-app render: error: {problem}")
        return 2
    dims = parse_size(size)
    assert dims is not None
    if pack_id is not None:  # one pack of a folder; without --pack, every pack in it
        chosen = resolve_pack(path, pack_id)
        if chosen is None:
            return 1
        path = str(chosen)
    loaded = _load_all(path)
    if loaded is None:
        return 1
    out = _output_folder(output)
    if out is None:
        return 1
    written = _write_images(loaded, out, dims, theme)
    if written is None:
        return 1
    write_line(
        f"wrote {written} images ({written // 2} cards, {dims[0]}x{dims[1]}, {theme}) to {out}"
    )
    return 0


def save_png(image: QImage, path: Path) -> str | None:
    """Write an opaque card picture as PNG, fast (no alpha, a lighter zlib level); why not.

    Written through a ``QFile`` of ours whose error is checked: Qt's image writer
    reports success after a write that a full disk cut short.
    """
    from PySide6.QtCore import QFile, QFileDevice, QIODevice
    from PySide6.QtGui import QImageWriter

    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.WriteOnly | QIODevice.OpenModeFlag.Truncate):
        return file.errorString()
    writer = QImageWriter(file, b"png")
    writer.setQuality(PNG_QUALITY)
    written = writer.write(image.convertToFormat(image.Format.Format_RGB32))
    reason = writer.errorString()
    if written and not (file.flush() and file.error() == QFileDevice.FileError.NoError):
        written, reason = False, file.errorString()
    file.close()
    if written:
        return None
    path.unlink(missing_ok=True)  # no half-written picture left behind
    return reason


def _write_images(
    loaded: list[LoadedPack], out: Path, dims: tuple[int, int], theme: str
) -> int | None:
    """Both faces of every card as PNG; the count, or None after the first failure."""
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
                reason = save_png(image, target_file)
                if reason is not None:
                    error_line(f"{target_file}: could not write the image: {reason}")
                    return None
                written += 1
    return written
