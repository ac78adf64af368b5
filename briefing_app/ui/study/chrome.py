"""Building the main window's chrome: toolbar, central layout, menus, chip icons.

Functions that take the window and attach widgets to it, so ``main_window``
keeps behaviour and this file keeps layout. Names on the window (``toolbar``,
``chips``, ``search``, ``position_label``...) are part of its public surface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.cards import STUDY_CATEGORIES, Category
from ...paint.theme import icon_image
from .actions import ACTION_SPECS

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_toolbar(w: MainWindow) -> None:
    """The study toolbar: Open, category chips with counts, search, Shuffle."""
    bar = QToolBar("Study")
    bar.setObjectName("studyToolbar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)
    w.toolbar = bar
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    open_button = QToolButton()
    # The short label lives on the action: a button with a default action takes its text
    # back from the action whenever the action changes (the quiz disables it, then not).
    w.study_actions["open"].setIconText("Open")
    open_button.setDefaultAction(w.study_actions["open"])
    open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    w._wide_only = [bar.addWidget(open_button), bar.addSeparator()]
    w.chip_group = QButtonGroup(w)
    w.chip_group.setExclusive(True)
    w.chips = {}
    for cat in (None, *STUDY_CATEGORIES):
        chip = QToolButton()
        chip.setObjectName(f"chip_{cat.value if cat else 'all'}")
        chip.setProperty("chip", True)
        chip.setCheckable(True)
        chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        chip.clicked.connect(lambda _c=False, c=cat: w.set_category(c))
        w.chip_group.addButton(chip)
        w.chips[cat] = chip
        bar.addWidget(chip)
    w.chips[None].setChecked(True)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    w.search = QLineEdit()
    w.search.setObjectName("search")
    w.search.setPlaceholderText("Search cards  (Ctrl+F)")
    w.search.setClearButtonEnabled(True)
    w.search.textChanged.connect(w._search_changed)
    w.search.installEventFilter(w)
    bar.addWidget(w.search)
    bar.addAction(w.study_actions["shuffle"])
    w._toolbar_tail = w.study_actions["shuffle"]


def build_central(w: MainWindow) -> None:
    """Library beside the card, error banner above it, navigation row below."""
    right = QWidget()
    right.setObjectName("central")
    col = QVBoxLayout(right)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(0)
    banner_box = QHBoxLayout()
    banner_box.setContentsMargins(24, 12, 24, 0)
    banner_box.addWidget(w.banner)
    col.addLayout(banner_box)
    col.addWidget(w.card_view, 1)
    nav = QWidget()
    nav.setObjectName("navBar")
    row = QHBoxLayout(nav)
    row.setContentsMargins(28, 4, 28, 14)
    w.prev_button = QPushButton("\u2039")
    w.next_button = QPushButton("\u203a")
    for b, name, tip in (
        (w.prev_button, "previous", "Previous card (Left)"),
        (w.next_button, "next", "Next card (Right)"),
    ):
        b.setObjectName("navButton")
        b.setToolTip(tip)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(w.study_actions[name].trigger)
    w.position_label = QLabel()
    w.position_label.setObjectName("position")
    w.position_label.setTextFormat(Qt.TextFormat.PlainText)
    w.hint_label = QLabel(
        "Space or click to flip  \u00b7  \u2190 \u2192 to move  \u00b7  F1 for shortcuts"
    )
    w.hint_label.setObjectName("hint")
    w.hint_label.setTextFormat(Qt.TextFormat.PlainText)
    row.addWidget(w.prev_button)
    row.addSpacing(10)
    row.addWidget(w.position_label)
    row.addSpacing(10)
    row.addWidget(w.next_button)
    row.addStretch(1)
    row.addWidget(w.hint_label)
    col.addWidget(nav)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.setChildrenCollapsible(False)
    split.addWidget(w._library_slot)
    split.addWidget(right)
    split.setStretchFactor(1, 1)
    split.setSizes([280, 1000])
    w._split = split
    w.setCentralWidget(split)
    w.card_view.setFocus()


def build_menus(w: MainWindow) -> None:
    """File, Go, View and Help menus from the action specs, plus the theme choice."""
    bar = w.menuBar()
    titles = {"file": "&File", "go": "&Go", "view": "&View", "help": "&Help"}
    for key, title in titles.items():
        w._menus[key] = bar.addMenu(title)
    w.recent_menu = QMenu("Open &Recent", w)
    for name, (_t, _k, menu) in ACTION_SPECS.items():
        target = "go" if menu == "filter" else menu
        if name == "quit":
            w._menus["file"].addMenu(w.recent_menu)
            w._menus["file"].addSeparator()
        if name == "filter_all":
            w._menus["go"].addSeparator()
        w._menus[target].addAction(w.study_actions[name])
    theme_menu = w._menus["view"].addMenu("T&heme")
    group = QActionGroup(w)
    w.theme_actions = {}
    for choice, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
        a = theme_menu.addAction(label)
        a.setCheckable(True)
        a.setChecked(w.settings.theme == choice)
        a.triggered.connect(lambda _c=False, ch=choice: w.set_theme_choice(ch))
        group.addAction(a)
        w.theme_actions[choice] = a


def paint_chip_icons(w: MainWindow) -> None:
    """Category icons on the chips, in the category colour (or ink when checked)."""
    t = w._theme
    for cat, chip in w.chips.items():
        icon = QIcon()
        key = cat or Category.TITLE
        off = t.category_colors[key] if cat else t.muted
        icon.addPixmap(
            QPixmap.fromImage(icon_image(key, off, 32)), QIcon.Mode.Normal, QIcon.State.Off
        )
        on = t.surface if cat is None else t.on_category
        icon.addPixmap(
            QPixmap.fromImage(icon_image(key, on, 32)), QIcon.Mode.Normal, QIcon.State.On
        )
        chip.setIcon(icon)
