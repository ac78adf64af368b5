"""The window's actions: one place for names, shortcuts and menus.

Every keyboard shortcut is a ``QAction`` here, so menus, the help overlay and
tests all read the same list. Other views add theirs with
``MainWindow.register_action`` and they appear in the help overlay too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

# name: (text, shortcuts, menu)
ACTION_SPECS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "open": ("&Open Pack\u2026", ("Ctrl+O",), "file"),
    "open_folder": ("Open &Folder\u2026", ("Ctrl+Shift+O",), "file"),
    "reload": ("&Reload Pack", ("Ctrl+R",), "file"),
    "quit": ("&Quit", ("Ctrl+Q",), "file"),
    "flip": ("&Flip card", ("Space",), "go"),
    "next": ("&Next card", ("Right",), "go"),
    "previous": ("&Previous card", ("Left",), "go"),
    "page_down": ("Scroll down, or next card", ("PgDown",), "go"),
    "page_up": ("Scroll up, or previous card", ("PgUp",), "go"),
    "first": ("F&irst card", ("Home",), "go"),
    "last": ("&Last card", ("End",), "go"),
    "shuffle": ("&Shuffle", ("S",), "go"),
    "search": ("Searc&h cards", ("Ctrl+F",), "go"),
    "filter_all": ("All cards", ("Alt+0",), "filter"),
    "filter_actor": ("Actors only", ("Alt+1",), "filter"),
    "filter_quote": ("Quotes only", ("Alt+2",), "filter"),
    "filter_measure": ("Measures only", ("Alt+3",), "filter"),
    "filter_implication": ("Implications only", ("Alt+4",), "filter"),
    "zoom_in": ("&Larger text", ("Ctrl++", "Ctrl+="), "view"),
    "zoom_out": ("&Smaller text", ("Ctrl+-",), "view"),
    "zoom_reset": ("&Actual text size", ("Ctrl+0",), "view"),
    "toggle_theme": ("Switch light/dark &theme", ("Ctrl+T",), "view"),
    "show_library": ("Show &library", ("Ctrl+L",), "view"),
    "reduce_motion": ("&Reduce motion", (), "view"),
    "help": ("&Keyboard shortcuts", ("F1", "?"), "help"),
}
CHECKABLE = {"shuffle", "show_library", "reduce_motion"}


def make_actions(parent: QWidget, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    """One ``QAction`` per spec, added to ``parent`` so its shortcuts work window-wide."""
    actions: dict[str, QAction] = {}
    for name, (text, keys, _menu) in ACTION_SPECS.items():
        action = QAction(text, parent)
        action.setObjectName(f"action_{name}")
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(name in CHECKABLE)
        handler = handlers.get(name)
        if handler is not None:
            if action.isCheckable():
                action.toggled.connect(lambda _checked, h=handler: h())
            else:
                action.triggered.connect(lambda _checked=False, h=handler: h())
        parent.addAction(action)
        actions[name] = action
    return actions
