"""Buttons that work from the keyboard even though the window owns Space, Enter and arrows.

The study window binds plain keys (Space flips, Enter answers) as window-wide
shortcuts, which would swallow the key a focused button needs. This filter
claims Space and Enter for the button that has focus, so Tab then Space (or
Enter) presses it, as everywhere else on the desktop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton

PRESS_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
ARROW_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)


class ButtonKeys(QObject):
    """Install on buttons (``keyboard_button``) to let Space and Enter press them."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QAbstractButton) or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if event.key() in ARROW_KEYS and watched.group() is not None:
            # In a group (the category chips) the arrows move between its buttons, as in a
            # radio group; Tab enters and leaves the group at its checked button.
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            return False
        if event.key() not in PRESS_KEYS:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the focused button gets the key, not the window's shortcut
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() != Qt.Key.Key_Space:
            watched.animateClick()  # Enter presses too (Space is the button's own)
            return True
        return False


_FILTER: ButtonKeys | None = None


def keyboard_button(button: QAbstractButton, name: str | None = None) -> QAbstractButton:
    """Make ``button`` a Tab stop that Space and Enter press; clicks leave focus where it was."""
    global _FILTER
    if _FILTER is None:
        _FILTER = ButtonKeys()
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.installEventFilter(_FILTER)
    if name:
        button.setAccessibleName(name)
    return button
