"""Statistics of one pack from its stored history, computed without a database.

The store hands over its history already counted (``Tallies``: rows per item
as read, due times as stored text, and reviews per calendar day), so the cost
does not grow with the number of reviews, and no mapping per item is built;
``History.from_rows`` counts plain rows the same way and ``Tallies.of`` turns
that into the store's rows (tests hold the two together). Counts for items the
pack no longer has are dropped, so editing a pack never breaks the view. Days
are calendar days in ``now``'s time zone: the UI passes local time, tests pass
UTC, and "today" means what the user means by it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from datetime import time as day_start
from functools import partial
from itertools import chain, compress, filterfalse
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, cast

from .cards import STUDY_CATEGORIES, Category
from .due import due_now_from_counts
from .migrations import timestamp
from .models import Pack

_get_id = attrgetter("id")
_get_actor = attrgetter("actor")
_first = itemgetter(0)
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


class Tallies(NamedTuple):
    """A pack's history as the store reads it: rows per item, as plain tuples.

    What ``compute_stats`` reads. No mapping per item is built: a big pack's
    learner has seen tens of thousands of items, and each row is looked at
    once. Items the pack no longer has may be included; ``days`` counts only
    the others, like ``History.days``.
    """

    study: Sequence[tuple[str, int, int]]  # item, flip-card ratings, of which Again
    quiz: Sequence[str]  # the items with quiz answers among their reviews
    answers: Sequence[tuple[str, int, int]]  # item, quiz answers, of which correct
    scheduled: Sequence[str]  # the items with a schedule
    dues: Sequence[str]  # when each of those is next due, as stored (``timestamp``)
    days: Mapping[tuple[date, str], int]
    # Instead of ``dues`` (then empty), when every scheduled item is in the pack and the
    # zone has a fixed offset: how many are due at or before ``due_bounds(now)[0]``
    # (now), then before each of the others (the starts of the next days).
    due_counts: Sequence[int] | None = None

    @classmethod
    def of(cls, history: History, dues: Mapping[str, datetime]) -> Tallies:
        """The rows of a counted history and the items' due times (tests count rows so)."""
        reviews = history.reviews.items()
        return cls(
            [(item, n, again) for (item, source), (n, again) in reviews if source == "study"],
            [item for item, source in history.reviews if source == "quiz"],
            [(item, n, right) for item, (n, right) in history.answers.items()],
            list(dues),
            list(map(timestamp, dues.values())),
            history.days,
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


def single_actors(pack: Pack) -> dict[str, str]:
    """The one actor each card but an implication is about: an actor's own card, who
    said, who did (zipped in C: a big pack has tens of thousands)."""
    actor_ids = list(map(_get_id, pack.actors))
    out = dict(zip(actor_ids, actor_ids, strict=True))
    for items in (pack.quotes, pack.measures):
        out.update(zip(map(_get_id, items), map(_get_actor, items), strict=True))
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


def due_bounds(now: datetime) -> list[str] | None:
    """Now, then the start of each of the ``FORECAST_DAYS`` days after today, as stored
    text, where the due forecast splits; None unless ``now``'s zone has a fixed offset
    (elsewhere a day may begin twice: each due time is converted instead)."""
    if not isinstance(now.tzinfo, timezone):
        return None
    firsts = [now.date() + timedelta(days=i) for i in range(1, FORECAST_DAYS + 1)]
    starts = [datetime.combine(d, day_start.min, tzinfo=now.tzinfo) for d in firsts]
    return [timestamp(now), *map(timestamp, starts)]


def _due_figures(
    tallies: Tallies, due_kinds: list[str | None], now: datetime
) -> tuple[Counter[date], int, int]:
    """Items due per day from today (overdue ones today), those due now, and how many of
    the pack's items have a schedule: counted by the store, or from the due times."""
    today = now.date()
    if tallies.due_counts is not None:
        due_now, *before = tallies.due_counts
        days: Counter[date] = Counter()
        for index, count in enumerate(before):
            days[today + timedelta(days=index)] = count - (before[index - 1] if index else 0)
        return days, due_now, len(due_kinds)
    dues = list(tallies.dues)
    if None in due_kinds:  # items the pack no longer has
        dues = list(compress(dues, due_kinds))
    instant = timestamp(now)  # compared with the stored times as text, in their order
    return _forecast_days(dues, today, now.tzinfo), sum(map(instant.__ge__, dues)), len(dues)


def _forecast_days(
    dues: Sequence[datetime] | Sequence[str], today: date, zone: tzinfo | None
) -> Counter[date]:
    """Items due per day from today (overdue ones count today), in ``zone``.

    ``dues`` are aware times, or times as stored (``timestamp``: fixed-width UTC
    text, whose order is time order; the store's thousands need no parsing then).
    In a fixed-offset zone (what ``astimezone()`` gives) a day is a span between
    two midnights, so each due time is placed by bisecting the days' starts; other
    zones convert each time, as a day may begin twice there.
    """
    stored = bool(dues) and isinstance(dues[0], str)
    days: Counter[date] = Counter()
    if isinstance(zone, timezone):
        firsts = [today + timedelta(days=i) for i in range(1, FORECAST_DAYS + 1)]
        starts = [datetime.combine(d, day_start.min, tzinfo=zone) for d in firsts]
        bounds = list(map(timestamp, starts)) if stored else [s.astimezone(UTC) for s in starts]
        found = Counter(map(partial(bisect_right, bounds), dues))
        for index, count in found.items():
            days[today + timedelta(days=index)] += count
        return days
    times = cast(Sequence[datetime], dues)
    if stored:
        times = list(map(datetime.fromisoformat, cast(Sequence[str], dues)))
    for due in times:
        days[max(due.astimezone(zone).date(), today)] += 1
    return days


def _category_sums(
    rows: Iterable[tuple[str, int, int]], kind_of: Callable[[str], str | None]
) -> tuple[dict[str, int], dict[str, int]]:
    """Both counts of each row added up per category; items without one are left out."""
    kinds = [c.value for c in STUDY_CATEGORIES]
    first = dict.fromkeys(kinds, 0)  # plain dicts, every key there: faster than Counters
    second = dict.fromkeys(kinds, 0)
    for item, count, part in rows:
        kind = kind_of(item)
        if kind is not None:
            first[kind] += count
            second[kind] += part
    return first, second


def _answer_sums(
    pack: Pack, answers: Sequence[tuple[str, int, int]], kind_of: Callable[[str], str | None]
) -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]:
    """Quiz answers and correct ones per category, then per actor the answered items
    are about, in one pass; items the pack no longer has are left out."""
    cat_total, cat_right = _category_sums((), kind_of)
    total = dict.fromkeys(map(_get_id, pack.actors), 0)
    correct = dict.fromkeys(map(_get_id, pack.actors), 0)
    if not answers:
        return cat_total, cat_right, total, correct
    single = single_actors(pack).get
    several = {i.id: tuple(dict.fromkeys(i.actors)) for i in pack.implications}
    for item, count, right in answers:
        kind = kind_of(item)
        if kind is None:
            continue
        cat_total[kind] += count
        cat_right[kind] += right
        actor = single(item)
        if actor is not None:
            total[actor] += count
            correct[actor] += right
            continue
        for actor in several[item]:  # who is concerned, each once
            total[actor] += count
            correct[actor] += right
    return cat_total, cat_right, total, correct


