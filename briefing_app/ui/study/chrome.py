"""The study window's chrome: toolbar, navigation row, central layout and menus.

Builders that make widgets and return them in small records; the window keeps
the records and wires behaviour. Nothing here touches the window's fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from ...core.cards import STUDY_CATEGORIES, Category
from ...paint.theme import Theme, icon_image
from ..settings import ThemeChoice
from ..widgets.keyboard import keyboard_button
from .actions import ACTION_SPECS

CHIP_ICON_PX = 32


@dataclass
class StudyToolbar:
    """Open, the category chips with their counts, search, Shuffle."""

    bar: QToolBar
    chips: dict[Category | None, QToolButton]
    chip_group: QButtonGroup  # keeps the chips exclusive; owned by the window
    search: QLineEdit
    tail: QAction  # actions other views add go before this one
    # Open and Shuffle: also in the menus and on keys, so they step aside first when
    # the chips (with five-digit counts) and the search need the room.
    # Each group leaves as one, the first first.
    secondary: tuple[tuple[QAction, ...], ...] = ()


@dataclass
class NavRow:
    """The row under the card: previous/next, the position, study mode buttons, a hint."""

    widget: QWidget
    layout: QHBoxLayout
    prev_button: QPushButton
    next_button: QPushButton
    position_label: QLabel
    hint_label: QLabel
    more_button: QToolButton
    more_menu: QMenu


@dataclass
class Menus:
    """The menu bar's menus by key, Open Recent and the theme choices."""

    by_name: dict[str, QMenu]
    recent: QMenu
    theme_actions: dict[ThemeChoice, QAction] = field(default_factory=dict)


