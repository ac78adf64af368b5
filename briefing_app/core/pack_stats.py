"""Statistics of one pack from its stored history, computed without a database.

The store hands over its history already counted (``History``: per item, and
per calendar day), so the cost does not grow with the number of reviews;
``History.from_rows`` counts plain rows the same way (tests hold the two
together). Counts for items the pack no longer has are dropped, so editing a
pack never breaks the view. Days are calendar days in ``now``'s time zone: the
UI passes local time, tests pass UTC, and "today" means what the user means by it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from datetime import time as day_start
from functools import partial
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, TypeVar

from .cards import STUDY_CATEGORIES, Category
from .due import due_now_count
from .models import Pack

_get_id = attrgetter("id")
HISTORY_DAYS = 30
YEAR_DAYS = 371  # 53 full weeks: the calendar heatmap's last year
FORECAST_DAYS = 8  # today (overdue included) and the 7 days after it


class ReviewRow(NamedTuple):
    """One rating of a card, from the study window (``study``) or a quiz answer (``quiz``)."""

    item_id: str
    rating: int
    source: str
    reviewed_at: datetime


class AnswerRow(NamedTuple):
    item_id: str
    kind: str
    correct: bool
    answered_at: datetime


@dataclass(frozen=True)
class History:
    """A pack's reviews and answers, counted.

    ``reviews``: (item id, source) -> (reviews, of which rated Again).
    ``answers``: item id -> (answers, of which correct). ``days``: (calendar day
    in the zone asked for, source) -> reviews, from ``first_day`` on, of
    ``known`` items only; days without reviews may be left out.
    """

    reviews: Mapping[tuple[str, str], tuple[int, int]]
    answers: Mapping[str, tuple[int, int]]
    days: Mapping[tuple[date, str], int]

    @classmethod
    def from_rows(
        cls,
        reviews: Iterable[ReviewRow],
        answers: Iterable[AnswerRow],
        zone: tzinfo | None,
        first_day: date,
        known: Iterable[str],
    ) -> History:
        """Count plain rows, as the store counts in SQL."""
        wanted = set(known)
        rows = list(reviews)
        days: Counter[tuple[date, str]] = Counter()
        for r in rows:
            day = r.reviewed_at.astimezone(zone).date()
            if day >= first_day and r.item_id in wanted:
                days[day, r.source] += 1
        total = Counter((r.item_id, r.source) for r in rows)
        again = Counter((r.item_id, r.source) for r in rows if r.rating == 1)
        listed = list(answers)
        asked = Counter(a.item_id for a in listed)
        right = Counter(a.item_id for a in listed if a.correct)
        return cls(
            {key: (n, again[key]) for key, n in total.items()},
            {item: (n, right[item]) for item, n in asked.items()},
            days,
        )


def history_start(now: datetime) -> date:
    """The first day whose reviews are counted per day (the heatmap's year)."""
    return now.date() - timedelta(days=YEAR_DAYS - 1)


@dataclass(frozen=True)
class Accuracy:
    """Right out of all: correct quiz answers (accuracy), or ratings other than
    Again (recall rate, the learner's own judgement; kept apart from accuracy)."""

    key: str
    label: str
    right: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "label": self.label,
            "right": self.right,
            "total": self.total,
            "accuracy": None if self.rate is None else round(self.rate, 4),
        }


@dataclass(frozen=True)
class DayCount:
    """A day's flip-card ratings and quiz answers (or cards due, for the forecast)."""

    day: date
    reviews: int = 0
    answers: int = 0

    @property
    def total(self) -> int:
        return self.reviews + self.answers


