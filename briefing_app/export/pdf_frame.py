"""The page frame of the PDF handout: page plan, device units, header and footer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPdfWriter, QPen

from ..core.cards import Card, Category
from ..core.exam import ExamSheet
from ..core.models import Pack
from .pdf_text import RULE, SMALL, Style, Text

Layout = Literal["grid", "one-per-page", "exam"]


@dataclass
class Page:
    """What to draw on one page, decided before painting starts."""

    kind: Literal["cover", "cards", "card", "exam", "key"]
    cards: Sequence[tuple[int, Card]] = ()
    items: Sequence[int] = ()  # exam: quote numbers (0-based) on this page
    first: bool = False  # exam/key: the first page of its section
    column_break: int = 0  # key: how many of ``items`` go in the left column


class _Doc:
    """The device, its units and the page frame shared by every page."""

    def __init__(
        self,
        writer: QPdfWriter,
        pack: Pack,
        paint_card: Callable[..., None],
        accents: dict[Category, QColor],
    ) -> None:
        self.device = writer
        self.pack = pack
        rect = writer.pageLayout().fullRectPixels(writer.resolution())
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.margin = self.mm(16)
        self.paint_card, self.accents = paint_card, accents
        self.exam: ExamSheet | None = None  # the exam layout's order and name bank
        self._same_every_page: dict[tuple[str, int, float, int | None], Text] = {}
        self.content = QRectF(
            self.margin,
            self.mm(24),
            self.width - 2 * self.margin,
            self.height - self.mm(24) - self.mm(20),
        )

    def mm(self, value: float) -> float:
        return value * self.device.resolution() / 25.4

    def pt(self, value: float) -> float:
        return value * self.device.resolution() / 72

    def text(self, text: str, style: Style, width: float, **kw: object) -> Text:
        return Text(self.device, text, style, width, **kw)  # type: ignore[arg-type]

    def repeated(self, text: str, style: Style, width: float, max_lines: int | None = None) -> Text:
        """A text every page shows alike (the pack's title, the footer's note): laid
        out once per document, not once per page (a layout is only drawn, never changed)."""
        key = (text, id(style), width, max_lines)
        laid = self._same_every_page.get(key)
        if laid is None:
            laid = self.text(text, style, width, max_lines=max_lines)
            self._same_every_page[key] = laid
        return laid


def _rounded(
    painter: QPainter, rect: QRectF, radius: float, fill: QColor, pen: QPen | None
) -> None:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.fillPath(path, fill)
    if pen is not None:
        painter.strokePath(path, pen)


def _pen(doc: _Doc, color: QColor, width_pt: float) -> QPen:
    pen = QPen(color)
    pen.setWidthF(doc.pt(width_pt))
    return pen


def _header(doc: _Doc, painter: QPainter, right: str) -> None:
    top = doc.mm(11)
    half = doc.content.width() / 2
    title = doc.repeated(doc.pack.title, SMALL, half * 1.3, max_lines=1)
    title.draw(painter, doc.margin, top)
    label = doc.text(right, SMALL, half * 0.6, align=Qt.AlignmentFlag.AlignRight)
    label.draw(painter, doc.width - doc.margin - half * 0.6, top)
    y = top + max(title.height, label.height) + doc.mm(1.5)
    painter.setPen(_pen(doc, RULE, 0.5))
    painter.drawLine(QPointF(doc.margin, y), QPointF(doc.width - doc.margin, y))


def _footer(doc: _Doc, painter: QPainter, number: int, total: int) -> None:
    y = doc.height - doc.mm(13)
    painter.setPen(_pen(doc, RULE, 0.5))
    painter.drawLine(QPointF(doc.margin, y), QPointF(doc.width - doc.margin, y))
    width = doc.content.width() / 2
    left = "Briefing App" + (f" \u00b7 as of {doc.pack.as_of}" if doc.pack.as_of else "")
    doc.repeated(left, SMALL, width).draw(painter, doc.margin, y + doc.mm(2))
    page = doc.text(f"Page {number} of {total}", SMALL, width, align=Qt.AlignmentFlag.AlignRight)
    page.draw(painter, doc.width - doc.margin - width, y + doc.mm(2))
