"""The quiz view's building blocks: option cards, missed-item rows, the stylesheet.

Kept apart from ``quiz_view`` so the view holds only the quiz's flow. All pack
text goes into plain-text labels: a quote containing ``<b>`` is shown as typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...core.cards import Category
from ...paint.theme import Theme

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
    sans = ", ".join(f'"{f}"' for f in t.sans)
    chips = "\n".join(
        f'QLabel#kindChip[kind="{kind}"] {{ background: {t.category_tints[category]};'
        f" color: {t.category_colors[category]}; }}"
        for kind, category in CHIP_CATEGORY.items()
    )
    serif = ", ".join(f'"{f}"' for f in t.serif)
    return f"""
QuizView, QWidget#quizPage {{ background: {t.background}; color: {t.text}; }}
QWidget {{ font-family: {sans}; }}
QLabel {{ color: {t.text}; background: transparent; }}
QLabel#eyebrow {{ color: {t.accent}; font-size: 12px; font-weight: 700; letter-spacing: 2px; }}
QLabel#title {{ font-size: 34px; font-weight: 700; }}
QLabel#subtitle {{ color: {t.muted}; font-size: 15px; }}
QLabel#section {{
    color: {t.muted}; font-size: 12px; font-weight: 700; letter-spacing: 1.5px;
    padding-top: 6px;
}}
QLabel#reason {{ color: {t.muted}; font-size: 13px; font-style: italic; padding-left: 30px; }}
QLabel#hint {{ color: {t.muted}; font-size: 13px; }}
QLabel#problem {{ color: {bad}; font-size: 15px; }}
QFrame#panel {{
    background: {t.surface}; border: 1px solid {t.border}; border-radius: 16px;
}}
QCheckBox, QRadioButton {{ color: {t.text}; font-size: 16px; spacing: 10px; padding: 4px 0; }}
QCheckBox:disabled, QRadioButton:disabled {{ color: {t.muted}; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 16px; height: 16px; border: 2px solid {t.muted}; background: {t.surface};
}}
QCheckBox::indicator {{ border-radius: 5px; }}
QRadioButton::indicator {{ border-radius: 10px; }}
QCheckBox::indicator:checked {{ background: {t.accent}; border-color: {t.accent}; }}
QRadioButton::indicator:checked {{
    background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
        stop:0 {t.accent}, stop:0.45 {t.accent}, stop:0.55 {t.surface}, stop:1 {t.surface});
    border-color: {t.accent};
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
    border-color: {t.border}; background: {t.surface_alt};
}}
QRadioButton::indicator:checked:disabled {{
    background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
        stop:0 {t.border}, stop:0.45 {t.border}, stop:0.55 {t.surface_alt},
        stop:1 {t.surface_alt});
}}
QCheckBox:focus, QRadioButton:focus {{ color: {t.accent}; }}
QPushButton#step {{
    padding: 4px 0; min-width: 34px; max-width: 34px; font-size: 18px; border-radius: 8px;
}}
QSpinBox {{
    background: {t.surface_alt}; color: {t.text}; border: 1px solid {t.border};
    border-radius: 8px; padding: 6px 0; font-size: 16px; min-width: 150px;
}}
QSpinBox::up-button, QSpinBox::down-button {{ width: 0; border: none; }}
QSpinBox:focus, QLineEdit:focus {{ border-color: {t.accent}; }}
QPushButton {{
    background: {t.surface}; color: {t.text}; border: 1px solid {t.border};
    border-radius: 10px; padding: 10px 20px; font-size: 15px; font-weight: 600;
}}
QPushButton:hover {{ border-color: {t.accent}; }}
QPushButton:focus {{ border: 2px solid {t.accent}; }}
QPushButton:disabled {{ color: {t.muted}; background: {t.surface_alt}; }}
QPushButton#primary {{ background: {t.accent}; color: {t.surface}; border-color: {t.accent}; }}
QPushButton#primary:focus {{ border: 2px solid {t.text}; }}
QPushButton#primary:disabled {{
    background: {t.surface_alt}; color: {t.muted}; border-color: {t.border};
}}
QLabel#kindChip {{
    border-radius: 12px; padding: 5px 14px; font-size: 12px; font-weight: 700;
    letter-spacing: 1.5px;
}}
{chips}
QLabel#score {{ color: {t.muted}; font-size: 15px; font-weight: 600; }}
QProgressBar {{
    background: {t.border}; border: none; border-radius: 2px; max-height: 4px;
}}
QProgressBar::chunk {{ background: {t.accent}; border-radius: 2px; }}
QLabel#prompt {{ color: {t.muted}; font-size: 16px; font-weight: 600; }}
QLabel#subject {{ font-family: {serif}; font-size: 32px; color: {t.text}; }}
QLabel#subject[length="medium"] {{ font-size: 25px; }}
QLabel#subject[length="long"] {{ font-size: 19px; }}
QLabel#subjectNote {{ color: {t.muted}; font-size: 14px; }}
QFrame#option {{
    background: {t.surface}; border: 1px solid {t.border}; border-radius: 12px;
}}
QFrame#option:hover {{ border-color: {t.accent}; }}
QFrame#option:focus {{ border: 2px solid {t.accent}; }}
QFrame#option[state="selected"] {{ border: 2px solid {t.accent}; background: {t.surface_alt}; }}
QFrame#option[state="right"] {{ border: 2px solid {ok}; background: {ok_tint}; }}
QFrame#option[state="wrong"] {{ border: 2px solid {bad}; background: {bad_tint}; }}
QFrame#option[state="dim"] {{ background: {t.surface_alt}; border-color: {t.border}; }}
QLabel#optionBadge {{
    background: {t.surface_alt}; color: {t.muted}; border: 1px solid {t.border};
    border-radius: 17px; font-size: 15px; font-weight: 700;
}}
QFrame#option[state="selected"] QLabel#optionBadge {{
    background: {t.accent}; color: {t.surface}; border-color: {t.accent};
}}
QFrame#option[state="right"] QLabel#optionBadge {{
    background: {ok}; color: {t.surface}; border-color: {ok};
}}
QFrame#option[state="wrong"] QLabel#optionBadge {{
    background: {bad}; color: {t.surface}; border-color: {bad};
}}
QLabel#optionName {{ font-size: 17px; font-weight: 600; }}
QLabel#optionName[quote="true"] {{ font-family: {serif}; font-weight: 400; }}
QFrame#option[state="dim"] QLabel#optionName {{ color: {t.muted}; }}
QLabel#optionRole {{ color: {t.muted}; font-size: 13px; }}
QLabel#optionMark {{ font-size: 20px; font-weight: 700; }}
QFrame#option[state="right"] QLabel#optionMark {{ color: {ok}; }}
QFrame#option[state="wrong"] QLabel#optionMark {{ color: {bad}; }}
QLineEdit#typed {{
    background: {t.surface}; color: {t.text}; border: 2px solid {t.border};
    border-radius: 12px; padding: 12px 16px; font-size: 20px;
    selection-background-color: {t.accent};
}}
QLineEdit#typed[state="right"] {{ border-color: {ok}; background: {ok_tint}; }}
QLineEdit#typed[state="wrong"] {{ border-color: {bad}; background: {bad_tint}; }}
QFrame#feedback {{ border-radius: 14px; border: 1px solid {t.border}; }}
QFrame#feedback[verdict="right"] {{ background: {ok_tint}; border-color: {ok}; }}
QFrame#feedback[verdict="wrong"] {{ background: {bad_tint}; border-color: {bad}; }}
QLabel#verdict {{ font-size: 20px; font-weight: 700; }}
QFrame#feedback[verdict="right"] QLabel#verdict {{ color: {ok}; }}
QFrame#feedback[verdict="wrong"] QLabel#verdict {{ color: {bad}; }}
QLabel#answer {{ font-size: 17px; font-weight: 600; }}
QLabel#context {{ font-size: 14px; color: {t.text}; }}
QLabel#meta {{ font-size: 13px; color: {t.muted}; }}
QLabel#note {{ font-size: 14px; color: {t.text}; font-style: italic; }}
QLabel#bigScore {{ font-size: 72px; font-weight: 800; color: {t.text}; }}
QLabel#scoreWords {{ font-size: 20px; color: {t.muted}; }}
QScrollArea {{ background: transparent; border: none; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 4px 2px; }}
QScrollBar::handle:vertical {{ background: {t.border}; border-radius: 3px; min-height: 40px; }}
QScrollBar::handle:vertical:hover {{ background: {t.muted}; }}
QScrollBar::add-line, QScrollBar::sub-line, QScrollBar::add-page, QScrollBar::sub-page {{
    background: none; height: 0;
}}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QFrame#missedRow {{
    background: {t.surface}; border: 1px solid {t.border}; border-radius: 12px;
}}
QLabel#missedKind {{
    color: {t.muted}; font-size: 11px; font-weight: 700; letter-spacing: 1.5px;
}}
QLabel#missedSubject {{ font-family: {serif}; font-size: 17px; }}
QLabel#missedAnswer {{ color: {ok}; font-size: 14px; font-weight: 600; }}
"""