def _seen(
    tallies: Tallies, due_kinds: list[str | None], kind_of: Callable[[str], str | None]
) -> Counter[str | None]:
    """Items seen per category (None: no longer in the pack): the scheduled ones,
    whose categories are given, and any reviewed or answered without a schedule."""
    seen: Counter[str | None] = Counter(due_kinds)
    scheduled = set(tallies.scheduled)
    reviewed = chain(map(_first, tallies.study), tallies.quiz, map(_first, tallies.answers))
    seen.update(map(kind_of, set(filterfalse(scheduled.__contains__, reviewed))))
    return seen


def compute_stats(
    pack: Pack,
    tallies: Tallies,
    now: datetime,
    categories: Mapping[str, str] | None = None,
    *,
    year: bool = True,
) -> PackStats:
    """Count a pack's history (``Tallies``).

    ``tallies`` must count days in ``now``'s zone from ``history_start(now)`` on, or
    the last ``HISTORY_DAYS`` without ``year`` (then ``PackStats.year`` is empty);
    ``categories`` is ``item_kinds(pack)`` when the caller has it already. Each
    row is looked at once; due times are compared as stored text, in C.
    """
    now = now if now.tzinfo is not None else now.astimezone()
    today = now.date()
    categories = item_kinds(pack) if categories is None else categories
    kind_of = categories.get
    recall_total, recall_again = _category_sums(tallies.study, kind_of)
    cat_total, cat_right, actor_total, actor_right = _answer_sums(pack, tallies.answers, kind_of)
    due_kinds = list(map(kind_of, tallies.scheduled))
    due_days, due_reviews, scheduled = _due_figures(tallies, due_kinds, now)
    seen_by_category = _seen(tallies, due_kinds, kind_of)
    seen_by_category.pop(None, None)

    first_day = today - timedelta(days=HISTORY_DAYS - 1)
    year_first = history_start(now)
    study_days: Counter[date] = Counter()
    quiz_days: Counter[date] = Counter()
    for (day, source), count in tallies.days.items():
        if year_first <= day <= today:
            (study_days if source == "study" else quiz_days)[day] += count

    forecast = tuple(
        DayCount(today + timedelta(days=i), reviews=due_days[today + timedelta(days=i)])
        for i in range(FORECAST_DAYS)
    )
    return PackStats(
        pack_id=pack.id,
        title=pack.title,
        today=today,
        total_cards=len(categories),
        cards_seen=seen_by_category.total(),
        answered=sum(cat_total.values()),
        correct=sum(cat_right.values()),
        reviews=sum(recall_total.values()),
        due_now=due_now_from_counts(len(categories), scheduled, due_reviews),
        due_reviews_now=due_reviews,
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
            for d in (year_first + timedelta(days=i) for i in range(YEAR_DAYS if year else 0))
        ),
        recall_by_category=tuple(
            Accuracy(
                c.value,
                c.label,
                recall_total[c.value] - recall_again[c.value],
                recall_total[c.value],
            )
            for c in STUDY_CATEGORIES
        ),
    )
