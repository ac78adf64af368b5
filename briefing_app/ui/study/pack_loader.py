"""Opening packs for the study window: paths, folders of packs, reload on change, recent packs.

``PackLoader`` is a ``QObject`` the window owns. It decides what to load and
says what happened through signals; the window decides how to show it. Rules:
a failed open reports the located problems and leaves the pack that was open
usable; an invalid pack stays listed in the library, marked. At start-up the
title card is shown from a first look that skips the items (``preview_shown``)
and the full validation and card building run after the first paint
(``after_first_paint``) on a worker thread, so the window takes input meanwhile.
What can wait for the checked pack (the library list, the recent list) does:
the worker and the GUI thread share one interpreter lock, so anything built
meanwhile only delays the filter counts.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ...core import prefetch
from ...core.discovery import find_packs, is_pack_folder
from ...core.errors import PackError, Problem
from ...core.quick_pack import (
    PackSummary,
    pack_file,
    quick_summary,
    quick_title_card,
    read_head,
    summary_from_raw,
)
from ...log import get_logger
from ...paint.fonts import ensure_cjk_font

if TYPE_CHECKING:
    from ...core.loaded_pack import LoadedPack
    from ...core.pack import Proof
    from ..settings import Settings

logger = get_logger(__name__)
RELOAD_DELAY_MS = 200


def invalid_summary(path: Path, error: PackError) -> PackSummary:
    """The library line of a pack that failed validation: its first problem shows."""
    summary = quick_summary(path)
    summary.problem = str(error.problems[0])
    summary.validated = True
    return summary


def load_full(
    path: Path, data: bytes | None = None, proof: Proof | None = None
) -> LoadedPack | PackError:
    from ...core.loaded_pack import load_full as load

    return load(path, data, proof)


class _Relay(QObject):
    """Carries a worker thread's result to the loader on the GUI thread (queued)."""

    done = Signal(object, object)  # the path loaded, and its LoadedPack | PackError


def _load_in_background(relay: _Relay, target: Path, data: bytes | None) -> None:
    try:
        # The first look's bytes may have been checked by a helper process meanwhile.
        proof = prefetch.proven if data is not None else None
        result: LoadedPack | PackError = load_full(target, data, proof)
    except Exception as exc:  # load_full reports problems; anything else is a bug
        logger.exception("internal error while loading %s", target)
        result = PackError([Problem("", f"internal error while loading: {exc!r}")], str(target))
    finally:
        prefetch.release()  # a helper never asked (the pack failed before its checks) stops
    try:
        relay.done.emit(target, result)
    except RuntimeError:  # the window closed while the pack was loading
        logger.debug("the window closed before %s finished loading", target)


