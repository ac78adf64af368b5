"""``briefing-app quiz PATH``: who said what, in the terminal (``--text``) or a window.

The terminal quiz reads one line per answer with ``readline`` so it works the
same with a person at a keyboard and with answers piped in by a script or a
test. End of input ends the quiz early; the score then counts only the
questions that were answered (a question cut off by end of input is not held
against the learner), so ``Score: X/N`` always ends the output.
Exit codes: 0 after a quiz, 1 when the pack is bad or has no quiz, 2 usage.
"""

from __future__ import annotations

import argparse
import logging
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import TextIO

from ..core.answer_matching import match_typed, resembling
from ..core.models import Pack
from ..core.quiz import (
    AnswerRecorder,
    Question,
    QuestionKind,
    ReviewPriority,
    Session,
    build_session,
    quiz_unavailable_reason,
)
from ..core.scripts import quoted
from ..core.sitting import RETURN_GAP, Sitting, Verdict
from ..terminal import error_line, write, write_line
from .pack_input import add_pack_option, load_or_report

logger = logging.getLogger(__name__)
PROG = "briefing-app quiz"
HELP = "quiz yourself on who said what"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH")
    add_pack_option(parser)
    parser.add_argument("--text", action="store_true", help="quiz in the terminal")
    parser.add_argument("--questions", type=int, default=10, metavar="N")
    parser.add_argument("--seed", type=int, default=None, metavar="S")
    parser.add_argument(
        "--kind", choices=("who-said", "who-did", "which-quote", "mixed"), default="who-said"
    )
    parser.add_argument("--typed", action="store_true", help="type the answer instead of choosing")
    parser.add_argument(
        "--repeat-missed",
        action="store_true",
        help="ask a missed question again a few questions later (terminal; the window's "
        "setup page has the same setting, on by default)",
    )


def run(args: argparse.Namespace) -> int:
    return run_quiz(args, recorder=open_recorder())


def kinds_for(choice: str) -> list[QuestionKind]:
    """The question kinds a ``--kind`` value stands for."""
    if choice == "mixed":
        return list(QuestionKind)
    return [QuestionKind(choice)]


def open_recorder() -> AnswerRecorder | None:
    """The user's progress store, so terminal answers count too; None if it can't open."""
    try:
        from ..core.progress import ProgressStore

        store = ProgressStore.open_default()
    except Exception as exc:  # the quiz still runs, it just isn't saved
        logger.exception("the progress store could not be opened")
        error_line(f"{PROG}: progress will not be saved: {exc}")
        return None
    if store.recovery_message:
        error_line(f"{PROG}: {store.recovery_message}")
    return store


