"""Learning steps: Again returns soon, Hard a little later, Good or Easy ends it."""

from __future__ import annotations

from briefing_app.core.learning import LearningSteps


def test_again_returns_until_good() -> None:
    steps = LearningSteps(again_gap=3, hard_gap=6)
    assert steps.rated("a", 1) == 3
    assert steps.rated("a", 2) == 6  # Hard while learning: again, a little later
    assert steps.rated("b", 2) is None  # Hard on a first sight is a pass
    assert steps.summary() == "1 card learned, 1 to review again"
    assert steps.rated("a", 3) is None
    assert steps.summary() == "2 cards learned, 0 to review again"


def test_undo_forgets_the_rating() -> None:
    steps = LearningSteps()
    steps.rated("a", 1)
    steps.undo("a")
    assert (steps.learned, steps.still_learning) == (0, 0)
