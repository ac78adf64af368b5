"""The quiz view, driven from the keyboard alone, offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pack_builder import actor, parse, quote, source
from pack_builder import pack as build_pack
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from briefing_app.core.models import Pack
from briefing_app.core.quiz import QuestionKind
from briefing_app.paint.theme import dark_theme
from briefing_app.ui.quiz.view import QuizView, Stage

pytestmark = pytest.mark.gui

DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]


def make_pack(quotes: list[tuple[str, str, str]] | None = None) -> Pack:
    actors = [
        actor(
            "takaichi",
            "Sanae Takaichi",
            role="Prime Minister of Japan",
            affiliation="Japan",
            aliases=["Takaichi"],
        ),
        actor("pigott", "Tommy Pigott", affiliation="United States"),
        actor(
            "glass",
            "George Glass",
            affiliation="United States",
            role="U.S. Ambassador to Japan",
        ),
        actor("mofa-cn", "Chinese Foreign Ministry", kind="institution", affiliation="China"),
        actor("jon", "Jon Berg"),
        actor("jan", "Jan Berg"),
    ]
    quotes = (
        quotes
        if quotes is not None
        else [
            ("q1", "takaichi", "a survival-threatening situation"),
            ("q2", "pigott", "ironclad"),
            ("q3", "glass", "unwavering"),
            ("q4", "mofa-cn", "egregious <b>interference</b>"),
            ("q5", "glass", "very unhelpful"),
        ]
    )
    return parse(
        build_pack(
            id="ui-quiz",
            title="UI quiz pack",
            sources=[source("src", "The Daily", publisher="Press")],
            actors=actors,
            quotes=[
                quote(i, a, t, context=f"said about {i}", date="2025-11-10", source="src")
                for i, a, t in quotes
            ],
        )
    )


@pytest.fixture
def view(qtbot: QtBot) -> QuizView:
    # Most tests here walk the "select, then Enter checks" setting step by step.
    widget = QuizView(make_pack(), seed=11, check_on_choose=False)
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key)


def answer(qtbot: QtBot, view: QuizView, right: bool) -> None:
    q = view.question
    assert q is not None
    index = q.correct if right else (q.correct + 1) % len(q.options)
    press(qtbot, view, DIGITS[index])
    press(qtbot, view, Qt.Key.Key_Return)


def test_a_whole_quiz_from_the_keyboard(qtbot: QtBot, view: QuizView) -> None:
    assert view.pages.currentWidget() is view.setup_page
    assert not view.kind_boxes[QuestionKind.WHO_DID].isEnabled()  # the pack has no measures
    view.kind_boxes[QuestionKind.WHICH_QUOTE].setChecked(False)
    for _ in range(10):
        press(qtbot, view.length_box, Qt.Key.Key_Down)
    for _ in range(3):
        press(qtbot, view.length_box, Qt.Key.Key_Up)
    assert view.length_box.value() == 4
    press(qtbot, view, Qt.Key.Key_Return)

    assert view.pages.currentWidget() is view.question_page
    assert view.score_label.text() == "Score 0/0 · Question 1 of 4"
    assert view.prompt_label.text() == "Who said this?"
    assert sum(card.isVisible() for card in view.option_cards) == 4

    results = []
    view.answer_given.connect(lambda item, ok: results.append((item, ok)))
    answer(qtbot, view, right=True)
    assert view.verdict_label.text().endswith("Right")
    assert view.score_label.text() == "Score 1/1 · Question 1 of 4"
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.score_label.text() == "Score 1/1 · Question 2 of 4"

    missed_q = view.question
    assert missed_q is not None
    answer(qtbot, view, right=False)
    assert view.verdict_label.text().endswith("Not quite")
    assert view.answer_label.text() == f"The answer: {missed_q.answer}"
    assert view.context_label.text() == f"said about {missed_q.item_id}"
    assert view.meta_label.text() == "10 Nov 2025 · Source: The Daily (Press)"
    assert view.action_button.text() == "Next question"
    assert "comes back in a few questions" in view.note_label.text()
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.score_label.text() == "Score 1/2 · Question 3 of 5"  # the miss returns

    answer(qtbot, view, right=True)
    press(qtbot, view, Qt.Key.Key_Return)
    answer(qtbot, view, right=True)
    assert view.action_button.text() == "Next question"
    press(qtbot, view, Qt.Key.Key_Return)
    # The missed question, asked again: marked so, not counted in the score.
    assert view.question is not None and view.question.item_id == missed_q.item_id
    assert view.prompt_label.text() == "Again, missed earlier: Who said this?"
    with qtbot.waitSignal(view.quiz_finished) as finished:
        answer(qtbot, view, right=True)
        assert view.score_label.text() == "Score 3/4 · Question 5 of 5"
        assert view.action_button.text() == "See results"
        press(qtbot, view, Qt.Key.Key_Return)
    assert finished.args == [3, 4]
    assert [ok for _, ok in results] == [True, False, True, True, True]

    assert view.pages.currentWidget() is view.end_page
    assert view.big_score.text() == "3 / 4"
    assert view.score_words.text() == "75% right. Getting there."
    assert view.relearned_label.text() == "1 of 1 missed answer right when asked again."
    assert view.relearned_label.isVisible()
    assert view.missed_heading.text() == "MISSED (1)"
    assert view.retry_button.isVisible()

    # "Retry the missed ones" with R, then answer it right.
    press(qtbot, view, Qt.Key.Key_R)
    assert view.pages.currentWidget() is view.question_page
    assert view.question is not None and view.question.item_id == missed_q.item_id
    assert view.score_label.text() == "Score 0/0 · Question 1 of 1"
    answer(qtbot, view, right=True)
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.big_score.text() == "1 / 1"
    assert view.missed_heading.text() == "NOTHING MISSED"
    assert not view.relearned_label.isVisible()
    assert not view.retry_button.isVisible()

    # N starts over from the setup page.
    press(qtbot, view, Qt.Key.Key_N)
    assert view.pages.currentWidget() is view.setup_page


def test_enter_without_a_choice_does_nothing(qtbot: QtBot, view: QuizView) -> None:
    view.start([QuestionKind.WHO_SAID], 2)
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.answered == 0
    assert not view.feedback.isVisible()
    press(qtbot, view, Qt.Key.Key_3)
    press(qtbot, view, Qt.Key.Key_1)  # a change of mind before Enter
    assert view.option_cards[0].property("state") == "selected"
    assert view.option_cards[2].property("state") == "idle"
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.answered == 1


def test_typed_answers_from_the_keyboard(qtbot: QtBot, view: QuizView) -> None:
    view.typed_radio.setChecked(True)
    view.ask_again_box.setChecked(False)  # three questions, no returns
    view.kind_boxes[QuestionKind.WHICH_QUOTE].setChecked(False)
    view.length_box.setValue(3)
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.typed_edit.isVisible()
    assert not any(card.isVisible() for card in view.option_cards)

    q = view.question
    assert q is not None
    names = {
        "takaichi": "takaichi",
        "pigott": "Tomy Pigott",
        "glass": "GEORGE GLASS",
        "mofa-cn": "chinese foreign ministry",
    }
    qtbot.keyClicks(view.typed_edit, names[q.correct_option.actor_id])
    press(qtbot, view.typed_edit, Qt.Key.Key_Return)
    assert view.verdict_label.text().endswith("Right")
    assert view.typed_edit.isReadOnly()
    press(qtbot, view.typed_edit, Qt.Key.Key_Return)

    qtbot.keyClicks(view.typed_edit, "Jen Berg")  # as close to Jon Berg as to Jan Berg
    press(qtbot, view.typed_edit, Qt.Key.Key_Return)
    assert view.verdict_label.text().endswith("Not quite")
    assert view.note_label.text() == (
        "“Jen Berg” is equally close to Jon Berg and Jan Berg, so it does not count."
    )
    press(qtbot, view.typed_edit, Qt.Key.Key_Return)

    qtbot.keyClicks(view.typed_edit, "Nobody at all")
    press(qtbot, view.typed_edit, Qt.Key.Key_Return)
    assert view.note_label.text() == "“Nobody at all” matches no one in this pack."
    press(qtbot, view.typed_edit, Qt.Key.Key_Return)
    assert view.big_score.text() == "1 / 3"
    assert view.missed_heading.text() == "MISSED (2)"


def test_escape_leaves_from_every_page(qtbot: QtBot, view: QuizView) -> None:
    with qtbot.waitSignal(view.quiz_closed):
        press(qtbot, view, Qt.Key.Key_Escape)
    view.start([QuestionKind.WHO_SAID], 1)
    with qtbot.waitSignal(view.quiz_closed):
        press(qtbot, view, Qt.Key.Key_Escape)
    answer(qtbot, view, right=True)
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.pages.currentWidget() is view.end_page
    with qtbot.waitSignal(view.quiz_closed):
        press(qtbot, view, Qt.Key.Key_Escape)


def test_which_quote_questions_show_quotes_even_in_typed_mode(qtbot: QtBot, view: QuizView) -> None:
    view.start([QuestionKind.WHICH_QUOTE], 1, typed=True)
    q = view.question
    assert q is not None
    assert q.prompt.startswith("Which of these did ")
    assert not view.typed_edit.isVisible()
    assert view.option_cards[q.correct].name.text() == f"“{q.correct_option.label}”"
    answer(qtbot, view, right=True)
    assert view.answer_label.text() == f"“{q.correct_option.label}”"


def test_pack_text_is_shown_as_plain_text(qtbot: QtBot, view: QuizView) -> None:
    view.start([QuestionKind.WHO_SAID], 5)
    while view.question is not None and view.question.item_id != "q4":
        answer(qtbot, view, right=True)
        press(qtbot, view, Qt.Key.Key_Return)
    assert view.subject_label.text() == "“egregious <b>interference</b>”"
    assert view.subject_label.textFormat() == Qt.TextFormat.PlainText


def test_a_pack_with_one_speaker_explains_why_there_is_no_quiz(qtbot: QtBot) -> None:
    pack = make_pack([("q1", "glass", "one"), ("q2", "glass", "two")])
    widget = QuizView(pack)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.start_button.isEnabled()
    assert "only one actor (George Glass)" in widget.setup_problem.text()
    assert widget.setup_problem.isVisible()
    press(qtbot, widget, Qt.Key.Key_Return)
    assert widget.pages.currentWidget() is widget.setup_page


def test_answers_go_to_the_recorder(qtbot: QtBot) -> None:
    calls: list[tuple[str, str, str, bool]] = []

    class Store:
        def record_answer(
            self, pack_id: str, item_id: str, kind: str, correct: bool, answered_at: datetime
        ) -> None:
            assert answered_at.tzinfo is not None
            calls.append((pack_id, item_id, kind, correct))

        def priority(self, pack_id: str, item_id: str) -> float:
            return 10.0 if item_id == "q3" else 1.0

    widget = QuizView(make_pack(), Store(), seed=1)
    qtbot.addWidget(widget)
    widget.show()
    widget.start([QuestionKind.WHO_SAID], 2)
    assert widget.question is not None and widget.question.item_id == "q3"  # due first
    answer(qtbot, widget, right=False)
    press(qtbot, widget, Qt.Key.Key_Return)
    answer(qtbot, widget, right=True)
    assert calls[0] == ("ui-quiz", "q3", "who-said", False)
    assert calls[1][2:] == ("who-said", True)


def test_a_failing_recorder_does_not_stop_the_quiz(qtbot: QtBot) -> None:
    class Broken:
        def record_answer(self, *args: object) -> None:
            raise OSError("disk full")

    widget = QuizView(make_pack(), Broken(), seed=1)  # type: ignore[arg-type]
    qtbot.addWidget(widget)
    widget.show()
    widget.start([QuestionKind.WHO_SAID], 1)
    answer(qtbot, widget, right=True)
    assert "could not be saved" in widget.note_label.text()
    press(qtbot, widget, Qt.Key.Key_Return)
    assert widget.big_score.text() == "1 / 1"


def test_quiz_keys_win_over_the_windows_shortcuts(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    fired: list[str] = []
    for text in ("1", "Return", "Esc"):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(text))
        action.triggered.connect(lambda _=False, t=text: fired.append(t))
        window.addAction(action)
    view = QuizView(make_pack(), seed=3)
    QVBoxLayout(window).addWidget(view)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.start([QuestionKind.WHO_SAID], 1)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    press(qtbot, view, Qt.Key.Key_1)
    assert view.selected == 0
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.answered == 1
    assert fired == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_renders(qtbot: QtBot, tmp_path: Path, theme: str) -> None:
    widget = QuizView(make_pack(), seed=5, theme=dark_theme() if theme == "dark" else None)
    qtbot.addWidget(widget)
    widget.resize(1000, 860)
    widget.show()
    out = Path(os.environ.get("BRIEFING_RENDER_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    shots = {"setup": widget.grab()}
    widget.start([QuestionKind.WHO_SAID], 2)
    shots["question"] = widget.grab()
    answer(qtbot, widget, right=False)
    shots["feedback"] = widget.grab()
    press(qtbot, widget, Qt.Key.Key_Return)
    answer(qtbot, widget, right=True)
    press(qtbot, widget, Qt.Key.Key_Return)
    shots["end"] = widget.grab()
    for name, pixmap in shots.items():
        assert not pixmap.isNull()
        assert pixmap.save(str(out / f"quiz-{theme}-{name}.png"))


def test_the_setup_page_is_one_tab_chain_of_visible_named_stops(qtbot: QtBot) -> None:
    from briefing_app.core.pack import load_pack
    from briefing_app.paths import bundled_briefs_dir

    view = QuizView(load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025"))
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.start_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.start_button)
    seen = []
    widget = view.start_button
    for _ in range(20):
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget is view.start_button:
            break
        seen.append(widget)
    assert widget is view.start_button  # the chain comes back round
    for w in seen:
        assert w.isVisible() and w is not view
        assert w.accessibleName(), type(w).__name__
    steps = [w for w in seen if w.accessibleName() in ("Fewer questions", "More questions")]
    assert len(steps) == 2  # the -/+ buttons are reachable
    before = view.length_box.value()
    steps[0].setFocus()
    qtbot.keyClick(steps[0], Qt.Key.Key_Space)
    assert view.length_box.value() == before - 1


def test_the_setup_page_from_the_keyboard_inside_the_window(qtbot: QtBot, make_window: Any) -> None:
    """Q in the study window, then Tab, Space and the arrows set up a whole quiz."""
    from briefing_app.paths import bundled_briefs_dir
    from briefing_app.ui.app import attach_features

    window = make_window(bundled_briefs_dir() / "us-japan-taiwan-2025")
    features = attach_features(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.card_view, Qt.Key.Key_Q)
    quiz = features.quiz
    assert quiz is not None
    page = quiz.setup_page
    qtbot.waitUntil(page.isVisible)  # the window shows its new central view on the next loop
    qtbot.waitUntil(page.start_button.hasFocus)  # where the setup page puts focus
    boxes = list(page.kind_boxes.values())
    boxes[0].setFocus()
    qtbot.waitUntil(boxes[0].hasFocus)

    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # untick "Who said this?"
    assert not boxes[0].isChecked()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert boxes[0].isChecked()
    for _ in range(3):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.length_box
    before = page.length_box.value()
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert page.length_box.value() == before - 1
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().accessibleName() == "Fewer questions"
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().accessibleName() == "More questions"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.choice_radio
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # the arrows move between the two
    assert page.typed_radio.isChecked() and focused() is page.typed_radio
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # "check on choose" is off for typing
    assert focused() is page.ask_again_box
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.start_button
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert quiz.typed and quiz.session is not None
    assert len(quiz.session.questions) == before - 2


def test_a_focused_checkbox_has_a_ring_and_a_ticked_box(qtbot: QtBot) -> None:
    view = QuizView(make_pack())
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    box = next(iter(view.setup_page.kind_boxes.values()))
    other = list(view.setup_page.kind_boxes.values())[2]
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    accent = QColor(view.theme.accent)
    ring, plain = box.grab().toImage(), other.grab().toImage()
    middle = ring.height() // 2
    assert ring.pixelColor(1, middle) == accent  # the ring's left edge
    assert plain.pixelColor(1, middle) != accent
    # the ticked box is not a solid square: its middle has the tick's white stroke
    assert box.isChecked()
    tick = [ring.pixelColor(x, y) for x in range(10, 34) for y in range(4, ring.height() - 4)]
    assert any(c.lightness() > 240 for c in tick) and any(c == accent for c in tick)


def test_an_unavailable_kind_says_why_to_a_screen_reader(qtbot: QtBot) -> None:
    view = QuizView(make_pack())  # this pack has no measures
    qtbot.addWidget(view)
    box = view.setup_page.kind_boxes[QuestionKind.WHO_DID]
    assert not box.isEnabled()
    assert box.accessibleName() == "Who did this?"
    assert "measure" in box.accessibleDescription().lower()
    assert box.toolTip()


@pytest.mark.parametrize("control", ["length_box", "typed_radio", "kind_box"])
def test_enter_on_a_setup_control_starts_the_quiz(
    qtbot: QtBot, view: QuizView, control: str
) -> None:
    page = view.setup_page
    widget = (
        next(iter(page.kind_boxes.values())) if control == "kind_box" else getattr(page, control)
    )
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert view.session is not None and view.question is not None


def one_step_view(qtbot: QtBot, size: tuple[int, int] = (900, 800)) -> QuizView:
    widget = QuizView(make_pack(), seed=11)  # the default: a choice is the answer
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.start([QuestionKind.WHO_SAID], 3)
    return widget


def test_a_click_on_an_option_answers_in_one_step(qtbot: QtBot) -> None:
    view = one_step_view(qtbot)
    q = view.question
    assert q is not None
    card = view.option_cards[q.correct]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert view.answered == 1 and view.right == 1
    assert view.feedback.isVisible()
    assert "answers" in view.hint_label.text() or view.action_button.text() != "Check"
    press(qtbot, view, Qt.Key.Key_Return)  # Enter goes on
    assert view.question is not q and view.answered == 1


def test_a_number_key_answers_in_one_step(qtbot: QtBot) -> None:
    view = one_step_view(qtbot)
    q = view.question
    assert q is not None
    press(qtbot, view, DIGITS[(q.correct + 1) % len(q.options)])
    assert view.answered == 1 and view.right == 0
    assert view.feedback.isVisible()


def test_the_setting_keeps_select_then_check(qtbot: QtBot) -> None:
    widget = QuizView(make_pack(), seed=11)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.check_on_choose_box.setFocus()
    press(qtbot, widget.check_on_choose_box, Qt.Key.Key_Space)  # untick by keyboard
    assert not widget.check_on_choose_box.isChecked()
    widget.start([QuestionKind.WHO_SAID], 2)
    press(qtbot, widget, Qt.Key.Key_1)
    assert widget.answered == 0 and widget.selected == 0
    press(qtbot, widget, Qt.Key.Key_Return)
    assert widget.answered == 1


def fully_shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_score_progress_and_next_stay_in_view_after_every_answer(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    from briefing_app.core.pack import load_pack
    from briefing_app.paths import bundled_briefs_dir

    view = QuizView(load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025"), seed=2)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.start(list(QuestionKind), 20)
    asked = 0
    while (q := view.question) is not None and view.stage is not Stage.DONE:
        press(qtbot, view, DIGITS[(q.correct + 1) % len(q.options)])  # wrong: most feedback
        for part in (view.score_label, view.progress, view.action_button):
            assert fully_shown(part), (size, q.subject, part.objectName())
        asked += 1
        press(qtbot, view, Qt.Key.Key_Return)
    assert asked >= 10


def test_unticking_ask_again_keeps_missed_questions_for_the_end(
    qtbot: QtBot, view: QuizView
) -> None:
    view.kind_boxes[QuestionKind.WHICH_QUOTE].setChecked(False)
    view.length_box.setValue(2)
    qtbot.mouseClick(view.ask_again_box, Qt.MouseButton.LeftButton)
    assert not view.ask_again_box.isChecked()
    press(qtbot, view, Qt.Key.Key_Return)
    answer(qtbot, view, right=False)
    assert "comes back" not in view.note_label.text()
    press(qtbot, view, Qt.Key.Key_Return)
    assert view.score_label.text() == "Score 0/1 · Question 2 of 2"
    answer(qtbot, view, right=True)
    assert view.action_button.text() == "See results"
