"""A card preview for the presenter console, drawn exactly as the audience sees it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.cards import Card, CardFace
from ...core.talk import FRONT
from ...paint.card_painter import paint_card
from ...paint.theme import Theme
from .audience import BLACK, CARD, ScreenFill

CARD_ASPECT = 16 / 9


class CardPreview(QWidget):
    """One face of a card in a 16:9 box, drawn by ``paint_card`` (or the blackout fill)."""

    def __init__(self, theme: Theme, chrome: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._chrome = chrome
        self._card: Card | None = None
        self._face = FRONT
        self._fill = CARD
        self._live = False
        self._empty = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)

    @property
    def card(self) -> Card | None:
        return self._card

    @property
    def face(self) -> str:
        return self._face

    def show_card(
        self, card: Card | None, face: str, fill: str = CARD, live: bool = False, empty: str = ""
    ) -> None:
        self._card, self._face, self._live, self._empty = card, CardFace(face), live, empty
        self._fill = ScreenFill(fill)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 270)

    def card_box(self) -> QRectF:
        """The largest 16:9 box that fits, centred horizontally, at the top."""
        r = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        w = min(r.width(), r.height() * CARD_ASPECT)
        h = w / CARD_ASPECT
        return QRectF(r.left() + (r.width() - w) / 2, r.top(), w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self.card_box()
        radius = max(4.0, min(box.width(), box.height()) * 0.035)
        if self._card is None:
            pen = QPen(self._chrome.color("border"), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, radius, radius)
            painter.setPen(self._chrome.color("muted"))
            painter.setFont(self._chrome.font(max(12.0, box.height() * 0.08)))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self._empty)
        elif self._fill != CARD:
            path = QPainterPath()
            path.addRoundedRect(box, radius, radius)
            black = self._fill == BLACK
            painter.fillPath(path, QColor("#000000" if black else "#FFFFFF"))
            painter.setPen(QColor("#8A93A6" if black else "#5A6375"))
            painter.setFont(self._chrome.font(max(12.0, box.height() * 0.075), bold=True))
            text = "Blacked out \u2014 B to show" if black else "Whited out \u2014 W to show"
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        else:
            paint_card(painter, box, self._card, self._face, self._theme)
        if self._live:
            painter.setPen(QPen(self._chrome.color("accent"), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-1.5, -1.5, 1.5, 1.5), radius + 1.5, radius + 1.5)
        painter.end()
