"""Start-up paints the card first and builds toolbar, menus and buttons right after.

The first frame holds the chrome's places at the heights remembered when the
window last closed, so the card does not move when the chrome fills in; with
nothing remembered (a first run) the chrome is built before the first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from briefing_app.core.cards import Category
from briefing_app.ui.settings import Settings, SettingsStore
from briefing_app.ui.study.main_window import MainWindow


def _window(qtbot: QtBot, settings: Settings, store: SettingsStore | None = None) -> MainWindow:
    window = MainWindow(settings, store, defer_chrome=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    return window


def _place(window: MainWindow) -> QRect:
    """The card's rectangle in the window."""
    card = window.card_view
    return QRect(card.mapTo(window, QPoint(0, 0)), card.size())


def _chips(window: MainWindow) -> list[QToolButton]:
    return window.findChildren(QToolButton, "chip_all")


def _icons_in(window: MainWindow) -> bool:
    """The chips show their category icons (not the blank that holds their room)."""
    image = window.chips[None].icon().pixmap(32).toImage()
    return any(image.pixelColor(x, y).alpha() for x in range(32) for y in range(32))


def test_closing_remembers_the_heights_and_the_next_start_keeps_the_card_still(
    qtbot: QtBot, write_pack: Callable[..., Path], settings_store: SettingsStore
) -> None:
    path = write_pack()
    first = _window(qtbot, Settings(reduce_motion=True), settings_store)
    assert _chips(first)  # nothing remembered yet: the chrome is built at once
    first_paint: list[QRect] = []
    first.card_view.first_painted.connect(lambda: first_paint.append(_place(first)))
    first.open_path(path)
    first.show()
    qtbot.waitUntil(lambda: bool(first_paint) and _icons_in(first), timeout=5000)
    bar = first.toolbar
    qtbot.waitUntil(lambda: bar.height() == bar.sizeHint().height(), timeout=5000)  # settled
    assert _place(first) == first_paint[0]  # the icons had their room from the start
    heights = first.chrome_heights()
    assert all(0 < h < 200 for h in heights)
    first.close()
    remembered = settings_store.load()
    assert remembered.chrome_heights == heights

    second = _window(qtbot, remembered)
    at_first_paint: list[tuple[QRect, int]] = []
    second.card_view.first_painted.connect(
        lambda: at_first_paint.append((_place(second), len(_chips(second))))
    )
    assert second.open_path(path, fast=True)
    second.show()
    qtbot.waitUntil(lambda: bool(at_first_paint), timeout=5000)
    card_place, chips_then = at_first_paint[0]
    assert chips_then == 0  # the first frame is the card alone
    qtbot.waitUntil(lambda: second.current_pack() is not None, timeout=5000)
    assert _chips(second) and second.chips[None].text() == "All  10"
    assert _icons_in(second)
    assert _place(second) == card_place  # the card did not move
    assert second.chrome_heights() == heights


def test_keys_and_the_surface_work_once_the_chrome_is_in(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    window = _window(qtbot, Settings(reduce_motion=True, chrome_heights=(30, 50, 60)))
    assert window.open_path(write_pack(), fast=True)
    window.show()
    qtbot.waitUntil(lambda: window.current_pack() is not None, timeout=5000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.card_view.setFocus()
    qtbot.keyClick(window.card_view, Qt.Key.Key_Right)
    assert window.position_label.text() == "Card 2 of 10"
    qtbot.keyClick(window.card_view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.chips[Category.QUOTE].isChecked()
    assert window.position_label.text() == "Card 1 of 3"
    assert window.menu("file").actions()  # the menus are filled


def test_remembered_heights_survive_a_round_trip_and_junk_reads_as_unknown(
    tmp_path: Path,
) -> None:
    q = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store = SettingsStore(q)
    store.save(Settings(chrome_heights=(28, 61, 52)))
    again = SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.load().chrome_heights == (28, 61, 52)
    for junk in (["1", "2"], ["a", "b", "c"], ["0", "50", "50"], ["9999", "1", "1"], "x"):
        q.setValue("window/chrome_heights", junk)
        assert store.load().chrome_heights == (0, 0, 0), junk


def test_a_pack_opened_at_start_up_joins_open_recent_after_the_first_frame(
    qtbot: QtBot, write_pack: Callable[..., Path], settings_store: SettingsStore
) -> None:
    path = write_pack()
    remembered = Settings(reduce_motion=True, chrome_heights=(30, 50, 60))
    window = _window(qtbot, remembered, settings_store)
    assert window.open_path(path, fast=True)
    window.show()
    qtbot.waitUntil(lambda: window.current_pack() is not None, timeout=5000)
    assert settings_store.load().recent == [str(path.resolve())]
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries == [str(path.resolve()).replace("&", "&&")]


def test_the_card_keeps_its_place_when_the_study_modes_arrive(
    qtbot: QtBot, write_pack: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quiz, Present and the other mode buttons join the row under the card once the
    pack is checked; the row must not grow for them (a 1 px jump of the card was seen)."""
    from briefing_app.ui.app import attach_features

    monkeypatch.setenv("BRIEFING_APP_DATA_DIR", str(tmp_path / "data"))
    window = _window(qtbot, Settings(reduce_motion=True))
    window.open_path(write_pack())
    window.show()
    qtbot.waitExposed(window)
    before = _place(window)
    features = attach_features(window)
    try:
        modes = [b for b in window.findChildren(QToolButton, "modeButton") if b.isVisible()]
        assert modes  # the study modes are on screen now
        qtbot.waitUntil(lambda: all(b.height() > 0 for b in modes), timeout=3000)
        QApplication.processEvents()
        assert _place(window) == before
    finally:
        features.store.close()


def test_building_the_chrome_shows_the_settings_without_saving_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    file = tmp_path / "settings.ini"
    store = SettingsStore(QSettings(str(file), QSettings.Format.IniFormat))
    window = _window(qtbot, Settings(reduce_motion=True, show_library=False), store)
    window.show()
    qtbot.waitUntil(lambda: bool(_chips(window)), timeout=5000)
    actions = {a.objectName(): a for a in window.all_actions()}
    assert actions["action_reduce_motion"].isChecked()
    assert not actions["action_show_library"].isChecked()
    assert not file.exists()  # nothing changed, nothing written
    actions["action_show_library"].trigger()  # the user's toggle still does its work
    assert window.settings.show_library
    assert store.load().show_library
