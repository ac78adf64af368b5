"""The audience view: one card, as large as the screen allows, and nothing else.

Signals (snake_case, past tense):
    closed()    the window was closed from outside (the window manager, Alt+F4)

The card is drawn by ``card_painter.paint_card``, exactly as the study window
draws it, only bigger and with the type scaled up for the back of a room. A
turn is animated like the window's (a perspective rotation of two pre-rendered
faces); a change of card is instant, so a clicker never feels slow.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from ...core.cards import Card, CardFace
from ...paint.card_painter import paint_card, paint_message, paint_shadow
from ...paint.card_turn import CardTurn
from ...paint.theme import Theme
from .quiet_close import QuietClose


class ScreenFill(StrEnum):
    """What fills the audience screen: the card, or black or white (B and W)."""

    CARD = "card"
    BLACK = "black"
    WHITE = "white"


CARD, BLACK, WHITE = ScreenFill.CARD, ScreenFill.BLACK, ScreenFill.WHITE
FILLS = (CARD, BLACK, WHITE)
AUDIENCE_TEXT_SCALE = 1.3
CURSOR_IDLE_MS = 2000
TURN_MS = 320


def audience_card_rect(stage: QRectF) -> QRectF:
    """The card on the audience screen: nearly edge to edge, room below for progress."""
    m = max(8.0, min(stage.width(), stage.height()) * 0.04)
    return stage.adjusted(m, m, -m, -m * 1.45)


class AudienceView(QuietClose, QWidget):
    """A frameless window that shows the current card, or a black or white screen."""

    closed = Signal()

    def __init__(
        self,
        theme: Theme,
        text_scale: float = AUDIENCE_TEXT_SCALE,
        reduce_motion: bool = False,
        parent: QWidget | None = None,
        *,
        cursor_idle_ms: int = CURSOR_IDLE_MS,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._theme = theme
        self._scale = text_scale
        self._reduce_motion = reduce_motion
        self._card: Card | None = None
        self._face = "front"
        self._fill = CARD
        self._position = (0, 0)
        self._overlay = ""
        self._turn = CardTurn(self, self, TURN_MS)
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(cursor_idle_ms)
        self._cursor_timer.timeout.connect(self._hide_cursor)
        self._cursor_hidden = False
        self.setWindowTitle("Briefing \u2014 audience")
        self.setAccessibleName("Audience view")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(320, 180)

    # --- what is shown (read-only, for the console and tests) -----------------------

    @property
    def shown_card_id(self) -> str | None:
        return self._card.id if self._card is not None else None

    @property
    def shown_face(self) -> str:
        return self._face

    @property
    def fill(self) -> str:
        """``"card"``, ``"black"`` or ``"white"``."""
        return self._fill

    @property
    def overlay_text(self) -> str:
        return self._overlay

    @property
    def cursor_idle_ms(self) -> int:
        """How long the pointer may rest before it is hidden."""
        return self._cursor_timer.interval()

    @property
    def cursor_hidden(self) -> bool:
        return self._cursor_hidden

    @property
    def is_turning(self) -> bool:
        return self._turn.running

    # --- changing it ---------------------------------------------------------------

    def show_card(
        self,
        card: Card | None,
        face: str,
        fill: str = CARD,
        position: tuple[int, int] = (0, 0),
    ) -> None:
        """Show ``face`` of ``card``; the same card turning over is animated."""
        if fill not in FILLS:
            raise ValueError(f"unknown fill {fill!r}")
        turning = (
            card is not None
            and card is self._card
            and face != self._face
            and fill == CARD
            and self._fill == CARD
            and not self._reduce_motion
            and self.isVisible()
        )
        old_face = self._face
        self._turn.stop()
        self._card, self._face, self._position = card, CardFace(face), position
        self._fill = ScreenFill(fill)
        if turning:
            self._start_turn(old_face, face)
        self._update_accessible()
        self.update()

    def set_overlay(self, text: str) -> None:
        """A small note at the bottom (a jump being typed); empty hides it."""
        if text != self._overlay:
            self._overlay = text
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    # --- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        stage = QRectF(self.rect())
        if self._fill == BLACK:
            painter.fillRect(stage, QColor("#000000"))
        elif self._fill == WHITE:
            painter.fillRect(stage, QColor("#FFFFFF"))
        else:
            self._paint_stage(painter, stage)
        if self._overlay:
            self._paint_overlay(painter, stage)
        painter.end()

    def _paint_stage(self, painter: QPainter, stage: QRectF) -> None:
        theme = self._theme
        painter.fillRect(stage, theme.color("background"))
        card = self._card
        if card is None:
            paint_message(painter, stage, theme, "The end", "Press Esc to leave the presentation.")
            return
        inner = audience_card_rect(stage)
        if self._turn.running:
            self._turn.paint(painter, inner, self._theme)
        else:
            paint_shadow(painter, inner, theme)
            paint_card(painter, inner, card, self._face, theme, self._scale)
        self._paint_progress(painter, stage, inner)

    def _paint_progress(self, painter: QPainter, stage: QRectF, inner: QRectF) -> None:
        """A thin bar under the card: how far through the talk the room is."""
        index, total = self._position
        if total <= 1:
            return
        h = max(2.0, stage.height() * 0.0035)
        y = inner.bottom() + (stage.bottom() - inner.bottom()) * 0.5 - h / 2
        track = QRectF(inner.left(), y, inner.width(), h)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._theme.color("border"))
        painter.drawRoundedRect(track, h / 2, h / 2)
        done = QRectF(track)
        done.setWidth(track.width() * (index + 1) / total)
        painter.setBrush(
            self._theme.category_color(self._card.category)
            if self._card
            else self._theme.color("accent")
        )
        painter.drawRoundedRect(done, h / 2, h / 2)
        painter.restore()

    def _paint_overlay(self, painter: QPainter, stage: QRectF) -> None:
        theme = self._theme
        font = theme.font(max(16.0, stage.height() * 0.03), bold=True)
        fm = QFontMetricsF(font)
        pad = fm.height() * 0.6
        w = fm.horizontalAdvance(self._overlay) + 2 * pad
        h = fm.height() + pad
        inner = audience_card_rect(stage)
        box = QRectF(stage.center().x() - w / 2, inner.bottom() - h - inner.height() * 0.05, w, h)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(box, h / 2, h / 2)
        back = QColor(theme.text)
        back.setAlphaF(0.88)
        painter.fillPath(path, back)
        painter.setPen(theme.color("surface"))
        painter.setFont(font)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self._overlay)
        painter.restore()

    def _start_turn(self, old: str, new: str) -> None:
        assert self._card is not None
        inner = audience_card_rect(QRectF(self.rect()))
        self._turn.start(self._card, old, new, inner, self._theme, self._scale)

    # --- the mouse cursor --------------------------------------------------------------

    def _hide_cursor(self) -> None:
        self._cursor_hidden = True
        self.setCursor(Qt.CursorShape.BlankCursor)

    def wake_cursor(self) -> None:
        """Show the cursor again and hide it after two seconds without movement."""
        if self._cursor_hidden:
            self._cursor_hidden = False
            self.unsetCursor()
        self._cursor_timer.start()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.wake_cursor()
        super().mouseMoveEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._cursor_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cursor_timer.stop()
        self._turn.stop()
        super().closeEvent(event)
        self.announce_close()

    def _update_accessible(self) -> None:
        card = self._card
        if self._fill != CARD:
            self.setAccessibleDescription("Blacked out" if self._fill == BLACK else "Whited out")
        elif card is None:
            self.setAccessibleDescription("")
        else:
            face = card.front if self._face == "front" else card.back
            self.setAccessibleDescription(
                f"{card.category.label}, {self._face}: " + "\n".join(face.texts())
            )
