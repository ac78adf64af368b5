"""The presenter console's list of every card, with its category icon and headline."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ...core.cards import Card
from ...paint.theme import Theme, icon_image


class CardList(QListWidget):
    """One row a card, in the dark chrome's category colours."""

    def __init__(self, chrome: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chrome = chrome
        self.setObjectName("cardList")
        self.setUniformItemSizes(True)
        self.setIconSize(QSize(18, 18))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Cards")

    def fill(self, cards: Sequence[Card]) -> None:
        icons: dict[str, QIcon] = {}
        for i, card in enumerate(cards):
            cat = card.category
            if cat.value not in icons:
                color = self._chrome.category_colors[cat]
                icons[cat.value] = QIcon(QPixmap.fromImage(icon_image(cat, color, 36)))
            headline = " ".join(card.front.headline.split())
            # The headline in a first-strong isolate: an Arabic or Hebrew one keeps its
            # own direction, and when it is cut the ellipsis comes at its visual end
            # (the left), not beside its first word.
            item = QListWidgetItem(icons[cat.value], f"{i + 1:>3}   \u2068{headline}\u2069")
            item.setToolTip(f"{cat.label} {i + 1}: {headline}")
            self.addItem(item)

    def select_row(self, row: int) -> None:
        """Follow the talk without emitting the list's signals."""
        if self.currentRow() == row:
            return
        self.blockSignals(True)
        self.setCurrentRow(row)
        self.blockSignals(False)
        item = self.item(row)
        if item is not None:
            self.scrollToItem(item, QListWidget.ScrollHint.PositionAtCenter)
