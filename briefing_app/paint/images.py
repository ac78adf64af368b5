"""Actor pictures, decoded with limits: a hostile file costs a refusal, not the machine.

A PNG can declare 50,000 x 50,000 pixels in a few kilobytes; an SVG can expand
entities a billion times or point at files and URLs outside the pack; a FIFO
named ``face.png`` would block whoever opens it. So the bytes are read here,
from a regular file opened without blocking and capped in size, and decoded
from memory: raster pictures by ``QImageReader`` with the size read first and an
allocation limit, in the formats the pack format names only (decided by the
content, so an SVG renamed ``.png`` is refused), and SVGs only as small,
self-contained documents (no DOCTYPE, no entities, no references outside
themselves). The app never touches the network.
"""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter

from ..log import get_logger

logger = get_logger(__name__)
MAX_SIDE = 4096  # pixels a side; an avatar is drawn a few hundred pixels wide
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_SVG_BYTES = 1024 * 1024
ALLOCATION_LIMIT_MB = 128
SVG_SIZE = QSize(512, 512)
RASTER_FORMATS = frozenset({"png", "jpeg", "jpg"})  # what the pack format allows (.png, .jpg)
_SVG_UNSAFE = re.compile(
    rb"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet|(?:xlink:)?href\s*=\s*[\"'](?!#|data:)",
    re.IGNORECASE,
)


def load_picture(path: str) -> QImage | None:
    """An actor's picture, or None when it is missing, unreadable, too big or unsafe."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return _load(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int, size: int) -> QImage | None:
    """Cached by path, modification time and size, so an edited picture is read again."""
    del mtime_ns, size  # part of the cache key only
    data = read_capped(path, MAX_FILE_BYTES)
    if data is None:
        return None
    if path.lower().endswith(".svg"):
        return _load_svg(path, data)
    return _load_raster(path, data)


def read_capped(path: str, limit: int) -> bytes | None:
    """The bytes of the regular file at ``path``, or None (not a file, unreadable, > ``limit``).

    Opened non-blocking and checked on the open descriptor, so a FIFO or a device
    swapped in after validation is refused, never waited on or read forever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError) as exc:
        logger.warning("picture %s cannot be opened: %s", path, exc)
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            logger.warning("picture %s is not a regular file; refused", path)
            return None
        if info.st_size > limit:
            logger.warning("picture %s is %d bytes; the limit is %d", path, info.st_size, limit)
            return None
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        logger.warning("picture %s cannot be read: %s", path, exc)
        return None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew after fstat
        logger.warning("picture %s is over %d bytes; refused", path, limit)
        return None
    return data


def decode_raster(data: bytes, max_side: int = MAX_SIDE) -> tuple[QImage | None, str]:
    """PNG or JPEG bytes as an image, or None and why: the declared size is read first."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    kind = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if kind not in RASTER_FORMATS:
        return None, f"is not a PNG or JPEG file (it reads as {kind or 'nothing known'})"
    declared = reader.size()
    if not declared.isValid():
        return None, "has no readable size (a damaged header?)"
    if max(declared.width(), declared.height()) > max_side:
        return None, f"declares {declared.width()} x {declared.height()} pixels"
    image = reader.read()
    if image.isNull():
        return None, f"could not be decoded: {reader.errorString()}"
    return image, ""


def _load_raster(path: str, data: bytes) -> QImage | None:
    image, why = decode_raster(data)
    if image is None:
        logger.warning("picture %s %s; refused", path, why)
    return image


def _load_svg(path: str, data: bytes) -> QImage | None:
    from PySide6.QtSvg import QSvgRenderer

    if len(data) > MAX_SVG_BYTES or _SVG_UNSAFE.search(data):
        logger.warning("picture %s is not a small, self-contained SVG; refused", path)
        return None
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        logger.warning("picture %s is not a valid SVG; refused", path)
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
