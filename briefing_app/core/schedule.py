"""Spaced repetition over fsrs, as pure functions with the clock passed in.

Nothing here reads the time or touches storage, so the store can replay a
card's history and the tests can compare with ``fsrs.Scheduler`` on fixed
dates. Fuzzing is off: the interval shown on a rating button must be the one
the card then gets, and a replayed history must land on the same state.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler, State

__all__ = [
    "DEFAULT_SCHEDULER",
    "RATINGS",
    "RATING_LABELS",
    "Card",
    "Rating",
    "ScheduledReview",
    "Scheduler",
    "State",
    "as_rating",
    "card_from_json",
    "card_to_json",
    "format_interval",
    "new_card",
    "preview_intervals",
    "retrievability",
    "review",
    "to_utc",
]

DEFAULT_SCHEDULER = Scheduler(enable_fuzzing=False)
RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
RATING_LABELS: Mapping[Rating, str] = {
    Rating.Again: "Again",
    Rating.Hard: "Hard",
    Rating.Good: "Good",
    Rating.Easy: "Easy",
}


@dataclass(frozen=True)
class ScheduledReview:
    """The outcome of one rating: the card's new state and when it is next due."""

    card: Card
    rating: Rating
    reviewed_at: datetime

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def interval(self) -> timedelta:
        return self.card.due - self.reviewed_at


def to_utc(moment: datetime) -> datetime:
    """fsrs insists on UTC; a naive time is taken as local, as Python does."""
    return moment.astimezone(UTC)


def as_rating(rating: Rating | int) -> Rating:
    """Accept the keys 1-4 as well as ``Rating`` members; anything else is a bug."""
    value = Rating(int(rating))
    return value


def new_card(now: datetime) -> Card:
    """A card never reviewed, due now; its id comes from the clock, as fsrs does."""
    moment = to_utc(now)
    return Card(card_id=int(moment.timestamp() * 1000), due=moment)


def review(
    state: Card | None,
    rating: Rating | int,
    now: datetime,
    scheduler: Scheduler = DEFAULT_SCHEDULER,
) -> ScheduledReview:
    """Rate a card (``None`` for one never seen) at ``now``."""
    moment = to_utc(now)
    card = state if state is not None else new_card(moment)
    chosen = as_rating(rating)
    updated, _log = scheduler.review_card(card, chosen, moment)
    return ScheduledReview(updated, chosen, moment)


def preview_intervals(
    state: Card | None, now: datetime, scheduler: Scheduler = DEFAULT_SCHEDULER
) -> dict[Rating, timedelta]:
    """What each rating would give, for the buttons' labels (Anki shows the same)."""
    return {r: review(state, r, now, scheduler).interval for r in RATINGS}


def retrievability(
    state: Card | None, now: datetime, scheduler: Scheduler = DEFAULT_SCHEDULER
) -> float:
    """Chance of recall now, 0 for a card never reviewed."""
    if state is None:
        return 0.0
    return float(scheduler.get_card_retrievability(state, to_utc(now)))


def format_interval(interval: timedelta) -> str:
    """Anki-style short interval: ``<1m``, ``10m``, ``3h``, ``4d``, ``1.5mo``, ``2y``."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return _one_decimal(days / 30) + "mo"
    return _one_decimal(days / 365) + "y"


def _one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def card_to_json(card: Card) -> str:
    """Serialised with fsrs's own ``to_dict`` so a newer fsrs can still read it."""
    return json.dumps(card.to_dict(), sort_keys=True)


def card_from_json(text: str) -> Card:
    data: Any = json.loads(text)
    return Card.from_dict(data)
