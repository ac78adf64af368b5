"""The study window from the keyboard alone: a Tab chain of visible, named stops."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from briefing_app.core.cards import Category
from briefing_app.core.progress import ProgressStore
from briefing_app.ui.study.features import StudyFeatures
from briefing_app.ui.study.main_window import MainWindow

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def name_of(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return widget.accessibleName() or text.replace("&", "")


def walk_tab_chain(qtbot: QtBot, window: MainWindow, limit: int = 60) -> list[QWidget]:
    """Press Tab until focus comes back to where it started; the widgets visited."""
    window.card_view.setFocus(Qt.FocusReason.OtherFocusReason)
    start = QApplication.focusWidget()
    seen: list[QWidget] = []
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        if now is start:
            break
        seen.append(now)
    return seen


def test_tab_reaches_every_control_visibly_and_by_name(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    write_pack: Callable[..., Path],
    tmp_path: Path,
) -> None:
    window = make_window(write_pack())
    store = ProgressStore(tmp_path / "p.db")
    features = StudyFeatures(window, store, clock=lambda: NOW)
    window.finish_chrome()
    while window.current_card().category is Category.TITLE:  # type: ignore[union-attr]
        qtbot.keyClick(window.card_view, Qt.Key.Key_Right)
    qtbot.keyClick(window.card_view, Qt.Key.Key_Space)  # the rating bar shows
    assert features.rating_bar.isVisible()

    stops = walk_tab_chain(qtbot, window)
    for widget in stops:
        assert widget.isVisible(), widget.objectName()
        assert name_of(widget), f"{type(widget).__name__} {widget.objectName()} has no name"
    names = [name_of(w) for w in stops]
    assert stops.index(window.chips[None]) < stops.index(window.search)
    assert window.chips[None] in stops  # the chip group: Tab stops at its checked chip
    assert window.prev_button in stops and window.next_button in stops
    assert all(b in stops for b in features.rating_bar.buttons.values())
    assert all(b in stops for b in features.mode_buttons.values())
    assert "Open a pack" in names and "Previous card" in names
    store.close()


def test_arrows_choose_a_chip_like_a_radio_group_and_space_never_flips_behind_it(
    qtbot: QtBot, make_window: Callable[..., MainWindow], write_pack: Callable[..., Path]
) -> None:
    window = make_window(write_pack())
    window.chips[None].setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(2):  # All -> Actors -> Quotes
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    chip = window.chips[Category.QUOTE]
    assert QApplication.focusWidget() is chip  # the arrows did not move the card instead
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert chip.isChecked()
    assert window.position_label.text() == "Card 1 of 3"
    assert window.card_view.face() == "front"  # Space did not flip the card behind


def test_the_card_shows_a_focus_ring_when_tab_brings_focus(
    qtbot: QtBot, make_window: Callable[..., MainWindow], write_pack: Callable[..., Path]
) -> None:
    window = make_window(write_pack())
    window.card_view.setFocus(Qt.FocusReason.MouseFocusReason)
    assert not window.card_view.has_focus_ring()
    plain = window.card_view.grab().toImage()
    window.search.setFocus(Qt.FocusReason.OtherFocusReason)
    window.card_view.setFocus(Qt.FocusReason.TabFocusReason)
    assert window.card_view.has_focus_ring()
    assert window.card_view.grab().toImage() != plain
