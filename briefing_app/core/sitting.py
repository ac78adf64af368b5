"""One quiz sitting: the questions in turn, the score, the missed list, saving each answer.

The window and the terminal quiz both drive a ``Sitting`` and only show what it
returns, so scoring, the notes about a typed answer, recording through the
``AnswerRecorder`` port and "retry the missed ones" are written once. The clock
is injected, so tests and recordings agree on the time of an answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .answer_matching import resembling
from .cards import and_list
from .quiz import AnswerRecorder, Question, Session, check_choice, check_typed
from .scripts import quoted

if TYPE_CHECKING:
    from .models import Pack

logger = logging.getLogger(__name__)
Clock = Callable[[], datetime]
NOT_SAVED = "This answer could not be saved."


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Verdict:
    """An answer, judged: right or not, a note to show, and whether it was saved."""

    question: Question
    correct: bool
    note: str = ""
    saved: bool = True


@dataclass
class Sitting:
    """A session being answered, one question at a time."""

    pack: Pack
    session: Session
    recorder: AnswerRecorder | None = None
    clock: Clock = utc_now
    index: int = 0
    right: int = 0
    answered: int = 0
    missed: list[Question] = field(default_factory=list)
    last: Verdict | None = None

    # --- reading -----------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.session.questions)

    @property
    def question(self) -> Question | None:
        """The question being asked, or None once every question has been answered."""
        return self.session.questions[self.index] if self.index < self.total else None

    @property
    def finished(self) -> bool:
        return self.index >= self.total

    @property
    def is_last(self) -> bool:
        return self.index + 1 >= self.total

    def score_text(self) -> str:
        """``Score 3/4 · Question 5 of 10``."""
        number = min(self.index + 1, self.total)
        return f"Score {self.right}/{self.answered} · Question {number} of {self.total}"

    # --- answering ---------------------------------------------------------------

    def answer_choice(self, index: int) -> Verdict:
        """Judge option ``index`` (0-based) of the current question."""
        question = self._current()
        return self._judge(question, check_choice(question, index), "")

    def answer_typed(self, typed: str) -> Verdict:
        """Judge a typed name; the note says how it was read when it is not right."""
        question = self._current()
        result = check_typed(question, typed, self.pack)
        note = ""
        if result.match.ambiguous:
            names = " and ".join(result.match.ambiguous_names)
            note = f"{quoted(typed)} is equally close to {names}, so it does not count."
        elif not result.correct and result.meant:
            note = f"You answered {result.meant}."
        elif not result.correct and (alike := resembling(typed, self.pack.actors)):
            names = and_list([a.name for a in alike])
            note = f"{quoted(typed)} partly matches {names}; type more of the name."
        elif not result.correct:
            note = f"{quoted(typed)} matches no one in this pack."
        return self._judge(question, result.correct, note)

    def next(self) -> Question | None:
        """Move on; the next question, or None at the end."""
        if not self.finished:
            self.index += 1
        self.last = None
        return self.question

    def retry_missed(self) -> Sitting | None:
        """A new sitting over the missed items (options reshuffled), or None if none."""
        if not self.missed:
            return None
        session = self.session.retry(q.item_id for q in self.missed)
        return Sitting(self.pack, session, self.recorder, self.clock)

    def _current(self) -> Question:
        question = self.question
        if question is None:
            raise IndexError("the sitting is over: every question has been answered")
        return question

    def _judge(self, question: Question, correct: bool, note: str) -> Verdict:
        self.answered += 1
        if correct:
            self.right += 1
        else:
            self.missed.append(question)
        saved = self._record(question, correct)
        if not saved:
            note = f"{note}  ({NOT_SAVED})" if note else f"({NOT_SAVED})"
        self.last = Verdict(question, correct, note, saved)
        return self.last

    def _record(self, question: Question, correct: bool) -> bool:
        """Save the answer; False (and a log entry) when the store refuses it."""
        if self.recorder is None:
            return True
        try:
            self.recorder.record_answer(
                self.pack.id, question.item_id, question.kind.value, correct, self.clock()
            )
        except Exception:  # a full disk or a locked store must not end the quiz
            logger.exception("the answer to %s could not be saved", question.item_id)
            return False
        return True
