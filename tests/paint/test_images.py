"""Actor pictures: decoded with limits, from regular files only, in the formats the pack names."""

from __future__ import annotations

import os
import struct
import threading
import time
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from briefing_app.paint.images import decode_raster, load_picture, read_capped

pytestmark = pytest.mark.gui

SELF_CONTAINED_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">'
    b'<rect width="20" height="10" fill="#ff0000"/></svg>'
)


def real_png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#00ff00"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def declared_png(width: int, height: int, pixels: bytes = zlib.compress(b"\x00" * 64)) -> bytes:
    """A tiny PNG whose header declares ``width`` x ``height`` (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_real_png_is_decoded(qapp: object, tmp_path: Path) -> None:
    path = tmp_path / "face.png"
    path.write_bytes(real_png(30, 20))
    image = load_picture(str(path))
    assert image is not None and (image.width(), image.height()) == (30, 20)
    assert image.pixelColor(5, 5) == QColor("#00ff00")


def test_a_self_contained_svg_is_drawn(qapp: object, tmp_path: Path) -> None:
    path = tmp_path / "face.svg"
    path.write_bytes(SELF_CONTAINED_SVG)
    image = load_picture(str(path))
    assert image is not None and image.width() == 2 * image.height()
    assert image.pixelColor(image.width() // 2, image.height() // 2) == QColor("#ff0000")


def test_a_decompression_bomb_is_refused_from_its_header(qapp: object) -> None:
    start = time.perf_counter()
    image, why = decode_raster(declared_png(50_000, 50_000))
    assert image is None and why == "declares 50000 x 50000 pixels"
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (declared_png(8, 8, pixels=b"garbage" * 8), "could not be decoded"),
        (declared_png(8, 8)[:20], "has no readable size"),
        (SELF_CONTAINED_SVG, "is not a PNG or JPEG file (it reads as svg)"),
        (b"GIF89a" + b"\x00" * 40, "is not a PNG or JPEG file"),
        (b"", "is not a PNG or JPEG file"),
    ],
    ids=["corrupt PNG", "truncated PNG", "SVG named .png", "GIF", "empty"],
)
def test_what_is_not_a_sound_png_or_jpeg_is_refused(qapp: object, data: bytes, reason: str) -> None:
    image, why = decode_raster(data)
    assert image is None and why.startswith(reason)


@pytest.mark.parametrize(
    "svg",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "x">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text>&a;</text></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'width="9" height="9"><image xlink:href="/etc/face.png" width="9" height="9"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
        b'<image href="http://example.com/x.png" width="9" height="9"/></svg>',
    ],
    ids=["entities", "outside file", "URL"],
)
def test_an_svg_that_is_not_self_contained_is_refused(
    qapp: object, tmp_path: Path, svg: bytes
) -> None:
    path = tmp_path / "face.svg"
    path.write_bytes(svg)
    assert load_picture(str(path)) is None


def test_a_fifo_is_refused_without_waiting_for_a_writer(qapp: object, tmp_path: Path) -> None:
    fifo = tmp_path / "face.png"
    os.mkfifo(fifo)
    results: list[QImage | None] = []
    worker = threading.Thread(target=lambda: results.append(load_picture(str(fifo))), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "opening a FIFO picture blocked"
    assert results == [None]


def test_a_folder_a_missing_file_and_an_oversized_file_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(b"\x00" * 2048)
    assert read_capped(str(tmp_path), 1024) is None
    assert read_capped(str(tmp_path / "missing.png"), 1024) is None
    assert read_capped(str(big), 1024) is None
    assert read_capped(str(big), 4096) == b"\x00" * 2048
