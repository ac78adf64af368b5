"""A dismissible message above the card: what could not be opened, and why.

Problems are shown as plain text (they may quote pack content), at most
``MAX_SHOWN`` of them, each with its location.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

MAX_SHOWN = 8


class ErrorBanner(QFrame):
    """Title plus located problems; hidden until ``show_problems`` is called."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.title = QLabel()
        self.title.setObjectName("bannerTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("bannerBody")
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton("\u2715")
        close.setObjectName("bannerClose")
        close.setToolTip("Dismiss")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.hide)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.title)
        text.addWidget(self.body)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 8, 10)
        row.addLayout(text, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_problems(self, title: str, problems: list[str]) -> None:
        shown = [f"\u2022 {p}" for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            shown.append(f"\u2026 and {len(problems) - MAX_SHOWN} more")
        self.title.setText(title)
        self.body.setText("\n".join(shown))
        self.body.setVisible(bool(shown))
        self.show()

    def text(self) -> str:
        """Everything the banner says (for tests and screen readers)."""
        return self.title.text() + "\n" + self.body.text()
