"""The quiz's pages: choosing a quiz, a question with its feedback, the results.

They hold widgets and report choices; the quiz's flow stays in ``quiz_view``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.models import Pack
from ...core.quiz import Question, QuestionKind, quiz_unavailable_reason
from ..widgets.keyboard import keyboard_button
from .widgets import MissedRow, OptionCard, plain_label

DEFAULT_LENGTH = 10
CONTENT_WIDTH = 760
KIND_HELP = {
    QuestionKind.WHO_SAID: ("Who said this?", "a quote; name the speaker"),
    QuestionKind.WHO_DID: ("Who did this?", "a measure; name who took it"),
    QuestionKind.WHICH_QUOTE: ("Which of these did they say?", "an actor; pick their words"),
}
MISSED_TEXT = {
    QuestionKind.WHO_SAID: "WHO SAID THIS?",
    QuestionKind.WHO_DID: "WHO DID THIS?",
    QuestionKind.WHICH_QUOTE: "WHICH DID THEY SAY?",
}


class QuizPage(QScrollArea):
    """A page whose content sits in a centred column of readable width, and
    scrolls when a long quote or a small window leaves it no room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setObjectName("quizPage")
        inner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWidget(inner)
        self.content = inner  # what scrolls
        row = QHBoxLayout(inner)
        row.setContentsMargins(40, 32, 40, 32)
        self._row = row
        column_widget = QWidget()
        column_widget.setMaximumWidth(CONTENT_WIDTH)
        self.column = QVBoxLayout(column_widget)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(14)
        row.addStretch(1)
        row.addWidget(column_widget, 100)
        row.addStretch(1)

    def layout_margins(self, top: int, bottom: int) -> None:
        """Tighter top and bottom margins, for a page between fixed bands."""
        self._row.setContentsMargins(40, top, 40, bottom)


