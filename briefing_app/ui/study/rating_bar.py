"""Again / Hard / Good / Easy buttons shown after a card is flipped, as in Anki.

Each button shows the interval that rating would give (``set_intervals``), so
the learner sees the consequence before choosing. The bar only emits a
rating; the window records it, which keeps the bar free of store and clock.
Keys 1-4 belong to the window (it owns focus); it can pass them to ``key_pressed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from ...core.schedule import RATING_LABELS, RATINGS, Rating, format_interval
from ...paint.theme import Theme, light_theme
from ..widgets.keyboard import keyboard_button

RATING_KEYS = {
    Qt.Key.Key_1: Rating.Again,
    Qt.Key.Key_2: Rating.Hard,
    Qt.Key.Key_3: Rating.Good,
    Qt.Key.Key_4: Rating.Easy,
}

_KEY_VALUES = {key.value: rating for key, rating in RATING_KEYS.items()}


def rating_colors(theme: Theme) -> dict[Rating, str]:
    """Red, amber, green, blue: the colours Anki users already read at a glance."""
    if theme.is_dark:
        return {
            Rating.Again: theme.danger,
            Rating.Hard: "#F0B45A",
            Rating.Good: "#5CCB7A",
            Rating.Easy: theme.accent,
        }
    return {
        Rating.Again: theme.danger,
        Rating.Hard: "#B26A00",
        Rating.Good: "#2E7D32",
        Rating.Easy: theme.accent,
    }


class RatingBar(QWidget):
    """Four rating buttons, each labelled with its next interval.

    Signals: ``rating_chosen(int)`` with 1 (Again) to 4 (Easy).
    """

    rating_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self.theme = theme or light_theme()
        self.intervals: dict[Rating, str] = {}
        self.buttons: dict[Rating, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addStretch(1)
        for rating in RATINGS:
            button = QPushButton(self)
            button.setObjectName(f"rating-{RATING_LABELS[rating].lower()}")
            keyboard_button(button)  # a Tab stop; a click leaves keys 1-4 with the window
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(52)  # room for the interval line, so nothing jumps
            button.clicked.connect(lambda _=False, r=rating: self.rating_chosen.emit(int(r)))
            layout.addWidget(button)
            self.buttons[rating] = button
        layout.addStretch(1)
        self.set_theme(self.theme)
        self._update_texts()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        colors = rating_colors(theme)
        rules = []
        for rating, button in self.buttons.items():
            name = button.objectName()
            color = colors[rating]
            rules.append(
                f"QPushButton#{name} {{ background: {theme.surface}; color: {theme.text};"
                f" border: 1px solid {theme.border}; border-top: 3px solid {color};"
                " border-radius: 8px; padding: 6px 16px; min-width: 76px; font-size: 14px; }"
                f" QPushButton#{name}:hover {{ border-color: {color}; }}"
                f" QPushButton#{name}:focus {{ border: 2px solid {theme.accent};"
                f" border-top: 3px solid {color}; }}"
                f" QPushButton#{name}:pressed {{ background: {theme.surface_alt}; }}"
                f" QPushButton#{name}:disabled {{ color: {theme.muted};"
                f" border-top-color: {theme.border}; }}"
            )
        self.setStyleSheet("\n".join(rules))

    def set_intervals(self, intervals: Mapping[Rating, timedelta | str]) -> None:
        """The next interval per rating, from ``schedule.preview_intervals`` (or text)."""
        self.intervals = {
            Rating(int(r)): v if isinstance(v, str) else format_interval(v)
            for r, v in intervals.items()
        }
        self._update_texts()

    def clear_intervals(self) -> None:
        self.intervals = {}
        self._update_texts()

    def _update_texts(self) -> None:
        for n, (rating, button) in enumerate(self.buttons.items(), start=1):
            label = RATING_LABELS[rating]
            interval = self.intervals.get(rating, "")
            button.setText(f"{label}\n{interval}" if interval else label)
            when = f": next in {interval}" if interval else ""
            button.setToolTip(f"{label} ({n}){when}")
            button.setAccessibleName(f"{label}{when}")

    def choose(self, rating: Rating | int) -> bool:
        """Act as if the button was clicked; False when the bar is hidden or disabled."""
        button = self.buttons.get(Rating(int(rating)))
        if button is None or not self.isVisible() or not self.isEnabled():
            return False
        button.click()
        return True

    def key_pressed(self, key: int | Qt.Key) -> bool:
        """Map keys 1-4 to a rating for the window's ``keyPressEvent``; True if used."""
        value = key.value if isinstance(key, Qt.Key) else int(key)
        rating = _KEY_VALUES.get(value)
        return rating is not None and self.choose(rating)
