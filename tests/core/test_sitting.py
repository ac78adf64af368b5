"""The quiz sitting in the core: one scorer for the window and the terminal."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing_app.core.pack import load_pack
from briefing_app.core.quiz import QuestionKind, build_session
from briefing_app.core.sitting import MAX_RETURNS, NOT_SAVED, RETURN_GAP, Sitting
from briefing_app.paths import bundled_briefs_dir

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.rows: list[tuple[str, str, str, bool, datetime]] = []
        self.fail = fail

    def record_answer(
        self, pack_id: str, item_id: str, kind: str, correct: bool, answered_at: datetime
    ) -> None:
        if self.fail:
            raise OSError("disk full")
        self.rows.append((pack_id, item_id, kind, correct, answered_at))


@pytest.fixture(scope="module")
def pack_path() -> Path:
    return bundled_briefs_dir() / "us-japan-taiwan-2025"


def sitting(path: Path, recorder: Recorder | None = None, n: int = 5) -> Sitting:
    pack = load_pack(path)
    session = build_session(pack, [QuestionKind.WHO_SAID], n, seed=11)
    return Sitting(pack, session, recorder, clock=lambda: T0)


def test_scores_and_records_every_answer_with_the_injected_clock(pack_path: Path) -> None:
    recorder = Recorder()
    s = sitting(pack_path, recorder)
    answers = []
    while (q := s.question) is not None:
        wrong = (q.correct + 1) % len(q.options)
        verdict = s.answer_choice(q.correct if len(answers) % 2 == 0 else wrong)
        answers.append(verdict.correct)
        s.next()
    assert s.finished and s.answered == s.total == len(answers)
    assert s.right == sum(answers) and len(s.missed) == answers.count(False)
    assert [r[3] for r in recorder.rows] == answers
    assert {r[4] for r in recorder.rows} == {T0}
    assert {r[2] for r in recorder.rows} == {"who-said"}


def test_a_store_that_refuses_does_not_end_the_sitting(pack_path: Path) -> None:
    s = sitting(pack_path, Recorder(fail=True), n=2)
    q = s.question
    assert q is not None
    verdict = s.answer_choice(q.correct)
    assert verdict.correct and not verdict.saved and NOT_SAVED in verdict.note
    assert s.next() is not None  # the quiz goes on


def test_typed_answers_get_a_note_saying_how_they_were_read(pack_path: Path) -> None:
    s = sitting(pack_path, n=3)
    verdict = s.answer_typed("Nobody Atall Xyz")
    assert not verdict.correct and "matches no one" in verdict.note
    assert s.score_text() == "Score 0/1 · Question 1 of 3"


def test_a_part_of_several_names_says_which_names_it_partly_matches(pack_path: Path) -> None:
    s = sitting(pack_path, n=3)
    verdict = s.answer_typed("chinese")
    assert not verdict.correct
    assert "partly matches" in verdict.note and verdict.note.endswith("type more of the name.")
    for name in ("Chinese Foreign Ministry", "Chinese diplomat in Osaka", "Chinese coast guard"):
        assert name in verdict.note
    assert "matches no one" not in verdict.note


def test_retry_brings_back_only_the_missed_items(pack_path: Path) -> None:
    s = sitting(pack_path, n=4)
    missed = []
    while (q := s.question) is not None:
        if len(missed) < 2:
            s.answer_choice((q.correct + 1) % len(q.options))
            missed.append(q.item_id)
        else:
            s.answer_choice(q.correct)
        s.next()
    retry = s.retry_missed()
    assert retry is not None
    assert sorted(q.item_id for q in retry.session.questions) == sorted(missed)
    assert retry.answered == 0


def test_answering_after_the_end_is_an_error_not_a_silent_score(pack_path: Path) -> None:
    s = sitting(pack_path, n=1)
    q = s.question
    assert q is not None
    s.answer_choice(q.correct)
    assert s.next() is None
    with pytest.raises(IndexError):
        s.answer_choice(0)


def returning_sitting(path: Path, recorder: Recorder | None = None, n: int = 6) -> Sitting:
    pack = load_pack(path)
    session = build_session(pack, [QuestionKind.WHO_SAID], n, seed=5)
    return Sitting(pack, session, recorder, clock=lambda: T0, return_gap=RETURN_GAP)


def test_a_missed_question_comes_back_a_few_questions_later(pack_path: Path) -> None:
    recorder = Recorder()
    s = returning_sitting(pack_path, recorder)
    first = s.question
    assert first is not None and s.total == 6
    verdict = s.answer_choice((first.correct + 1) % len(first.options))
    assert verdict.returns_later and s.total == 7
    asked = [first.item_id]
    while s.next() is not None and s.question is not None:
        q = s.question
        asked.append(q.item_id)
        if q.item_id == first.item_id:
            assert s.is_return and len(asked) == 2 + RETURN_GAP
            assert q.correct_option == first.correct_option
            verdict = s.answer_choice(q.correct)
            assert verdict.correct and not verdict.returns_later
        else:
            assert not s.is_return
            s.answer_choice(q.correct)
    assert asked.count(first.item_id) == 2 and s.finished
    # The score and the store hold first answers only: the return followed the answer.
    assert (s.right, s.answered) == (5, 6)
    assert len(recorder.rows) == 6 and [r[3] for r in recorder.rows].count(False) == 1
    assert s.relearned_text() == "1 of 1 missed answer right when asked again"
    assert [q.item_id for q in s.missed] == [first.item_id]


def test_a_question_missed_every_time_stops_coming_back(pack_path: Path) -> None:
    s = returning_sitting(pack_path, n=2)
    target = s.question
    assert target is not None
    times = 0
    while (q := s.question) is not None:
        if q.item_id == target.item_id:
            times += 1
            s.answer_choice((q.correct + 1) % len(q.options))
        else:
            s.answer_choice(q.correct)
        s.next()
    assert times == 1 + MAX_RETURNS
    assert s.relearned_text() == "0 of 1 missed answer right when asked again"


def test_a_miss_on_the_last_question_is_asked_once_more_before_the_end(
    pack_path: Path,
) -> None:
    s = returning_sitting(pack_path, n=1)
    q = s.question
    assert q is not None and s.is_last
    s.answer_choice((q.correct + 1) % len(q.options))
    assert not s.is_last
    again = s.next()
    assert again is not None and again.item_id == q.item_id and s.is_return


def test_without_a_gap_nothing_comes_back(pack_path: Path) -> None:
    s = sitting(pack_path, n=2)
    q = s.question
    assert q is not None
    verdict = s.answer_choice((q.correct + 1) % len(q.options))
    assert not verdict.returns_later and s.total == 2 and s.relearned_text() == ""