class SetupPage(QuizPage):
    """Question kinds, length, and choosing or typing; kinds the pack cannot
    support are disabled with the reason in words.

    Signals: ``start_requested``.
    """

    start_requested = Signal()

    def __init__(self, pack: Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        col = self.column
        col.addStretch(1)
        col.addWidget(plain_label("QUIZ", "eyebrow"))
        col.addWidget(plain_label("Who said what", "title"))
        col.addWidget(plain_label(pack.title, "subtitle"))
        col.addSpacing(10)
        panel = QFrame()
        panel.setObjectName("panel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(28, 22, 28, 24)
        inner.setSpacing(6)
        self._kind_section(inner)
        inner.addSpacing(10)
        inner.addWidget(plain_label("LENGTH", "section"))
        inner.addLayout(self._length_row())
        inner.addSpacing(10)
        self._answer_section(inner)
        col.addWidget(panel)
        self.problem = plain_label("", "problem")
        if len(self.reasons) == len(QuestionKind):
            self._explain_no_quiz()
        self.problem.setVisible(bool(self.problem.text()))
        col.addWidget(self.problem)
        col.addLayout(self._start_row())
        col.addStretch(2)
        self.update_length_limit()
        self.length_box.setValue(min(DEFAULT_LENGTH, self.length_box.maximum()))
        self._update_suffix(self.length_box.value())

    def _kind_section(self, inner: QVBoxLayout) -> None:
        """A checkbox per question kind, with the reason a kind cannot be asked."""
        pack = self.pack
        inner.addWidget(plain_label("QUESTIONS", "section"))
        self.kind_boxes: dict[QuestionKind, QCheckBox] = {}
        self.reasons: dict[QuestionKind, str] = {}
        self.reason_labels: list[QLabel] = []
        for kind in QuestionKind:
            title, help_text = KIND_HELP[kind]
            box = QCheckBox(f"{title}  ·  {help_text}")
            reason = quiz_unavailable_reason(pack, kind)
            box.setChecked(reason is None)
            box.setEnabled(reason is None)
            # A screen reader says the question, then what it asks (and why it cannot).
            box.setAccessibleName(title)
            box.setAccessibleDescription(help_text + (f". {_sentence(reason)}" if reason else ""))
            if reason:
                box.setToolTip(_sentence(reason))
            box.toggled.connect(self.update_length_limit)
            self.kind_boxes[kind] = box
            inner.addWidget(box, 0, Qt.AlignmentFlag.AlignLeft)  # the focus ring hugs the text
            if reason:
                self.reasons[kind] = reason
                self.reason_labels.append(plain_label(_sentence(reason), "reason"))
                inner.addWidget(self.reason_labels[-1])

    def _answer_section(self, inner: QVBoxLayout) -> None:
        inner.addWidget(plain_label("ANSWERS", "section"))
        self.choice_radio = QRadioButton("Choose from up to four  ·  keys 1–4")
        self.typed_radio = QRadioButton("Type the name  ·  aliases and small typos are fine")
        # Tab reaches the checked one; the arrow keys move between the two.
        self.choice_radio.setAccessibleName("Choose from up to four answers")
        self.choice_radio.setAccessibleDescription("Keys 1 to 4 choose an answer")
        self.typed_radio.setAccessibleName("Type the name")
        self.typed_radio.setAccessibleDescription("Aliases and small typos are accepted")
        self.choice_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.choice_radio)
        group.addButton(self.typed_radio)
        inner.addWidget(self.choice_radio, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.typed_radio, 0, Qt.AlignmentFlag.AlignLeft)
        # One step, as Quizlet does; unticked, a choice is only selected until Enter.
        self.check_on_choose_box = QCheckBox("Check as soon as I choose")
        self.check_on_choose_box.setAccessibleName("Check as soon as I choose")
        self.check_on_choose_box.setAccessibleDescription(
            "A click or a number key answers at once; untick to select first and press Enter"
        )
        self.check_on_choose_box.setChecked(True)
        self.choice_radio.toggled.connect(self.check_on_choose_box.setEnabled)
        inner.addWidget(self.check_on_choose_box, 0, Qt.AlignmentFlag.AlignLeft)
        # Anki's learning steps for the quiz: a miss returns a few questions later.
        self.ask_again_box = QCheckBox("Ask missed questions again later in the quiz")
        self.ask_again_box.setAccessibleName("Ask missed questions again later in the quiz")
        self.ask_again_box.setAccessibleDescription(
            "A missed question comes back a few questions on, until it is answered right"
        )
        self.ask_again_box.setChecked(True)
        inner.addWidget(self.ask_again_box, 0, Qt.AlignmentFlag.AlignLeft)

    def _explain_no_quiz(self) -> None:
        """One message instead of three notes under three dead checkboxes."""
        reasons = " ".join(_sentence(r) for r in dict.fromkeys(self.reasons.values()))
        self.problem.setText(f"This pack has no quiz. {reasons}")
        for label in self.reason_labels:
            label.hide()
        for widget in (
            self.length_box,
            self.choice_radio,
            self.typed_radio,
            self.check_on_choose_box,
            self.ask_again_box,
        ):
            widget.setEnabled(False)

    def _start_row(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        buttons.addWidget(plain_label("Enter starts  ·  Esc leaves", "hint", wrap=False))
        buttons.addStretch(1)
        self.start_button = QPushButton("Start quiz")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start quiz")
        self.start_button.clicked.connect(self.start_requested.emit)
        buttons.addWidget(self.start_button)
        return buttons

    def _length_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.length_box = QSpinBox()
        self.length_box.setRange(1, DEFAULT_LENGTH)
        self.length_box.setSuffix(" questions")
        self.length_box.valueChanged.connect(self._update_suffix)
        self.length_box.setAccessibleName("Number of questions")
        self.length_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.length_box)
        # The stylesheet cannot place the spin box's own arrows, so these stand in.
        for text, step in (("−", -1), ("+", 1)):
            button = QPushButton(text)
            button.setObjectName("step")
            keyboard_button(button, "Fewer questions" if step < 0 else "More questions")
            button.clicked.connect(lambda _=False, s=step: self.length_box.stepBy(s))
            row.addWidget(button)
        self.length_note = plain_label("", "hint", wrap=False)
        row.addWidget(self.length_note)
        row.addStretch(1)
        return row

    def _update_suffix(self, value: int) -> None:
        self.length_box.setSuffix(" question" if value == 1 else " questions")

    def chosen_kinds(self) -> list[QuestionKind]:
        return [k for k, box in self.kind_boxes.items() if box.isChecked() and box.isEnabled()]

    def update_length_limit(self) -> None:
        """Cap the length at the number of distinct items the chosen kinds can ask."""
        kinds = self.chosen_kinds()
        items: set[str] = set()
        if QuestionKind.WHO_DID in kinds:
            items.update(m.id for m in self.pack.measures)
        if QuestionKind.WHO_SAID in kinds or QuestionKind.WHICH_QUOTE in kinds:
            items.update(q.id for q in self.pack.quotes)
        self.length_box.setMaximum(max(len(items), 1))
        self.length_note.setText(f"of {len(items)} available" if items else "")
        self.start_button.setEnabled(bool(kinds))


def centred_band(margins: tuple[int, int, int, int]) -> tuple[QWidget, QVBoxLayout]:
    """A full-width band on the page background holding a column of readable width."""
    band = QWidget()
    band.setObjectName("quizPage")
    band.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    row = QHBoxLayout(band)
    row.setContentsMargins(*margins)
    column_widget = QWidget()
    column_widget.setMaximumWidth(CONTENT_WIDTH)
    column = QVBoxLayout(column_widget)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(10)
    row.addStretch(1)
    row.addWidget(column_widget, 100)
    row.addStretch(1)
    return band, column


class QuestionPage(QWidget):
    """A question, its options or an answer box, and the feedback after answering.

    The score line and progress sit in a fixed band on top and the action
    button in one at the bottom: only the question and its feedback scroll, so
    a long answer never pushes the score or Next out of the window.

    Signals: ``chosen`` (an option's 0-based index) and ``acted`` (the action button).
    """

    chosen = Signal(int)
    acted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header, head = centred_band((40, 24, 40, 8))
        top = QHBoxLayout()
        self.kind_chip = plain_label("", "kindChip", wrap=False)
        top.addWidget(self.kind_chip)
        top.addStretch(1)
        self.score_label = plain_label("", "score", wrap=False)
        top.addWidget(self.score_label)
        head.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(4)
        head.addWidget(self.progress)
        outer.addWidget(header)
        self.body = QuizPage()
        self.body.layout_margins(8, 12)
        col = self.body.column
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
            card.chosen.connect(self.chosen.emit)
            self.option_cards.append(card)
            col.addWidget(card)
        self.typed_edit = QLineEdit()
        self.typed_edit.setObjectName("typed")
        self.typed_edit.setPlaceholderText("Type a name, then press Enter")
        self.typed_edit.setAccessibleName("Your answer")
        col.addWidget(self.typed_edit)
        col.addWidget(self._feedback_panel())
        col.addStretch(1)
        outer.addWidget(self.body, 1)
        footer, foot = centred_band((40, 8, 40, 20))
        foot.addLayout(self._action_row())
        outer.addWidget(footer)

    def scroll_to_top(self) -> None:
        self.body.verticalScrollBar().setValue(0)

    def show_between(self, first: QWidget, last: QWidget) -> None:
        """Scroll as little as shows ``last`` whole, but never past the top of ``first``:
        what was asked outranks the end of the feedback (its date and source)."""
        inner = self.body.content
        top = first.mapTo(inner, QPoint(0, 0)).y()
        bottom = last.mapTo(inner, QPoint(0, last.height())).y()
        wanted = bottom + 16 - self.body.viewport().height()
        self.body.verticalScrollBar().setValue(max(0, min(wanted, top - 4)))

    def fits(self) -> bool:
        """Whether the question and its feedback fit without scrolling."""
        layout = self.body.content.layout()
        viewport = self.body.viewport()
        if layout is None:
            return self.body.content.sizeHint().height() <= viewport.height()
        layout.activate()
        needed = (
            layout.totalHeightForWidth(viewport.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        return needed <= viewport.height()

    def _feedback_panel(self) -> QFrame:
        """Right or wrong, the answer, its context, date and source."""
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
        return self.feedback

    def _action_row(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        self.hint_label = plain_label("", "hint", wrap=False)
        bottom.addWidget(self.hint_label)
        bottom.addStretch(1)
        self.action_button = QPushButton("Check")
        self.action_button.setObjectName("primary")
        self.action_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.action_button.clicked.connect(self.acted.emit)
        bottom.addWidget(self.action_button)
        return bottom


class EndPage(QuizPage):
    """The score, the missed items, and what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = self.column
        col.addWidget(plain_label("QUIZ COMPLETE", "eyebrow"))
        self.big_score = plain_label("", "bigScore", wrap=False)
        col.addWidget(self.big_score)
        self.score_words = plain_label("", "scoreWords")
        col.addWidget(self.score_words)
        self.relearned_label = plain_label("", "hint")
        self.relearned_label.setVisible(False)
        col.addWidget(self.relearned_label)
        col.addSpacing(8)
        self.missed_heading = plain_label("", "section")
        col.addWidget(self.missed_heading)
        holder = QWidget()
        self.missed_list = QVBoxLayout(holder)
        self.missed_list.setContentsMargins(0, 0, 0, 0)
        self.missed_list.setSpacing(8)
        col.addWidget(holder, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(plain_label("R retry  ·  N new quiz  ·  Esc leave", "hint", wrap=False))
        buttons.addStretch(1)
        self.close_button = QPushButton("Close")
        self.new_button = QPushButton("New quiz")
        self.retry_button = QPushButton("Retry the missed ones")
        self.retry_button.setObjectName("primary")
        for button in (self.close_button, self.new_button, self.retry_button):
            buttons.addWidget(button)
        col.addLayout(buttons)

    def show_results(
        self, right: int, total: int, missed: Sequence[Question], relearned: str = ""
    ) -> None:
        """The first-answer score; ``relearned`` says how the returns of missed ones went."""
        self.big_score.setText(f"{right} / {total}")
        self.score_words.setText(verdict_words(right, total))
        self.relearned_label.setText(f"{relearned}." if relearned else "")
        self.relearned_label.setVisible(bool(relearned))
        while self.missed_list.count():
            item = self.missed_list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.missed_heading.setText(f"MISSED ({len(missed)})" if missed else "NOTHING MISSED")
        for q in missed:
            subject = f"“{q.subject}”" if q.kind is QuestionKind.WHO_SAID else q.subject
            answer = q.correct_option.line
            if q.kind is QuestionKind.WHICH_QUOTE:
                answer = f"“{q.correct_option.label}”"
            self.missed_list.addWidget(MissedRow(MISSED_TEXT[q.kind], subject, answer))
        self.missed_list.addStretch(1)
        self.retry_button.setEnabled(bool(missed))
        self.retry_button.setVisible(bool(missed))
        self.verticalScrollBar().setValue(0)


def verdict_words(right: int, total: int) -> str:
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


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
