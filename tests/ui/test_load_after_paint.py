"""Start-up: the first card comes from a first look, the pack loads on a worker after it.

The previewed pack is validated and its cards built off the GUI thread, the
window shows the same pack as a synchronous open would, and opening the first
pack costs no full garbage collection (only a replaced pack leaves cycles).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefing_app.ui.settings import Settings
from briefing_app.ui.study import pack_loader
from briefing_app.ui.study.main_window import MainWindow


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(Settings(reduce_motion=True), None)
    qtbot.addWidget(window)
    return window


def test_the_previewed_pack_loads_off_the_gui_thread(
    qtbot: QtBot, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = pack_loader.load_full

    def recording(path: Path) -> object:
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(pack_loader, "load_full", recording)
    path = write_pack()
    window = _window(qtbot)
    assert window.open_path(path, fast=True)
    assert threads == []  # the first card is painted from the first look alone
    window.show()
    qtbot.waitUntil(lambda: window.current_pack() is not None, timeout=5000)
    assert threads and threads[0] is not threading.main_thread()
    assert window.position_label.text() == "Card 1 of 10"

    synchronous = _window(qtbot)
    assert synchronous.open_path(path)
    assert [c.id for c in window.deck.cards] == [c.id for c in synchronous.deck.cards]


def test_an_invalid_previewed_pack_is_reported_after_the_background_load(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    path = write_pack(quotes=[{"id": "q1", "actor": "nobody", "text": "hello"}])
    window = _window(qtbot)
    assert window.open_path(path, fast=True)
    window.show()
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert window.current_pack() is None


@pytest.mark.parametrize("valid", [True, False])
def test_the_loader_says_when_the_background_check_is_settled(
    qtbot: QtBot, write_pack: Callable[..., Path], valid: bool
) -> None:
    """The features wait for this (ui/app.py), so they never compete with the worker."""
    bad = [{"id": "q1", "actor": "nobody", "text": "hello"}]
    path = write_pack() if valid else write_pack(quotes=bad)
    window = _window(qtbot)
    assert window.open_path(path, fast=True)
    assert not window.loader.loading  # not before the first paint
    with qtbot.waitSignal(window.loader.settled, timeout=5000):
        window.show()
    assert not window.loader.loading
    assert (window.current_pack() is not None) is valid


def test_first_pack_needs_no_full_collection_a_replaced_one_does(
    qtbot: QtBot, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    collections: list[tuple[int, ...]] = []
    monkeypatch.setattr(pack_loader.gc, "collect", lambda *a: collections.append(a) or 0)
    window = _window(qtbot)
    try:
        assert window.open_path(write_pack())
        assert collections == []
        assert gc.get_freeze_count() > 0  # the pack and its cards left the young generations
        assert window.open_path(write_pack("other.json", title="Another pack"))
        assert collections == [()]
    finally:
        gc.unfreeze()
