"""Card faces in the PDF handout: the three-a-page grid and the one-per-page layout.

Faces are drawn by the painting layer (``paint.card_painter``) exactly as the window
draws them, so print and screen agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from ..core.cards import Card, Category
from ..paint.card_painter import paint_card
from ..paint.theme import light_theme
from .pdf_frame import Layout, Page, _Doc, _header, _pen
from .pdf_text import (
    ACCENTS,
    FAINT,
)

CARDS_PER_PAGE = 3


def print_painter(
    language: str | None = None,
) -> tuple[Callable[..., None], dict[Category, QColor]]:
    """The card drawing the window uses (``paint.card_painter``), in the light theme."""
    theme = light_theme()

    def paint(painter: QPainter, rect: QRectF, card: Card, side: str, scale: float) -> None:
        paint_card(painter, rect, card, side, theme, scale, language=language)

    accents = {c: theme.category_color(c) for c in theme.category_colors}
    return paint, {**ACCENTS, **accents}


def draw_face(
    doc: _Doc,
    painter: QPainter,
    rect: QRectF,
    card: Card,
    side: Literal["front", "back"],
    layout: Layout,
) -> None:
    """One face of a card: drawn as the window draws it, so print and screen agree."""
    painter.save()
    doc.paint_card(painter, rect, card, side, WINDOW_TEXT_SCALE[layout, side])
    painter.restore()


# The window sizes text for a wide card on a screen; on paper it needs to be larger
# (the painter still shrinks text that would not fit).
WINDOW_TEXT_SCALE: dict[tuple[str, str], float] = {
    ("grid", "front"): 1.25,
    ("grid", "back"): 1.8,
    ("one-per-page", "front"): 1.2,
    ("one-per-page", "back"): 1.4,
}


def _card_grid(doc: _Doc, painter: QPainter, page: Page, total_cards: int) -> None:
    first, last = page.cards[0][0] + 1, page.cards[-1][0] + 1
    shown = f"Card {first}" if first == last else f"Cards {first}\u2013{last}"
    _header(doc, painter, f"{shown} of {total_cards}")
    gap = doc.mm(6)
    col_gap = doc.mm(4)
    area = doc.content
    row_h = (area.height() - gap * (CARDS_PER_PAGE - 1)) / CARDS_PER_PAGE
    col_w = (area.width() - col_gap) / 2
    for slot, (_index, card) in enumerate(page.cards):
        top = area.top() + slot * (row_h + gap)
        front = QRectF(area.left(), top, col_w, row_h)
        back = QRectF(area.left() + col_w + col_gap, top, col_w, row_h)
        draw_face(doc, painter, front, card, "front", "grid")
        draw_face(doc, painter, back, card, "back", "grid")


def _one_card(doc: _Doc, painter: QPainter, page: Page, total_cards: int) -> None:
    index, card = page.cards[0]
    _header(doc, painter, f"Card {index + 1} of {total_cards}")
    area = doc.content
    gap = doc.mm(8)
    half = (area.height() - gap) / 2
    front = QRectF(area.left(), area.top(), area.width(), half)
    draw_face(doc, painter, front, card, "front", "one-per-page")
    back = QRectF(area.left(), area.top() + half + gap, area.width(), half)
    draw_face(doc, painter, back, card, "back", "one-per-page")
    # a dashed fold line between the two halves
    pen = _pen(doc, FAINT, 0.5)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    mid = area.top() + half + gap / 2
    painter.drawLine(QPointF(doc.margin / 2, mid), QPointF(doc.width - doc.margin / 2, mid))
