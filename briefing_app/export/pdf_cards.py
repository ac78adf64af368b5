"""Card faces in the PDF handout: the three-a-page grid and the one-per-page layout.

Faces are drawn as the window draws them (``ui.card_painter``) when the UI package is
there, so print and screen agree; otherwise with a plain drawing of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath

from ..core.cards import Card, Category, Face
from .pdf_frame import Layout, Page, _Doc, _header, _pen, _rounded
from .pdf_text import (
    ACCENTS,
    BODY,
    FAINT,
    HEADLINE,
    INK,
    KICKER,
    LABEL,
    QUOTE,
    RULE,
    SUBLINE,
    Style,
    _tint,
)

CARDS_PER_PAGE = 3


def _face_blocks(card: Card, face: Face, side: str) -> list[tuple[str, Style, float]]:
    """A face as (text, style, points of space above) blocks, in reading order."""
    accent = ACCENTS.get(card.category, INK)
    kicker = Style(KICKER.size, KICKER.weight, color=accent, letter_spacing=KICKER.letter_spacing)
    blocks: list[tuple[str, Style, float]] = [
        (f"{card.category.label.upper()} \u00b7 {side.upper()}", kicker, 0)
    ]
    if card.category is Category.QUOTE and side == "front":
        blocks.append((f"\u201c{face.headline}\u201d", QUOTE, 5))
    else:
        blocks.append((face.headline, HEADLINE, 5))
    if face.subline:
        blocks.append((face.subline, SUBLINE, 2))
    for detail in face.details:
        blocks.append((detail.label.upper(), LABEL, 7))
        blocks.append((detail.text, BODY, 1.5))
    for listing in face.listings:
        blocks.append((listing.label.upper(), LABEL, 7))
        for entry in listing.entries:
            blocks.append((f"\u2022\u2002{entry}", BODY, 1.5))
    return blocks


def _draw_face_fallback(
    doc: _Doc,
    painter: QPainter,
    rect: QRectF,
    card: Card,
    side: Literal["front", "back"],
    text_scale: float = 1.0,
) -> None:
    """One card face in a box: tinted front, plain back, the category's colour."""
    accent = ACCENTS.get(card.category, INK)
    radius = doc.mm(2.5)
    if side == "front":
        _rounded(painter, rect, radius, _tint(accent, 0.07), _pen(doc, _tint(accent, 0.35), 0.6))
        bar = QRectF(rect.left(), rect.top(), doc.mm(1.6), rect.height())
        clip = QPainterPath()
        clip.addRoundedRect(rect, radius, radius)
        painter.save()
        painter.setClipPath(clip)
        painter.fillRect(bar, accent)
        painter.restore()
    else:
        _rounded(painter, rect, radius, QColor("white"), _pen(doc, RULE, 0.6))
    pad = doc.mm(4.5)
    inner = rect.adjusted(pad + (doc.mm(1.6) if side == "front" else 0), pad, -pad, -pad)
    face = card.front if side == "front" else card.back
    blocks = _face_blocks(card, face, side)
    # shrink until everything fits; past the floor, cut at the box with an ellipsis
    scale = text_scale
    while True:
        laid = [
            (doc.text(t, s, inner.width(), scale=scale), doc.pt(gap * scale))
            for t, s, gap in blocks
        ]
        total = sum(t.height + gap for t, gap in laid)
        if total <= inner.height() or scale <= 0.55 * text_scale:
            break
        scale *= 0.92
    vertical_centre = side == "front" and total < inner.height()
    y = inner.top()
    if vertical_centre:
        # the kicker stays on top; the rest sits in the middle of the box
        head, head_gap = laid[0]
        rest = total - head.height - head_gap
        head.draw(painter, inner.left(), y)
        y = max(y + head.height, inner.top() + (inner.height() - rest) / 2 - laid[1][1])
        laid = laid[1:]
    for text, gap in laid:
        y += gap
        if y + text.height > inner.bottom() + 0.5:
            more = doc.text("\u2026", BODY, inner.width(), scale=scale)
            if y + more.height <= inner.bottom() + 0.5:
                more.draw(painter, inner.left(), y)
            break
        text.draw(painter, inner.left(), y)
        y += text.height


def _window_painter() -> tuple[Callable[..., None] | None, dict[Category, QColor]]:
    """The window's card drawing (``ui.card_painter``) and colours, when available."""
    try:
        from ..paint.card_painter import paint_card
        from ..paint.theme import light_theme
    except ImportError:  # the UI package is optional for this module
        return None, dict(ACCENTS)
    theme = light_theme()

    def paint(painter: QPainter, rect: QRectF, card: Card, side: str, scale: float) -> None:
        paint_card(painter, rect, card, side, theme, scale)

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
    if doc.paint_card is not None:
        painter.save()
        doc.paint_card(painter, rect, card, side, WINDOW_TEXT_SCALE[layout, side])
        painter.restore()
    else:
        _draw_face_fallback(doc, painter, rect, card, side, FALLBACK_TEXT_SCALE[layout, side])


# The window sizes text for a wide card on a screen; on paper it needs to be larger
# (the painter still shrinks text that would not fit).
WINDOW_TEXT_SCALE: dict[tuple[str, str], float] = {
    ("grid", "front"): 1.25,
    ("grid", "back"): 1.8,
    ("one-per-page", "front"): 1.2,
    ("one-per-page", "back"): 1.4,
}
FALLBACK_TEXT_SCALE: dict[tuple[str, str], float] = {
    ("grid", "front"): 1.0,
    ("grid", "back"): 1.0,
    ("one-per-page", "front"): 1.5,
    ("one-per-page", "back"): 1.3,
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
