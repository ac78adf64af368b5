"""The study window: library at the side, filters and search above, the flip card in the middle.

Signals:
    pack_opened(object)   a ``LoadedPack`` was shown (open, library pick or reload)

Extension points for other views: ``current_pack()``, ``current_card()``,
``visible_cards()``, ``deck``, ``card_view`` (its ``card_flipped`` and
``card_changed`` signals), ``toolbar``, ``menu(name)`` and ``register_action``.
Loading, file watching and drag and drop live in ``PackOpening`` (a mixin in
``window_loading.py``) so this file stays about layout and navigation.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.cards import STUDY_CATEGORIES, Card, Category
from ..core.deck import Deck
from .actions import ACTION_SPECS, make_actions
from .banner import ErrorBanner
from .card_view import CardView
from .settings import Settings, SettingsStore
from .stylesheet import window_stylesheet
from .theme import Theme, icon_image, system_theme_name, theme_named
from .window_loading import PackOpening

if TYPE_CHECKING:
    from .help_overlay import HelpOverlay
    from .library_panel import LibraryPanel

PLURALS = {
    None: "All",
    Category.ACTOR: "Actors",
    Category.QUOTE: "Quotes",
    Category.MEASURE: "Measures",
    Category.IMPLICATION: "Implications",
}
SEARCH_DELAY_MS = 150
COMPACT_WIDTH = 1100  # below this, chips show only icon and count


class MainWindow(PackOpening, QMainWindow):
    """The main window; pass settings (and a store to persist them) in."""

    pack_opened = Signal(object)

    def __init__(
        self,
        settings: Settings | None = None,
        store: SettingsStore | None = None,
        *,
        validate_after_paint: bool = True,
        rng: random.Random | None = None,
        parent: QWidget | None = None,
    ) -> None:
        QMainWindow.__init__(self, parent)
        self.settings = settings or Settings()
        self._store = store
        self._rng = rng or random.Random()
        self.deck = Deck([], self._rng)
        self._theme = self._resolve_theme()
        self.setWindowTitle("Briefing App")
        self.resize(1280, 800)
        self.setMinimumSize(720, 480)

        self.card_view = CardView(self._theme, self.settings.text_scale,
                                  self.settings.reduce_motion)
        self.card_view.set_message("No pack open",
                                   "Open a pack with Ctrl+O, or drop a .json file or folder here.")
        # The library panel and help overlay are built after the first frame (start-up
        # time); until then an empty panel of the same look holds the library's place.
        self._library: LibraryPanel | None = None
        self._library_slot = QWidget()
        self._library_slot.setObjectName("library")
        self._library_slot.setMinimumWidth(220)
        self._help: HelpOverlay | None = None
        self.banner = ErrorBanner()
        self.study_actions = make_actions(self, self._handlers())
        self._extra_actions: list[QAction] = []
        self._menus: dict[str, QMenu] = {}
        self._build_toolbar()
        self._build_central()
        self._build_menus()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.study_actions["show_library"].setChecked(self.settings.show_library)
        self.study_actions["reduce_motion"].setChecked(self.settings.reduce_motion)
        self._library_slot.setVisible(self.settings.show_library)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply_theme())
        self.setAcceptDrops(True)
        self._chrome_ready = False
        self.init_loading(validate_after_paint)
        self.apply_theme()
        self._refresh_controls()

    # --- public API -----------------------------------------------------------------

    def current_card(self) -> Card | None:
        return self.deck.current

    def visible_cards(self) -> list[Card]:
        return self.deck.visible

    def theme(self) -> Theme:
        return self._theme

    def menu(self, name: str) -> QMenu:
        """The ``file``, ``go``, ``view`` or ``help`` menu, to add entries to."""
        return self._menus[name]

    def register_action(self, action: QAction, menu: str = "go", toolbar: bool = False) -> None:
        """Add another view's action: its shortcut works and the help overlay lists it."""
        self.addAction(action)
        self._extra_actions.append(action)
        if menu in self._menus:
            self._menus[menu].addAction(action)
        if toolbar:
            self.toolbar.insertAction(self._toolbar_tail, action)

    def all_actions(self) -> list[QAction]:
        return list(self.study_actions.values()) + self._extra_actions

    @property
    def library(self) -> LibraryPanel:
        """The side list of packs (built on first use)."""
        if self._library is None:
            from .library_panel import LibraryPanel

            panel = LibraryPanel(self._theme)
            panel.pack_chosen.connect(lambda path: self.open_path(path, from_library=True))
            panel.setVisible(self.settings.show_library)
            self._split.replaceWidget(0, panel)
            self._library_slot.deleteLater()
            self._library = panel
        return self._library

    @property
    def help_overlay(self) -> HelpOverlay:
        """The shortcut sheet (built on first use)."""
        if self._help is None:
            from .help_overlay import HelpOverlay

            self._help = HelpOverlay(self._theme, self)
        return self._help

    def _help_shown(self) -> bool:
        return self._help is not None and self._help.isVisible()

    def show_help(self) -> None:
        if self._help_shown():
            self.help_overlay.hide()
            self.card_view.setFocus()
        else:
            self.help_overlay.show_for(self.all_actions())

    # --- building ---------------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[[], None]]:
        return {
            "open": self.choose_file,
            "open_folder": self.choose_folder,
            "reload": self._reload_action,
            "quit": self._quit_action,
            "flip": self._guard(self.card_view.flip),
            "next": self._guard(lambda: self._move(self.deck.next)),
            "previous": self._guard(lambda: self._move(self.deck.previous)),
            "first": self._guard(lambda: self._move(self.deck.first)),
            "last": self._guard(lambda: self._move(self.deck.last)),
            "shuffle": self._toggle_shuffle,
            "search": self._focus_search,
            "filter_all": lambda: self.set_category(None),
            "filter_actor": lambda: self.set_category(Category.ACTOR),
            "filter_quote": lambda: self.set_category(Category.QUOTE),
            "filter_measure": lambda: self.set_category(Category.MEASURE),
            "filter_implication": lambda: self.set_category(Category.IMPLICATION),
            "zoom_in": lambda: self._scale_text(1.1),
            "zoom_out": lambda: self._scale_text(1 / 1.1),
            "zoom_reset": lambda: self._scale_text(0),
            "toggle_theme": self._toggle_theme,
            "show_library": self._toggle_library,
            "reduce_motion": self._toggle_motion,
            "help": self.show_help,
        }

    def _reload_action(self) -> None:
        self.reload()

    def _quit_action(self) -> None:
        self.close()

    def _guard(self, fn: Callable[[], object]) -> Callable[[], None]:
        """Keys close the help overlay first instead of acting behind it."""

        def run() -> None:
            if self._help_shown():
                self.help_overlay.hide()
                return
            fn()

        return run

    def _build_toolbar(self) -> None:
        bar = QToolBar("Study")
        bar.setObjectName("studyToolbar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setEnabled(False)
        self.toolbar = bar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        open_button = QToolButton()
        open_button.setDefaultAction(self.study_actions["open"])
        open_button.setText("Open")
        open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._wide_only = [bar.addWidget(open_button), bar.addSeparator()]
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        self.chips: dict[Category | None, QToolButton] = {}
        for cat in (None, *STUDY_CATEGORIES):
            chip = QToolButton()
            chip.setObjectName(f"chip_{cat.value if cat else 'all'}")
            chip.setProperty("chip", True)
            chip.setCheckable(True)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.clicked.connect(lambda _c=False, c=cat: self.set_category(c))
            self.chip_group.addButton(chip)
            self.chips[cat] = chip
            bar.addWidget(chip)
        self.chips[None].setChecked(True)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search cards  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        bar.addWidget(self.search)
        bar.addAction(self.study_actions["shuffle"])
        self._toolbar_tail = self.study_actions["shuffle"]

    def _build_central(self) -> None:
        right = QWidget()
        right.setObjectName("central")
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        banner_box = QHBoxLayout()
        banner_box.setContentsMargins(24, 12, 24, 0)
        banner_box.addWidget(self.banner)
        col.addLayout(banner_box)
        col.addWidget(self.card_view, 1)
        nav = QWidget()
        nav.setObjectName("navBar")
        row = QHBoxLayout(nav)
        row.setContentsMargins(28, 4, 28, 14)
        self.prev_button = QPushButton("\u2039")
        self.next_button = QPushButton("\u203a")
        for b, name, tip in ((self.prev_button, "previous", "Previous card (Left)"),
                             (self.next_button, "next", "Next card (Right)")):
            b.setObjectName("navButton")
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(self.study_actions[name].trigger)
        self.position_label = QLabel()
        self.position_label.setObjectName("position")
        self.position_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label = QLabel(
            "Space or click to flip  \u00b7  \u2190 \u2192 to move  \u00b7  F1 for shortcuts"
        )
        self.hint_label.setObjectName("hint")
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.prev_button)
        row.addSpacing(10)
        row.addWidget(self.position_label)
        row.addSpacing(10)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.hint_label)
        col.addWidget(nav)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self._library_slot)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([280, 1000])
        self._split = split
        self.setCentralWidget(split)
        self.card_view.setFocus()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        titles = {"file": "&File", "go": "&Go", "view": "&View", "help": "&Help"}
        for key, title in titles.items():
            self._menus[key] = bar.addMenu(title)
        self.recent_menu = QMenu("Open &Recent", self)
        for name, (_t, _k, menu) in ACTION_SPECS.items():
            target = "go" if menu == "filter" else menu
            if name == "quit":
                self._menus["file"].addMenu(self.recent_menu)
                self._menus["file"].addSeparator()
            if name == "filter_all":
                self._menus["go"].addSeparator()
            self._menus[target].addAction(self.study_actions[name])
        theme_menu = self._menus["view"].addMenu("T&heme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for choice, label in (("system", "Follow the system"), ("light", "Light"),
                              ("dark", "Dark")):
            a = theme_menu.addAction(label)
            a.setCheckable(True)
            a.setChecked(self.settings.theme == choice)
            a.triggered.connect(lambda _c=False, ch=choice: self.set_theme_choice(ch))
            group.addAction(a)
            self.theme_actions[choice] = a

    # --- theme and text size ------------------------------------------------------------

    def _resolve_theme(self) -> Theme:
        choice = self.settings.theme
        return theme_named(system_theme_name() if choice == "system" else choice)

    def set_theme_choice(self, choice: str) -> None:
        """``system``, ``light`` or ``dark``; saved in the settings."""
        self.settings.theme = choice
        if choice in getattr(self, "theme_actions", {}):
            self.theme_actions[choice].setChecked(True)
        self.apply_theme()
        self.save_settings()

    def apply_theme(self) -> None:
        self._theme = self._resolve_theme()
        t = self._theme
        self.setStyleSheet(window_stylesheet(t))
        self.card_view.set_theme(t)
        if self._library is not None:
            self._library.set_theme(t)
        if self._help is not None:
            self._help.set_theme(t)
        if self._chrome_ready:
            self._paint_chip_icons()

    def finish_chrome(self) -> None:
        """Details the first frame can do without (chip icons); called after it is painted."""
        if not self._chrome_ready:
            self._chrome_ready = True
            self._paint_chip_icons()
            _ = self.library

    def _paint_chip_icons(self) -> None:
        t = self._theme
        for cat, chip in self.chips.items():
            icon = QIcon()
            key = cat or Category.TITLE
            off = t.category_colors[key] if cat else t.muted
            icon.addPixmap(QPixmap.fromImage(icon_image(key, off, 32)), QIcon.Mode.Normal,
                           QIcon.State.Off)
            on = t.surface if cat is None else t.on_category
            icon.addPixmap(QPixmap.fromImage(icon_image(key, on, 32)), QIcon.Mode.Normal,
                           QIcon.State.On)
            chip.setIcon(icon)

    def _toggle_theme(self) -> None:
        self.set_theme_choice("light" if self._theme.is_dark else "dark")

    def _scale_text(self, factor: float) -> None:
        if factor == 0:
            self.settings.text_scale = 1.0
        else:
            self.settings.scaled(factor)
        self.card_view.set_text_scale(self.settings.text_scale)
        self.save_settings()

    def _toggle_library(self) -> None:
        self.settings.show_library = self.study_actions["show_library"].isChecked()
        (self._library or self._library_slot).setVisible(self.settings.show_library)
        self.save_settings()

    def _toggle_motion(self) -> None:
        self.settings.reduce_motion = self.study_actions["reduce_motion"].isChecked()
        self.card_view.set_reduce_motion(self.settings.reduce_motion)
        self.save_settings()

    def save_settings(self) -> None:
        if self._store is not None:
            self._store.save(self.settings)

    # --- navigation, filter, search, shuffle ----------------------------------------------

    def _move(self, step: Callable[[], bool]) -> None:
        if step():
            self.show_current()

    def show_current(self, face: str = "front") -> None:
        """Show the deck's current card and update the counter and buttons."""
        card = self.deck.current
        if card is None and self.deck.total:
            self.card_view.set_message("No cards match",
                                       "Try another search or category (Esc clears the search).")
        self.card_view.set_card(card, face)
        self._refresh_controls()

    def _refresh_controls(self) -> None:
        deck = self.deck
        self.position_label.setText(deck.position_text() if deck.total else "")
        self.prev_button.setEnabled(deck.index > 0)
        self.next_button.setEnabled(deck.index < len(deck) - 1)
        counts = deck.counts()
        compact = self.width() < COMPACT_WIDTH
        for cat, chip in self.chips.items():
            count = f"{counts.get(cat, 0):,}"
            text = count if compact and cat is not None else f"{PLURALS[cat]}  {count}"
            if chip.text() != text:
                chip.setText(text)
                chip.setToolTip(f"{PLURALS[cat]}: {count} cards")

    def set_category(self, category: Category | None) -> None:
        self.chips[category].setChecked(True)
        self.deck.set_category(category)
        self.show_current()

    def _toggle_shuffle(self) -> None:
        shuffled = self.study_actions["shuffle"].isChecked()
        if shuffled == self.deck.shuffled:
            return
        self.deck.set_shuffled(shuffled)
        if shuffled:
            self.deck.first()
        self.show_current()

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self, _text: str) -> None:
        if self.deck.total < 2000:
            self._apply_search()
        else:
            self._search_timer.start()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.deck.set_query(self.search.text())
        self.show_current()

    def eventFilter(self, watched: QObject, event: object) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) and \
                event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                self.card_view.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
                self._apply_search()
                self.card_view.setFocus()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        wide = self.width() >= COMPACT_WIDTH
        self.hint_label.setVisible(wide)
        for action in self._wide_only:
            action.setVisible(wide)
        self._refresh_controls()
        if self._help_shown():
            self.help_overlay.setGeometry(self.rect())

    def closeEvent(self, event: object) -> None:
        self.save_settings()
        super().closeEvent(event)  # type: ignore[arg-type]