def build_toolbar(
    actions: dict[str, QAction],
    on_category: Callable[[Category | None], None],
    owner: QObject,
    bar: QToolBar | None = None,
) -> StudyToolbar:
    """The study toolbar (filling ``bar`` if given); chips call ``on_category``."""
    bar = bar if bar is not None else QToolBar("Study")
    bar.setObjectName("studyToolbar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)
    open_button = QToolButton()
    # The short label lives on the action: a button with a default action takes its text
    # back from the action whenever the action changes (the quiz disables it, then not).
    actions["open"].setIconText("Open")
    open_button.setDefaultAction(actions["open"])
    keyboard_button(open_button, "Open a pack")
    open_slot = bar.addWidget(open_button)
    open_rule = bar.addSeparator()
    group = QButtonGroup(owner)
    group.setExclusive(True)
    chips: dict[Category | None, QToolButton] = {}
    # Room for the category icons, painted after the first frame (``paint_chip_icons``),
    # so the toolbar does not grow then.
    blank = QPixmap(CHIP_ICON_PX, CHIP_ICON_PX)
    blank.fill(Qt.GlobalColor.transparent)
    for cat in (None, *STUDY_CATEGORIES):
        chip = QToolButton()
        chip.setObjectName(f"chip_{cat.value if cat else 'all'}")
        chip.setProperty("chip", True)
        chip.setCheckable(True)
        keyboard_button(chip)
        chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        chip.setIcon(QIcon(blank))
        chip.clicked.connect(lambda _c=False, c=cat: on_category(c))
        group.addButton(chip)
        chips[cat] = chip
        bar.addWidget(chip)
    chips[None].setChecked(True)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    search = QLineEdit()
    search.setObjectName("search")
    search.setPlaceholderText("Search cards  (Ctrl+F)")
    search.setClearButtonEnabled(True)
    search.setAccessibleName("Search cards")
    bar.addWidget(search)
    shuffle = QToolButton()
    shuffle.setDefaultAction(actions["shuffle"])
    keyboard_button(shuffle, "Shuffle the cards")
    shuffle_slot = bar.addWidget(shuffle)
    return StudyToolbar(
        bar, chips, group, search, shuffle_slot, ((shuffle_slot,), (open_slot, open_rule))
    )


def build_nav_row(actions: dict[str, QAction]) -> NavRow:
    """Previous and next buttons around the position, the hint at the right."""
    nav = QWidget()
    nav.setObjectName("navBar")
    row = QHBoxLayout(nav)
    row.setContentsMargins(28, 4, 28, 14)
    prev_button = QPushButton("\u2039")
    next_button = QPushButton("\u203a")
    for b, name, tip in (
        (prev_button, "previous", "Previous card (Left)"),
        (next_button, "next", "Next card (Right)"),
    ):
        b.setObjectName("navButton")
        b.setToolTip(tip)
        b.setAccessibleName(tip.split(" (")[0])
        keyboard_button(b)
        b.clicked.connect(actions[name].trigger)
    position = QLabel()
    position.setObjectName("position")
    position.setTextFormat(Qt.TextFormat.PlainText)
    hint = QLabel("Space or click to flip  \u00b7  \u2190 \u2192 to move  \u00b7  F1 for shortcuts")
    hint.setObjectName("hint")
    hint.setTextFormat(Qt.TextFormat.PlainText)
    row.addWidget(prev_button)
    row.addSpacing(10)
    row.addWidget(position)
    row.addSpacing(10)
    row.addWidget(next_button)
    row.addStretch(1)
    more = QToolButton()
    more.setObjectName("modeButton")
    more.setText("More \u25be")
    more.setToolTip("Due now, Quiz, Present, Statistics")
    more.setAccessibleName("More study modes")
    more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    keyboard_button(more)
    menu = QMenu(more)
    more.setMenu(menu)
    more.hide()
    row.addWidget(more)
    row.addSpacing(6)
    row.addWidget(hint)
    return NavRow(nav, row, prev_button, next_button, position, hint, more, menu)


def build_menus(
    menubar: QMenuBar,
    actions: dict[str, QAction],
    theme_choice: ThemeChoice,
    on_theme: Callable[[ThemeChoice], None],
    owner: QObject,
) -> Menus:
    """File, Go, View and Help menus from the action specs, plus the theme choice."""
    titles = {"file": "&File", "edit": "&Edit", "go": "&Go", "view": "&View", "help": "&Help"}
    by_name = {key: menubar.addMenu(title) for key, title in titles.items()}
    recent = QMenu("Open &Recent", menubar)
    for name, (_t, _k, menu) in ACTION_SPECS.items():
        target = "go" if menu == "filter" else menu
        if name == "quit":
            by_name["file"].addMenu(recent)
            by_name["file"].addSeparator()
        if name == "filter_all":
            by_name["go"].addSeparator()
        by_name[target].addAction(actions[name])
    menus = Menus(by_name, recent)
    theme_menu = by_name["view"].addMenu("T&heme")
    group = QActionGroup(owner)
    for choice, label in (
        (ThemeChoice.SYSTEM, "Follow the system"),
        (ThemeChoice.LIGHT, "Light"),
        (ThemeChoice.DARK, "Dark"),
    ):
        a = theme_menu.addAction(label)
        a.setCheckable(True)
        a.setChecked(theme_choice == choice)
        a.triggered.connect(lambda _c=False, ch=choice: on_theme(ch))
        group.addAction(a)
        menus.theme_actions[choice] = a
    return menus


def paint_chip_icons(chips: dict[Category | None, QToolButton], t: Theme) -> None:
    """Category icons on the chips, in the category colour (or ink when checked)."""
    for cat, chip in chips.items():
        icon = QIcon()
        key = cat or Category.TITLE
        off = t.category_colors[key] if cat else t.muted
        icon.addPixmap(
            QPixmap.fromImage(icon_image(key, off, CHIP_ICON_PX)),
            QIcon.Mode.Normal,
            QIcon.State.Off,
        )
        on = t.surface if cat is None else t.on_category
        icon.addPixmap(
            QPixmap.fromImage(icon_image(key, on, CHIP_ICON_PX)), QIcon.Mode.Normal, QIcon.State.On
        )
        chip.setIcon(icon)
