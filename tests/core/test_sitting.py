"""The quiz sitting in the core: one scorer for the window and the terminal."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing_app.core.pack import load_pack
from briefing_app.core.quiz import QuestionKind, build_session
from briefing_app.core.sitting import NOT_SAVED, Sitting
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
