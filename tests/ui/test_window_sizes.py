"""Small windows and text size: readable type, long faces that scroll, zoom that shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from briefing_app.paint.card_layout import READABLE_ROLES, FaceLayout
from briefing_app.ui.study.main_window import MainWindow

Make = Callable[..., MainWindow]
LONG_CONTEXT = " ".join(
    f"Sentence {i} of a long account of the talks, with every detail the learner needs."
    for i in range(40)
)


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, mod: Any = None) -> None:
    modifier = mod if mod is not None else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(QApplication.focusWidget() or window.card_view, key, modifier)


def body_px(layout: FaceLayout) -> list[int]:
    return [
        b.layout.font().pixelSize()
        for b, _ in layout.blocks
        if b.layout is not None and b.role in READABLE_ROLES
    ]


def go_to(qtbot: QtBot, window: MainWindow, card_id: str) -> None:
    assert window.deck.go_to_id(card_id)
    window.show_current()


def test_a_long_back_scrolls_instead_of_cutting_the_text(
    qtbot: QtBot, make_window: Make, write_pack: Callable[..., Path], base_pack: Any
) -> None:
    data = base_pack()
    data["quotes"][0]["context"] = LONG_CONTEXT
    window = make_window(write_pack(**{"quotes": data["quotes"]}))
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() <= 800)
    go_to(qtbot, window, "q-survival")
    press(qtbot, window, Qt.Key.Key_Space)
    layout = window.card_view.current_layout()
    assert layout is not None and layout.overflow > 0
    assert not layout.elided and not any(t.endswith("\u2026") for t in layout.texts())
    assert min(body_px(layout)) >= 14  # readable, not shrunk to 9-11 px
    assert any("Sentence 39" in t for t in layout.texts())  # nothing was dropped

    before = window.card_view.grab().toImage()
    press(qtbot, window, Qt.Key.Key_PageDown)  # scrolls the face, stays on the card
    assert window.current_card().id == "q-survival"  # type: ignore[union-attr]
    assert window.card_view.scroll_offset() > 0
    assert window.card_view.grab().toImage() != before
    for _ in range(40):
        if not window.card_view.can_scroll(1):
            break
        press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.card_view.scroll_offset() == layout.overflow
    press(qtbot, window, Qt.Key.Key_PageDown)  # at the end: on to the next card
    assert window.current_card().id != "q-survival"  # type: ignore[union-attr]


def test_the_wheel_scrolls_a_long_face(
    qtbot: QtBot, make_window: Make, write_pack: Callable[..., Path], base_pack: Any
) -> None:
    data = base_pack()
    data["quotes"][0]["context"] = LONG_CONTEXT
    window = make_window(write_pack(**{"quotes": data["quotes"]}))
    window.resize(800, 600)
    go_to(qtbot, window, "q-survival")
    press(qtbot, window, Qt.Key.Key_Space)
    view = window.card_view
    centre = QPointF(view.width() / 2, view.height() / 2)
    wheel = QWheelEvent(
        centre,
        view.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, wheel)
    assert view.scroll_offset() > 0


def test_zoom_changes_every_face_by_a_visible_step_and_says_so(
    qtbot: QtBot, make_window: Make, write_pack: Callable[..., Path]
) -> None:
    window = make_window(write_pack())
    window.resize(1280, 800)
    faces = []
    for card in window.deck.cards:
        for face in ("front", "back"):
            window.card_view.set_card(card, face)
            layout = window.card_view.current_layout()
            assert layout is not None
            faces.append((card, face, max(body_px(layout))))
    window.card_view.set_card(window.deck.cards[0])
    for _ in range(2):
        press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.card_view.zoom_note() == "Text 120%"
    for card, face, size in faces:
        window.card_view.set_card(card, face)
        layout = window.card_view.current_layout()
        assert layout is not None
        assert max(body_px(layout)) > size, (card.id, face)  # six presses never do nothing
    press(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.card_view.zoom_note() == "Text 100%"
    for _ in range(20):
        press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.text_scale == 0.5
    assert window.card_view.zoom_note() == "Text 50%"


def _toolbar_button(window: MainWindow, text: str) -> QToolButton:
    (button,) = [b for b in window.toolbar.findChildren(QToolButton) if b.text() == text]
    return button


def test_a_narrow_window_keeps_the_search_and_lets_open_and_shuffle_step_aside(
    qtbot: QtBot, make_window: Make, write_pack: Callable[..., Path]
) -> None:
    window = make_window(write_pack())
    assert _toolbar_button(window, "Open").isVisible()
    assert _toolbar_button(window, "Shuffle").isVisible()
    window.resize(720, 600)
    qtbot.waitUntil(lambda: window.width() == 720)
    qtbot.waitUntil(lambda: not _toolbar_button(window, "Shuffle").isVisible())
    bar = window.toolbar
    qtbot.waitUntil(window.search.isVisible)  # not pushed into the overflow menu
    overflow = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    qtbot.waitUntil(lambda: not overflow.isVisible())  # nothing is: no cut-off » button
    assert window.search.mapTo(bar, QPoint(window.search.width(), 0)).x() <= bar.width()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()  # Ctrl+F reaches it
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_S)  # the key and the Go menu keep Shuffle
    assert window.study_actions["shuffle"].isChecked()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: _toolbar_button(window, "Shuffle").isVisible())
    assert _toolbar_button(window, "Open").isVisible()
