"""The flip card widget: paints through ``card_painter`` and turns over when flipped.

Signals (snake_case, past tense):
    card_flipped(str)      the face now showing, "front" or "back" (also when ``set_card``
                           shows the same card the other side up)
    card_changed(object)   the card now showing (a ``Card``, or None)
    first_painted()        the first time anything was painted (start-up figure)

The turn (``card_turn.CardTurn``) animates an angle; both faces are rendered once
into pixmaps when the turn starts and drawn with a perspective ``QTransform``
each frame, so the animation never re-lays out text and never flickers.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ...core.cards import Card, CardFace
from ...paint.card_painter import (
    BACK,
    FRONT,
    FaceLayout,
    card_rect,
    draw_layout,
    layout_face,
    paint_blank_card,
    paint_focus_ring,
    paint_message,
    paint_shadow,
)
from ...paint.theme import Theme

if TYPE_CHECKING:
    from ...paint.card_turn import CardTurn

FLIP_MS = 300
_CACHE_SIZE = 24
MIN_READABLE_PX = 14.0  # body text never smaller at 100% zoom: long text scrolls instead
ZOOM_NOTE_MS = 1400


class CardView(QWidget):
    """Shows one face of one card; click (or ``flip()``) turns it over."""

    card_flipped = Signal(str)
    card_changed = Signal(object)
    first_painted = Signal()

    def __init__(
        self,
        theme: Theme,
        text_scale: float = 1.0,
        reduce_motion: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._scale = text_scale
        self._reduce_motion = reduce_motion
        self._card: Card | None = None
        self._face = FRONT
        self._message = ("", "")
        self._painted = False
        self._layouts: OrderedDict[tuple[object, ...], FaceLayout] = OrderedDict()
        self._turner: CardTurn | None = None  # made on the first flip (start-up time)
        self._stage: tuple[tuple[object, ...], QPixmap] | None = None
        self._scroll = 0.0
        self._language: str | None = None
        self._keyboard_focus = False  # the ring shows when Tab brought focus here
        self._zoom_note = QLabel(self)
        self._zoom_note.setObjectName("zoomNote")
        self._zoom_note.setTextFormat(Qt.TextFormat.PlainText)
        self._zoom_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._zoom_note.hide()
        self._zoom_timer = QTimer(self)
        self._zoom_timer.setSingleShot(True)
        self._zoom_timer.setInterval(ZOOM_NOTE_MS)
        self._zoom_timer.timeout.connect(self._zoom_note.hide)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Card")

    # --- state ------------------------------------------------------------------

    def card(self) -> Card | None:
        return self._card

    def face(self) -> str:
        return self._face

    def theme(self) -> Theme:
        return self._theme

    def text_scale(self) -> float:
        return self._scale

    def is_turning(self) -> bool:
        return self._turner is not None and self._turner.running

    @property
    def _turn(self) -> CardTurn:
        if self._turner is None:
            from ...paint.card_turn import CardTurn

            self._turner = CardTurn(self, self, FLIP_MS)
        return self._turner

    def _stop_turn(self) -> None:
        if self._turner is not None:
            self._turner.stop()

    def set_card(self, card: Card | None, face: str = FRONT) -> None:
        """Show ``card`` (front by default) at once, ending any turn in progress."""
        self._stop_turn()
        changed = card is not self._card
        turned = not changed and card is not None and face != self._face
        self._card = card
        self._face = CardFace(face)
        self._scroll = 0.0
        self._update_accessible()
        self.update()
        if changed:
            self.card_changed.emit(card)
        elif turned:  # same card, other side up: what hangs on the face must follow
            self.card_flipped.emit(face)

    def set_message(self, title: str, message: str) -> None:
        """What to show when there is no card (no pack open, nothing matches)."""
        self._message = (title, message)
        if self._card is None:
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._layouts.clear()
        self.update()

    def set_text_scale(self, scale: float) -> None:
        """Change the card text size and say so briefly ("Text 120%") over the card."""
        self._scale = scale
        self._scroll = 0.0
        self._layouts.clear()
        self.update()
        self._zoom_note.setText(f"Text {round(scale * 100)}%")
        self._zoom_note.adjustSize()
        self._zoom_note.resize(self._zoom_note.width() + 28, self._zoom_note.height() + 12)
        self._zoom_note.move((self.width() - self._zoom_note.width()) // 2, 18)
        self._zoom_note.show()
        self._zoom_note.raise_()
        self._zoom_timer.start()

    def zoom_note(self) -> str:
        """The size note on screen now ("Text 120%"), or "" when it has faded."""
        return self._zoom_note.text() if self._zoom_note.isVisible() else ""

    def min_px(self) -> float:
        return MIN_READABLE_PX * self._scale

    # --- scrolling a face that runs on --------------------------------------------

    def scroll_offset(self) -> float:
        return self._scroll

    def can_scroll(self, direction: int) -> bool:
        layout = self.current_layout()
        if layout is None or layout.overflow <= 0 or self.is_turning():
            return False
        return self._scroll < layout.overflow - 0.5 if direction > 0 else self._scroll > 0.5

    def scroll_page(self, direction: int) -> bool:
        """Scroll the face by most of its height; False when there is nothing that way."""
        layout = self.current_layout()
        if layout is None or not self.can_scroll(direction):
            return False
        box = layout.text_box or layout.content
        return self.scroll_by(direction * box.height() * 0.85)

    def scroll_by(self, pixels: float) -> bool:
        layout = self.current_layout()
        if layout is None or layout.overflow <= 0:
            return False
        new = max(0.0, min(layout.overflow, self._scroll + pixels))
        if abs(new - self._scroll) < 0.01:
            return False
        self._scroll = new
        self.update()
        return True

    def set_language(self, language: str | None) -> None:
        """The pack's language: the direction of neutral text and the quote marks."""
        if language != self._language:
            self._language = language
            self._layouts.clear()
            self.update()

    def set_reduce_motion(self, reduce: bool) -> None:
        self._reduce_motion = reduce

    def flip(self) -> None:
        """Turn the card over: animated, or at once when motion is reduced."""
        if self._card is None:
            return
        old = self._face
        new = BACK if old == FRONT else FRONT
        self._stop_turn()
        self._face = new
        self._scroll = 0.0
        self._update_accessible()
        if not self._reduce_motion and self.isVisible() and self.width() > 0:
            self._start_turn(old, new)
        self.update()
        self.card_flipped.emit(new)

    def current_layout(self) -> FaceLayout | None:
        """The laid-out face now shown (its ``texts()`` are exactly what is drawn)."""
        if self._card is None:
            return None
        return self._layout(self._card, self._face, card_rect(QRectF(self.rect())))

    def shown_texts(self) -> list[str]:
        """The words on screen: the card's laid-out text, or the message shown instead."""
        layout = self.current_layout()
        if layout is not None:
            return layout.texts()
        return [t for t in self._message if t] if self._message else []

    # --- painting ----------------------------------------------------------------

    def _layout(self, card: Card, face: str, rect: QRectF) -> FaceLayout:
        key: tuple[object, ...] = (card.id, id(card), face, rect.width(), rect.height())
        key += (self._theme.name, self._scale, self._language)
        layout = self._layouts.get(key)
        if layout is None or layout.rect != rect:
            layout = layout_face(
                card,
                face,
                rect,
                self._theme,
                self._scale,
                self,
                min_px=self.min_px(),
                language=self._language,
            )
            self._layouts[key] = layout
            if len(self._layouts) > _CACHE_SIZE:
                self._layouts.popitem(last=False)
        return layout

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        stage = QRectF(self.rect())
        card = self._card
        if card is None:
            paint_message(painter, stage, self._theme, *self._message)
        elif self.is_turning():
            painter.fillRect(stage, self._theme.color("background"))
            self._turn.paint(painter, card_rect(stage), self._theme)
        else:
            inner = card_rect(stage)
            painter.drawPixmap(0, 0, self._stage_pixmap(inner))
            layout = self._layout(card, self._face, inner)
            draw_layout(painter, layout, self._theme, blank=False, scroll=self._scroll)
        if self._keyboard_focus and self.hasFocus():
            paint_focus_ring(painter, card_rect(stage), self._theme)
        painter.end()
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _stage_pixmap(self, inner: QRectF) -> QPixmap:
        """Background, shadow and blank card, cached: blending them is the costliest step."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self._theme.name)
        if self._stage is None or self._stage[0] != key:
            pixmap = QPixmap(
                max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio))
            )
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self._theme.color("background"))
            painter = QPainter(pixmap)
            paint_shadow(painter, inner, self._theme)
            paint_blank_card(painter, inner, self._theme)
            painter.end()
            self._stage = (key, pixmap)
        return self._stage[1]

    def _start_turn(self, old: str, new: str) -> None:
        assert self._card is not None
        inner = card_rect(QRectF(self.rect()))
        self._turn.start(self._card, old, new, inner, self._theme, self._scale, self.min_px())

    # --- input -------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        keyboard = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        self._keyboard_focus = event.reason() in keyboard
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._keyboard_focus = False
        self.update()

    def has_focus_ring(self) -> bool:
        """True while the keyboard focus ring is drawn around the card."""
        return self._keyboard_focus and self.hasFocus()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel scrolls a long face; otherwise it is left to the window."""
        steps = event.angleDelta().y() / 120
        if steps and self.scroll_by(-steps * 3 * self.min_px()):
            event.accept()
        else:
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scroll = 0.0

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.flip()
        else:
            super().mouseReleaseEvent(event)

    def _update_accessible(self) -> None:
        card = self._card
        if card is None:
            self.setAccessibleDescription("")
            return
        face = card.front if self._face == FRONT else card.back
        side = "front" if self._face == FRONT else "back"
        self.setAccessibleDescription(f"{card.category.label}, {side}: " + "\n".join(face.texts()))
