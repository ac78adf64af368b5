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

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import Enum

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.models import Pack
from ..core.quiz import (
    AnswerRecorder,
    Priorities,
    Question,
    QuestionKind,
    ReviewPriority,
    Session,
    build_session,
    check_choice,
    check_typed,
    quiz_unavailable_reason,
)
from .quiz_widgets import MissedRow, OptionCard, plain_label, quiz_stylesheet, restyle
from .theme import Theme, dark_theme, light_theme

DEFAULT_LENGTH = 10
CONTENT_WIDTH = 760
KIND_HELP = {
    QuestionKind.WHO_SAID: ("Who said this?", "a quote; name the speaker"),
    QuestionKind.WHO_DID: ("Who did this?", "a measure; name who took it"),
    QuestionKind.WHICH_QUOTE: ("Which of these did they say?", "an actor; pick their words"),
}
CHIP_TEXT = {
    QuestionKind.WHO_SAID: "QUOTE",
    QuestionKind.WHO_DID: "MEASURE",
    QuestionKind.WHICH_QUOTE: "ACTOR",
}
MISSED_TEXT = {
    QuestionKind.WHO_SAID: "WHO SAID THIS?",
    QuestionKind.WHO_DID: "WHO DID THIS?",
    QuestionKind.WHICH_QUOTE: "WHICH DID THEY SAY?",
}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DIGIT_KEYS: dict[int, int] = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}


class Stage(Enum):
    SETUP = "setup"
    ASKING = "asking"
    ANSWERED = "answered"
    DONE = "done"


