"""The study window's features beyond flipping: ratings, undo, Due now, quiz, stats,
presentation and export — driven with the keys a user would press."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing_app.core.cards import Category
from briefing_app.core.progress import ProgressStore
from briefing_app.ui.quiz.view import QuizView
from briefing_app.ui.stats.view import StatsView
from briefing_app.ui.study.features import StudyFeatures
from briefing_app.ui.study.main_window import MainWindow

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    s = ProgressStore(tmp_path / "progress.db")
    yield s
    s.close()


@pytest.fixture
def study(
    make_window: Callable[..., MainWindow], write_pack: Callable[..., Path], store: ProgressStore
) -> tuple[MainWindow, StudyFeatures]:
    window = make_window(write_pack())
    features = StudyFeatures(window, store, clock=lambda: NOW)
    window.card_view.setFocus()
    return window, features


def press(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def go_to_first_actor(qtbot: QtBot, window: MainWindow) -> None:
    while window.current_card() is not None and window.current_card().category is Category.TITLE:  # type: ignore[union-attr]
        press(qtbot, window, Qt.Key.Key_Right)


def test_rating_after_flip_is_saved_and_moves_on(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures], store: ProgressStore
) -> None:
    window, features = study
    go_to_first_actor(qtbot, window)
    card = window.current_card()
    assert card is not None
    press(qtbot, window, Qt.Key.Key_3)  # nothing to rate before the flip
    assert store.card_state("test-pack", card.id) is None
    assert not features.rating_bar.isVisible()

    press(qtbot, window, Qt.Key.Key_Space)
    assert features.rating_bar.isVisible()
    good_button = features.rating_bar.buttons[next(iter(features.rating_bar.buttons))]
    assert good_button.text()  # labels carry the next interval
    assert all(features.rating_bar.intervals.values())

    with qtbot.waitSignal(features.rating_recorded) as signal:
        press(qtbot, window, Qt.Key.Key_3)
    assert signal.args == [card.id, 3]
    state = store.card_state("test-pack", card.id)
    assert state is not None and state.due > NOW
    assert window.current_card() is not None and window.current_card().id != card.id
    assert not features.rating_bar.isVisible()
    assert "Rated Good" in window.statusBar().currentMessage()


def test_ctrl_z_undoes_the_last_rating_and_returns_to_the_card(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures], store: ProgressStore
) -> None:
    window, features = study
    go_to_first_actor(qtbot, window)
    card = window.current_card()
    assert card is not None
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_1)
    assert store.card_state("test-pack", card.id) is not None

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.card_state("test-pack", card.id) is None
    assert window.current_card() is not None and window.current_card().id == card.id
    assert window.card_view.face() == "back"
    assert features.rating_bar.isVisible()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "No rating to undo"


def test_due_now_walks_only_due_and_new_cards(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures], store: ProgressStore
) -> None:
    window, features = study
    ids = [c.id for c in window.deck.cards if c.category is not Category.TITLE]
    for item_id in ids[:3]:  # studied yesterday, Easy: not due for days
        store.record_rating("test-pack", item_id, 4, NOW - timedelta(days=1))
    store.record_rating("test-pack", ids[3], 1, NOW - timedelta(days=1))  # Again: due

    press(qtbot, window, Qt.Key.Key_D)
    assert features.actions["due"].isChecked()
    shown = [c.id for c in window.visible_cards()]
    assert shown == ids[3:]
    assert window.position_label.text() == f"Card 1 of {len(ids) - 3}"
    # One number everywhere: Statistics and `stats --json` count the same cards.
    pack = window.current_pack()
    assert pack is not None
    stats = store.stats(pack, NOW)
    assert stats.due_now == len(shown)
    assert stats.due_reviews_now == 1 and stats.new_cards == len(shown) - 1

    press(qtbot, window, Qt.Key.Key_D)
    assert len(window.visible_cards()) == window.deck.total


def test_showing_the_same_card_front_up_hides_the_rating_bar(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures], store: ProgressStore
) -> None:
    # Found in a real X11 window: flip, then D — the card came back front up with the
    # Again/Hard/Good/Easy bar still under it, and 3 rated an unseen back.
    window, features = study
    go_to_first_actor(qtbot, window)
    card = window.current_card()
    assert card is not None
    press(qtbot, window, Qt.Key.Key_Space)
    assert features.rating_bar.isVisible()

    press(qtbot, window, Qt.Key.Key_D)  # the first due card is this same, never-studied one
    assert window.current_card() is card
    assert window.card_view.face() == "front"
    assert not features.rating_bar.isVisible()
    press(qtbot, window, Qt.Key.Key_3)
    assert store.card_state("test-pack", card.id) is None


def test_the_rating_bar_follows_a_theme_switch_while_it_shows(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    # Found in a real X11 window: flip, then Ctrl+T — the bar kept its light buttons
    # on the dark window until the next flip.
    window, features = study
    go_to_first_actor(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    assert features.rating_bar.isVisible()
    before = window.theme().is_dark

    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.theme().is_dark is not before
    assert features.rating_bar.theme == window.theme()
    assert window.theme().surface in features.rating_bar.styleSheet()


def test_due_now_with_nothing_due_says_so(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures], store: ProgressStore
) -> None:
    window, _features = study
    for card in window.deck.cards:
        if card.category is not Category.TITLE:
            store.record_rating("test-pack", card.id, 4, NOW - timedelta(hours=1))
    press(qtbot, window, Qt.Key.Key_D)
    assert window.visible_cards() == []
    assert "Nothing is due now" in " ".join(window.card_view.shown_texts())


def test_q_opens_the_quiz_and_esc_comes_back(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures], store: ProgressStore
) -> None:
    window, features = study
    before = window.current_card()
    press(qtbot, window, Qt.Key.Key_Q)
    assert isinstance(window.centralWidget(), QuizView)
    assert not window.toolbar.isVisible()
    assert not features.actions["quiz"].isEnabled()  # Q inside the quiz is the quiz's

    quiz = window.centralWidget()
    assert isinstance(quiz, QuizView)
    qtbot.keyClick(QApplication.focusWidget() or quiz, Qt.Key.Key_Return)  # start
    assert quiz.session is not None
    qtbot.keyClick(QApplication.focusWidget() or quiz, Qt.Key.Key_1)
    qtbot.keyClick(QApplication.focusWidget() or quiz, Qt.Key.Key_Return)
    assert store.answer_count("test-pack") == 1  # the answer went to the store

    with qtbot.waitSignal(features.quiz_left):
        qtbot.keyClick(QApplication.focusWidget() or quiz, Qt.Key.Key_Escape)
    assert window.centralWidget() is not quiz
    assert window.toolbar.isVisible()
    assert features.actions["quiz"].isEnabled()
    assert window.current_card() == before
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.current_card() != before


def test_the_quiz_setup_checkboxes_are_remembered_for_the_next_quiz(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    window, features = study
    press(qtbot, window, Qt.Key.Key_Q)
    quiz = window.centralWidget()
    assert isinstance(quiz, QuizView)
    assert quiz.check_on_choose_box.isChecked() and quiz.ask_again_box.isChecked()
    for box in (quiz.check_on_choose_box, quiz.ask_again_box):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    with qtbot.waitSignal(features.quiz_left):
        qtbot.keyClick(QApplication.focusWidget() or quiz, Qt.Key.Key_Escape)
    assert not window.settings.quiz_check_on_choose and not window.settings.quiz_ask_again
    press(qtbot, window, Qt.Key.Key_Q)
    again = window.centralWidget()
    assert isinstance(again, QuizView) and again is not quiz
    assert not again.check_on_choose_box.isChecked()
    assert not again.ask_again_box.isChecked()


def test_ctrl_t_during_a_quiz_turns_the_quiz_dark_too(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    # Reproduced before the theme became a broadcast: the window went dark, the quiz stayed light.
    window, _features = study
    window.set_theme_choice("light")
    window.resize(1000, 700)
    press(qtbot, window, Qt.Key.Key_Q)
    quiz = window.centralWidget()
    assert isinstance(quiz, QuizView)

    def background_lightness() -> int:
        return quiz.grab().toImage().pixelColor(4, 4).lightness()

    light = background_lightness()
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.theme().is_dark
    dark = background_lightness()
    assert light > 200 and dark < 80, (light, dark)


def test_statistics_open_for_the_pack(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures], store: ProgressStore
) -> None:
    window, features = study
    store.record_answer("test-pack", "q-survival", "who-said", True, NOW)
    press(qtbot, window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert features.dialogs
    dialog = features.dialogs[-1]
    view = dialog.findChild(StatsView)
    assert view is not None and view.stats is not None
    assert view.stats.answered == 1
    assert "Test pack about a dispute" in dialog.windowTitle()
    # The whole window stays on the screen, however small (offscreen's is 800x600).
    screen = window.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    dialog.close()


def test_f5_presents_the_visible_cards_and_esc_returns(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    window, features = study
    window.set_category(Category.QUOTE)
    press(qtbot, window, Qt.Key.Key_F5)
    talk = features.presentation
    assert talk is not None and talk.is_running
    assert talk.audience.shown_card_id == window.visible_cards()[0].id
    qtbot.keyClick(talk.audience, Qt.Key.Key_PageDown)  # back of card 1
    qtbot.keyClick(talk.audience, Qt.Key.Key_PageDown)  # card 2
    with qtbot.waitSignal(talk.presentation_ended):
        qtbot.keyClick(talk.audience, Qt.Key.Key_Escape)
    assert window.deck.index == 1
    assert window.current_card() == window.visible_cards()[1]


def test_ctrl_e_opens_the_export_dialog(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    window, features = study
    press(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert features.dialogs
    dialog = features.dialogs[-1]
    assert dialog.isVisible() and dialog.windowTitle() == "Export"
    dialog.reject()


def test_feature_keys_are_listed_in_the_help_overlay(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    window, _features = study
    names = {a.objectName() for a in window.all_actions()}
    assert {
        "action_quiz",
        "action_present",
        "action_due",
        "action_undo_rating",
        "action_stats",
        "action_export",
        "action_rate_good",
    } <= names


def test_a_damaged_progress_file_is_reported_in_the_window(
    make_window: Callable[..., MainWindow], write_pack: Callable[..., Path], tmp_path: Path
) -> None:
    db = tmp_path / "damaged" / "progress.db"
    db.parent.mkdir()
    db.write_bytes(b"this is not a database" * 100)
    window = make_window(write_pack())
    store = ProgressStore(db)
    StudyFeatures(window, store, clock=lambda: NOW)
    assert window.banner.isVisible()
    assert "moved to" in window.banner.text()
    assert store.moved_to is not None and store.moved_to.exists()
    store.close()


def test_mode_buttons_give_way_in_a_narrow_window(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    window, features = study
    assert set(features.mode_buttons) == {"due", "quiz", "present", "stats"}
    assert all(b.isVisible() for b in features.mode_buttons.values())
    assert not window.more_button.isVisible()
    window.resize(760, 520)
    qtbot.waitUntil(lambda: not any(b.isVisible() for b in features.mode_buttons.values()))
    assert window.more_button.isVisible()  # nothing disappears: they fold into "More"
    names = [a.text().replace("&", "") for a in window.more_button.menu().actions()]
    assert names == ["Due now", "Quiz", "Present", "Statistics"]
    assert window.position_label.text() == window.deck.position_text()
    press(qtbot, window, Qt.Key.Key_Q)  # the keys still work
    assert isinstance(window.centralWidget(), QuizView)


def test_the_open_button_keeps_its_short_label_after_the_quiz(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    # Found in a real X11 window: after Q and Esc the toolbar's "Open" read "Open Pack".
    from PySide6.QtWidgets import QToolButton

    window, features = study
    button = next(
        b
        for b in window.toolbar.findChildren(QToolButton)
        if b.defaultAction() is window.study_actions["open"]
    )
    assert button.text() == "Open"
    press(qtbot, window, Qt.Key.Key_Q)
    quiz = features.quiz
    assert quiz is not None
    with qtbot.waitSignal(features.quiz_left):
        qtbot.keyClick(QApplication.focusWidget() or quiz, Qt.Key.Key_Escape)
    assert button.text() == "Open"


def test_an_again_card_comes_back_within_the_sitting_until_it_is_good(
    qtbot: QtBot, study: tuple[MainWindow, StudyFeatures]
) -> None:
    window, _features = study
    go_to_first_actor(qtbot, window)
    hard = window.current_card()
    assert hard is not None
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_1)  # Again
    assert "back after 3 more cards" in window.statusBar().currentMessage()
    seen_between = []
    for _ in range(3):  # three other cards, each rated Good
        card = window.current_card()
        assert card is not None and card is not hard
        seen_between.append(card.id)
        press(qtbot, window, Qt.Key.Key_Space)
        press(qtbot, window, Qt.Key.Key_3)
    assert window.current_card() is hard  # back, as Anki's learning steps bring it
    assert window.card_view.face() == "front"
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_3)  # Good: learned, it does not come back
    ids = [c.id for c in window.visible_cards()]
    assert ids.count(hard.id) == 2
    press(qtbot, window, Qt.Key.Key_End)
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_3)
    assert "end of the cards: 5 cards learned, 0 to review again" in (
        window.statusBar().currentMessage()
    )
