"""The presenter's overview: every card as a thumbnail, to jump to one by sight (O).

Arrow keys move, Enter jumps, Esc or O closes. Thumbnails are drawn by the same
painter as the audience view, sized so the columns fill the console's width
(about 300 px each: two columns at 800 px, four at 1280, six at 1920), and
drawn again only when that size changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QWidget

from ...core.cards import Card
from ...paint.card_painter import render_card_image
from ...paint.theme import Theme

THUMB = QSize(256, 144)  # the size before the overview knows its width
COLUMN = 300  # about this wide a column
HEADER_H = 52  # the line across the top saying what the keys do
CAPTION_H = 48  # two lines of caption under each thumbnail


def thumb_size(width: int) -> tuple[int, QSize]:
    """How many columns, and the thumbnail size, for a grid ``width`` pixels wide."""
    columns = max(1, round(width / COLUMN))
    thumb_w = max(120, min(420, width // columns - 24))
    return columns, QSize(thumb_w, round(thumb_w * 9 / 16))


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
        self.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + CAPTION_H))
        self.header = QLabel(
            f"All {len(self._cards):,} cards \u00b7 arrows move, Enter jumps, Esc closes", self
        )
        self.header.setObjectName("overviewHeader")
        self.setViewportMargins(0, HEADER_H, 0, 0)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setSpacing(0)  # the grid size leaves the room between thumbnails
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
        self._fit()
        self.setCurrentRow(max(0, min(index, self.count() - 1)))
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit(self) -> None:
        """Size the thumbnails so the columns fill the width, centred; draw any missing."""
        bar = self.verticalScrollBar().sizeHint().width()
        width = self.width() - 2 * self.frameWidth() - bar - 32
        columns, thumb = thumb_size(width)
        grid = QSize(thumb.width() + 24, thumb.height() + CAPTION_H)
        side = max(0, (width - columns * grid.width()) // 2) + 16
        self.setViewportMargins(side, HEADER_H, 0, 0)  # the right keeps the slack
        self.header.setGeometry(side, 0, max(0, self.width() - 2 * side), HEADER_H)
        if thumb != self.iconSize():
            self.setIconSize(thumb)
            self.setGridSize(grid)
            for row in range(self.count()):
                item = self.item(row)
                if item is not None:
                    item.setIcon(QIcon())
        self._draw_thumbnails()

    def _draw_thumbnails(self) -> None:
        size = self.iconSize()
        for row in range(self.count()):
            item = self.item(row)
            if item is not None and item.icon().isNull():
                image = render_card_image(self._cards[row], "front", size, self._theme)
                pixmap = QPixmap.fromImage(image)
                icon = QIcon(pixmap)
                # The chosen card is marked by its frame, not by tinting the card itself.
                icon.addPixmap(pixmap, QIcon.Mode.Selected)
                item.setIcon(icon)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self._fit()

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
