"""Actor pictures, decoded with limits: a hostile file costs a refusal, not the machine.

A PNG can declare 50,000 x 50,000 pixels in a few kilobytes; an SVG can expand
entities a billion times or point at files and URLs outside the pack. Pictures
are read through ``QImageReader`` with the size read first and an allocation
limit, and SVGs only as small, self-contained documents (no DOCTYPE, no
entities, no references outside themselves). The app never touches the network.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter

from ..log import get_logger

logger = get_logger(__name__)
MAX_SIDE = 4096  # pixels a side; an avatar is drawn a few hundred pixels wide
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_SVG_BYTES = 1024 * 1024
ALLOCATION_LIMIT_MB = 128
SVG_SIZE = QSize(512, 512)
_SVG_UNSAFE = re.compile(
    rb"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet|(?:xlink:)?href\s*=\s*[\"'](?!#|data:)",
    re.IGNORECASE,
)


def load_picture(path: str) -> QImage | None:
    """An actor's picture, or None when it is missing, unreadable, too big or unsafe."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return _load(path, info.st_mtime, info.st_size)


@lru_cache(maxsize=64)
def _load(path: str, mtime: float, size: int) -> QImage | None:
    """Cached by path, modification time and size, so an edited picture is read again."""
    del mtime  # part of the cache key only
    if size > MAX_FILE_BYTES:
        logger.warning("picture %s is %d bytes; the limit is %d", path, size, MAX_FILE_BYTES)
        return None
    if path.lower().endswith(".svg"):
        return _load_svg(path)
    reader = QImageReader(path)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    declared = reader.size()
    if not declared.isValid() or max(declared.width(), declared.height()) > MAX_SIDE:
        logger.warning("picture %s declares %s pixels; refused", path, declared)
        return None
    image = reader.read()
    if image.isNull():
        logger.warning("picture %s could not be read: %s", path, reader.errorString())
        return None
    return image


def _load_svg(path: str) -> QImage | None:
    from PySide6.QtSvg import QSvgRenderer

    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_SVG_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_SVG_BYTES or _SVG_UNSAFE.search(data):
        logger.warning("picture %s is not a small, self-contained SVG; refused", path)
        return None
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return None
    size = renderer.defaultSize()
    if not size.isValid() or size.isEmpty():
        size = SVG_SIZE
    image = QImage(
        size.scaled(SVG_SIZE, Qt.AspectRatioMode.KeepAspectRatio), QImage.Format.Format_ARGB32
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image
