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
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QToolBar,
    QToolButton,
    QWidget,
)

from ...core.cards import Card, Category
from ...core.deck import Deck
from ...paint.theme import Theme, system_theme_name, theme_named
from ..settings import Settings, SettingsStore
from ..stylesheet import window_stylesheet
from .actions import make_actions
from .banner import ErrorBanner
from .card_view import CardView
from .chrome import build_central, build_menus, build_toolbar, paint_chip_icons
from .pack_loader import PackOpening

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

    # Widgets built by ``window_chrome``; listed here so their types are known.
    toolbar: QToolBar
    chips: dict[Category | None, QToolButton]
    chip_group: QButtonGroup
    search: QLineEdit
    prev_button: QPushButton
    next_button: QPushButton
    position_label: QLabel
    hint_label: QLabel
    recent_menu: QMenu
    theme_actions: dict[str, QAction]
    _split: QSplitter
    _toolbar_tail: QAction
    _wide_only: list[QAction]

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

        self.card_view = CardView(
            self._theme, self.settings.text_scale, self.settings.reduce_motion
        )
        self.card_view.set_message(
            "No pack open", "Open a pack with Ctrl+O, or drop a .json file or folder here."
        )
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
        build_toolbar(self)
        build_central(self)
        build_menus(self)
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
            paint_chip_icons(self)

    def finish_chrome(self) -> None:
        """Details the first frame can do without (chip icons); called after it is painted."""
        if not self._chrome_ready:
            self._chrome_ready = True
            paint_chip_icons(self)
            _ = self.library

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
            self.card_view.set_message(
                "No cards match", "Try another search or category (Esc clears the search)."
            )
        self.card_view.set_card(card, face)
        self._refresh_controls()

    def _refresh_controls(self) -> None:
        deck = self.deck
        if self._pending is not None and self._loaded is None and deck.total:
            self.position_label.setText("Checking the pack\u2026")
        else:
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
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
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
