"""Presentation mode driven with a clicker's keys: what the room sees, blackouts, jumps, leaving."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QScreen
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from briefing_app.core.cards import Card, Category, Face, build_cards
from briefing_app.core.pack import load_pack
from briefing_app.paint.card_painter import paint_card, paint_shadow
from briefing_app.paint.theme import light_theme
from briefing_app.ui.present import AudienceView, PresentationController
from briefing_app.ui.present.audience import audience_card_rect
from briefing_app.ui.present.console import KEY_HINTS, format_clock

pytestmark = pytest.mark.gui

K = Qt.Key

PACK = {
    "format": "briefing-pack",
    "version": 1,
    "id": "talk-test",
    "title": "A test talk",
    "sources": [{"id": "wire", "title": "Wire report", "publisher": "Agency"}],
    "actors": [
        {"id": "ana", "name": "Ana Lima", "role": "Foreign Minister", "affiliation": "Testland"},
        {"id": "ben", "name": "Ben Ode", "role": "Trade Envoy"},
    ],
    "quotes": [
        {
            "id": "q1",
            "actor": "ana",
            "text": "We will not back down.",
            "context": "At a press conference in the capital",
            "date": "2025-11-07",
            "source": "wire",
        },
        {"id": "q2", "actor": "ben", "text": "Trade is a two-way street."},
        {"id": "q3", "actor": "ana", "text": "The door stays open."},
    ],
    "measures": [
        {
            "id": "m1",
            "actor": "ben",
            "title": "Tariff on widgets",
            "category": "economic",
            "detail": "Ten percent on all widgets",
            "date": "2025-11-10",
            "notes": "Stress that widgets are a tiny share of trade.",
        },
    ],
    "implications": [{"id": "i1", "title": "Talks may stall", "actors": ["ana", "ben"]}],
}
ORDER = ["ana", "ben", "q1", "q2", "q3", "m1", "i1"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def cards(tmp_path: Path) -> list[Card]:
    path = tmp_path / "talk.json"
    path.write_text(json.dumps(PACK), encoding="utf-8")
    built = build_cards(load_pack(path))
    assert [c.id for c in built] == ORDER
    return built


def make(qtbot: QtBot, cards: list[Card], start: int = 0, **kwargs: Any) -> PresentationController:
    options: dict[str, Any] = {"full_screen": False, "reduce_motion": True, **kwargs}
    controller = PresentationController(cards, start, light_theme(), **options)
    qtbot.addWidget(controller.audience)
    qtbot.addWidget(controller.console)
    return controller


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def talk(qtbot: QtBot, cards: list[Card], clock: FakeClock) -> Iterator[PresentationController]:
    controller = make(qtbot, cards, clock=clock)
    controller.start()
    yield controller
    controller.end()


def press(qtbot: QtBot, widget: QWidget, *keys: Qt.Key) -> None:
    for key in keys:
        qtbot.keyClick(widget, key)


def seen(controller: PresentationController) -> tuple[str | None, str, str]:
    a = controller.audience
    return a.shown_card_id, a.shown_face, a.fill


# --- a whole talk ---------------------------------------------------------------------


def test_a_whole_talk_with_the_clicker_keys(qtbot: QtBot, talk: PresentationController) -> None:
    audience = talk.audience
    assert talk.single_screen
    assert audience.isVisible()
    assert seen(talk) == ("ana", "front", "card")
    steps = []
    for key in (K.Key_PageDown, K.Key_PageDown, K.Key_Right, K.Key_Space, K.Key_Space):
        press(qtbot, audience, key)
        steps.append(seen(talk)[:2])
    assert steps == [
        ("ana", "back"),
        ("ben", "front"),
        ("ben", "back"),
        ("q1", "front"),
        ("q1", "back"),
    ]
    press(qtbot, audience, K.Key_PageUp)
    assert seen(talk)[:2] == ("q1", "front")
    press(qtbot, audience, K.Key_Left)
    assert seen(talk)[:2] == ("ben", "back")
    # To the end: every card's front then back, and no further.
    for _ in range(20):
        press(qtbot, audience, K.Key_PageDown)
    assert seen(talk) == ("i1", "back", "card")
    assert talk.talk.at_end


def test_the_back_shows_only_after_the_presenter_flips(
    qtbot: QtBot, talk: PresentationController
) -> None:
    press(qtbot, talk.audience, K.Key_N, K.Key_N)
    assert seen(talk)[:2] == ("q1", "front")
    qtbot.keyClick(talk.audience, K.Key_N, Qt.KeyboardModifier.ShiftModifier)  # previous
    assert seen(talk)[:2] == ("ben", "front")
    press(qtbot, talk.audience, K.Key_End)
    assert seen(talk)[:2] == ("i1", "front")
    press(qtbot, talk.audience, K.Key_Home)
    assert seen(talk)[:2] == ("ana", "front")


def test_keys_work_from_the_console_too(qtbot: QtBot, talk: PresentationController) -> None:
    press(qtbot, talk.console.card_list, K.Key_Space, K.Key_Space)
    assert seen(talk)[:2] == ("ben", "front")
    press(qtbot, talk.console, K.Key_B)
    assert talk.audience.fill == "black"


def test_blackout_and_whiteout(qtbot: QtBot, talk: PresentationController) -> None:
    a = talk.audience
    press(qtbot, a, K.Key_B)
    assert seen(talk) == ("ana", "front", "black")
    assert talk.console.status.text() == "BLACKED OUT"
    press(qtbot, a, K.Key_B)
    assert a.fill == "card"
    press(qtbot, a, K.Key_W)
    assert a.fill == "white"
    press(qtbot, a, K.Key_B)
    assert a.fill == "black"
    # A step while blanked brings the same card back instead of moving on unseen.
    press(qtbot, a, K.Key_PageDown)
    assert seen(talk) == ("ana", "front", "card")
    press(qtbot, a, K.Key_Period)
    assert a.fill == "black"
    press(qtbot, a, K.Key_Period)
    assert a.fill == "card"


def test_g_number_enter_jumps(qtbot: QtBot, talk: PresentationController) -> None:
    a = talk.audience
    press(qtbot, a, K.Key_G, K.Key_3)
    assert "3" in talk.console.prompt_text
    assert "3" in a.overlay_text  # one screen: the presenter sees the number on the audience view
    press(qtbot, a, K.Key_Return)
    assert seen(talk) == ("q1", "front", "card")
    assert a.overlay_text == ""
    press(qtbot, a, K.Key_5, K.Key_Enter)
    assert seen(talk)[:2] == ("q3", "front")


def test_a_number_out_of_range_is_refused(qtbot: QtBot, talk: PresentationController) -> None:
    press(qtbot, talk.audience, K.Key_Space, K.Key_9, K.Key_9, K.Key_Return)
    assert seen(talk)[:2] == ("ana", "back")
    assert "1\u20137" in talk.console.prompt_text
    press(qtbot, talk.audience, K.Key_0, K.Key_Return)
    assert seen(talk)[:2] == ("ana", "back")


def test_escape_while_typing_cancels_the_jump_not_the_talk(
    qtbot: QtBot, talk: PresentationController
) -> None:
    press(qtbot, talk.audience, K.Key_G, K.Key_4, K.Key_Escape)
    assert talk.is_running
    assert talk.audience.isVisible()
    assert talk.talk.jump_buffer is None
    press(qtbot, talk.audience, K.Key_4, K.Key_Backspace, K.Key_2, K.Key_Return)
    assert seen(talk)[:2] == ("ben", "front")


def test_the_card_list_jumps_with_enter_and_double_click(
    qtbot: QtBot, talk: PresentationController
) -> None:
    talk.toggle_window()
    cards = talk.console.card_list
    assert cards.count() == len(ORDER)
    cards.setCurrentRow(5)
    press(qtbot, cards, K.Key_Return)
    assert seen(talk)[:2] == ("m1", "front")
    assert cards.currentRow() == 5
    item = cards.item(3)
    centre = cards.visualItemRect(item).center()
    # A real double click is press, release, double-click, release.
    qtbot.mouseClick(cards.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(cards.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert seen(talk)[:2] == ("q2", "front")


def test_tab_switches_windows_with_one_screen(qtbot: QtBot, talk: PresentationController) -> None:
    assert talk.front_window == "audience"
    assert talk.audience.isVisible() and not talk.console.isVisible()
    press(qtbot, talk.audience, K.Key_Tab)
    assert talk.front_window == "console"
    assert talk.console.isVisible() and not talk.audience.isVisible()
    assert "Tab" in talk.console.screen_note.text()
    # The talk goes on from the console, and the typed number shows there, not to the room.
    press(qtbot, talk.console.card_list, K.Key_PageDown, K.Key_G, K.Key_2)
    assert talk.audience.overlay_text == ""
    assert "2" in talk.console.prompt_text
    press(qtbot, talk.console.card_list, K.Key_Return, K.Key_Tab)
    assert talk.front_window == "audience"
    assert talk.audience.isVisible() and not talk.console.isVisible()
    assert seen(talk) == ("ben", "front", "card")


def test_escape_leaves_and_reports_the_card_reached(
    qtbot: QtBot, talk: PresentationController
) -> None:
    press(qtbot, talk.audience, K.Key_N, K.Key_N, K.Key_N)
    with qtbot.waitSignal(talk.presentation_ended, timeout=1000) as ended:
        press(qtbot, talk.audience, K.Key_Escape)
    assert ended.args == [3]
    assert not talk.is_running
    assert not talk.audience.isVisible()
    assert not talk.console.isVisible()


def test_closing_a_window_ends_the_talk(qtbot: QtBot, talk: PresentationController) -> None:
    with qtbot.waitSignal(talk.presentation_ended, timeout=1000) as ended:
        talk.audience.close()
    assert ended.args == [0]
    assert not talk.console.isVisible()


def test_the_study_windows_filter_and_order_carry_over(
    qtbot: QtBot, cards: list[Card], clock: FakeClock
) -> None:
    quotes = [c for c in cards if c.category is Category.QUOTE][::-1]
    controller = make(qtbot, quotes, 1, clock=clock)
    controller.start()
    assert seen(controller)[:2] == ("q2", "front")
    press(qtbot, controller.audience, K.Key_N)
    assert seen(controller)[:2] == ("q1", "front")
    press(qtbot, controller.audience, K.Key_N)
    assert seen(controller)[:2] == ("q1", "front")
    assert controller.console.card_list.count() == 3
    with qtbot.waitSignal(controller.presentation_ended) as ended:
        press(qtbot, controller.audience, K.Key_Escape)
    assert ended.args == [2]


def test_a_screen_plugged_in_or_removed_mid_talk(
    qtbot: QtBot, cards: list[Card], clock: FakeClock
) -> None:
    primary = QGuiApplication.primaryScreen()
    attached: list[QScreen] = [primary]
    controller = make(qtbot, cards, clock=clock, screens=lambda: list(attached))
    controller.start()
    press(qtbot, controller.audience, K.Key_Space, K.Key_Tab)
    assert controller.single_screen and controller.front_window == "console"
    attached.append(primary)  # offscreen has one screen: a second entry stands in for a projector
    controller.screens_changed()
    assert not controller.single_screen
    assert controller.audience.isVisible() and controller.console.isVisible()
    assert "Audience on" in controller.console.screen_note.text()
    press(qtbot, controller.console.card_list, K.Key_Tab)  # no effect with two screens
    assert controller.audience.isVisible() and controller.console.isVisible()
    assert controller.audience.overlay_text == ""
    attached.pop()
    controller.screens_changed()
    assert controller.single_screen and controller.front_window == "audience"
    assert controller.audience.isVisible() and not controller.console.isVisible()
    assert seen(controller) == ("ana", "back", "card")  # the talk went on throughout
    assert controller.is_running
    controller.end()


def test_clocks_count_the_talk_and_the_card(
    qtbot: QtBot, talk: PresentationController, clock: FakeClock
) -> None:
    clock.now += 65
    qtbot.waitUntil(lambda: talk.console.elapsed_text == "1:05", timeout=2000)
    press(qtbot, talk.audience, K.Key_Space)
    clock.now += 5
    qtbot.waitUntil(lambda: talk.console.card_time_text == "1:10", timeout=2000)
    press(qtbot, talk.audience, K.Key_Space)
    clock.now += 3
    qtbot.waitUntil(lambda: talk.console.card_time_text == "0:03", timeout=2000)
    assert talk.console.elapsed_text == "1:13"


def test_the_console_shows_notes_next_card_and_both_faces(
    qtbot: QtBot, talk: PresentationController
) -> None:
    press(qtbot, talk.audience, K.Key_3, K.Key_Return)
    console = talk.console
    notes = console.notes_texts()
    # The room sees the quote; the console shows the hidden back: who said it, where.
    assert notes[:3] == ["\u201cWe will not back down.\u201d", "Ana Lima", "Foreign Minister"]
    assert "At a press conference in the capital" in notes
    assert "Wire report (Agency)" in notes
    assert console.live_preview.card is not None and console.live_preview.card.id == "q1"
    assert (console.live_preview.face, console.other_preview.face) == ("front", "back")
    assert console.next_preview.card is not None and console.next_preview.card.id == "q2"
    press(qtbot, talk.audience, K.Key_Space)
    assert (console.live_preview.face, console.other_preview.face) == ("back", "front")
    # Now the room sees the back, so the console no longer repeats the speaker.
    assert "Ana Lima" not in console.notes_texts()
    press(qtbot, talk.audience, K.Key_6, K.Key_Return)
    assert console.notes_texts()[:2] == [
        "SPEAKER NOTES",
        "Stress that widgets are a tiny share of trade.",
    ]
    press(qtbot, talk.audience, K.Key_End)
    assert console.next_preview.card is None
    press(qtbot, talk.audience, K.Key_Home)
    notes = console.notes_texts()
    assert "QUOTES" in notes
    assert "\u2022  \u201cWe will not back down.\u201d" in notes


def test_a_click_steps_forward_and_a_right_click_back(
    qtbot: QtBot, talk: PresentationController
) -> None:
    qtbot.mouseClick(talk.audience, Qt.MouseButton.LeftButton)
    assert seen(talk)[:2] == ("ana", "back")
    qtbot.mouseClick(talk.audience, Qt.MouseButton.RightButton)
    assert seen(talk)[:2] == ("ana", "front")


def test_keys_with_control_are_left_alone(qtbot: QtBot, talk: PresentationController) -> None:
    qtbot.keyClick(talk.audience, K.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert talk.audience.fill == "card"


def test_card_shown_is_emitted_for_each_step(qtbot: QtBot, talk: PresentationController) -> None:
    shown: list[tuple[int, str]] = []
    talk.card_shown.connect(lambda i, face: shown.append((i, face)))
    press(qtbot, talk.audience, K.Key_Space, K.Key_Space, K.Key_B, K.Key_B)
    assert shown == [(0, "back"), (1, "front")]


def test_no_cards_is_harmless(qtbot: QtBot, clock: FakeClock) -> None:
    controller = make(qtbot, [], clock=clock)
    controller.start()
    press(qtbot, controller.audience, K.Key_Space, K.Key_G, K.Key_1, K.Key_Return, K.Key_B)
    assert controller.audience.shown_card_id is None
    with qtbot.waitSignal(controller.presentation_ended) as ended:
        press(qtbot, controller.audience, K.Key_B, K.Key_Escape)
    assert ended.args == [0]


# --- the audience view itself -------------------------------------------------------------


def test_the_cursor_hides_when_still_and_returns_on_movement(qtbot: QtBot) -> None:
    view = AudienceView(light_theme(), cursor_idle_ms=60)
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.show()
    qtbot.waitUntil(lambda: view.cursor_hidden, timeout=2000)
    assert view.cursor().shape() == Qt.CursorShape.BlankCursor
    qtbot.mouseMove(view, QPoint(100, 100))
    qtbot.mouseMove(view, QPoint(120, 110))
    assert not view.cursor_hidden
    assert view.cursor().shape() != Qt.CursorShape.BlankCursor
    qtbot.waitUntil(lambda: view.cursor_hidden, timeout=2000)


def test_p_pauses_the_talk_clock_and_shift_r_resets_it(qtbot: QtBot) -> None:
    now = [100.0]
    cards = [Card(f"c{i}", Category.MEASURE, Face(f"Card {i}"), Face("b")) for i in range(3)]
    talk = PresentationController(cards, 0, light_theme(), full_screen=False, clock=lambda: now[0])
    talk.start()
    now[0] += 65
    press(qtbot, talk.console, K.Key_P)
    assert talk.talk.clock_paused
    assert "PAUSED" in talk.console.header.elapsed_caption.text()
    now[0] += 600  # a long question from the room: the clock stands still
    press(qtbot, talk.console, K.Key_P)
    assert talk.console.elapsed_text == "1:05"
    now[0] += 5
    qtbot.keyClick(talk.console, K.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert talk.console.elapsed_text == "0:00"
    assert len(talk.console.wall_clock_text) == 5  # HH:MM, the time in the room
    talk.end()


def test_o_opens_an_overview_to_jump_by_sight(qtbot: QtBot) -> None:
    cards = [Card(f"c{i}", Category.MEASURE, Face(f"Card {i}"), Face("b")) for i in range(6)]
    talk = PresentationController(cards, 0, light_theme(), full_screen=False)
    talk.start()
    press(qtbot, talk.console, K.Key_O)
    grid = talk.console.overview
    assert grid.isVisible() and grid.count() == 6
    assert not grid.item(0).icon().isNull()  # thumbnails drawn
    for key in (K.Key_Right, K.Key_Right, K.Key_Right):
        qtbot.keyClick(grid, key)
    qtbot.keyClick(grid, K.Key_Return)
    assert not grid.isVisible()
    assert talk.talk.index == 3
    press(qtbot, talk.console, K.Key_O)
    qtbot.keyClick(grid, K.Key_Escape)  # closes the overview, not the talk
    assert not grid.isVisible() and talk.is_running
    talk.end()


def test_the_cursor_waits_two_seconds_by_default(qtbot: QtBot) -> None:
    view = AudienceView(light_theme())
    qtbot.addWidget(view)
    assert view.cursor_idle_ms == 2000


def test_the_audience_view_draws_the_card_like_the_window(qtbot: QtBot, cards: list[Card]) -> None:
    theme = light_theme()
    view = AudienceView(theme, text_scale=1.3, reduce_motion=True)
    qtbot.addWidget(view)
    view.resize(960, 540)
    view.show_card(cards[2], "back", position=(2, len(cards)))
    shot = view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    expected = QImage(shot.size(), QImage.Format.Format_ARGB32_Premultiplied)
    expected.fill(theme.color("background"))
    painter = QPainter(expected)
    inner = audience_card_rect(QRectF(0, 0, 960, 540))
    paint_shadow(painter, inner, theme)
    paint_card(painter, inner, cards[2], "back", theme, 1.3)
    painter.end()
    box = inner.toRect()
    assert shot.copy(box) == expected.copy(box)


def test_blackout_paints_the_whole_screen(qtbot: QtBot, cards: list[Card]) -> None:
    view = AudienceView(light_theme(), reduce_motion=True)
    qtbot.addWidget(view)
    view.resize(320, 180)
    for fill, rgb in (("black", "#000000"), ("white", "#ffffff")):
        view.show_card(cards[0], "front", fill)
        image = view.grab().toImage()
        colours = {image.pixelColor(x, y).name() for x in (0, 160, 319) for y in (0, 90, 179)}
        assert colours == {rgb}


def test_a_flip_on_the_audience_view_is_animated(qtbot: QtBot, cards: list[Card]) -> None:
    view = AudienceView(light_theme())
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.show()
    view.show_card(cards[0], "front")
    view.show_card(cards[0], "back")
    assert view.is_turning and view.shown_face == "back"
    qtbot.waitUntil(lambda: not view.is_turning, timeout=2000)
    view.show_card(cards[1], "front")
    assert not view.is_turning


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (5.9, "0:05"), (754, "12:34"), (3723, "1:02:03")]
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


# --- the console and the overview on small and large screens ---------------------------


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(top_left) and window.rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1)
    )


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_the_console_fits_the_screen_with_every_key_and_clock(
    qtbot: QtBot, talk: PresentationController, size: tuple[int, int]
) -> None:
    press(qtbot, talk.audience, K.Key_Tab)  # one screen: show the console
    console = talk.console
    assert console.isVisible()
    console.resize(*size)
    assert console.minimumSizeHint().width() <= 800
    hints = [label for label in console.findChildren(QLabel) if label.objectName() == "key"]
    assert len(hints) == len(KEY_HINTS)
    qtbot.waitUntil(lambda: all(_inside(h, console) for h in hints), timeout=2000)
    # a clock shows all its digits, whatever the width
    for clock_label in (console.header.elapsed_label, console.header.wall_label):
        assert _inside(clock_label, console)
        needed = clock_label.fontMetrics().horizontalAdvance(clock_label.text())
        assert clock_label.width() >= needed


def test_the_overview_fills_the_width_with_thumbnails(qtbot: QtBot) -> None:
    cards = [Card(f"c{i}", Category.MEASURE, Face(f"Card {i}"), Face("b")) for i in range(9)]
    talk = PresentationController(cards, 0, light_theme(), full_screen=False)
    talk.start()
    press(qtbot, talk.audience, K.Key_Tab)
    talk.console.resize(1280, 800)
    qtbot.waitUntil(lambda: talk.console.width() == 1280, timeout=2000)
    press(qtbot, talk.console, K.Key_O)
    grid = talk.console.overview
    assert grid.isVisible()
    assert "arrows move, Enter jumps, Esc closes" in grid.header.text()
    tops = [grid.visualItemRect(grid.item(i)).top() for i in range(5)]
    assert tops[:4] == [tops[0]] * 4 and tops[4] > tops[0]  # four a row at 1280 px
    assert grid.iconSize().width() >= 256  # bigger than a fixed small thumbnail
    for i in range(4):  # every column is whole on screen
        assert grid.viewport().rect().contains(grid.visualItemRect(grid.item(i)))
    talk.end()
