"""The schedule wrapper agrees with fsrs itself, on fixed dates only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import fsrs
import pytest

from briefing_app.core.schedule import (
    RATINGS,
    card_from_json,
    card_to_json,
    format_interval,
    new_card,
    preview_intervals,
    retrievability,
    review,
)

T0 = datetime(2026, 1, 5, tzinfo=UTC)


def library() -> fsrs.Scheduler:
    return fsrs.Scheduler(enable_fuzzing=False)


def fresh() -> fsrs.Card:
    return fsrs.Card(card_id=1, due=T0)


@pytest.mark.parametrize("rating", RATINGS)
def test_first_review_matches_the_library(rating: fsrs.Rating) -> None:
    expected, _ = library().review_card(fresh(), rating, T0)
    got = review(None, rating, T0).card
    assert (got.state, got.step, got.due) == (expected.state, expected.step, expected.due)
    assert got.stability == pytest.approx(expected.stability)
    assert got.difficulty == pytest.approx(expected.difficulty)


def test_a_month_of_reviews_matches_the_library_step_by_step() -> None:
    plan = [
        (fsrs.Rating.Good, timedelta(0)),
        (fsrs.Rating.Good, timedelta(minutes=10)),
        (fsrs.Rating.Again, timedelta(days=2)),
        (fsrs.Rating.Good, timedelta(days=2, minutes=10)),
        (fsrs.Rating.Hard, timedelta(days=5)),
        (fsrs.Rating.Easy, timedelta(days=12)),
        (fsrs.Rating.Good, timedelta(days=30)),
    ]
    scheduler = library()
    theirs = fresh()
    ours: fsrs.Card | None = None
    for rating, offset in plan:
        when = T0 + offset
        theirs, _ = scheduler.review_card(theirs, rating, when)
        done = review(ours, rating, when)
        ours = card_from_json(card_to_json(done.card))  # as the store keeps it
        assert ours.due == theirs.due
        assert ours.state == theirs.state
        assert ours.stability == pytest.approx(theirs.stability)
        assert ours.difficulty == pytest.approx(theirs.difficulty)
        assert done.interval == theirs.due - when


def test_ratings_accept_the_keys_one_to_four() -> None:
    assert review(None, 3, T0).rating is fsrs.Rating.Good
    with pytest.raises(ValueError):
        review(None, 5, T0)


def test_other_time_zones_are_converted_to_utc() -> None:
    tokyo = T0.astimezone(timezone(timedelta(hours=9)))
    assert review(None, fsrs.Rating.Good, tokyo).card.due == review(None, 3, T0).card.due


def test_preview_is_what_each_rating_then_gives() -> None:
    state = review(review(None, 3, T0).card, 3, T0 + timedelta(minutes=10)).card
    later = T0 + timedelta(days=3)
    preview = preview_intervals(state, later)
    assert list(preview) == list(RATINGS)
    for rating, interval in preview.items():
        expected, _ = library().review_card(state, rating, later)
        assert interval == expected.due - later
    assert preview[fsrs.Rating.Again] < preview[fsrs.Rating.Hard] <= preview[fsrs.Rating.Good]
    assert preview[fsrs.Rating.Good] < preview[fsrs.Rating.Easy]


def test_preview_for_a_new_card_uses_the_learning_steps() -> None:
    preview = preview_intervals(None, T0)
    assert format_interval(preview[fsrs.Rating.Again]) == "1m"
    assert format_interval(preview[fsrs.Rating.Good]) == "10m"
    assert preview[fsrs.Rating.Easy] >= timedelta(days=1)


def test_new_card_is_due_at_once_and_stable_for_a_given_clock() -> None:
    assert new_card(T0).due == T0
    assert new_card(T0).card_id == new_card(T0).card_id
    assert retrievability(None, T0) == 0.0


def test_retrievability_falls_with_time() -> None:
    card = review(None, fsrs.Rating.Easy, T0).card
    soon = retrievability(card, T0 + timedelta(days=1))
    late = retrievability(card, T0 + timedelta(days=60))
    assert 0.0 < late < soon <= 1.0


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (timedelta(seconds=20), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(minutes=90), "2h"),
        (timedelta(hours=23), "23h"),
        (timedelta(days=1), "1d"),
        (timedelta(days=3), "3d"),
        (timedelta(days=29), "29d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=400), "1.1y"),
        (timedelta(days=730), "2y"),
    ],
)
def test_format_interval(interval: timedelta, text: str) -> None:
    assert format_interval(interval) == text


def test_card_json_round_trips() -> None:
    card = review(None, fsrs.Rating.Good, T0).card
    again = card_from_json(card_to_json(card))
    assert again.to_dict() == card.to_dict()
