"""The study window: library at the side, filters and search above, the flip card in the middle.

Composed, not mixed in: the chrome comes from ``chrome`` builders, loading from a
``PackLoader`` the window owns, and the features that need the progress store
(``features.StudyFeatures``) attach through explicit slots: ``register_action``,
``add_mode_button``, ``add_below_card``, ``set_hint``, ``enter_view``/``leave_view``.

Signals:
    pack_opened(object)    a ``LoadedPack`` was shown (open, library pick or reload)
    theme_changed(object)  the ``Theme`` every view follows (Ctrl+T, View > Theme, the system)
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QMainWindow, QToolBar, QWidget

from ...core.cards import Card, Category
from ...core.deck import Deck
from ...paint.theme import Theme
from ..settings import Settings, SettingsStore, ThemeChoice, chosen_theme
from ..stylesheet import window_stylesheet
from .banner import ErrorBanner
from .card_view import CardView
from .central import build_central
from .pack_loader import PackLoader

if TYPE_CHECKING:
    # Only the first frame's classes load before it: these come with the chrome after.
    from PySide6.QtCore import QObject
    from PySide6.QtGui import (
        QAction,
        QCloseEvent,
        QDragEnterEvent,
        QDragMoveEvent,
        QDropEvent,
        QResizeEvent,
    )
    from PySide6.QtWidgets import (
        QLabel,
        QLineEdit,
        QMenu,
        QPushButton,
        QToolButton,
        QVBoxLayout,
    )

    from ...core.loaded_pack import LoadedPack
    from ...core.models import Pack
    from ...core.quick_pack import PackSummary
    from .chrome import Menus, NavRow, StudyToolbar
    from .features import StudyFeatures
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
COMPACT_WIDTH = 1100  # below this, chips show only icon and count (names in tooltips)
MODES_WIDTH = 1000  # below this, the mode buttons fold into one "More" menu
TITLE_SUFFIX = " \u2014 Briefing App"
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" (not exported by PySide6)


@dataclass
class WindowChrome:
    """What is built around the card: actions, toolbar, navigation row, menus."""

    actions: dict[str, QAction]
    toolbar: StudyToolbar
    nav: NavRow
    menus: Menus


def _paint_chip_icons(chips: dict[Category | None, QToolButton], theme: Theme) -> None:
    from .chrome import paint_chip_icons

    paint_chip_icons(chips, theme)


def _dropped_path(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> Path | None:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_dir() or path.suffix.lower() == ".json":
                return path
    return None


def _is_tab_stop(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _tab_stops(parent: QWidget) -> list[QWidget]:
    """The widgets inside ``parent`` that Tab stops at, in the order they were made."""
    found = [parent] if _is_tab_stop(parent) else []
    return found + [w for w in parent.findChildren(QWidget) if _is_tab_stop(w)]


class MainWindow(QMainWindow):
    """The main window; pass settings (and a store to persist them) in."""

    pack_opened = Signal(object)
    theme_changed = Signal(object)

    def __init__(
        self,
        settings: Settings | None = None,
        store: SettingsStore | None = None,
        *,
        validate_after_paint: bool = True,
        defer_chrome: bool = False,
        rng: random.Random | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``defer_chrome`` (start-up): paint the card first, in a frame of the chrome's
        remembered size, and build toolbar, menus and buttons right after."""
        super().__init__(parent)
        self.settings = settings or Settings()
        self._store = store
        self._rng = rng or random.Random()
        self.deck = Deck([], self._rng)
        self._theme = self._resolve_theme()
        self.features: StudyFeatures | None = None
        self.setWindowTitle("Briefing App")
        self.resize(1280, 800)
        self.setMinimumSize(720, 480)
        if self.settings.geometry:
            self.restoreGeometry(QByteArray(self.settings.geometry))

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
        self._extra_actions: list[QAction] = []
        self._mode_buttons: list[QToolButton] = []
        self._below_card: list[QWidget] = []
        self._parts: WindowChrome | None = None
        self._nav_slot = QWidget()
        self._nav_slot.setObjectName("navBar")
        self._split, self._column = build_central(
            self._library_slot, self.banner, self.card_view, self._nav_slot
        )
        self.setCentralWidget(self._split)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._library_slot.setVisible(self.settings.show_library)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply_theme())
        self.setAcceptDrops(True)
        self._chrome_ready = False
        self.loader = PackLoader(
            self.settings,
            self.save_settings,
            validate_after_paint=validate_after_paint,
            parent=self,
        )
        self._connect_loader()
        # After the frame is on screen: a thread started inside the paint would hold the
        # interpreter lock while Qt still has to copy the frame out.
        self.card_view.first_painted.connect(lambda: QTimer.singleShot(0, self._after_first_paint))
        self.theme_changed.connect(self._restyle)
        self._toolbar_bar = QToolBar("Study")
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self._toolbar_bar)
        heights = self.settings.chrome_heights
        if defer_chrome and all(heights):
            self._reserve(heights)
        else:
            self._chrome()
        self.apply_theme()

    def _reserve(self, heights: tuple[int, int, int]) -> None:
        """Hold the menu bar's, toolbar's and navigation row's places at their remembered
        heights, so the card does not move when they fill in after the first frame."""
        menubar, toolbar, nav = heights
        self.menuBar().setFixedHeight(menubar)
        self._toolbar_bar.setFixedHeight(toolbar)
        self._nav_slot.setFixedHeight(nav)

    def _chrome(self) -> WindowChrome:
        """The actions, toolbar, navigation row and menus (built on first need)."""
        if self._parts is None:
            self._parts = self._build_chrome()
            self._chrome_built()
        return self._parts

    def _build_chrome(self) -> WindowChrome:
        from .actions import make_actions
        from .chrome import build_menus, build_nav_row, build_toolbar

        actions = make_actions(self, self._handlers())
        menubar, bar = self.menuBar(), self._toolbar_bar
        for reserved in (menubar, bar):  # a reserved place now takes its content's size
            reserved.setMinimumHeight(0)
            reserved.setMaximumHeight(QWIDGETSIZE_MAX)
        toolbar = build_toolbar(actions, self.set_category, self, bar)
        toolbar.search.textChanged.connect(self._search_changed)
        toolbar.search.installEventFilter(self)
        nav = build_nav_row(actions)
        self._column.replaceWidget(self._nav_slot, nav.widget)
        self._nav_slot.deleteLater()
        menus = build_menus(menubar, actions, self.settings.theme, self.set_theme_choice, self)
        return WindowChrome(actions, toolbar, nav, menus)

    def _chrome_built(self) -> None:
        """Set what the chrome shows from the settings and the deck."""
        actions = self.study_actions
        for name, on in (
            ("show_library", self.settings.show_library),
            ("reduce_motion", self.settings.reduce_motion),
        ):  # shown as the window already is: no handler to run, no settings to save
            blocked = actions[name].blockSignals(True)
            actions[name].setChecked(on)
            actions[name].blockSignals(blocked)
        self._rebuild_recent(self.settings.recent)
        self._fit_width()
        self._refresh_controls()

    def chrome_heights(self) -> tuple[int, int, int]:
        """The menu bar's, toolbar's and navigation row's heights, to remember for next time."""
        parts = self._chrome()
        menubar = self.menuBar()
        # Size hints, not the current heights: a layout pass may still be pending (new
        # chip counts, say), and the window's layout gives each bar its hint.
        menubar_height = (
            menubar.heightForWidth(self.width())
            if menubar.hasHeightForWidth()
            else menubar.sizeHint().height()
        )
        return (
            menubar_height,
            parts.toolbar.bar.sizeHint().height(),
            parts.nav.widget.sizeHint().height(),
        )

    @property
    def study_actions(self) -> dict[str, QAction]:
        """The window's own actions by name (``actions.ACTION_SPECS``)."""
        return self._chrome().actions

    def _connect_loader(self) -> None:
        loader = self.loader
        loader.preview_shown.connect(self._show_preview)
        loader.pack_loaded.connect(self._show_loaded)
        loader.pack_reloaded.connect(self._show_reloaded)
        loader.load_failed.connect(self._load_failed)
        loader.preview_failed.connect(self._show_no_pack)
        loader.library_listed.connect(self._library_listed)
        loader.library_entry.connect(self._library_entry)
        loader.library_added.connect(self._library_added)
        loader.recent_changed.connect(self._rebuild_recent)

    # --- the window's surface for tests and other views -----------------------------------

    @property
    def toolbar(self) -> QToolBar:
        return self._chrome().toolbar.bar

    @property
    def chips(self) -> dict[Category | None, QToolButton]:
        return self._chrome().toolbar.chips

    @property
    def search(self) -> QLineEdit:
        return self._chrome().toolbar.search

    @property
    def position_label(self) -> QLabel:
        return self._chrome().nav.position_label

    @property
    def hint_label(self) -> QLabel:
        return self._chrome().nav.hint_label

    @property
    def prev_button(self) -> QPushButton:
        return self._chrome().nav.prev_button

    @property
    def next_button(self) -> QPushButton:
        return self._chrome().nav.next_button

    @property
    def more_button(self) -> QToolButton:
        """The "More" menu button that holds the mode buttons in a narrow window."""
        return self._chrome().nav.more_button

    @property
    def recent_menu(self) -> QMenu:
        return self._chrome().menus.recent

    @property
    def theme_actions(self) -> dict[ThemeChoice, QAction]:
        return self._chrome().menus.theme_actions

    def current_card(self) -> Card | None:
        return self.deck.current

    def current_pack(self) -> Pack | None:
        """The validated pack shown (None before validation finishes or if none is open)."""
        return self.loader.loaded.pack if self.loader.loaded else None

    def visible_cards(self) -> list[Card]:
        return self.deck.visible

    def theme(self) -> Theme:
        return self._theme

    def menu(self, name: str) -> QMenu:
        """The ``file``, ``go``, ``view`` or ``help`` menu, to add entries to."""
        return self._chrome().menus.by_name[name]

    def register_action(self, action: QAction, menu: str = "go", toolbar: bool = False) -> None:
        """Add another view's action: its shortcut works and the help overlay lists it."""
        parts = self._chrome()
        self.addAction(action)
        self._extra_actions.append(action)
        if menu in parts.menus.by_name:
            parts.menus.by_name[menu].addAction(action)
        if toolbar:
            parts.toolbar.bar.insertAction(parts.toolbar.tail, action)

    def all_actions(self) -> list[QAction]:
        return list(self.study_actions.values()) + self._extra_actions

    def add_mode_button(self, action: QAction, key: str) -> QToolButton:
        """A study mode's button in the row under the card, where the eye already is."""
        from PySide6.QtWidgets import QSizePolicy, QToolButton

        from ..widgets.keyboard import keyboard_button

        button = QToolButton()
        button.setObjectName("modeButton")
        button.setDefaultAction(action)
        button.setText(action.text().replace("&", "").rstrip("\u2026"))
        button.setToolTip(f"{button.text()} ({key})")
        keyboard_button(button, button.text())
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        nav = self._chrome().nav
        row = nav.layout
        at = row.indexOf(nav.more_button)
        row.insertWidget(at, button)
        row.insertSpacing(at + 1, 6)
        nav.more_menu.addAction(action)
        self._mode_buttons.append(button)
        self._fit_modes()
        self._set_tab_order()
        return button

    def tab_chain(self) -> list[QWidget]:
        """The keyboard's path: toolbar, chips, search, library, card, nav, modes, ratings."""
        parts = self._chrome()
        bar = parts.toolbar.bar
        head = [w for a in bar.actions() if isinstance(w := bar.widgetForAction(a), QWidget)]
        around_card: list[QWidget] = []
        if self._library is not None:
            around_card += _tab_stops(self._library)
        around_card.append(self.card_view)
        nav = [parts.nav.prev_button, parts.nav.next_button, *self._mode_buttons]
        nav.append(parts.nav.more_button)
        below = [w for extra in self._below_card for w in _tab_stops(extra)]
        chain = [w for w in head if _is_tab_stop(w)] + around_card + below + nav
        return list(dict.fromkeys(chain))

    def _set_tab_order(self) -> None:
        # Only what is in this window now: the card area is lifted out while a quiz,
        # the editor or the reader takes its place, and Qt refuses cross-window pairs.
        chain = [w for w in self.tab_chain() if w.window() is self]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _fit_modes(self) -> None:
        """Nothing disappears in a narrow window: the mode buttons fold into "More"."""
        wide = self.width() >= MODES_WIDTH
        for button in self._mode_buttons:
            button.setVisible(wide)
        self.more_button.setVisible(bool(self._mode_buttons) and not wide)

    def add_below_card(self, widget: QWidget) -> None:
        """A bar under the card, above the navigation row (the rating bar)."""
        column: QVBoxLayout = self._column
        column.insertWidget(column.indexOf(self.card_view) + 1, widget)
        column.setAlignment(widget, Qt.AlignmentFlag.AlignHCenter)
        self._below_card.append(widget)
        self._set_tab_order()

    def set_hint(self, text: str) -> None:
        self.hint_label.setText(text)

    def enter_view(self, view: QWidget) -> None:
        """Show ``view`` (the quiz) in place of the study area until ``leave_view``."""
        self._split.hide()
        self.takeCentralWidget()
        self.setCentralWidget(view)

    def leave_view(self) -> QWidget | None:
        """Put the study area back; the view that was shown, for the caller to delete."""
        view = self.takeCentralWidget()
        self.setCentralWidget(self._split)
        self._split.show()
        return view

    def attach_features(self, features: StudyFeatures) -> None:
        """The features built on the progress store (set once, right after the first paint)."""
        self.features = features

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

    # --- opening packs ------------------------------------------------------------------

    def open_path(
        self, path: str | Path, *, fast: bool = False, from_library: bool = False
    ) -> bool:
        """Open a pack file, a pack folder or a folder of packs; False (and a message) if not."""
        return self.loader.open_path(path, fast=fast, from_library=from_library)

    def reload(self) -> bool:
        """Load the shown pack again from disk, keeping the current card and view."""
        return self.loader.reload()

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, "Open a briefing pack", "", "Briefing packs (*.json);;All files (*)"
        )
        if path:
            self.open_path(path)

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path = QFileDialog.getExistingDirectory(self, "Open a pack folder or a folder of packs")
        if path:
            self.open_path(path)

    def show_error(self, title: str, problems: list[str]) -> None:
        self.banner.show_problems(title, problems)

    def _after_first_paint(self) -> None:
        self.loader.after_first_paint()
        self.finish_chrome()

    def _show_preview(self, title_card: Card, title: str) -> None:
        self.deck = Deck([title_card], self._rng)
        self.setWindowTitle(title + TITLE_SUFFIX)
        self.show_current()

    def _show_loaded(self, result: LoadedPack, keep_position: bool) -> None:
        """A pack opened: its cards, unfiltered, from the first. ``keep_position`` is the
        checked pack after its first look: the card shown stays, and a category, search
        or shuffle chosen while it was checked applies now (the banner and focus stay)."""
        keep = self.deck.current.id if keep_position and self.deck.current else None
        self.card_view.set_language(result.pack.language)
        self.deck = Deck(result.cards, self._rng)
        if keep_position:
            self._apply_view_chosen_meanwhile()
        else:
            self._reset_view_controls()
            self.banner.hide()
        moved = keep is None or self.deck.shuffled or not self.deck.go_to_id(keep)
        if self._library is not None:  # else it is listed with this pack's line just after
            self._library.update_pack(result.summary)
            self._library.select_path(result.path)
        self.setWindowTitle(result.pack.title + TITLE_SUFFIX)
        self.show_current("front" if moved else self.card_view.face())
        if not keep_position:
            self.card_view.setFocus()
        self.pack_opened.emit(result)

    def _reset_view_controls(self) -> None:
        if self.study_actions["shuffle"].isChecked():
            self.study_actions["shuffle"].setChecked(False)
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.chips[None].setChecked(True)

    def _apply_view_chosen_meanwhile(self) -> None:
        chosen = next((cat for cat, chip in self.chips.items() if chip.isChecked()), None)
        self.deck.set_category(chosen)
        if self.search.text():
            self.deck.set_query(self.search.text())
        if self.study_actions["shuffle"].isChecked():
            self.deck.set_shuffled(True)

    def _only_previewed(self) -> bool:
        """True while the deck is the first look's title card alone (the pack is checked)."""
        return self.loader.previewed is not None

    def _show_reloaded(self, result: LoadedPack) -> None:
        face = self.card_view.face()
        before = self.deck.current
        self.deck.replace_cards(result.cards)
        after = self.deck.current
        same = before is not None and after is not None and before.id == after.id
        self.banner.hide()
        self.setWindowTitle(result.pack.title + TITLE_SUFFIX)
        self.show_current(face if same else "front")
        self.pack_opened.emit(result)

    def _show_no_pack(self) -> None:
        self.deck = Deck([], self._rng)
        self.card_view.set_message(
            "This pack has problems",
            "See the list above; fix the file and it reloads, or open another pack (Ctrl+O).",
        )
        self.show_current()

    def _load_failed(self, title: str, problems: list[str]) -> None:
        self.show_error(title, problems)
        if self.loader.loaded is not None and self._library is not None:
            self._library.select_path(self.loader.loaded.path)

    def _library_entry(self, summary: PackSummary) -> None:
        self.library.update_pack(summary)

    def _library_listed(self, label: str, lines: list[PackSummary]) -> None:
        self.library.set_packs(label, lines)
        self._select_shown_pack()

    def _library_added(self, summary: PackSummary) -> None:
        self.library.add_pack(summary)
        self._select_shown_pack()

    def _select_shown_pack(self) -> None:
        """At start-up the library is listed after the checked pack is shown."""
        if self.loader.loaded is not None:
            self.library.select_path(self.loader.loaded.path)

    def _rebuild_recent(self, entries: list[str]) -> None:
        if self._parts is None:
            return  # the menu is filled from the settings when it is built
        menu = self._parts.menus.recent
        menu.clear()
        for entry in entries:
            action = menu.addAction(entry.replace("&", "&&"))  # a literal '&', no mnemonic
            action.triggered.connect(lambda _c=False, e=entry: self.open_path(e))
        menu.setEnabled(bool(entries))

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
            "page_down": self._guard(lambda: self._page(1)),
            "page_up": self._guard(lambda: self._page(-1)),
            "first": self._guard(lambda: self._move(self.deck.first)),
            "last": self._guard(lambda: self._move(self.deck.last)),
            "shuffle": self._toggle_shuffle,
            "search": self._focus_search,
            "filter_all": lambda: self.set_category(None),
            "filter_actor": lambda: self.set_category(Category.ACTOR),
            "filter_quote": lambda: self.set_category(Category.QUOTE),
            "filter_measure": lambda: self.set_category(Category.MEASURE),
            "filter_implication": lambda: self.set_category(Category.IMPLICATION),
            "zoom_in": lambda: self._scale_text(1),
            "zoom_out": lambda: self._scale_text(-1),
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
        return chosen_theme(self.settings.theme)

    def set_theme_choice(self, choice: ThemeChoice | str) -> None:
        """``system``, ``light`` or ``dark``; saved in the settings."""
        self.settings.theme = ThemeChoice(choice)
        if self.settings.theme in self.theme_actions:
            self.theme_actions[self.settings.theme].setChecked(True)
        self.apply_theme()
        self.save_settings()

    def apply_theme(self) -> None:
        """Resolve the theme and broadcast it; every view follows ``theme_changed``."""
        self._theme = self._resolve_theme()
        self.theme_changed.emit(self._theme)

    def _restyle(self, t: Theme) -> None:
        self.setStyleSheet(window_stylesheet(t))
        self.card_view.set_theme(t)
        if self._library is not None:
            self._library.set_theme(t)
        if self._help is not None:
            self._help.set_theme(t)
        if self._chrome_ready:
            _paint_chip_icons(self.chips, t)

    def finish_chrome(self) -> None:
        """What the first frame did without (menus, toolbar, chip icons), built after it;
        the library panel and the tab order wait until a pack being checked is shown."""
        if not self._chrome_ready:
            self._chrome()
            self._chrome_ready = True
            _paint_chip_icons(self.chips, self._theme)
            if self.loader.loading:
                self.loader.settled.connect(
                    self._finish_library, Qt.ConnectionType.SingleShotConnection
                )
            else:
                self._finish_library()

    def _finish_library(self) -> None:
        _ = self.library
        self._set_tab_order()

    def _toggle_theme(self) -> None:
        self.set_theme_choice(ThemeChoice.LIGHT if self._theme.is_dark else ThemeChoice.DARK)

    def _scale_text(self, steps: int) -> None:
        """Ctrl+Plus/Minus: card text in 10% steps (50–200%); Ctrl+0 back to 100%."""
        if steps == 0:
            self.settings.text_scale = 1.0
        else:
            self.settings.step_text_scale(steps)
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

    def _page(self, direction: int) -> None:
        """PageDown/PageUp (a clicker's keys): scroll a long face first, then change card."""
        if self.card_view.scroll_page(direction):
            return
        self._move(self.deck.next if direction > 0 else self.deck.previous)

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
        if self._parts is None:
            return  # the chrome is built after the first frame and refreshes then
        deck = self.deck
        if self.loader.checking and deck.total:
            self.position_label.setText("Checking the pack\u2026")
        else:
            self.position_label.setText(deck.position_text() if deck.total else "")
        self.prev_button.setEnabled(deck.index > 0)
        self.next_button.setEnabled(deck.index < len(deck) - 1)
        counts = self._counts_shown()
        compact = self.width() < COMPACT_WIDTH
        relabelled = False
        for cat, chip in self.chips.items():
            count = f"{counts.get(cat, 0):,}"
            text = count if compact and cat is not None else f"{PLURALS[cat]}  {count}"
            if chip.text() != text:
                relabelled = True
                chip.setText(text)
                chip.setToolTip(f"{PLURALS[cat]}: {count} cards")
                chip.setAccessibleName(f"{PLURALS[cat]}, {count} cards")
        if relabelled:
            self._fit_toolbar()

    def _counts_shown(self) -> dict[Category | None, int]:
        """The deck's counts; while a pack is checked, its first look's (the same numbers
        once it is valid), not the title card's lone 1 and zeros."""
        seen = self.loader.previewed
        if seen is None:
            return self.deck.counts()
        counts: dict[Category | None, int] = {None: self.deck.total + seen.card_total}
        counts |= {category: n for category, n in seen.category_counts().items()}
        return counts

    def set_category(self, category: Category | None) -> None:
        self.chips[category].setChecked(True)
        if self._only_previewed():
            return  # the chip holds the choice until the checked pack's cards arrive
        self.deck.set_category(category)
        self.show_current()

    def _toggle_shuffle(self) -> None:
        shuffled = self.study_actions["shuffle"].isChecked()
        if shuffled == self.deck.shuffled or self._only_previewed():
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
        if self._only_previewed():
            return  # applied to the checked pack's cards when they arrive
        self.deck.set_query(self.search.text())
        self.show_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self._search_key(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        """Esc clears the search, Enter or Down goes to the cards; True if handled."""
        if event.key() == Qt.Key.Key_Escape:
            self.search.clear()
            self.card_view.setFocus()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self._apply_search()
            self.card_view.setFocus()
            return True
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._parts is not None:
            self._fit_width()
            self._refresh_controls()
        if self._help_shown():
            self.help_overlay.setGeometry(self.rect())

    def _fit_width(self) -> None:
        self.hint_label.setVisible(self.width() >= COMPACT_WIDTH)
        self._fit_modes()
        self._fit_toolbar()

    def _fit_toolbar(self) -> None:
        """Open and Shuffle leave the toolbar (menus and keys keep them) when the chips and
        the search would otherwise be pushed into its overflow menu, out of Ctrl+F's reach."""
        toolbar = self._chrome().toolbar
        for group in toolbar.secondary:
            for slot in group:
                slot.setVisible(True)
        for group in toolbar.secondary:
            if toolbar.bar.sizeHint().width() <= self.width():
                break
            for slot in group:
                slot.setVisible(False)

    def remember_layout(self) -> None:
        """Save the window's place and size and its bars' heights (on close, or on quit)."""
        if not self.isVisible():  # closed already, or never shown: Qt's defaults, not ours
            return
        before = (self.settings.geometry, self.settings.chrome_heights)
        self.settings.geometry = bytes(self.saveGeometry().data())
        if self._parts is not None:  # else it never showed: the heights known stay
            self.settings.chrome_heights = self.chrome_heights()
        if (self.settings.geometry, self.settings.chrome_heights) != before:
            self.save_settings()  # every other setting is saved as it changes

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remember_layout()
        super().closeEvent(event)

    # --- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(path)
