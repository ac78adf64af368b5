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
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.core.cards import Category
from briefing_app.core.pack import Proof
from briefing_app.ui.settings import Settings, SettingsStore
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

    def recording(path: Path, data: bytes | None = None, proof: Proof | None = None) -> object:
        threads.append(threading.current_thread())
        return real(path, data, proof)

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


def _started_on(qtbot: QtBot, path: Path, timeout: int = 5000) -> MainWindow:
    """A window started as the app starts on ``path`` (its bytes prefetched, the first
    look painted, the check on the worker), once the checked pack is shown."""
    from briefing_app.core import prefetch

    prefetch.start(path)
    window = _window(qtbot)
    assert window.open_path(path, fast=True)
    window.show()
    qtbot.waitUntil(lambda: window.current_pack() is not None, timeout=timeout)
    return window


def test_the_worker_parses_the_bytes_the_first_look_read(
    qtbot: QtBot, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start-up the file is read once (on a thread while Qt imports), not twice."""

    handed: list[bytes | None] = []
    real = pack_loader.load_full

    def recording(path: Path, data: bytes | None = None, proof: Proof | None = None) -> object:
        handed.append(data)
        return real(path, data, proof)

    monkeypatch.setattr(pack_loader, "load_full", recording)
    path = write_pack()
    window = _started_on(qtbot, path)
    assert handed == [path.read_bytes()]
    assert window.position_label.text() == "Card 1 of 10"


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


def _summary_shown(window: MainWindow) -> object:
    from briefing_app.ui.study.library_panel import ROLE

    item = window.library.list.currentItem()
    return item.data(ROLE) if item is not None else None


def test_the_library_lists_checked_lines_once_the_pack_shows(
    qtbot: QtBot, write_pack: Callable[..., Path], tmp_path: Path
) -> None:
    """The library waits for the worker (one interpreter lock: building it meanwhile would
    delay the filter counts); it then lists the shown pack as checked, and selected."""
    first = write_pack("lib/a.json", id="a", title="First")
    write_pack("lib/b.json", id="b", title="Second")
    window = _window(qtbot)
    assert window.open_path(tmp_path / "lib", fast=True)
    with qtbot.waitSignal(window.loader.settled, timeout=5000):
        window.show()
    shown = window.current_pack()
    assert shown is not None and shown.id == "a"
    lines = {s.title: s for s in window.library.summaries()}
    assert set(lines) == {"First", "Second"}
    assert lines["First"].validated and lines["First"].counts["quotes"] == 3
    selected = _summary_shown(window)
    assert selected is not None and Path(selected.path) == first  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: all(s.validated for s in window.library.summaries()), timeout=3000)


def test_a_pack_opened_while_the_first_is_checked_stays_open_and_listed(
    qtbot: QtBot,
    write_pack: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    real = pack_loader.load_full

    def held(path: Path, data: bytes | None = None, proof: Proof | None = None) -> object:
        if threading.current_thread() is not threading.main_thread():
            release.wait(5)  # the worker is still checking the first pack
        return real(path, data, proof)

    monkeypatch.setattr(pack_loader, "load_full", held)
    write_pack("lib/a.json", id="a", title="First")
    other = write_pack("other.json", id="other", title="Opened meanwhile")
    window = _window(qtbot)
    assert window.open_path(tmp_path / "lib", fast=True)
    window.show()
    qtbot.waitUntil(lambda: window.loader.loading, timeout=3000)
    assert window.open_path(other)
    with qtbot.waitSignal(window.loader.settled, timeout=5000):
        release.set()
    shown = window.current_pack()
    assert shown is not None and shown.id == "other"
    assert {s.title for s in window.library.summaries()} == {"First", "Opened meanwhile"}
    assert [s.title for s in window.library.opened()] == ["Opened meanwhile"]


def test_the_chips_count_the_first_look_while_the_pack_is_checked(
    qtbot: QtBot, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No "All 1, Actors 0" while checking: the first look's counts, which the checked
    pack then confirms; a pack that fails the check leaves no counts behind."""
    release = threading.Event()
    real = pack_loader.load_full

    def held(path: Path, data: bytes | None = None, proof: Proof | None = None) -> object:
        release.wait(5)
        return real(path, data, proof)

    monkeypatch.setattr(pack_loader, "load_full", held)
    bad = write_pack("bad.json", quotes=[{"id": "q1", "actor": "nobody", "text": "hello"}])
    for path, valid in ((write_pack(), True), (bad, False)):
        release.clear()
        window = _window(qtbot)
        assert window.open_path(path, fast=True)
        window.show()
        qtbot.waitUntil(lambda w=window: w.loader.loading, timeout=3000)
        checking = {cat: chip.text() for cat, chip in window.chips.items()}
        assert window.position_label.text() == "Checking the pack\u2026"
        with qtbot.waitSignal(window.loader.settled, timeout=5000):
            release.set()
        after = {cat: chip.text() for cat, chip in window.chips.items()}
        if valid:
            assert after == checking
            assert checking[None].endswith("10") and checking[Category.QUOTE].endswith("3")
        else:
            assert checking[Category.QUOTE].endswith("1")  # what the file lists
            assert all(text.endswith(" 0") for text in after.values())


def test_the_worker_builds_a_pack_a_helper_process_proved_without_checking_it_again(
    qtbot: QtBot, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big pack is checked by a helper process while the window starts; the worker
    asks it about the very bytes it parses, and shows the same pack either way."""
    from briefing_app.core import prefetch, side_check

    monkeypatch.setattr(side_check, "MIN_BYTES", 0)  # this small pack gets a helper too
    monkeypatch.setattr(side_check, "usable", lambda: True)
    monkeypatch.setattr(side_check, "WAIT_S", 60.0)  # the answer is what is tested
    answers: list[tuple[bytes, bool]] = []
    real = prefetch.proven

    def recording(data: bytes) -> bool:
        answers.append((data, answer := real(data)))
        return answer

    monkeypatch.setattr(prefetch, "proven", recording)
    path = write_pack()
    window = _started_on(qtbot, path, timeout=10000)
    assert answers == [(path.read_bytes(), True)]
    synchronous = _window(qtbot)
    assert synchronous.open_path(path)
    assert window.current_pack() == synchronous.current_pack()
    assert window.position_label.text() == "Card 1 of 10"


def test_a_file_over_the_size_limit_at_start_is_refused_with_its_size(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from briefing_app.core import prefetch
    from briefing_app.core.limits import MAX_FILE_BYTES

    path = tmp_path / "huge.json"
    with path.open("wb") as f:  # sparse: no disk used, and never read
        f.write(b'{"format": "briefing-pack"')
        f.truncate(MAX_FILE_BYTES + 5 * 1024 * 1024)
    prefetch.start(path)
    window = _window(qtbot)
    window.open_path(path, fast=True)
    window.show()
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert "the file is 25.0 MiB; the limit is 20 MiB" in window.banner.text()
    assert window.current_pack() is None


class _Held:
    """``load_full`` that waits on the worker thread until released (the check in progress)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.release = threading.Event()
        real = pack_loader.load_full

        def held(path: Path, data: bytes | None = None, proof: Proof | None = None) -> object:
            if threading.current_thread() is not threading.main_thread():
                self.release.wait(5)
            return real(path, data, proof)

        monkeypatch.setattr(pack_loader, "load_full", held)


def _checking(qtbot: QtBot, path: Path) -> MainWindow:
    window = _window(qtbot)
    assert window.open_path(path, fast=True)
    window.show()
    qtbot.waitUntil(lambda: window.loader.loading, timeout=3000)
    return window


def test_a_category_and_search_chosen_while_checking_apply_to_the_checked_cards(
    qtbot: QtBot, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    held = _Held(monkeypatch)
    window = _checking(qtbot, write_pack())
    title = window.card_view.shown_texts()[0]
    qtbot.keyClick(window.card_view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.chips[Category.QUOTE].isChecked()
    assert window.card_view.shown_texts()[0] == title  # not "No cards match"
    window.search.setFocus()
    qtbot.keyClicks(window.search, "ironclad")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.loader.settled, timeout=5000):
        held.release.set()
    card = window.current_card()
    assert card is not None and card.category is Category.QUOTE
    assert "ironclad" in " ".join(window.card_view.shown_texts())
    assert window.search.text() == "ironclad"
    assert window.position_label.text() == f"Card 1 of {len(window.deck)}"


def test_an_error_shown_while_checking_stays_when_the_checked_pack_arrives(
    qtbot: QtBot, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    held = _Held(monkeypatch)
    window = _checking(qtbot, write_pack())
    broken = write_pack("broken.json", quotes=[{"id": "q1", "actor": "nobody", "text": "x"}])
    assert not window.open_path(broken)
    assert window.banner.isVisible()
    with qtbot.waitSignal(window.loader.settled, timeout=5000):
        held.release.set()
    assert window.current_pack() is not None
    assert window.banner.isVisible() and "quotes[0].actor" in window.banner.text()


def test_the_pack_joins_open_recent_before_its_check_ends(
    qtbot: QtBot,
    write_pack: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    settings_store: SettingsStore,
) -> None:
    """Closing the window during a long check must not lose the recent-files entry."""
    held = _Held(monkeypatch)
    path = write_pack()
    window = MainWindow(Settings(reduce_motion=True), settings_store)
    qtbot.addWidget(window)
    assert window.open_path(path, fast=True)
    window.show()
    qtbot.waitUntil(lambda: window.loader.loading, timeout=3000)
    assert settings_store.load().recent == [str(path.resolve())]
    held.release.set()
