"""Opening packs in the main window: paths, dialogs, drops, recent packs, reload on change.

A mixin for ``MainWindow`` so loading rules sit apart from layout. Rules:
a failed open shows the located problems in the banner and leaves the pack
that was open usable; an invalid pack stays listed in the library, marked.
At start-up the title card is painted from the raw JSON and the full
validation (pydantic) runs right after the first paint.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QFileSystemWatcher, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent

from ...core.deck import Deck
from ...core.discovery import find_packs, is_pack_folder
from ...core.errors import PackError
from ...core.quick_pack import (
    PackSummary,
    pack_file,
    quick_summary,
    quick_title_card,
    read_raw,
    summary_from_raw,
)

if TYPE_CHECKING:
    import random

    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLineEdit, QMenu, QToolButton, QWidget

    from ...core.cards import Category
    from ...core.loaded_pack import LoadedPack
    from ...core.models import Pack
    from ..settings import Settings
    from .banner import ErrorBanner
    from .card_view import CardView
    from .library_panel import LibraryPanel

RELOAD_DELAY_MS = 200


def _dropped_path(event: QDropEvent) -> Path | None:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_dir() or path.suffix.lower() == ".json":
                return path
    return None


class PackOpening:
    """Loading behaviour of the main window (mixed into ``MainWindow``)."""

    _loaded: LoadedPack | None
    _pending: Path | None
    if TYPE_CHECKING:  # provided by MainWindow
        card_view: CardView

        @property
        def library(self) -> LibraryPanel: ...

        banner: ErrorBanner
        deck: Deck
        settings: Settings
        search: QLineEdit
        chips: dict[Category | None, QToolButton]
        study_actions: dict[str, QAction]
        recent_menu: QMenu
        pack_opened: SignalInstance
        _rng: random.Random

        def show_current(self, face: str = "front") -> None: ...
        def save_settings(self) -> None: ...
        def finish_chrome(self) -> None: ...
        def setWindowTitle(self, title: str) -> None: ...

    def init_loading(self, validate_after_paint: bool) -> None:
        self._loaded = None
        self._pending = None
        self._validate_after_paint = validate_after_paint
        self._to_validate: list[Path] = []
        self._deferred_library: tuple[Path, list[Path], PackSummary] | None = None
        self._watcher = QFileSystemWatcher(self._as_widget())
        self._reload_timer: QTimer
        self._watcher.fileChanged.connect(lambda _p: self._reload_timer.start())
        self._reload_timer = QTimer(self._as_widget())
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_from_disk)
        self._validate_timer = QTimer(self._as_widget())
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(0)
        self._validate_timer.timeout.connect(self._validate_next)
        self.card_view.first_painted.connect(lambda: QTimer.singleShot(0, self._after_first_paint))
        self._rebuild_recent()

    def _as_widget(self) -> QWidget:
        return cast("QWidget", self)

    # --- public --------------------------------------------------------------------

    def current_pack(self) -> Pack | None:
        """The validated pack shown (None before validation finishes or if none is open)."""
        return self._loaded.pack if self._loaded else None

    def loaded_pack(self) -> LoadedPack | None:
        return self._loaded

    def open_path(
        self, path: str | Path, *, fast: bool = False, from_library: bool = False
    ) -> bool:
        """Open a pack file, a pack folder or a folder of packs; False (and a message) if not.

        ``fast`` paints the title card from the raw JSON and validates after the
        first paint (start-up); otherwise the pack is validated before it replaces
        the one shown, so a bad file never takes away a good pack.
        """
        p = Path(path).expanduser()
        if not p.exists():
            self.show_error(f"Could not open {p.name or p}", ["no such file or folder"])
            return False
        folder_of_packs = p.is_dir() and not is_pack_folder(p)
        if from_library:
            targets = [p]
        elif folder_of_packs:
            targets = find_packs(p)
            if not targets:
                self.show_error(
                    f"No packs in {p.name}",
                    ["this folder holds no packs (no pack.json, no *.json files)"],
                )
                return False
        else:
            targets = [p]
        if fast and self._loaded is None and not from_library:
            # Read only the pack to show; the other library lines wait for the first frame.
            for target in targets:
                try:
                    raw = read_raw(target)
                except ValueError:
                    continue
                self._deferred_library = (p, targets, summary_from_raw(target, raw))
                self._pending = target
                self.deck = Deck([quick_title_card(raw)], self._rng)
                self.setWindowTitle(f"{raw.get('title', target.name)} \u2014 Briefing App")
                self.show_current()
                self._remember(p)
                return True
        summaries = None if from_library else [quick_summary(t) for t in targets]
        from ...core.loaded_pack import load_full

        first_error: PackError | None = None
        for target in targets:
            result = load_full(target)
            if isinstance(result, PackError):
                first_error = first_error or result
                self._mark(summaries, target, result)
                continue
            if not from_library:
                self._set_library(p, summaries)
            self.library.update_pack(result.summary)
            self._show_loaded(result)
            if not from_library:
                self._remember(p)
            self._queue_validation()
            return True
        assert first_error is not None
        if from_library:
            self.library.update_pack(self._invalid_summary(targets[0], first_error))
        elif folder_of_packs:
            self._set_library(p, summaries)
            self._queue_validation()
        name = Path(first_error.path or targets[0]).name
        self.show_error(f"Could not open {name}", [str(x) for x in first_error.problems])
        if self._loaded is not None:
            self.library.select_path(self._loaded.path)
        return False

    def reload(self) -> bool:
        """Load the shown pack again from disk, keeping the current card and view."""
        loaded = self._loaded
        if loaded is None:
            return self.open_path(self._pending) if self._pending else False
        from ...core.loaded_pack import load_full

        result = load_full(loaded.path)
        self._watch(loaded.path)
        if isinstance(result, PackError):
            self.library.update_pack(self._invalid_summary(loaded.path, result))
            self.show_error(
                f"{loaded.path.name} changed and now has problems; still showing the last good "
                "version",
                [str(x) for x in result.problems],
            )
            return False
        face = self.card_view.face()
        before = self.deck.current
        self._loaded = result
        self.deck.replace_cards(result.cards)
        after = self.deck.current
        same = before is not None and after is not None and before.id == after.id
        self.banner.hide()
        self.library.update_pack(result.summary)
        self.setWindowTitle(f"{result.pack.title} \u2014 Briefing App")
        self.show_current(face if same else "front")
        self.pack_opened.emit(result)
        return True

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self._as_widget(), "Open a briefing pack", "", "Briefing packs (*.json);;All files (*)"
        )
        if path:
            self.open_path(path)

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path = QFileDialog.getExistingDirectory(
            self._as_widget(), "Open a pack folder or a folder of packs"
        )
        if path:
            self.open_path(path)

    def show_error(self, title: str, problems: list[str]) -> None:
        self.banner.show_problems(title, problems)

    # --- internals ------------------------------------------------------------------

    def _after_first_paint(self) -> None:
        """Fill in what the first frame did not need: library entries, then validation."""
        self.finish_chrome()
        if self._deferred_library is not None:
            root, targets, known = self._deferred_library
            self._deferred_library = None
            self._set_library(
                root, [known if t == known.path else quick_summary(t) for t in targets]
            )
        if self._validate_after_paint and self._pending is not None:
            self._finish_fast_open()

    def _finish_fast_open(self) -> None:
        target, self._pending = self._pending, None
        if target is None or self._loaded is not None:
            return
        from ...core.loaded_pack import load_full

        result = load_full(target)
        if isinstance(result, PackError):
            self.library.update_pack(self._invalid_summary(target, result))
            for other in self._to_validate:  # a folder of packs: show the first good one
                if other != target and not isinstance(alt := load_full(other), PackError):
                    self.library.update_pack(alt.summary)
                    self._show_loaded(alt)
                    self._queue_validation()
                    return
            self.deck = Deck([], self._rng)
            self.card_view.set_message(
                "This pack has problems",
                "See the list above; fix the file and it reloads, or open another pack (Ctrl+O).",
            )
            self.show_current()
            self.show_error(f"Could not open {target.name}", [str(x) for x in result.problems])
            self._watch(target)
            self._pending = target
        else:
            self.library.update_pack(result.summary)
            self._show_loaded(result, keep_position=True)
        self._queue_validation()

    def _show_loaded(self, result: LoadedPack, keep_position: bool = False) -> None:
        keep = self.deck.current.id if keep_position and self.deck.current else None
        self._loaded = result
        self._pending = None
        self.deck = Deck(result.cards, self._rng)
        if self.study_actions["shuffle"].isChecked():
            self.study_actions["shuffle"].setChecked(False)
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.chips[None].setChecked(True)
        if keep:
            self.deck.go_to_id(keep)
        self.banner.hide()
        self.library.select_path(result.path)
        self.setWindowTitle(f"{result.pack.title} \u2014 Briefing App")
        self._watch(result.path)
        self.show_current(self.card_view.face() if keep else "front")
        self.card_view.setFocus()
        # A big pack is hundreds of thousands of long-lived objects; moving them out of
        # the collector's view keeps each card change from paying for a full GC pass.
        gc.unfreeze()  # let the previous pack's cycles be collected first
        gc.collect()
        gc.freeze()
        self.pack_opened.emit(result)

    def _watch(self, path: Path) -> None:
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
        target = pack_file(path)
        if target.exists():
            self._watcher.addPath(str(target))

    def _reload_from_disk(self) -> None:
        if self._loaded is not None:
            self.reload()
        elif self._pending is not None:
            target = self._pending
            self._pending = None
            if not self.open_path(target):
                self._pending = target
                self._watch(target)

    def _set_library(self, root: Path, summaries: list[PackSummary] | None) -> None:
        if summaries is None:
            return
        label = root.name or str(root)
        self.library.set_packs(label, summaries)
        self._to_validate = [s.path for s in summaries]

    def _queue_validation(self) -> None:
        if self._to_validate:
            self._validate_timer.start()

    def _validate_next(self) -> None:
        if not self._to_validate:
            return
        path = self._to_validate.pop(0)
        if self._loaded is not None and Path(path) == self._loaded.path:
            self.library.update_pack(self._loaded.summary)
        else:
            from ...core.loaded_pack import load_full

            result = load_full(path)
            if isinstance(result, PackError):
                self.library.update_pack(self._invalid_summary(path, result))
            else:
                self.library.update_pack(result.summary)
        if self._to_validate:
            self._validate_timer.start()

    def _invalid_summary(self, path: Path, error: PackError) -> PackSummary:
        summary = quick_summary(path)
        summary.problem = str(error.problems[0])
        summary.validated = True
        return summary

    def _mark(self, summaries: list[PackSummary] | None, path: Path, error: PackError) -> None:
        for i, s in enumerate(summaries or []):
            if s.path == path:
                summaries[i] = self._invalid_summary(path, error)  # type: ignore[index]

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(str(path.resolve()))
        self.save_settings()
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        for entry in self.settings.recent:
            action = menu.addAction(entry.replace("&", "&&"))  # a literal '&', no mnemonic
            action.triggered.connect(lambda _c=False, e=entry: self.open_path(e))
        menu.setEnabled(bool(self.settings.recent))

    # --- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent | QDragMoveEvent) -> None:
        if _dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(path)