@dataclass(frozen=True)
class PackStats:
    """Everything the statistics view and ``briefing-app stats`` show for one pack."""

    pack_id: str
    title: str
    today: date
    total_cards: int
    cards_seen: int
    answered: int
    correct: int
    reviews: int
    due_now: int  # to study now: scheduled reviews due plus new cards (core/due.py)
    due_reviews_now: int  # of those, the scheduled reviews
    due_today: int
    due_forecast: tuple[DayCount, ...]
    by_category: tuple[Accuracy, ...]  # quiz answers only
    by_actor: tuple[Accuracy, ...]  # quiz answers only
    per_day: tuple[DayCount, ...]
    seen_by_category: Mapping[str, int] = field(default_factory=dict)
    recall_by_category: tuple[Accuracy, ...] = ()  # study-window ratings only
    year: tuple[DayCount, ...] = ()  # reviews and answers per day, oldest first, to today

    @property
    def recall_rate(self) -> float | None:
        """Cards rated Hard, Good or Easy out of all ratings: self-judged, not tested."""
        right = sum(a.right for a in self.recall_by_category)
        total = sum(a.total for a in self.recall_by_category)
        return right / total if total else None

    @property
    def accuracy(self) -> float | None:
        right = sum(a.right for a in self.by_category)
        total = sum(a.total for a in self.by_category)
        return right / total if total else None

    @property
    def new_cards(self) -> int:
        return self.total_cards - self.cards_seen

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``briefing-app stats --json``."""
        accuracy = self.accuracy
        return {
            "pack": self.pack_id,
            "title": self.title,
            "today": self.today.isoformat(),
            "cards": self.total_cards,
            "cards_seen": self.cards_seen,
            "new": self.new_cards,
            "answered": self.answered,
            "correct": self.correct,
            "reviews": self.reviews,
            "accuracy": None if accuracy is None else round(accuracy, 4),
            "due": self.due_today,
            "due_now": self.due_now,
            "due_now_reviews": self.due_reviews_now,
            "due_next_7_days": [
                {"date": d.day.isoformat(), "count": d.total} for d in self.due_forecast[1:]
            ],
            "accuracy_by_category": [a.to_dict() for a in self.by_category],
            "recall_rate": None if self.recall_rate is None else round(self.recall_rate, 4),
            "recall_by_category": [a.to_dict() for a in self.recall_by_category],
            "accuracy_by_actor": [a.to_dict() for a in self.by_actor],
            "reviews_per_day": [
                {"date": d.day.isoformat(), "reviews": d.reviews, "answers": d.answers}
                for d in self.per_day
            ],
        }


def item_actors(pack: Pack) -> dict[str, tuple[str, ...]]:
    """The actors each card is about: an actor's own card, who said, who did, who is concerned."""
    out: dict[str, tuple[str, ...]] = {a.id: (a.id,) for a in pack.actors}
    out.update({q.id: (q.actor,) for q in pack.quotes})
    out.update({m.id: (m.actor,) for m in pack.measures})
    out.update({i.id: tuple(dict.fromkeys(i.actors)) for i in pack.implications})
    return out


def item_kinds(pack: Pack) -> dict[str, str]:
    """Every study card's item id and its category's value (``"quote"``), built in C."""
    out: dict[str, str] = {}
    for category, items in (
        (Category.ACTOR, pack.actors),
        (Category.QUOTE, pack.quotes),
        (Category.MEASURE, pack.measures),
        (Category.IMPLICATION, pack.implications),
    ):
        out.update(dict.fromkeys(map(_get_id, items), category.value))
    return out


def _forecast_days(dues: Iterable[datetime], today: date, zone: tzinfo | None) -> Counter[date]:
    """Items due per day from today (overdue ones count today), in ``zone``.

    In a fixed-offset zone (what ``astimezone()`` gives) a day is a span between
    two midnights, so each due time is placed by bisecting the days' starts;
    other zones convert each time, as a day may begin twice there.
    """
    days: Counter[date] = Counter()
    if isinstance(zone, timezone):
        firsts = [today + timedelta(days=i) for i in range(1, FORECAST_DAYS + 1)]
        starts = [datetime.combine(d, day_start.min, tzinfo=zone) for d in firsts]
        utc_starts = [start.astimezone(UTC) for start in starts]
        found = Counter(map(partial(bisect_right, utc_starts), dues))
        for index, count in found.items():
            days[today + timedelta(days=index)] += count
        return days
    for due in dues:
        days[max(due.astimezone(zone).date(), today)] += 1
    return days


_V = TypeVar("_V")


def _known(counted: Mapping[str, _V], known: Mapping[str, str]) -> Mapping[str, _V]:
    """``counted`` without the items the pack no longer has (as is when there are none)."""
    if known.keys() >= counted.keys():
        return counted
    return dict(compress(counted.items(), map(known.__contains__, counted)))