def palette_is_dark(widget: QWidget | None) -> bool:
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


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
    ) -> None:
        super().__init__(parent)
        self.pack = pack
        self.recorder = recorder
        if priorities is None and isinstance(recorder, ReviewPriority):
            priorities = recorder
        self.priorities = priorities
        self.seed = seed
        self.theme = theme or (dark_theme() if palette_is_dark(parent) else light_theme())
        self.session: Session | None = None
        self.index = 0
        self.right = 0
        self.answered = 0
        self.missed: list[Question] = []
        self.selected: int | None = None
        self.stage = Stage.SETUP
        self.typed = False
        self.record_error: str | None = None
        self.setObjectName("quizView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(quiz_stylesheet(self.theme))
        self.pages = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self._build_setup()
        self._build_question()
        self._build_end()
        self._update_length_limit()
        self.pages.setCurrentWidget(self.setup_page)

    # --- building ----------------------------------------------------------

    def _page(self) -> tuple[QScrollArea, QVBoxLayout]:
        """A page whose content sits in a centred column of readable width, and
        scrolls when a long quote or a small window leaves it no room."""
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setObjectName("quizPage")
        inner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        page.setWidget(inner)
        row = QHBoxLayout(inner)
        row.setContentsMargins(40, 32, 40, 32)
        column_widget = QWidget()
        column_widget.setMaximumWidth(CONTENT_WIDTH)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        row.addStretch(1)
        row.addWidget(column_widget, 100)
        row.addStretch(1)
        self.pages.addWidget(page)
        return page, column

    def _build_setup(self) -> None:
        self.setup_page, col = self._page()
        col.addStretch(1)
        col.addWidget(plain_label("QUIZ", "eyebrow"))
        col.addWidget(plain_label("Who said what", "title"))
        col.addWidget(plain_label(self.pack.title, "subtitle"))
        col.addSpacing(10)
        panel = QFrame()
        panel.setObjectName("panel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(28, 22, 28, 24)
        inner.setSpacing(6)
        inner.addWidget(plain_label("QUESTIONS", "section"))
        self.kind_boxes: dict[QuestionKind, QCheckBox] = {}
        self.reasons: dict[QuestionKind, str] = {}
        for kind in QuestionKind:
            title, help_text = KIND_HELP[kind]
            box = QCheckBox(f"{title}  ·  {help_text}")
            reason = quiz_unavailable_reason(self.pack, kind)
            box.setChecked(reason is None)
            box.setEnabled(reason is None)
            box.toggled.connect(self._update_length_limit)
            self.kind_boxes[kind] = box
            inner.addWidget(box)
            if reason:
                self.reasons[kind] = reason
                note = plain_label(_sentence(reason), "reason")
                inner.addWidget(note)
        inner.addSpacing(10)
        inner.addWidget(plain_label("LENGTH", "section"))
        length_row = QHBoxLayout()
        self.length_box = QSpinBox()
        self.length_box.setRange(1, DEFAULT_LENGTH)
        self.length_box.setValue(DEFAULT_LENGTH)
        self.length_box.setSuffix(" questions")
        self.length_box.setAccessibleName("Number of questions")
        # The style's arrows are drawn by hand below: the stylesheet cannot place them.
        self.length_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        length_row.addWidget(self.length_box)
        for text, step in (("−", -1), ("+", 1)):
            button = QPushButton(text)
            button.setObjectName("step")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard uses ↑ ↓ in the box
            button.setAccessibleName("Fewer questions" if step < 0 else "More questions")
            button.clicked.connect(lambda _=False, s=step: self.length_box.stepBy(s))
            length_row.addWidget(button)
        self.length_note = plain_label("", "hint", wrap=False)
        length_row.addWidget(self.length_note)
        length_row.addStretch(1)
        inner.addLayout(length_row)
        inner.addSpacing(10)
        inner.addWidget(plain_label("ANSWERS", "section"))
        self.choice_radio = QRadioButton("Choose from up to four  ·  keys 1–4")
        self.typed_radio = QRadioButton("Type the name  ·  aliases and small typos are fine")
        self.choice_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.choice_radio)
        group.addButton(self.typed_radio)
        inner.addWidget(self.choice_radio)
        inner.addWidget(self.typed_radio)
        col.addWidget(panel)
        self.setup_problem = plain_label("", "problem")
        unavailable = list(self.reasons.values())
        if len(unavailable) == len(QuestionKind):
            self.setup_problem.setText(
                "This pack has no quiz: " + "; ".join(dict.fromkeys(unavailable)) + "."
            )
        self.setup_problem.setVisible(bool(self.setup_problem.text()))
        col.addWidget(self.setup_problem)
        buttons = QHBoxLayout()
        buttons.addWidget(plain_label("Enter starts  ·  Esc leaves", "hint", wrap=False))
        buttons.addStretch(1)
        self.start_button = QPushButton("Start quiz")
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start_from_setup)
        buttons.addWidget(self.start_button)
        col.addLayout(buttons)
        col.addStretch(2)

    def _build_question(self) -> None:
        self.question_page, col = self._page()
        top = QHBoxLayout()
        self.kind_chip = plain_label("", "kindChip", wrap=False)
        top.addWidget(self.kind_chip)
        top.addStretch(1)
        self.score_label = plain_label("", "score", wrap=False)
        top.addWidget(self.score_label)
        col.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(4)
        col.addWidget(self.progress)
        col.addSpacing(8)
        self.prompt_label = plain_label("", "prompt")
        col.addWidget(self.prompt_label)
        self.subject_label = plain_label("", "subject")
        self.subject_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        col.addWidget(self.subject_label)
        self.subject_note = plain_label("", "subjectNote")
        col.addWidget(self.subject_note)
        col.addSpacing(8)
        self.option_cards: list[OptionCard] = []
        for i in range(4):
            card = OptionCard(i)
            card.chosen.connect(self.choose)
            self.option_cards.append(card)
            col.addWidget(card)
        self.typed_edit = QLineEdit()
        self.typed_edit.setObjectName("typed")
        self.typed_edit.setPlaceholderText("Type a name, then press Enter")
        self.typed_edit.setAccessibleName("Your answer")
        col.addWidget(self.typed_edit)
        self.feedback = QFrame()
        self.feedback.setObjectName("feedback")
        fb = QVBoxLayout(self.feedback)
        fb.setContentsMargins(22, 16, 22, 18)
        fb.setSpacing(6)
        self.verdict_label = plain_label("", "verdict")
        self.note_label = plain_label("", "note")
        self.answer_label = plain_label("", "answer")
        self.context_label = plain_label("", "context")
        self.meta_label = plain_label("", "meta")
        for label in (
            self.verdict_label,
            self.note_label,
            self.answer_label,
            self.context_label,
            self.meta_label,
        ):
            fb.addWidget(label)
        col.addWidget(self.feedback)
        col.addStretch(1)
        bottom = QHBoxLayout()
        self.hint_label = plain_label("", "hint", wrap=False)
        bottom.addWidget(self.hint_label)
        bottom.addStretch(1)
        self.action_button = QPushButton("Check")
        self.action_button.setObjectName("primary")
        self.action_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.action_button.clicked.connect(self.advance)
        bottom.addWidget(self.action_button)
        col.addLayout(bottom)

    def _build_end(self) -> None:
        self.end_page, col = self._page()
        col.addWidget(plain_label("QUIZ COMPLETE", "eyebrow"))
        self.big_score = plain_label("", "bigScore", wrap=False)
        col.addWidget(self.big_score)
        self.score_words = plain_label("", "scoreWords")
        col.addWidget(self.score_words)
        col.addSpacing(8)
        self.missed_heading = plain_label("", "section")
        col.addWidget(self.missed_heading)
        self.missed_area = QScrollArea()
        self.missed_area.setWidgetResizable(True)
        self.missed_area.setFrameShape(QFrame.Shape.NoFrame)
        self.missed_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        holder = QWidget()
        self.missed_list = QVBoxLayout(holder)
        self.missed_list.setContentsMargins(0, 0, 6, 0)
        self.missed_list.setSpacing(8)
        self.missed_area.setWidget(holder)
        col.addWidget(self.missed_area, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(plain_label("R retry  ·  N new quiz  ·  Esc leave", "hint", wrap=False))
        buttons.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.quiz_closed.emit)
        self.new_button = QPushButton("New quiz")
        self.new_button.clicked.connect(self.show_setup)
        self.retry_button = QPushButton("Retry the missed ones")
        self.retry_button.setObjectName("primary")
        self.retry_button.clicked.connect(self.retry_missed)
        for button in (self.close_button, self.new_button, self.retry_button):
            buttons.addWidget(button)
        col.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stage is Stage.SETUP:
            QTimer.singleShot(0, self, self._focus_start)  # dropped if the view is gone

    def _focus_start(self) -> None:
        if self.stage is Stage.SETUP:
            self.start_button.setFocus()

    # --- setup -------------------------------------------------------------

    def chosen_kinds(self) -> list[QuestionKind]:
        return [k for k, box in self.kind_boxes.items() if box.isChecked() and box.isEnabled()]

    def _update_length_limit(self) -> None:
        kinds = self.chosen_kinds()
        items: set[str] = set()
        if QuestionKind.WHO_DID in kinds:
            items.update(m.id for m in self.pack.measures)
        if QuestionKind.WHO_SAID in kinds or QuestionKind.WHICH_QUOTE in kinds:
            items.update(q.id for q in self.pack.quotes)
        most = max(len(items), 1)
        self.length_box.setMaximum(most)
        self.length_box.setValue(min(max(self.length_box.value(), 1), most))
        if self.length_box.value() < min(DEFAULT_LENGTH, most):
            self.length_box.setValue(min(DEFAULT_LENGTH, most))
        self.length_note.setText(f"of {len(items)} available" if items else "")
        self.start_button.setEnabled(bool(kinds))

    def show_setup(self) -> None:
        self.stage = Stage.SETUP
        self.pages.setCurrentWidget(self.setup_page)
        self.start_button.setFocus()

    def start_from_setup(self) -> None:
        kinds = self.chosen_kinds()
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
        self.session = session
        self.index = 0
        self.right = 0
        self.answered = 0
        self.missed = []
        self.pages.setCurrentWidget(self.question_page)
        self._show_question()

    # --- asking ------------------------------------------------------------

    @property
    def question(self) -> Question | None:
        if self.session is None or self.index >= len(self.session.questions):
            return None
        return self.session.questions[self.index]

    def _by_choice(self, q: Question) -> bool:
        return not (self.typed and q.accepts_typed)

    def _show_question(self) -> None:
        q = self.question
        if q is None:
            return
        self.stage = Stage.ASKING
        self.selected = None
        total = len(self.session.questions) if self.session else 0
        self.kind_chip.setText(CHIP_TEXT[q.kind])
        self.kind_chip.setProperty("kind", q.kind.value)
        restyle(self.kind_chip)
        self._update_score()
        self.progress.setRange(0, total)
        self.progress.setValue(self.index)
        self.prompt_label.setText(q.kind.label)  # the subject line names the actor
        if q.kind is QuestionKind.WHICH_QUOTE:
            self.subject_label.setText(q.subject)
        elif q.kind is QuestionKind.WHO_SAID:
            self.subject_label.setText(f"“{q.subject}”")
        else:
            self.subject_label.setText(q.subject)
        length = len(self.subject_label.text())
        size = "long" if length > 160 else "medium" if length > 60 else "short"
        self.subject_label.setProperty("length", size)
        restyle(self.subject_label)
        self.question_page.verticalScrollBar().setValue(0)
        self.subject_note.setText(q.subject_note or "")
        self.subject_note.setVisible(bool(q.subject_note))
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
        keys = f"1–{len(q.options)} choose" if by_choice else "type a name"
        self.hint_label.setText(f"{keys}  ·  Enter checks  ·  Esc leaves")
        if by_choice:
            self.setFocus()
        else:
            self.typed_edit.setFocus()

    def _update_score(self) -> None:
        total = len(self.session.questions) if self.session else 0
        number = min(self.index + 1, total)
        self.score_label.setText(
            f"Score {self.right}/{self.answered} · Question {number} of {total}"
        )

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

    def advance(self) -> None:
        """Enter or the action button: check the answer, or go on after feedback."""
        if self.stage is Stage.ASKING:
            self.submit()
        elif self.stage is Stage.ANSWERED:
            self.next_question()

    def submit(self) -> None:
        q = self.question
        if q is None or self.stage is not Stage.ASKING:
            return
        note = ""
        if self._by_choice(q):
            if self.selected is None:
                return
            correct = check_choice(q, self.selected)
        else:
            typed = self.typed_edit.text().strip()
            if not typed:
                return
            result = check_typed(q, typed, self.pack)
            correct = result.correct
            if result.match.ambiguous:
                names = " and ".join(result.match.ambiguous_names)
                note = f"“{typed}” is equally close to {names}, so it does not count."
            elif not correct and result.meant:
                note = f"You answered {result.meant}."
            elif not correct:
                note = f"“{typed}” matches no one in this pack."
        self._record(q, correct, note)

    def _record(self, q: Question, correct: bool, note: str) -> None:
        self.stage = Stage.ANSWERED
        self.answered += 1
        if correct:
            self.right += 1
        else:
            self.missed.append(q)
        if self.recorder is not None:
            try:
                self.recorder.record_answer(
                    self.pack.id, q.item_id, q.kind.value, correct, datetime.now(UTC)
                )
            except Exception as exc:  # a full disk must not end the quiz
                self.record_error = str(exc)
                note = (note + "  " if note else "") + "(This answer could not be saved.)"
        self._show_feedback(q, correct, note)
        self.answer_given.emit(q.item_id, correct)

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
        self.answer_label.setText(lead + q.answer)
        self.context_label.setText(q.context or q.detail or "")
        self.context_label.setVisible(bool(q.context or q.detail))
        meta = [p for p in (_nice_date(q.date), f"Source: {q.source}" if q.source else "") if p]
        self.meta_label.setText(" · ".join(meta))
        self.meta_label.setVisible(bool(meta))
        restyle(self.feedback)
        self.feedback.setVisible(True)
        self._update_score()
        last = self.session is not None and self.index + 1 >= len(self.session.questions)
        self.action_button.setText("See results" if last else "Next question")
        self.action_button.setEnabled(True)
        self.hint_label.setText("Enter continues  ·  Esc leaves")
        QTimer.singleShot(0, self, self._reveal_feedback)
        if self._by_choice(q):
            self.setFocus()

    def _reveal_feedback(self) -> None:
        """Scroll a long question so the verdict and the right answer are in view."""
        if self.feedback.isVisible():
            self.question_page.ensureWidgetVisible(self.action_button, 0, 32)
            self.question_page.ensureWidgetVisible(self.feedback, 0, 16)

    def next_question(self) -> None:
        if self.session is None:
            return
        self.index += 1
        if self.index >= len(self.session.questions):
            self.finish()
        else:
            self._show_question()

    # --- results -----------------------------------------------------------

    def finish(self) -> None:
        self.stage = Stage.DONE
        total = self.answered
        self.big_score.setText(f"{self.right} / {total}")
        self.score_words.setText(_verdict_words(self.right, total))
        while self.missed_list.count():
            item = self.missed_list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if self.missed:
            self.missed_heading.setText(f"MISSED ({len(self.missed)})")
            for q in self.missed:
                subject = f"“{q.subject}”" if q.kind is QuestionKind.WHO_SAID else q.subject
                answer = q.correct_option.line
                if q.kind is QuestionKind.WHICH_QUOTE:
                    answer = f"“{q.correct_option.label}”"
                self.missed_list.addWidget(MissedRow(MISSED_TEXT[q.kind], subject, answer))
        else:
            self.missed_heading.setText("NOTHING MISSED")
        self.missed_list.addStretch(1)
        self.retry_button.setEnabled(bool(self.missed))
        self.retry_button.setVisible(bool(self.missed))
        self.pages.setCurrentWidget(self.end_page)
        (self.retry_button if self.missed else self.new_button).setFocus()
        self.quiz_finished.emit(self.right, total)

    def retry_missed(self) -> None:
        if self.session is None or not self.missed:
            return
        self.run_session(self.session.retry(q.item_id for q in self.missed))

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


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _nice_date(value: str | None) -> str:
    """``2025-11-10`` as ``10 Nov 2025``; anything unparsable as given."""
    if not value:
        return ""
    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return value
    return f"{day.day} {day:%b %Y}"


def _verdict_words(right: int, total: int) -> str:
    if total == 0:
        return "No questions answered."
    share = right / total
    if share == 1:
        words = "A perfect round."
    elif share >= 0.8:
        words = "Well done."
    elif share >= 0.5:
        words = "Getting there."
    else:
        words = "Worth another round."
    return f"{share:.0%} right. {words}"


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
    view = QuizView(pack, recorder, seed=seed)
    view.setWindowTitle(f"Quiz — {pack.title}")
    view.resize(960, 820)
    view.quiz_closed.connect(view.close)
    for kind, box in view.kind_boxes.items():
        box.setChecked(box.isEnabled() and kind in kinds)
    view.length_box.setValue(min(count, view.length_box.maximum()))
    view.typed_radio.setChecked(typed)
    view.choice_radio.setChecked(not typed)
    view.show()
    return int(app.exec())
