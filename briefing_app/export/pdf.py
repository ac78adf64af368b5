"""The PDF handout, drawn with Qt's own PDF writer.

Layouts: ``grid`` (a cover page, then three cards a page, front beside back),
``one-per-page`` (a cover, then each card with its front above its back) and
``exam`` (numbered quotes with blank "Who said it?" lines, the answer key last).

Every word is drawn as text (``QTextLayout``), so the PDF is selectable and
searchable. The whole document is laid out before painting starts, so each
footer can say "Page 3 of 9"; pages go to a temporary file beside the target
(``temp_beside``), renamed over it only when complete, so a failed, cancelled
or killed export leaves no file behind. Qt's PDF writer never reports a failed
write, so it writes to a ``QFile`` of ours whose error is checked at the end: a
full disk is an error, never a truncated PDF reported as written.
Needs a ``QGuiApplication`` (offscreen is fine) for fonts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QFile, QFileDevice, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

from ..core.cards import Card, build_cards
from ..core.exam import exam_sheet
from ..core.models import Pack
from .atomic import ExportCancelled, ExportError
from .pdf_cards import CARDS_PER_PAGE, _card_grid, _one_card, print_painter
from .pdf_cover import _cover
from .pdf_exam import _exam_page, _key_page, _plan_exam
from .pdf_frame import Layout, Page, _Doc, _footer
from .pdf_text import ACCENTS

__all__ = [
    "ACCENTS",
    "CARDS_PER_PAGE",
    "LAYOUTS",
    "Cancelled",
    "Layout",
    "Progress",
    "expected_page_count",
    "export_pdf",
    "plan_pages",
    "write_pdf",
]

LAYOUTS: tuple[Layout, ...] = ("grid", "one-per-page", "exam")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

RESOLUTION = 300  # device pixels per inch; the PDF itself is vector


def plan_pages(doc: _Doc, cards: Sequence[Card], layout: Layout) -> list[Page]:
    """Every page, in order, before anything is drawn (so footers know the total)."""
    if layout == "exam":
        return _plan_exam(doc, doc.pack)
    numbered = list(enumerate(cards))
    if layout == "one-per-page":
        return [Page("cover")] + [Page("card", cards=[c]) for c in numbered]
    pages = [Page("cover")]
    for start in range(0, len(numbered), CARDS_PER_PAGE):
        pages.append(Page("cards", cards=numbered[start : start + CARDS_PER_PAGE]))
    return pages


def expected_page_count(pack: Pack, layout: Layout) -> int | None:
    """Pages of a grid or one-per-page handout (None for the exam, which flows)."""
    return card_page_count(len(build_cards(pack)), layout)


def card_page_count(cards: int, layout: Layout) -> int | None:
    """Pages of a grid or one-per-page handout of ``cards`` cards, the cover included."""
    if layout == "grid":
        return 1 + math.ceil(cards / CARDS_PER_PAGE)
    if layout == "one-per-page":
        return 1 + cards
    return None


def _pdf_writer(target: QFile, pack: Pack, layout: Layout) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(pack.title if layout != "exam" else f"{pack.title}: who said it?")
    writer.setCreator("Briefing App")
    return writer


def _draw_page(doc: _Doc, painter: QPainter, page: Page, cards: list[Card]) -> None:
    if page.kind == "cover":
        _cover(doc, painter, cards)
    elif page.kind == "cards":
        _card_grid(doc, painter, page, len(cards))
    elif page.kind == "card":
        _one_card(doc, painter, page, len(cards))
    elif page.kind == "exam":
        _exam_page(doc, painter, page)
    else:
        _key_page(doc, painter, page)


def write_pdf(
    pack: Pack,
    target: str | Path,
    layout: Layout = "grid",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    seed: int | None = None,
    shown: str | Path | None = None,
) -> int:
    """Draw the handout into the file ``target`` page by page; the page count.

    Qt writes each page to the file as it is finished, so memory stays flat
    however many pages there are. Raises ``ExportCancelled`` if cancelled, and
    ``ExportError`` naming ``shown`` (default: ``target``) if the file is not
    written in full.
    """
    if layout not in LAYOUTS:
        raise ExportError(f"unknown PDF layout {layout!r} (choose {', '.join(LAYOUTS)})")
    if QGuiApplication.instance() is None:
        raise ExportError("the PDF export needs a QGuiApplication (Qt) to be running")
    cards = build_cards(pack)
    if layout != "exam":
        from .pdf_parallel import write_in_parallel

        pages = write_in_parallel(pack, cards, Path(target), layout, progress, cancelled, shown)
        if pages is not None:
            return pages
    return _write_pages(pack, cards, Path(target), layout, progress, cancelled, seed, shown)


def draw_page_range(
    pack: Pack,
    target: Path,
    layout: Layout,
    start: int,
    stop: int,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    cards: list[Card] | None = None,
    shown: str | Path | None = None,
) -> int:
    """Draw pages ``start`` to ``stop - 1`` of the handout (footers numbered in the whole)
    into ``target``; how many. One run of a handout drawn by several processes."""
    cards = build_cards(pack) if cards is None else cards
    return _write_pages(
        pack, cards, target, layout, progress, cancelled, None, shown, (start, stop)
    )


def _write_pages(
    pack: Pack,
    cards: list[Card],
    target: Path,
    layout: Layout,
    progress: Progress | None,
    cancelled: Cancelled | None,
    seed: int | None,
    shown: str | Path | None,
    run: tuple[int, int] | None = None,
) -> int:
    file = QFile(str(target))
    if not file.open(QIODevice.OpenModeFlag.WriteOnly | QIODevice.OpenModeFlag.Truncate):
        raise ExportError(f"cannot write {shown or target}: {file.errorString()}")
    try:
        writer = _pdf_writer(file, pack, layout)
        total = _paint_pages(pack, cards, writer, layout, progress, cancelled, seed, run)
        written = file.flush() and file.error() == QFileDevice.FileError.NoError
        reason = file.errorString()
    finally:
        file.close()
    if not written:  # a full disk, a file-size limit, an I/O error
        raise ExportError(f"cannot write {shown or target}: {reason}")
    return total


def _paint_pages(
    pack: Pack,
    cards: list[Card],
    writer: QPdfWriter,
    layout: Layout,
    progress: Progress | None,
    cancelled: Cancelled | None,
    seed: int | None,
    run: tuple[int, int] | None = None,
) -> int:
    """Draw every page, or the pages of ``run`` (start, stop); how many were drawn."""
    doc = _Doc(writer, pack, *print_painter(pack.language))
    if layout == "exam":
        doc.exam = exam_sheet(pack, seed)
    pages = plan_pages(doc, cards, layout)
    total = len(pages)
    start, stop = run if run is not None else (0, total)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("could not start the PDF writer")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for number in range(start + 1, stop + 1):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if number > start + 1:
                writer.newPage()
            _draw_page(doc, painter, pages[number - 1], cards)
            _footer(doc, painter, number, total)
            if progress is not None:
                progress(number - start, total)
    finally:
        painter.end()
    return stop - start


def export_pdf(
    pack: Pack,
    out_path: str | Path,
    layout: Layout = "grid",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    seed: int | None = None,
) -> int:
    """Write the handout to ``out_path`` atomically; returns the number of pages.

    The pages go straight into a temporary file beside the target, renamed over
    it only when complete: a cancel, an error or a kill leaves no partial file.
    ``progress(done, total)`` is called after each page; when ``cancelled()``
    returns True the export stops with ``ExportCancelled`` and writes nothing.
    """
    from .atomic import check_writable_target, temp_beside

    check_writable_target(Path(out_path))  # fail before the work, not after it
    with temp_beside(Path(out_path)) as (_handle, tmp):
        pages = write_pdf(pack, tmp, layout, progress, cancelled, seed, shown=out_path)
        if cancelled is not None and cancelled():
            raise ExportCancelled()
    return pages