def _known_reviews(
    counted: Mapping[tuple[str, str], _V], known: Mapping[str, str]
) -> tuple[Mapping[tuple[str, str], _V], set[str]]:
    """``_known`` for counts keyed by (item, source); also the items left."""
    items = set(map(itemgetter(0), counted))
    if items <= known.keys():
        return counted, items
    kept = dict(compress(counted.items(), map(known.__contains__, map(itemgetter(0), counted))))
    return kept, items.intersection(known)


def compute_stats(
    pack: Pack, history: History, dues: Mapping[str, datetime], now: datetime
) -> PackStats:
    """Count a pack's history; ``dues`` maps each scheduled item to when it is next due.

    ``history`` must count days in ``now``'s zone from ``history_start(now)`` on.
    Loops run once per item seen, mostly in C (``map``, ``Counter``), since a
    big pack's learner may have seen tens of thousands.
    """
    now = now if now.tzinfo is not None else now.astimezone()
    zone = now.tzinfo
    today = now.date()
    categories = item_kinds(pack)
    reviewed, reviewed_items = _known_reviews(history.reviews, categories)
    answered = _known(history.answers, categories)
    dues = _known(dues, categories)

    seen = reviewed_items.union(answered, dues)
    first_day = today - timedelta(days=HISTORY_DAYS - 1)
    year_first = history_start(now)
    # Plain dicts, every key there from the start: faster to add to than Counters.
    kinds = [c.value for c in STUDY_CATEGORIES]
    cat_right = dict.fromkeys(kinds, 0)
    cat_total = dict.fromkeys(kinds, 0)
    recall_right = dict.fromkeys(kinds, 0)
    recall_total = dict.fromkeys(kinds, 0)
    actor_right = dict.fromkeys(map(_get_id, pack.actors), 0)
    actor_total = dict.fromkeys(map(_get_id, pack.actors), 0)
    for (item, source), (count, again) in reviewed.items():
        if source == "study":
            category = categories[item]
            recall_total[category] += count
            recall_right[category] += count - again
    if answered:
        actors_of = item_actors(pack)
        for item, (count, correct) in answered.items():  # accuracy: what a quiz tested
            category = categories[item]
            cat_total[category] += count
            cat_right[category] += correct
            for actor in actors_of[item]:
                actor_total[actor] += count
                actor_right[actor] += correct
    study_days: Counter[date] = Counter()
    quiz_days: Counter[date] = Counter()
    for (day, source), count in history.days.items():
        if year_first <= day <= today:
            (study_days if source == "study" else quiz_days)[day] += count

    due_days = _forecast_days(dues.values(), today, zone)
    forecast = tuple(
        DayCount(today + timedelta(days=i), reviews=due_days[today + timedelta(days=i)])
        for i in range(FORECAST_DAYS)
    )
    seen_by_category = Counter(map(categories.__getitem__, seen))
    instant = now.astimezone(UTC)  # compared with stored UTC times without a conversion each
    return PackStats(
        pack_id=pack.id,
        title=pack.title,
        today=today,
        total_cards=len(categories),
        cards_seen=len(seen),
        answered=sum(map(itemgetter(0), answered.values())),
        correct=sum(map(itemgetter(1), answered.values())),
        reviews=sum(recall_total.values()),
        due_now=due_now_count(categories, dues, instant),
        due_reviews_now=sum(map(instant.__ge__, dues.values())),
        due_today=forecast[0].total,
        due_forecast=forecast,
        by_category=tuple(
            Accuracy(c.value, c.label, cat_right[c.value], cat_total[c.value])
            for c in STUDY_CATEGORIES
        ),
        by_actor=tuple(
            Accuracy(a.id, a.name, actor_right[a.id], actor_total[a.id])
            for a in pack.actors
            if actor_total[a.id]
        ),
        per_day=tuple(
            DayCount(d, study_days[d], quiz_days[d])
            for d in (first_day + timedelta(days=i) for i in range(HISTORY_DAYS))
        ),
        seen_by_category={c.value: seen_by_category[c.value] for c in STUDY_CATEGORIES},
        year=tuple(
            DayCount(d, study_days[d], quiz_days[d])
            for d in (year_first + timedelta(days=i) for i in range(YEAR_DAYS))
        ),
        recall_by_category=tuple(
            Accuracy(c.value, c.label, recall_right[c.value], recall_total[c.value])
            for c in STUDY_CATEGORIES
        ),
    )
