"""The quiz view's building blocks: option cards, missed-item rows, the stylesheet.

Kept apart from ``quiz_view`` so the view holds only the quiz's flow. All pack
text goes into plain-text labels: a quote containing ``<b>`` is shown as typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...core.cards import Category
from ...core.scripts import is_rtl
from ...paint.theme import Theme
from ..styles import render_stylesheet

# Theme has no colour for "right"; these greens read well on each background.
SUCCESS = {"light": "#1B7F4B", "dark": "#4ADE80"}
SUCCESS_TINT = {"light": "#E3F4EA", "dark": "#163325"}
DANGER_TINT = {"light": "#FBE6E6", "dark": "#3A1D21"}
# Each question kind wears the colour of the card category it asks about.
CHIP_CATEGORY = {
    "who-said": Category.QUOTE,
    "who-did": Category.MEASURE,
    "which-quote": Category.ACTOR,
}


def plain_label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    """A label that never interprets markup (pack content is untrusted text)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    for child in widget.findChildren(QLabel):
        style.unpolish(child)
        style.polish(child)
    widget.update()


class OptionCard(QFrame):
    """One multiple-choice option: a number badge, a name and a role.

    A frame rather than a QPushButton, whose size hint ignores a two-line layout.
    It takes focus with Tab and answers Space like a button.

    Signals: ``chosen`` (the option's 0-based index).
    """

    chosen = Signal(int)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName("option")
        self.setProperty("state", "idle")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 18, 12)
        row.setSpacing(16)
        self.badge = plain_label(str(index + 1), "optionBadge", wrap=False)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFixedSize(34, 34)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.name = plain_label("", "optionName")
        self.role = plain_label("", "optionRole")
        column.addWidget(self.name)
        column.addWidget(self.role)
        row.addLayout(column, 1)
        self.mark = plain_label("", "optionMark", wrap=False)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        for label in (self.badge, self.name, self.role, self.mark):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_option(self, name: str, role: str | None, quote: bool = False) -> None:
        # An Arabic or Hebrew option mirrors: its number beside its first word.
        rtl = is_rtl(name)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        self.name.setText(f"“{name}”" if quote else name)
        self.name.setProperty("quote", quote)
        self.role.setText(role or "")
        self.role.setVisible(bool(role))
        self.setAccessibleName(f"{self.index + 1}: {name}" + (f", {role}" if role else ""))
        self.set_state("idle")

    def set_state(self, state: str) -> None:
        """idle, selected, right, wrong or dim: the stylesheet colours each."""
        self.setProperty("state", state)
        self.mark.setText({"right": "✓", "wrong": "✗"}.get(state, ""))
        restyle(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.index)
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            self.chosen.emit(self.index)
            event.accept()
            return
        super().keyPressEvent(event)


class MissedRow(QFrame):
    """One missed question on the end screen: what was asked and the right answer."""

    def __init__(self, kind: str, subject: str, answer: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("missedRow")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 10, 16, 12)
        column.setSpacing(3)
        column.addWidget(plain_label(kind.upper(), "missedKind", wrap=False))
        column.addWidget(plain_label(subject, "missedSubject"))
        column.addWidget(plain_label(f"→ {answer}", "missedAnswer"))


def quiz_stylesheet(t: Theme) -> str:
    """The whole view's look, from the shared theme plus the quiz's green and red tints."""
    ok, ok_tint = SUCCESS[t.name], SUCCESS_TINT[t.name]
    bad, bad_tint = t.danger, DANGER_TINT[t.name]
    chips = "\n".join(
        f'QLabel#kindChip[kind="{kind}"] {{ background: {t.category_tints[category]};'
        f" color: {t.category_colors[category]}; }}"
        for kind, category in CHIP_CATEGORY.items()
    )
    return render_stylesheet(
        "quiz", t, ok=ok, ok_tint=ok_tint, bad=bad, bad_tint=bad_tint, chips=chips
    )