def run_quiz(
    args: argparse.Namespace,
    *,
    recorder: AnswerRecorder | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run one quiz; never raises, never prints a traceback."""
    err = stderr or sys.stderr
    if args.questions < 1:
        write_line(f"{PROG}: error: --questions must be at least 1 (got {args.questions})", err)
        return 2
    pack = load_or_report(args.path, err, pack_id=getattr(args, "pack", None))
    if pack is None:
        return 1
    kinds = kinds_for(args.kind)
    reasons = [r for r in (quiz_unavailable_reason(pack, k) for k in kinds) if r]
    if len(reasons) == len(kinds):
        for reason in dict.fromkeys(reasons):
            write_line(f"{args.path}: no quiz: {reason}", err)
        return 1
    if not args.text:
        return _run_window(pack, kinds, args, recorder, err)
    priorities = recorder if isinstance(recorder, ReviewPriority) else None
    session = build_session(pack, kinds, args.questions, args.seed, priorities)
    if not session.questions:
        write_line(f"{args.path}: no quiz: no question has a wrong option to offer", err)
        return 1
    out = stdout or sys.stdout
    quiz = TerminalQuiz(pack, args.typed, stdin or sys.stdin, out, recorder, width=line_width(out))
    quiz.return_gap = RETURN_GAP if getattr(args, "repeat_missed", False) else None
    try:
        quiz.run(session)
    except KeyboardInterrupt:  # Ctrl-C: the score so far, then the shell's 130
        quiz.say("")
        quiz.say("Interrupted.")
        quiz.print_score()
        return 130
    except Exception as exc:  # a bug must still end with the score, not a traceback
        logger.exception("the terminal quiz failed")
        write_line(f"{PROG}: internal error: {exc!r}", err)
        quiz.print_score()
        return 1
    return 0


def _run_window(
    pack: Pack,
    kinds: list[QuestionKind],
    args: argparse.Namespace,
    recorder: AnswerRecorder | None,
    err: TextIO,
) -> int:
    from ..paint.headless import no_display

    if no_display():
        write_line(f"{PROG}: no display for the quiz window; add --text to quiz here", err)
        return 1
    try:
        from ..ui.quiz.view import run_quiz_window
    except ImportError as exc:
        write_line(f"{PROG}: the window cannot start ({exc}); use --text", err)
        return 1
    return run_quiz_window(
        pack,
        kinds=kinds,
        count=args.questions,
        seed=args.seed,
        typed=args.typed,
        recorder=recorder,
    )


@dataclass
class TerminalQuiz:
    """One terminal sitting: prints questions, reads answers; the core ``Sitting`` judges."""

    pack: Pack
    typed: bool
    stdin: TextIO
    stdout: TextIO
    recorder: AnswerRecorder | None = None
    sitting: Sitting | None = None
    ended_early: bool = False
    width: int | None = None  # wrap at word boundaries to this many columns
    return_gap: int | None = None  # set: a missed question is asked again later

    def run(self, questions: tuple[Question, ...] | Session) -> None:
        session = questions if isinstance(questions, Session) else Session(self.pack.id, questions)
        self.sitting = Sitting(self.pack, session, self.recorder, return_gap=self.return_gap)
        total = self.sitting.total
        self.say(f"{self.pack.title}: {total} question{'s' if total != 1 else ''}")
        while (question := self.sitting.question) is not None:
            self.say("")
            again = "Again (missed earlier) · " if self.sitting.is_return else ""
            number = f"Question {self.sitting.index + 1} of {self.sitting.total}"
            self.say(f"{number} · {again}{question.prompt}")
            if not self.ask(question):
                self.ended_early = True
                break
            self.sitting.next()
        self.finish(total)

    def show(self, question: Question, by_choice: bool) -> None:
        """The question's subject and, for a choice, its numbered options."""
        if question.kind is not QuestionKind.WHICH_QUOTE:
            shown = (
                quoted(question.subject, self.pack.language)
                if question.kind is QuestionKind.WHO_SAID
                else question.subject
            )
            self.say(f"   {shown}")
        if question.subject_note:
            self.say(f"   ({question.subject_note})")
        if by_choice:
            for i, option in enumerate(question.options, 1):
                label = quoted(option.label, self.pack.language) if option.quote_id else option.line
                self.say(f"{i}) {label}")

    def ask(self, question: Question) -> bool:
        """Show one question and judge the answer; False at end of input."""
        assert self.sitting is not None
        by_choice = not (self.typed and question.accepts_typed)
        self.show(question, by_choice)
        while True:
            self.prompt(f"Your answer (1-{len(question.options)}): " if by_choice else "Who? ")
            line = self.read()
            if line is None:
                return False
            answer = line.strip()
            if not answer:
                self.say("Please answer: " + ("a number or a name." if by_choice else "a name."))
                continue
            if not by_choice:
                self.judge(self.sitting.answer_typed(answer))
                return True
            index = self.choice(question, answer)
            if index is None:
                self.say(self.not_an_option(question, answer))
                continue
            self.judge(self.sitting.answer_choice(index))
            return True

    def choice(self, question: Question, answer: str) -> int | None:
        """The option an answer picks: its number, or the name of an actor option."""
        if answer.isdigit():
            number = int(answer)
            return number - 1 if 1 <= number <= len(question.options) else None
        if not question.accepts_typed:
            return None
        actors = [self.pack.actor(o.actor_id) for o in question.options]
        match = match_typed(answer, [a for a in actors if a is not None])
        if match.actor_id is None:
            return None
        return next(i for i, o in enumerate(question.options) if o.actor_id == match.actor_id)

    def not_an_option(self, question: Question, answer: str) -> str:
        """Why an answer picks no option, naming the options it resembles."""
        numbers = f"answer with a number from 1 to {len(question.options)}"
        if answer.isdigit() or not question.accepts_typed:
            return f"'{answer}' is not an option; {numbers}."
        by_id = {o.actor_id: i for i, o in enumerate(question.options, 1)}
        offered = [a for a in (self.pack.actor(o.actor_id) for o in question.options) if a]
        alike = resembling(answer, offered)
        if alike:
            options = ", ".join(f"{by_id[a.id]}) {a.name}" for a in alike)
            return f"'{answer}' is not an option: it resembles {options}; {numbers}."
        return f"'{answer}' is not an option; {numbers} or an option's name."

    def judge(self, verdict: Verdict) -> None:
        question = verdict.question
        if verdict.correct:
            self.say(f"Right: {question.answer}")
        else:
            if verdict.note:
                self.say(verdict.note)
            self.say(f"Wrong. The right answer: {question.answer}")
        if verdict.returns_later:
            self.say("This question comes back in a few questions.")
        if not verdict.saved:
            error_line(f"{PROG}: the answer could not be saved (details in the log)")
        for label, value in (
            ("Context", question.context),
            ("Detail", question.detail),
            ("Date", question.date),
            ("Source", question.source),
        ):
            if value:
                self.say(f"   {label}: {value}")

    def finish(self, total: int) -> None:
        self.say("")
        answered = self.sitting.answered if self.sitting else 0
        if self.ended_early:
            self.say(f"End of input: the quiz stopped after {answered} of {total} questions.")
        missed = self.sitting.missed if self.sitting else []
        if missed:
            self.say("Missed:")
            for question in missed:
                answer = _short(question.correct_option.label, 40)
                self.say(f" - {_short(question.subject)} → {answer}")
        if self.sitting and (relearned := self.sitting.relearned_text()):
            self.say(f"{relearned[:1].upper()}{relearned[1:]}.")
        self.print_score()

    def print_score(self) -> None:
        right, answered = (self.sitting.right, self.sitting.answered) if self.sitting else (0, 0)
        self.say(f"Score: {right}/{answered}")

    def read(self) -> str | None:
        """One line of input, or None at its end (the newline-less last line counts)."""
        try:
            line = self.stdin.readline()
        except UnicodeDecodeError:
            return "\ufffd"
        except (OSError, ValueError):
            return None
        return line if line else None

    def prompt(self, text: str) -> None:
        """Prompt only a person: piped runs stay one line per message."""
        isatty = getattr(self.stdin, "isatty", None)
        if isatty is not None and isatty():
            write(text, self.stdout)

    def say(self, text: str) -> None:
        write_line(wrap_for_terminal(text, self.width), self.stdout)


def line_width(stream: TextIO) -> int | None:
    """The terminal's width (COLUMNS wins) when ``stream`` is one; None when piped."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty is not None and isatty()):
        return None
    return max(shutil.get_terminal_size().columns, 20)


def wrap_for_terminal(text: str, width: int | None) -> str:
    """``text`` broken at spaces to ``width``, continuation lines under the text
    (after the indent, or after an option's ``1)``), so no word is cut in two."""
    if width is None or len(text) <= width:
        return text
    lead = re.match(r"\s*(?:\d+\)\s)?", text)
    indent = " " * (lead.end() if lead else 0)
    return textwrap.fill(
        text, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
