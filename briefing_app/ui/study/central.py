"""The study window's central area: the library beside the card column.

Apart from ``chrome`` because the first frame needs it and nothing else there:
the toolbar, menus and buttons (and their Qt classes) load after that frame.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget


def build_central(
    library_slot: QWidget, banner: QWidget, card: QWidget, nav: QWidget
) -> tuple[QSplitter, QVBoxLayout]:
    """Library beside the card column (banner, card, nav); the splitter and the column."""
    right = QWidget()
    right.setObjectName("central")
    col = QVBoxLayout(right)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(0)
    banner_box = QHBoxLayout()
    banner_box.setContentsMargins(24, 12, 24, 0)
    banner_box.addWidget(banner)
    col.addLayout(banner_box)
    col.addWidget(card, 1)
    col.addWidget(nav)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.setChildrenCollapsible(False)
    split.addWidget(library_slot)
    split.addWidget(right)
    split.setStretchFactor(1, 1)
    split.setSizes([280, 1000])
    return split, col
