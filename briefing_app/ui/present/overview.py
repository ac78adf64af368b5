"""The presenter's overview: every card as a thumbnail, to jump to one by sight (O).

Arrow keys move, Enter jumps, Esc or O closes. Thumbnails are drawn by the same
painter as the audience view, a few at a time as they scroll into view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from ...core.cards import Card
from ...paint.card_painter import render_card_image
from ...paint.theme import Theme

THUMB = QSize(256, 144)


class OverviewGrid(QListWidget):
    """A grid of card thumbnails over the console. Signals: ``card_chosen(int)``."""

    card_chosen = Signal(int)

    def __init__(self, cards: Sequence[Card], theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards = list(cards)
        self._theme = theme
        self.setObjectName("overview")
        self.setAccessibleName("All cards, as thumbnails")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMB)
        self.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 44))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setSpacing(6)
        for n, card in enumerate(self._cards, 1):
            item = QListWidgetItem(f"{n} \u00b7 {card.front.headline}")
            item.setToolTip(card.front.headline)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Card {n}: {card.front.headline}")
            self.addItem(item)
        self.itemActivated.connect(lambda item: self._choose(self.row(item)))
        self.hide()

    def open_at(self, index: int) -> None:
        """Cover the parent, select card ``index`` and take the keyboard."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._draw_thumbnails()
        self.setCurrentRow(max(0, min(index, self.count() - 1)))
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _draw_thumbnails(self) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item is not None and item.icon().isNull():
                image = render_card_image(self._cards[row], "front", THUMB, self._theme)
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _choose(self, row: int) -> None:
        self.hide()
        self.card_chosen.emit(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_O):
            self.hide()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self._choose(self.currentRow())
            return
        super().keyPressEvent(event)
