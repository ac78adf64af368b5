"""One quiz sitting: the questions in turn, the score, the missed list, saving each answer.

The window and the terminal quiz both drive a ``Sitting`` and only show what it
returns, so scoring, the notes about a typed answer, recording through the
``AnswerRecorder`` port and "retry the missed ones" are written once. The clock
is injected, so tests and recordings agree on the time of an answer.

With ``return_gap`` set, a missed question comes back a few questions later, options reshuffled, as
Anki's learning steps bring back a card rated Again; it keeps coming back
(at most ``MAX_RETURNS`` times) until it is answered right. The score counts
first answers only, and only first answers are saved: a return follows the
answer being shown, so a right one there says little about tomorrow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .answer_matching import resembling
from .cards import and_list
from .quiz import AnswerRecorder, Question, Session, check_choice, check_typed, reshuffled
from .scripts import quoted

if TYPE_CHECKING:
    from .models import Pack

logger = logging.getLogger(__name__)
Clock = Callable[[], datetime]
NOT_SAVED = "This answer could not be saved."
RETURN_GAP = 3  # questions asked in between before a missed one returns
MAX_RETURNS = 2  # a question is asked at most three times in one sitting


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Verdict:
    """An answer, judged: right or not, a note to show, and whether it was saved."""

    question: Question
    correct: bool
    note: str = ""
    saved: bool = True
    returns_later: bool = False  # missed, and will be asked again in this sitting


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
    return_gap: int | None = None  # RETURN_GAP: missed questions come back; None: they do not
    _queue: list[Question] = field(init=False, repr=False)
    _returning: list[bool] = field(init=False, repr=False)
    _returns: dict[str, int] = field(init=False, repr=False)
    _relearned: set[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._queue = list(self.session.questions)
        self._returning = [False] * len(self._queue)
        self._returns = {}
        self._relearned = set()

    # --- reading -----------------------------------------------------------------

    @property
    def total(self) -> int:
        """Questions in this sitting, returns of missed ones included."""
        return len(self._queue)

    @property
    def question(self) -> Question | None:
        """The question being asked, or None once every question has been answered."""
        return self._queue[self.index] if self.index < self.total else None

    @property
    def is_return(self) -> bool:
        """Whether the current question was missed earlier in this sitting."""
        return self.index < self.total and self._returning[self.index]

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

    def relearned_text(self) -> str:
        """``2 of 3 missed answers right when asked again``; empty when nothing came back."""
        came_back = {q.item_id for q in self.missed if self._returns.get(q.item_id)}
        if not came_back:
            return ""
        right = len(came_back & self._relearned)
        answers = "answer" if len(came_back) == 1 else "answers"
        return f"{right} of {len(came_back)} missed {answers} right when asked again"

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
        return Sitting(self.pack, session, self.recorder, self.clock, return_gap=self.return_gap)

    def _current(self) -> Question:
        question = self.question
        if question is None:
            raise IndexError("the sitting is over: every question has been answered")
        return question

    def _judge(self, question: Question, correct: bool, note: str) -> Verdict:
        returning = self.is_return
        if returning:
            saved = True
            if correct:
                self._relearned.add(question.item_id)
        else:
            self.answered += 1
            if correct:
                self.right += 1
            else:
                self.missed.append(question)
            saved = self._record(question, correct)
        comes_back = not correct and self._ask_again(question)
        if not saved:
            note = f"{note}  ({NOT_SAVED})" if note else f"({NOT_SAVED})"
        self.last = Verdict(question, correct, note, saved, comes_back)
        return self.last

    def _ask_again(self, question: Question) -> bool:
        """Queue a missed question a few questions on; False once it has come back enough."""
        returns = self._returns.get(question.item_id, 0)
        if self.return_gap is None or returns >= MAX_RETURNS:
            return False
        self._returns[question.item_id] = returns + 1
        at = min(self.index + 1 + self.return_gap, self.total)
        self._queue.insert(at, reshuffled(question, self.session.rng))
        self._returning.insert(at, True)
        return True

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
