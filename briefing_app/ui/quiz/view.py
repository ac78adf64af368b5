"""The quiz view: who said what, with a setup page, questions with feedback, and results.

Self-contained so the study window only has to show it and listen for
``quiz_closed``. The questions come from ``core.quiz``; this module only turns
them into widgets and keys into answers. Every step works from the keyboard:
Tab and Space on the setup page, 1-4 to choose, Enter to check and go on,
R/N on the results, Esc to leave.

Signals: ``answer_given(item_id, correct)``, ``quiz_finished(right, total)``,
``quiz_closed()``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.models import Pack
from ...core.quiz import (
    AnswerRecorder,
    Priorities,
    Question,
    QuestionKind,
    ReviewPriority,
    Session,
    build_session,
)
from ...core.scripts import is_rtl, isolated, left_to_right, quoted
from ...core.sitting import RETURN_GAP, Clock, Sitting, utc_now
from ...paint.fonts import ensure_cjk_font
from ...paint.theme import Theme, palette_theme
from .pages import EndPage, QuestionPage, SetupPage
from .widgets import quiz_stylesheet, restyle

logger = logging.getLogger(__name__)

CHIP_TEXT = {
    QuestionKind.WHO_SAID: "QUOTE",
    QuestionKind.WHO_DID: "MEASURE",
    QuestionKind.WHICH_QUOTE: "ACTOR",
}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DIGIT_KEYS: dict[int, int] = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}


LINE_END_ROOM = 8  # pixels kept free after the subject's longest line


class Stage(Enum):
    SETUP = "setup"
    ASKING = "asking"
    ANSWERED = "answered"
    DONE = "done"


class QuizView(QWidget):
    """A whole quiz on one pack: setup, questions, results.

    ``recorder`` keeps each answer (the progress store); ``priorities`` orders
    the questions (by default the recorder, when it can). ``seed`` makes the
    sessions repeatable, for tests and screenshots.

    Signals: ``answer_given(str item_id, bool correct)``,
    ``quiz_finished(int right, int total)``, ``quiz_closed()``.
    """

    answer_given = Signal(str, bool)
    quiz_finished = Signal(int, int)
    quiz_closed = Signal()

    def __init__(
        self,
        pack: Pack,
        recorder: AnswerRecorder | None = None,
        parent: QWidget | None = None,
        *,
        priorities: Priorities | None = None,
        seed: int | None = None,
        theme: Theme | None = None,
        clock: Clock = utc_now,
        check_on_choose: bool = True,
        ask_again: bool = True,
    ) -> None:
        super().__init__(parent)
        ensure_cjk_font()  # the quiz window alone may be the first to show such text
        self.pack = pack
        self.recorder = recorder
        if priorities is None and isinstance(recorder, ReviewPriority):
            priorities = recorder
        self.priorities = priorities
        self.seed = seed
        self.theme = theme or palette_theme(parent.palette() if parent is not None else None)
        self.sitting: Sitting | None = None
        self.clock = clock
        self.selected: int | None = None
        self.stage = Stage.SETUP
        self.typed = False
        self.setObjectName("quizView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Focus for the answer keys, but no Tab stop of its own (a nameless, invisible one).
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAccessibleName("Quiz")
        self.setStyleSheet(quiz_stylesheet(self.theme))
        self.pages = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.setup_page = SetupPage(pack)
        self.setup_page.start_requested.connect(self.start_from_setup)
        self.pages.addWidget(self.setup_page)
        self.question_page = QuestionPage()
        self.question_page.chosen.connect(self.choose)
        self.question_page.acted.connect(self.advance)
        self.pages.addWidget(self.question_page)
        self.end_page = EndPage()
        self.end_page.close_button.clicked.connect(self.quiz_closed.emit)
        self.end_page.new_button.clicked.connect(self.show_setup)
        self.end_page.retry_button.clicked.connect(self.retry_missed)
        self.pages.addWidget(self.end_page)
        self._name_controls()
        self.check_on_choose_box.setChecked(check_on_choose)
        self.ask_again_box.setChecked(ask_again)
        self.pages.setCurrentWidget(self.setup_page)

    # --- building ----------------------------------------------------------

    def _name_controls(self) -> None:
        """The pages' controls, by name, for the window and the tests."""
        self.kind_boxes = self.setup_page.kind_boxes
        self.length_box = self.setup_page.length_box
        self.choice_radio = self.setup_page.choice_radio
        self.typed_radio = self.setup_page.typed_radio
        self.check_on_choose_box = self.setup_page.check_on_choose_box
        self.ask_again_box = self.setup_page.ask_again_box
        self.start_button = self.setup_page.start_button
        self.setup_problem = self.setup_page.problem
        self.big_score = self.end_page.big_score
        self.relearned_label = self.end_page.relearned_label
        self.score_words = self.end_page.score_words
        self.missed_heading = self.end_page.missed_heading
        self.retry_button = self.end_page.retry_button
        self.new_button = self.end_page.new_button
        qp = self.question_page
        self.kind_chip = qp.kind_chip
        self.score_label = qp.score_label
        self.progress = qp.progress
        self.prompt_label = qp.prompt_label
        self.subject_label = qp.subject_label
        self.subject_note = qp.subject_note
        self.option_cards = qp.option_cards
        self.typed_edit = qp.typed_edit
        self.feedback = qp.feedback
        self.verdict_label = qp.verdict_label
        self.note_label = qp.note_label
        self.answer_label = qp.answer_label
        self.context_label = qp.context_label
        self.meta_label = qp.meta_label
        self.hint_label = qp.hint_label
        self.action_button = qp.action_button

    def set_theme(self, theme: Theme) -> None:
        """Restyle in ``theme``: the window broadcasts Ctrl+T and the system's switch."""
        self.theme = theme
        self.setStyleSheet(quiz_stylesheet(theme))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stage is Stage.SETUP:
            QTimer.singleShot(0, self, self._focus_start)  # dropped if the view is gone

    def _focus_start(self) -> None:
        if self.stage is Stage.SETUP:
            self.start_button.setFocus()

    # --- setup -------------------------------------------------------------

    def show_setup(self) -> None:
        self.stage = Stage.SETUP
        self.pages.setCurrentWidget(self.setup_page)
        self.start_button.setFocus()

    def start_from_setup(self) -> None:
        kinds = self.setup_page.chosen_kinds()
        if not kinds:
            return
        self.start(kinds, self.length_box.value(), typed=self.typed_radio.isChecked())

    def start(
        self, kinds: Sequence[QuestionKind], count: int, typed: bool = False
    ) -> Session | None:
        """Build a session and ask its first question (None when the pack cannot)."""
        session = build_session(self.pack, kinds, count, self.seed, self.priorities)
        if not session.questions:
            self.setup_problem.setText("No question could be made from this pack's items.")
            self.setup_problem.setVisible(True)
            return None
        self.typed = typed
        self.run_session(session)
        return session

    def run_session(self, session: Session) -> None:
        gap = RETURN_GAP if self.ask_again_box.isChecked() else None
        self.run_sitting(Sitting(self.pack, session, self.recorder, self.clock, return_gap=gap))

    def run_sitting(self, sitting: Sitting) -> None:
        self.sitting = sitting
        self.pages.setCurrentWidget(self.question_page)
        self._show_question()

    # --- the sitting, as the core keeps it ----------------------------------

    @property
    def session(self) -> Session | None:
        return self.sitting.session if self.sitting else None

    @property
    def question(self) -> Question | None:
        return self.sitting.question if self.sitting else None

    @property
    def answered(self) -> int:
        return self.sitting.answered if self.sitting else 0

    @property
    def right(self) -> int:
        return self.sitting.right if self.sitting else 0

    @property
    def missed(self) -> list[Question]:
        return self.sitting.missed if self.sitting else []

    # --- asking ------------------------------------------------------------

    def _by_choice(self, q: Question) -> bool:
        return not (self.typed and q.accepts_typed)

    def _show_question(self) -> None:
        q = self.question
        if q is None:
            return
        self.stage = Stage.ASKING
        self.selected = None
        sitting = self.sitting
        assert sitting is not None
        total = sitting.total
        self.kind_chip.setText(CHIP_TEXT[q.kind])
        self.kind_chip.setProperty("kind", q.kind.value)
        restyle(self.kind_chip)
        self._update_score()
        self.progress.setRange(0, total)
        self.progress.setValue(sitting.index)
        # The subject line names the actor; a returning question says it is one.
        again = "Again, missed earlier: " if sitting.is_return else ""
        self.prompt_label.setText(again + q.kind.label)
        self._show_subject(q)
        self.question_page.scroll_to_top()
        by_choice = self._by_choice(q)
        for i, card in enumerate(self.option_cards):
            visible = by_choice and i < len(q.options)
            card.setVisible(visible)
            if visible:
                option = q.options[i]
                card.set_option(option.label, option.detail, quote=option.quote_id is not None)
        self.typed_edit.setVisible(not by_choice)
        self.typed_edit.clear()
        self.typed_edit.setReadOnly(False)
        self.typed_edit.setProperty("state", "idle")
        restyle(self.typed_edit)
        self.feedback.setVisible(False)
        self.action_button.setText("Check")
        self.action_button.setEnabled(not by_choice)
        self.hint_label.setText(self._keys_hint(q, by_choice))
        if by_choice:
            self.setFocus()
        else:
            self.typed_edit.setFocus()

    def _show_subject(self, q: Question) -> None:
        """The quote or measure asked about, sized by its length, and its note."""
        if q.kind is QuestionKind.WHICH_QUOTE:
            self.subject_label.setText(q.subject)
        elif q.kind is QuestionKind.WHO_SAID:
            self.subject_label.setText(quoted(q.subject, self.pack.language))
        else:
            self.subject_label.setText(q.subject)
        # Room at the end of the lines: a line that fits to the pixel can still be drawn a
        # few pixels wider (seen with Arabic at 800x600) and the label clips it.
        if is_rtl(self.subject_label.text(), self.pack.language):
            self.subject_label.setContentsMargins(LINE_END_ROOM, 0, 0, 0)
        else:
            self.subject_label.setContentsMargins(0, 0, LINE_END_ROOM, 0)
        length = len(self.subject_label.text())
        size = "long" if length > 160 else "medium" if length > 60 else "short"
        self.subject_label.setProperty("length", size)
        restyle(self.subject_label)
        self.subject_note.setText(_note_with_date(q.subject_note or "", q.date))
        self.subject_note.setVisible(bool(q.subject_note))

    def _keys_hint(self, q: Question, by_choice: bool) -> str:
        """What the keys do now, under the options."""
        if not by_choice:
            keys = "type a name  ·  Enter checks"
        elif self.check_on_choose_box.isChecked():
            keys = f"1–{len(q.options)} or a click answers"
        else:
            keys = f"1–{len(q.options)} choose  ·  Enter checks"
        return f"{keys}  ·  Esc leaves"

    def _update_score(self) -> None:
        self.score_label.setText(self.sitting.score_text() if self.sitting else "")

    def choose(self, index: int) -> None:
        """Select an option (a click, Space on it, or its number key)."""
        q = self.question
        if self.stage is not Stage.ASKING or q is None or not self._by_choice(q):
            return
        if index >= len(q.options):
            return
        self.selected = index
        for i, card in enumerate(self.option_cards[: len(q.options)]):
            card.set_state("selected" if i == index else "idle")
        self.action_button.setEnabled(True)
        if self.check_on_choose_box.isChecked():
            self.submit()  # one step: the choice is the answer

    def advance(self) -> None:
        """Enter or the action button: check the answer, or go on after feedback."""
        if self.stage is Stage.ASKING:
            self.submit()
        elif self.stage is Stage.ANSWERED:
            self.next_question()

    def submit(self) -> None:
        q = self.question
        if q is None or self.stage is not Stage.ASKING or self.sitting is None:
            return
        if self._by_choice(q):
            if self.selected is None:
                return
            verdict = self.sitting.answer_choice(self.selected)
        else:
            typed = self.typed_edit.text().strip()
            if not typed:
                return
            verdict = self.sitting.answer_typed(typed)
        self.stage = Stage.ANSWERED
        self._show_feedback(q, verdict.correct, verdict.note)
        self.answer_given.emit(q.item_id, verdict.correct)

    def _show_feedback(self, q: Question, correct: bool, note: str) -> None:
        if self._by_choice(q):
            for i, card in enumerate(self.option_cards[: len(q.options)]):
                if i == q.correct:
                    card.set_state("right")
                elif i == self.selected:
                    card.set_state("wrong")
                else:
                    card.set_state("dim")
        else:
            self.typed_edit.setReadOnly(True)
            self.typed_edit.setProperty("state", "right" if correct else "wrong")
            restyle(self.typed_edit)
        self.feedback.setProperty("verdict", "right" if correct else "wrong")
        self.verdict_label.setText("✓  Right" if correct else "✗  Not quite")
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))
        lead = "" if correct else "The answer: "
        self.answer_label.setText(lead + isolated(q.answer))
        last_verdict = self.sitting.last if self.sitting else None
        if last_verdict is not None and last_verdict.returns_later:
            note = f"{note}  This question comes back in a few questions.".strip()
            self.note_label.setText(note)
            self.note_label.setVisible(True)
        self.context_label.setText(q.context or q.detail or "")
        self.context_label.setVisible(bool(q.context or q.detail))
        source = f"Source: {isolated(q.source)}" if q.source else ""
        meta = [p for p in (_nice_date(q.date), source) if p]
        self.meta_label.setText(" · ".join(meta))
        self.meta_label.setVisible(bool(meta))
        restyle(self.feedback)
        self.feedback.setVisible(True)
        self._update_score()
        last = self.sitting is not None and self.sitting.is_last
        self.action_button.setText("See results" if last else "Next question")
        self.action_button.setEnabled(True)
        self.hint_label.setText("Enter continues  ·  Esc leaves")
        QTimer.singleShot(0, self, self._reveal_feedback)
        if self._by_choice(q):
            self.setFocus()

    def _reveal_feedback(self) -> None:
        """Keep the question, the chosen and the right option and the verdict in view.

        In a small window the options nobody chose step aside first; only if it
        still does not fit does the page scroll down to the verdict.
        """
        if not self.feedback.isVisible():
            return
        if not self.question_page.fits():
            for card in self.option_cards:
                if card.property("state") == "dim":
                    card.hide()
        QTimer.singleShot(0, self, self._scroll_to_feedback)  # once the page is laid out again

    def _scroll_to_feedback(self) -> None:
        page = self.question_page
        if not self.feedback.isVisible():
            return
        if page.fits():
            page.scroll_to_top()
        else:
            page.show_between(self.subject_label, self.feedback)

    def next_question(self) -> None:
        if self.sitting is None:
            return
        if self.sitting.next() is None:
            self.finish()
        else:
            self._show_question()

    # --- results -----------------------------------------------------------

    def finish(self) -> None:
        self.stage = Stage.DONE
        relearned = self.sitting.relearned_text() if self.sitting else ""
        self.end_page.show_results(self.right, self.answered, self.missed, relearned)
        self.pages.setCurrentWidget(self.end_page)
        (self.retry_button if self.missed else self.new_button).setFocus()
        self.quiz_finished.emit(self.right, self.answered)

    def retry_missed(self) -> None:
        retry = self.sitting.retry_missed() if self.sitting else None
        if retry is not None:
            self.run_sitting(retry)

    # --- keys --------------------------------------------------------------

    def _owns_key(self, event: QKeyEvent) -> bool:
        """Keys the quiz answers itself, even when the window binds them to actions."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            return True
        if self.stage is Stage.SETUP:
            return key in ENTER_KEYS
        if self.stage is Stage.DONE:
            return key in (*ENTER_KEYS, Qt.Key.Key_R, Qt.Key.Key_N)
        return key in ENTER_KEYS or key in DIGIT_KEYS

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._owns_key(event)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Escape:
            self.quiz_closed.emit()
        elif self.stage is Stage.SETUP and key in ENTER_KEYS:
            self.start_from_setup()
        elif self.stage in (Stage.ASKING, Stage.ANSWERED) and key in ENTER_KEYS:
            self.advance()
        elif self.stage is Stage.ASKING and key in DIGIT_KEYS:
            self.choose(DIGIT_KEYS[key])
        elif self.stage is Stage.DONE and key in ENTER_KEYS:
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused.isVisible():
                focused.click()
            elif self.missed:
                self.retry_missed()
            else:
                self.show_setup()
        elif self.stage is Stage.DONE and key == Qt.Key.Key_R:
            self.retry_missed()
        elif self.stage is Stage.DONE and key == Qt.Key.Key_N:
            self.show_setup()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


def _note_with_date(note: str, date: str | None) -> str:
    """The note under a measure (``military · 2025-03-03``) with its date as the
    feedback writes it, kept left to right beside Arabic words."""
    if not date or date not in note:
        return note
    nice = _nice_date(date)
    return note.replace(date, left_to_right(nice) if isolated(note) != note else nice)


def _nice_date(value: str | None) -> str:
    """``2025-11-10`` as ``10 Nov 2025``; anything unparsable as given."""
    if not value:
        return ""
    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return value
    return f"{day.day} {day:%b %Y}"


def quiz_window(
    pack: Pack,
    *,
    kinds: Sequence[QuestionKind],
    count: int,
    seed: int | None = None,
    typed: bool = False,
    recorder: AnswerRecorder | None = None,
) -> QuizView:
    """The quiz alone in a window, set up as asked and themed as the user's settings say."""
    from ..settings import SettingsStore, chosen_theme

    settings = SettingsStore().load()  # the theme and quiz choices the study window uses
    view = QuizView(
        pack,
        recorder,
        seed=seed,
        theme=chosen_theme(settings.theme),
        check_on_choose=settings.quiz_check_on_choose,
        ask_again=settings.quiz_ask_again,
    )
    view.setWindowTitle(f"Quiz — {pack.title}")
    view.resize(960, 820)
    view.quiz_closed.connect(view.close)
    for kind, box in view.kind_boxes.items():
        box.setChecked(box.isEnabled() and kind in kinds)
    view.length_box.setValue(min(count, view.length_box.maximum()))
    view.typed_radio.setChecked(typed)
    view.choice_radio.setChecked(not typed)
    return view


def run_quiz_window(
    pack: Pack,
    *,
    kinds: Sequence[QuestionKind],
    count: int,
    seed: int | None = None,
    typed: bool = False,
    recorder: AnswerRecorder | None = None,
) -> int:
    """``briefing-app quiz PATH`` without ``--text``: the quiz alone in a window."""
    app = QApplication.instance() or QApplication([])
    view = quiz_window(pack, kinds=kinds, count=count, seed=seed, typed=typed, recorder=recorder)
    view.show()
    return int(app.exec())
