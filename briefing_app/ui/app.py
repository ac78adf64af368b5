"""Builds the QApplication and the main window, and wires them together.

Start-up is kept lean: only Qt, the card painter and the stdlib JSON reader
are imported before the first card is painted; pydantic and the validator are
imported right after, on a worker thread (see ``PackLoader``). ``--measure-startup``
prints the milliseconds from process start to that first paint and exits 0;
``--measure-loaded`` starts as usual and, once the checked pack's filter counts are
shown, prints both figures, the resident memory (KiB) and the number of cards, then
exits 0 (1 if the pack cannot be shown).
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from .study.features import StudyFeatures
    from .study.main_window import MainWindow

_IMPORTED_AT = time.perf_counter()
# The collector rests at most this long if the window is never painted (started hidden).
COLLECTOR_REST_LIMIT_MS = 10_000


def process_start_ms() -> float:
    """Milliseconds since this process started (Linux /proc; else since import)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        ticks = os.sysconf("SC_CLK_TCK")
        now = time.clock_gettime(time.CLOCK_BOOTTIME)
        return max(0.0, (now - start_ticks / ticks) * 1000.0)
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000.0


def resident_kib() -> int:
    """The process's resident memory in KiB (Linux /proc; else the peak from ``resource``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# Modules of the first paint that need no Qt, imported before PySide6: once it is
# imported, PySide6 reads the source of every module imported after it (to see
# whether it uses PySide6), a few ms over the ~15 modules here.
QT_FREE_FIRST = (
    "..core.deck",
    "..core.prefetch",
    "..core.discovery",
    "..core.errors",
    "..core.quick_pack",
    "..desktop",
    "..paint.palette",
    "..paths",
    ".study",
    ".widgets",
)


def _import_qt_free_first() -> None:
    for name in QT_FREE_FIRST:
        importlib.import_module(name, __package__)


def run_window(
    path: str | None,
    measure_startup: bool = False,
    debug: bool = False,
    measure_loaded: bool = False,
) -> int:
    """Open the study window on ``path`` (default: the bundled packs); the exit code."""
    gc.disable()  # until the pack is checked and the features attached: _resume_collector
    _import_qt_free_first()
    from ..core import prefetch
    from ..core.quick_pack import prepare_first_look
    from ..log import hold_early_records
    from ..paths import bundled_briefs_dir
    from .import_scan import skip_feature_source_scan

    target = path if path is not None else str(bundled_briefs_dir())
    first_file = prefetch.start(Path(target))  # read on a second core while Qt imports
    if first_file is not None:
        prepare_first_look(first_file)
    from PySide6.QtCore import Qt, QTimer

    skip_feature_source_scan()  # before any other import: see ui/import_scan.py
    from PySide6.QtWidgets import QApplication

    from ..desktop import APP_ID, APP_NAME
    from .qt_logging import route_qt_messages
    from .settings import SettingsStore
    from .study.main_window import MainWindow

    if debug:
        start_logging(debug=True)  # debug logs from the very start
    else:
        hold_early_records()  # the log file opens once the pack is checked; keep them
    route_qt_messages()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("BriefingApp")
    app.setDesktopFileName(APP_ID)  # Wayland and the task bar match the .desktop file
    store = SettingsStore()
    settings = store.load()
    window = MainWindow(
        settings, store, validate_after_paint=not measure_startup, defer_chrome=True
    )
    app.aboutToQuit.connect(window.remember_layout)  # a quit that closes no window too
    # The icon loads Qt's SVG icon plugin (~1.5 ms); the task bar can wait a frame for it.
    window.card_view.first_painted.connect(
        lambda: _set_icon(app), Qt.ConnectionType.SingleShotConnection
    )
    if measure_startup:

        def report() -> None:
            print(f"{process_start_ms():.0f}", flush=True)
            app.exit(0)

        window.card_view.first_painted.connect(report)
    else:
        _finish_once_checked(window)
        if measure_loaded:
            _measure_loaded(app, window)
    QTimer.singleShot(COLLECTOR_REST_LIMIT_MS, _resume_collector)  # a window never painted
    window.open_path(target, fast=True)
    window.show()
    window.card_view.setFocus()
    code = int(app.exec())
    prefetch.stop()  # a helper process checking a pack the window never got to
    # Everything is saved and closed by now (settings, layout, the progress store, on
    # aboutToQuit); the collector's final passes over objects that die with the process
    # would only add ~15 ms to quitting.
    gc.freeze()
    return code


def _finish_once_checked(window: MainWindow) -> None:
    """After the first paint, once the worker thread has checked the pack: the log file
    (platformdirs, logging's handlers), the progress store (sqlite, fsrs), the quiz,
    rating, statistics, presentation and export features, then the collector.

    Importing them meanwhile would compete with the worker for the interpreter.
    """
    from PySide6.QtCore import QTimer

    steps: tuple[Callable[[], object], ...] = (
        start_logging,
        lambda: attach_features(window),
        _resume_collector,
    )
    for step in steps:
        window.card_view.first_painted.connect(
            lambda step=step: QTimer.singleShot(0, lambda: _when_checked(window, step))
        )


def _resume_collector() -> None:
    """Run the cyclic garbage collector again, start-up's objects set aside first.

    Start-up makes long-lived objects only: modules, Qt wrappers, the pack and its
    cards, the features. With the collector on, its young-generation passes walk
    them again and again before they settle in the oldest generation, about 10 ms
    before a 50,000-item pack's filter counts show (5%), and ~5 ms of the first
    paint. So it rests until the checked pack is shown and the features are
    attached; what exists then is frozen (never walked again, as the loader
    freezes a pack it shows) and the collector resumes for what comes after.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _set_icon(app: QApplication) -> None:
    """The window icon: Qt's SVG icon plugin and ``QIcon`` load after the first frame."""
    from PySide6.QtGui import QIcon

    from ..desktop import icon_svg

    app.setWindowIcon(QIcon(str(icon_svg())))


def _measure_loaded(app: QApplication, window: MainWindow) -> None:
    """Print first paint, filter counts shown, RSS and cards once the checked pack shows."""
    from PySide6.QtCore import QTimer

    painted: list[float] = []
    counted: list[float] = []

    def report() -> None:
        if not painted or window.features is None:  # what a normal start has by now
            QTimer.singleShot(5, report)
            return
        kib = resident_kib()
        print(f"{painted[0]:.0f} {counted[0]:.0f} {kib} {len(window.deck.cards)}", flush=True)
        app.exit(0)

    def loaded(_result: object) -> None:
        if not counted:
            counted.append(process_start_ms())
            QTimer.singleShot(0, report)

    def failed() -> None:
        if window.loader.loaded is None and not window.loader.checking:
            QTimer.singleShot(0, lambda: app.exit(1))  # exit() before exec() is lost

    window.card_view.first_painted.connect(lambda: painted.append(process_start_ms()))
    window.pack_opened.connect(loaded)
    window.loader.preview_failed.connect(failed)
    window.loader.load_failed.connect(lambda _title, _problems: failed())


def start_logging(debug: bool = False) -> None:
    from ..log import setup_logging

    setup_logging(debug=debug)


def _when_checked(window: MainWindow, step: Callable[[], object]) -> None:
    """``step`` now, or once the pack the worker thread checks is shown (or refused)."""
    from PySide6.QtCore import Qt

    if window.loader.loading:
        window.loader.settled.connect(step, Qt.ConnectionType.SingleShotConnection)
    else:
        step()


def attach_features(window: MainWindow) -> StudyFeatures:
    """Open the progress store and add the features that use it to ``window``."""
    from PySide6.QtCore import QCoreApplication

    from ..core.progress import ProgressStore
    from .study.features import StudyFeatures

    if window.features is not None:
        return window.features
    store = ProgressStore.open_default()
    features = StudyFeatures(window, store)
    window.attach_features(features)
    app = QCoreApplication.instance()
    if app is not None:  # closed when the app quits, whatever still holds it
        app.aboutToQuit.connect(store.close)
    return features