class PackLoader(QObject):
    """What the study window shows, loaded and kept up to date with the disk.

    Signals:
        preview_shown(object, str)   a title ``Card`` from the raw JSON, and the pack title
        pack_loaded(object, bool)    a validated ``LoadedPack``; True keeps the current card
        pack_reloaded(object)        the shown pack changed on disk and is still valid
        load_failed(str, list)       a heading and the problems, one line each
        preview_failed()             the previewed pack is invalid and no other one is good
        library_listed(str, list)    a folder label and its ``PackSummary`` lines
        library_entry(object)        one ``PackSummary`` checked (valid or marked invalid)
        library_added(object)        a single opened pack joins the list (under "Opened files")
        recent_changed(list)         the recent paths, newest first
        settled()                    the worker thread's check of the previewed pack is
                                     handled (shown, or reported); see ``loading``
    """

    preview_shown = Signal(object, str)
    pack_loaded = Signal(object, bool)
    pack_reloaded = Signal(object)
    load_failed = Signal(str, list)
    preview_failed = Signal()
    library_listed = Signal(str, list)
    library_entry = Signal(object)
    library_added = Signal(object)
    recent_changed = Signal(list)
    settled = Signal()

    def __init__(
        self,
        settings: Settings,
        save_settings: Callable[[], None],
        *,
        validate_after_paint: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._save_settings = save_settings
        self._validate_after_paint = validate_after_paint
        self.loaded: LoadedPack | None = None
        self.pending: Path | None = None
        self._to_validate: list[Path] = []
        self._deferred_library: tuple[Path, list[Path], PackSummary] | None = None
        self._remember_after_paint: Path | None = None
        self._first_bytes: bytes | None = None  # the first look's, for the worker
        self._previewed: PackSummary | None = None
        self._watcher = QFileSystemWatcher(self)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_from_disk)
        self._watcher.fileChanged.connect(lambda _p: self._reload_timer.start())
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(0)
        self._validate_timer.timeout.connect(self._validate_next)
        self._relay = _Relay(self)
        self._relay.done.connect(self._preview_loaded)
        self._background: Path | None = None  # the previewed pack a worker is loading

    @property
    def checking(self) -> bool:
        """True while a previewed pack waits for its validation."""
        return self.pending is not None and self.loaded is None

    @property
    def previewed(self) -> PackSummary | None:
        """The first look's line (title, items per list) while its pack is being checked."""
        return self._previewed if self.checking else None

    @property
    def loading(self) -> bool:
        """True while a worker thread checks the previewed pack (``settled`` follows)."""
        return self._background is not None

    # --- opening -----------------------------------------------------------------------

    def open_path(
        self, path: str | Path, *, fast: bool = False, from_library: bool = False
    ) -> bool:
        """Open a pack file, a pack folder or a folder of packs; False (and a signal) if not.

        ``fast`` previews the title card from the raw JSON and validates after the
        first paint (start-up); otherwise the pack is validated before it replaces
        the one shown, so a bad file never takes away a good pack.
        """
        p = Path(path).expanduser()
        if not fast:
            self._finish_first_look()  # the first pack's library list comes before this one
        targets = self._targets(p, from_library)
        if targets is None:
            return False
        if fast and self.loaded is None and not from_library and self._preview(p, targets):
            return True
        summaries = None if from_library else [quick_summary(t) for t in targets]
        first_error: PackError | None = None
        for target in targets:
            result = load_full(target)
            if isinstance(result, PackError):
                first_error = first_error or result
                _mark_invalid(summaries, target, result)
                continue
            if not from_library:
                self._list_library(p, summaries)
            self._show(result)
            if not from_library:
                self._remember(p)
            self._queue_validation()
            return True
        assert first_error is not None
        self._report_failure(p, targets, first_error, summaries, from_library)
        return False

    def _targets(self, p: Path, from_library: bool) -> list[Path] | None:
        """The packs a path stands for, or None after reporting why there are none."""
        if not p.exists():
            self.load_failed.emit(f"Could not open {p.name or p}", ["no such file or folder"])
            return None
        if from_library or not (p.is_dir() and not is_pack_folder(p)):
            return [p]
        targets = find_packs(p)
        if not targets:
            self.load_failed.emit(
                f"No packs in {p.name}",
                ["this folder holds no packs (no pack.json, no *.json files)"],
            )
            return None
        return targets

    def _preview(self, root: Path, targets: list[Path]) -> bool:
        """Show the first readable pack's title card; the rest waits for the first frame."""
        for target in targets:
            data = prefetch.take(pack_file(target))
            try:
                raw = read_head(target, data)
            except ValueError as exc:
                logger.debug("no preview of %s: %s", target, exc)
                continue
            self._first_bytes = data  # the worker parses them instead of reading again
            self._previewed = summary_from_raw(target, raw)
            self._deferred_library = (root, targets, self._previewed)
            self.pending = target
            self.preview_shown.emit(quick_title_card(raw), str(raw.get("title", target.name)))
            self._remember_after_paint = root  # writing the settings file can wait a frame
            return True
        return False

    def _report_failure(
        self,
        root: Path,
        targets: list[Path],
        error: PackError,
        summaries: list[PackSummary] | None,
        from_library: bool,
    ) -> None:
        if from_library:
            self.library_entry.emit(invalid_summary(targets[0], error))
        else:  # a folder lists its packs; a single invalid pack joins the list, marked
            self._list_library(root, summaries)
            self._queue_validation()
        name = Path(error.path or targets[0]).name
        self.load_failed.emit(f"Could not open {name}", [str(x) for x in error.problems])
        if self.loaded is not None:
            self.library_entry.emit(self.loaded.summary)

    def reload(self) -> bool:
        """Load the shown pack again from disk, keeping the current card and view."""
        self._finish_first_look()
        loaded = self.loaded
        if loaded is None:
            return self.open_path(self.pending) if self.pending else False
        result = load_full(loaded.path)
        self._watch(loaded.path)
        if isinstance(result, PackError):
            self.library_entry.emit(invalid_summary(loaded.path, result))
            self.load_failed.emit(
                f"{loaded.path.name} changed and now has problems; still showing the last good "
                "version",
                [str(x) for x in result.problems],
            )
            return False
        self.loaded = result
        self.library_entry.emit(result.summary)
        self.pack_reloaded.emit(result)
        return True

    def after_first_paint(self) -> None:
        """Fill in what the first frame did not need: validation first (on the worker),
        then, once the pack it checks is shown, the library and recent lists."""
        if self._validate_after_paint:
            self._finish_preview()
        self._first_bytes = None  # the worker's now, or no check needs them
        # Plain widgets (library, quiz, editor, console) find Chinese, Japanese and Korean
        # glyphs through Qt's fallback only once the bundled font is registered; cards ask
        # for it themselves. About 10 ms, and only where no installed font has them.
        ensure_cjk_font()
        self._remember_first()  # now, not after the check: the window may close before it
        if self._background is None:
            self._finish_first_look()

    def _remember_first(self) -> None:
        if self._remember_after_paint is not None:
            self._remember(self._remember_after_paint)
            self._remember_after_paint = None

    def _finish_first_look(self) -> None:
        """List the library and remember the pack the first look showed (once)."""
        self._remember_first()
        if self._deferred_library is not None:
            root, targets, known = self._deferred_library
            self._deferred_library = None
            checked = {self.loaded.path: self.loaded.summary} if self.loaded else {}
            checked.setdefault(known.path, known)
            self._list_library(root, [checked.get(t) or quick_summary(t) for t in targets])
            self._queue_validation()

    def _finish_preview(self) -> None:
        """Load the previewed pack on a worker thread; ``pending`` stays set meanwhile,
        so the window keeps saying it is checking the pack."""
        target = self.pending
        if target is None or self.loaded is not None or self._background is not None:
            return
        self._background = target
        data, self._first_bytes = self._first_bytes, None
        threading.Thread(
            target=_load_in_background,
            args=(self._relay, target, data),
            name="pack-loader",
            daemon=True,
        ).start()

    def _preview_loaded(self, target: Path, result: LoadedPack | PackError) -> None:
        self._background = None
        self._previewed = None  # checked: the counts are the checked pack's, or none
        try:
            if isinstance(result, PackError):  # a folder's other packs may stand in: list them
                self._finish_first_look()
            self._handle_preview_result(target, result)
        finally:
            self._finish_first_look()
            self.settled.emit()

    def _handle_preview_result(self, target: Path, result: LoadedPack | PackError) -> None:
        if self.loaded is not None or self.pending != target:
            return  # another pack was opened (or this one reloaded) while it loaded
        self.pending = None
        if not isinstance(result, PackError):
            if self._deferred_library is None:  # else the list is made with this line
                self.library_entry.emit(result.summary)
            self._show(result, keep_position=True)
            self._queue_validation()
            return
        self.library_entry.emit(invalid_summary(target, result))
        for other in self._to_validate:  # a folder of packs: show the first good one
            if other != target and not isinstance(alt := load_full(other), PackError):
                self.library_entry.emit(alt.summary)
                self._show(alt)
                self._queue_validation()
                return
        self.preview_failed.emit()
        self.load_failed.emit(f"Could not open {target.name}", [str(x) for x in result.problems])
        self._watch(target)
        self.pending = target
        self._queue_validation()

    def _show(self, result: LoadedPack, keep_position: bool = False) -> None:
        replacing = self.loaded is not None
        self.loaded = result
        self.pending = None
        self._watch(result.path)
        self.pack_loaded.emit(result, keep_position)
        # A big pack is hundreds of thousands of long-lived objects, its cards as many
        # again; moving them out of the collector's view keeps each card change from
        # paying for a full GC pass. Only a replaced pack leaves cycles to collect
        # first, so the first pack opened costs no full collection.
        gc.unfreeze()
        if replacing:
            gc.collect()
        gc.freeze()

    # --- watching the disk ---------------------------------------------------------------

    def _watch(self, path: Path) -> None:
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
        target = pack_file(path)
        if target.exists():
            self._watcher.addPath(str(target))

    def _reload_from_disk(self) -> None:
        if self.loaded is not None:
            self.reload()
        elif self.pending is not None:
            target = self.pending
            self.pending = None
            if not self.open_path(target):
                self.pending = target
                self._watch(target)

    # --- the library --------------------------------------------------------------------

    def _list_library(self, root: Path, summaries: list[PackSummary] | None) -> None:
        """A folder of packs replaces the list; a single pack is added to it."""
        if summaries is None:
            return
        if root.is_file() or is_pack_folder(root):
            for summary in summaries:
                self.library_added.emit(summary)
            return
        self.library_listed.emit(root.name or str(root), summaries)
        self._to_validate = [s.path for s in summaries]

    def _queue_validation(self) -> None:
        if self._to_validate:
            self._validate_timer.start()

    def _validate_next(self) -> None:
        if not self._to_validate:
            return
        path = self._to_validate.pop(0)
        if self.loaded is not None and Path(path) == self.loaded.path:
            self.library_entry.emit(self.loaded.summary)
        else:
            result = load_full(path)
            if isinstance(result, PackError):
                self.library_entry.emit(invalid_summary(path, result))
            else:
                self.library_entry.emit(result.summary)
        if self._to_validate:
            self._validate_timer.start()

    # --- recent packs ---------------------------------------------------------------------

    def _remember(self, path: Path) -> None:
        self._settings.add_recent(str(path.resolve()))
        self._save_settings()
        self.recent_changed.emit(list(self._settings.recent))


def _mark_invalid(summaries: list[PackSummary] | None, path: Path, error: PackError) -> None:
    for i, s in enumerate(summaries or []):
        if s.path == path:
            summaries[i] = invalid_summary(path, error)  # type: ignore[index]
