"""The statistics the store computes from its per-item rows (``ProgressStore.tallies``)
equal a plain count of every stored review, answer and schedule, in any time zone,
with items the pack no longer has and items reviewed without a schedule."""

from __future__ import annotations

import dataclasses
import json
import random
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from briefing_app.core.cards import STUDY_CATEGORIES
from briefing_app.core.due import due_now_count, due_now_from_stamps
from briefing_app.core.migrations import timestamp
from briefing_app.core.models import Pack
from briefing_app.core.pack import parse_pack
from briefing_app.core.pack_stats import (
    AnswerRow,
    History,
    PackStats,
    ReviewRow,
    Tallies,
    _forecast_days,
    compute_stats,
    history_start,
    item_kinds,
)
from briefing_app.core.progress import DB_NAME, ProgressStore

NOW = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # Europe's spring-forward night
ZONES = [
    UTC,
    timezone(timedelta(hours=9)),
    timezone(timedelta(hours=-5, minutes=-30)),
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/Santiago"),
]


def _pack() -> Pack:
    actors = [{"id": f"a{n}", "name": f"Actor {n}"} for n in range(4)]
    raw = {
        "format": "briefing-pack",
        "version": 1,
        "id": "demo",
        "title": "Demo",
        "actors": actors,
        "quotes": [{"id": f"q{n}", "actor": f"a{n % 4}", "text": f"Said {n}."} for n in range(8)],
        "measures": [{"id": f"m{n}", "actor": f"a{n % 3}", "title": f"Did {n}"} for n in range(5)],
        "implications": [
            {"id": "i0", "title": "Both", "actors": ["a0", "a1", "a0"]},
            {"id": "i1", "title": "Nobody", "actors": []},
            {"id": "i2", "title": "One", "actors": ["a3"]},
        ],
    }
    return parse_pack(json.dumps(raw).encode())


def _filled(folder: Path, seed: int) -> tuple[Pack, Path]:
    """The test pack and a progress file in ``folder`` filled for it (``_fill``)."""
    pack = _pack()
    path = folder / DB_NAME
    _fill(path, pack, seed)
    return pack, path


def _fill(path: Path, pack: Pack, seed: int) -> None:
    """Answers and ratings through the store, over 13 months, many near some zone's
    midnight; some items are no longer in the pack, some ratings taken back, and a
    few reviews and answers written without a schedule (as an old or edited file has)."""
    rng = random.Random(seed)
    cards = (*pack.actors, *pack.quotes, *pack.measures, *pack.implications)
    items = [c.id for c in cards if c.id not in ("m4", "i1")]  # those two: see below
    items += ["gone-1", "gone-2"]
    moments = sorted(
        NOW
        - timedelta(days=rng.randrange(400), hours=rng.randrange(24))
        - timedelta(minutes=rng.choice([0, 1, 29, 30, 59, 61]))
        for _ in range(500)
    )
    with ProgressStore(path) as store:
        ratings = []
        for at in moments:
            item = rng.choice(items)
            if rng.random() < 0.5:
                store.record_answer("demo", item, "who-said", rng.random() < 0.6, at)
            else:
                ratings.append(store.record_rating("demo", item, rng.randint(1, 4), at))
            if ratings and rng.random() < 0.05:
                store.undo_rating(ratings.pop(rng.randrange(len(ratings))))
        store.record_rating("other", "q1", 3, NOW)  # another pack's progress is not counted
    conn = sqlite3.connect(path)
    for item in ("q7", "m4", "gone-3"):  # m4: seen by this quiz review alone
        conn.execute("DELETE FROM cards WHERE pack_id = 'demo' AND item_id = ?", (item,))
        conn.execute(
            "INSERT INTO reviews (pack_id, item_id, rating, source, reviewed_at, card_after)"
            " VALUES ('demo', ?, 1, 'quiz', ?, '{}')",
            (item, timestamp(NOW - timedelta(hours=3))),
        )
    conn.execute(
        "INSERT INTO answers (pack_id, item_id, kind, correct, answered_at)"
        " VALUES ('demo', 'i1', 'who-said', 1, ?)",  # i1: seen by this answer alone
        (timestamp(NOW - timedelta(days=2)),),
    )
    conn.execute("DELETE FROM cards WHERE pack_id = 'demo' AND item_id = 'i1'")
    conn.commit()
    conn.close()


def _accuracy(key: str, label: str, right: int, total: int) -> dict[str, Any]:
    rate = None if not total else round(right / total, 4)
    return {"id": key, "label": label, "right": right, "total": total, "accuracy": rate}


def _comparable(stats: PackStats) -> dict[str, Any]:
    """``stats`` as ``_plain_stats`` gives it: the JSON's figures, the year as tuples,
    and the categories seen."""
    got = stats.to_dict()
    got["year"] = [(d.day, d.reviews, d.answers) for d in stats.year]
    got["seen_by_category"] = {k: n for k, n in stats.seen_by_category.items() if n}
    return got


def _plain_stats(pack: Pack, path: Path, now: datetime) -> dict[str, Any]:
    """What ``stats --json`` must say, counted row by row from the stored tables."""
    conn = sqlite3.connect(path)
    reviews = conn.execute(
        "SELECT item_id, rating, source, reviewed_at FROM reviews WHERE pack_id = 'demo'"
    ).fetchall()
    answers = conn.execute("SELECT item_id, correct FROM answers WHERE pack_id = 'demo'").fetchall()
    cards = conn.execute("SELECT item_id, due FROM cards WHERE pack_id = 'demo'").fetchall()
    conn.close()
    kind = {a.id: "actor" for a in pack.actors}
    kind |= {q.id: "quote" for q in pack.quotes} | {m.id: "measure" for m in pack.measures}
    kind |= {i.id: "implication" for i in pack.implications}
    about = {a.id: [a.id] for a in pack.actors} | {q.id: [q.actor] for q in pack.quotes}
    about |= {m.id: [m.actor] for m in pack.measures}
    about |= {i.id: list(dict.fromkeys(i.actors)) for i in pack.implications}
    reviews = [r for r in reviews if r[0] in kind]
    answers = [a for a in answers if a[0] in kind]
    dues = [datetime.fromisoformat(due) for item, due in cards if item in kind]
    zone, today = now.tzinfo, now.date()
    seen = {r[0] for r in reviews} | {a[0] for a in answers} | {c[0] for c in cards}
    seen &= kind.keys()
    forecast = Counter(max(due.astimezone(zone).date(), today) for due in dues)
    per_day = Counter(
        (datetime.fromisoformat(at).astimezone(zone).date(), source) for _, _, source, at in reviews
    )
    due_reviews = sum(due <= now for due in dues)
    study = [r for r in reviews if r[2] == "study"]
    recall_rate = None if not study else round(sum(r[1] > 1 for r in study) / len(study), 4)
    by_actor = [
        _accuracy(
            a.id,
            a.name,
            sum(ok for item, ok in answers if a.id in about[item]),
            sum(1 for item, _ in answers if a.id in about[item]),
        )
        for a in pack.actors
    ]
    days = [today - timedelta(days=29 - n) for n in range(30)]
    return {
        "pack": pack.id,
        "title": pack.title,
        "today": today.isoformat(),
        "cards": len(kind),
        "cards_seen": len(seen),
        "new": len(kind) - len(seen),
        "answered": len(answers),
        "correct": sum(ok for _, ok in answers),
        "reviews": len(study),
        "accuracy": round(sum(ok for _, ok in answers) / len(answers), 4) if answers else None,
        "due": forecast[today],
        "due_now": len(kind) - len(dues) + due_reviews,
        "due_now_reviews": due_reviews,
        "due_next_7_days": [
            {
                "date": (today + timedelta(days=n)).isoformat(),
                "count": forecast[today + timedelta(days=n)],
            }
            for n in range(1, 8)
        ],
        "accuracy_by_category": [
            _accuracy(
                c.value,
                c.label,
                sum(ok for item, ok in answers if kind[item] == c.value),
                sum(1 for item, _ in answers if kind[item] == c.value),
            )
            for c in STUDY_CATEGORIES
        ],
        "recall_rate": recall_rate,
        "recall_by_category": [
            _accuracy(
                c.value,
                c.label,
                sum(r[1] > 1 for r in study if kind[r[0]] == c.value),
                sum(1 for r in study if kind[r[0]] == c.value),
            )
            for c in STUDY_CATEGORIES
        ],
        "accuracy_by_actor": [a for a in by_actor if a["total"]],
        "reviews_per_day": [
            {"date": d.isoformat(), "reviews": per_day[d, "study"], "answers": per_day[d, "quiz"]}
            for d in days
        ],
        "year": [(d, per_day[d, "study"], per_day[d, "quiz"]) for d in _year(today)],
        "seen_by_category": dict(Counter(kind[item] for item in seen)),
    }


def _year(today: date) -> list[date]:
    return [today - timedelta(days=370 - n) for n in range(371)]


@pytest.mark.parametrize("zone", ZONES, ids=str)
@pytest.mark.parametrize("seed", [1, 2])
def test_stats_equal_counting_every_stored_row(tmp_path: Path, zone: tzinfo, seed: int) -> None:
    pack, path = _filled(tmp_path, seed)
    now = NOW.astimezone(zone)
    with ProgressStore(path) as store:
        stats = store.stats(pack, now)
    expected = _plain_stats(pack, path, now)
    got = _comparable(stats)
    assert got == expected
    assert got["cards_seen"] > 10 and got["accuracy_by_actor"] and got["reviews"] > 50
    assert sum(d["reviews"] + d["answers"] for d in got["reviews_per_day"]) > 0


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_due_counts_from_the_index_equal_counting_the_due_times(
    tmp_path: Path, zone: tzinfo
) -> None:
    """With every scheduled item still in the pack, a fixed-offset zone's forecast and
    due-now figures are counted in SQL; they equal converting each due time."""
    pack, path = _filled(tmp_path, 4)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM cards WHERE pack_id = 'demo' AND item_id LIKE 'gone-%'")
    day_start = datetime.combine(NOW.astimezone(zone).date(), datetime.min.time(), zone)
    for n, item in enumerate(["q0", "q1", "q2", "m0"]):  # on and around the bounds
        due = day_start + timedelta(days=n + 1, microseconds=n - 1)
        conn.execute(
            "UPDATE cards SET due = ? WHERE pack_id = 'demo' AND item_id = ?",
            (timestamp(due), item),
        )
    conn.execute(
        "UPDATE cards SET due = ? WHERE pack_id = 'demo' AND item_id = 'm1'", (timestamp(NOW),)
    )
    conn.commit()
    conn.close()
    now = NOW.astimezone(zone)
    with ProgressStore(path) as store:
        counted = store.tallies("demo", item_kinds(pack), now).due_counts
        stats = store.stats(pack, now)
    assert (counted is not None) == isinstance(zone, timezone)
    got = _comparable(stats)
    assert got == _plain_stats(pack, path, now)
    assert got["due"] and any(d["count"] for d in got["due_next_7_days"])


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_the_tallies_read_equal_the_rows_counted(tmp_path: Path, zone: tzinfo) -> None:
    """The store's rows per item give the statistics that counting every row gives."""
    pack, path = _filled(tmp_path, 3)
    now = NOW.astimezone(zone)
    conn = sqlite3.connect(path)
    reviews = [
        ReviewRow(item, rating, source, datetime.fromisoformat(at))
        for item, rating, source, at in conn.execute(
            "SELECT item_id, rating, source, reviewed_at FROM reviews WHERE pack_id = 'demo'"
        )
    ]
    answers = [
        AnswerRow(item, kind, bool(ok), datetime.fromisoformat(at))
        for item, kind, ok, at in conn.execute(
            "SELECT item_id, kind, correct, answered_at FROM answers WHERE pack_id = 'demo'"
        )
    ]
    dues = {
        item: datetime.fromisoformat(due)
        for item, due in conn.execute("SELECT item_id, due FROM cards WHERE pack_id = 'demo'")
    }
    conn.close()
    counted = History.from_rows(reviews, answers, zone, history_start(now), item_kinds(pack))
    expected = compute_stats(pack, Tallies.of(counted, dues), now)
    with ProgressStore(path) as store:
        assert store.stats(pack, now) == expected


def test_an_id_holding_the_separator_is_read_row_by_row(tmp_path: Path) -> None:
    """Columns come joined by char(31); an item id holding one (written by hand, never
    by a pack, whose ids are slugs) still gives the plain count."""
    pack, path = _filled(tmp_path, 5)
    conn = sqlite3.connect(path)
    for item in ("odd\x1fid", "q1\x1f"):
        conn.execute(
            "INSERT OR REPLACE INTO cards (pack_id, item_id, card, due)"
            " VALUES ('demo', ?, '{}', ?)",
            (item, timestamp(NOW)),
        )
        conn.execute(
            "INSERT INTO reviews (pack_id, item_id, rating, source, reviewed_at, card_after)"
            " VALUES ('demo', ?, 2, 'quiz', ?, '{}')",
            (item, timestamp(NOW - timedelta(days=1))),
        )
    conn.commit()
    conn.close()
    with ProgressStore(path) as store:
        stats = store.stats(pack, NOW)
    got = _comparable(stats)
    assert got == _plain_stats(pack, path, NOW)


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_without_the_year_only_the_year_is_left_out(tmp_path: Path, zone: tzinfo) -> None:
    """``stats`` and ``stats --json`` show 30 days, so they skip counting the year."""
    pack, path = _filled(tmp_path, 6)
    now = NOW.astimezone(zone)
    with ProgressStore(path) as store:
        full = store.stats(pack, now)
        short = store.stats(pack, now, year=False)
    assert len(full.year) == 371 and short.year == ()
    assert short == dataclasses.replace(full, year=())


def test_the_tallies_read_one_index_each(tmp_path: Path) -> None:
    """The per-item queries read one index or table without rowid: no lookup per row."""
    with ProgressStore(tmp_path / DB_NAME) as store:
        store.tallies("demo", ["x"], NOW)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    queries = [
        "SELECT item_id, reviews, again FROM review_counts WHERE pack_id = ? AND source = 'study'",
        "SELECT COUNT(*), group_concat(item_id, char(31)) FROM review_counts"
        " WHERE pack_id = ? AND source = 'quiz'",
        "SELECT item_id, answers, correct FROM answer_counts WHERE pack_id = ?",
        "SELECT COUNT(*), group_concat(item_id, char(31)), group_concat(due, char(31))"
        " FROM cards WHERE pack_id = ?",
        "SELECT COUNT(*) FROM cards WHERE pack_id = ? AND due < 'x'",
    ]
    for sql in queries:
        plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, ("x",)))
        one_index = "USING COVERING INDEX" in plan or "USING PRIMARY KEY" in plan
        assert one_index and "TEMP B-TREE" not in plan, (sql, plan)
    conn.close()


@pytest.mark.parametrize("zone", [*ZONES, timezone(timedelta(hours=-9, minutes=-30))], ids=str)
def test_the_forecast_of_stored_times_equals_that_of_parsed_ones(zone: tzinfo) -> None:
    rng = random.Random(8)
    today = NOW.astimezone(zone).date()
    dues = [NOW + timedelta(minutes=rng.randrange(-5 * 1440, 12 * 1440)) for _ in range(2000)]
    starts = [
        datetime.combine(today + timedelta(days=i), datetime.min.time(), zone) for i in range(9)
    ]
    dues += starts + [start - timedelta(microseconds=1) for start in starts]
    stored = [timestamp(due) for due in dues]
    assert _forecast_days(stored, today, zone) == _forecast_days(dues, today, zone)


def test_due_now_from_stored_times_is_the_due_now_count() -> None:
    rng = random.Random(4)
    items = [f"i{n}" for n in range(300)]
    dues = {i: NOW + timedelta(seconds=rng.randrange(-86400, 86400)) for i in items[:180]}
    dues[items[0]] = NOW  # due exactly now counts
    for moment in (NOW, NOW.astimezone(timezone(timedelta(hours=-3)))):
        stamps = [timestamp(due) for due in dues.values()]
        expected = due_now_count(items, dues, moment)
        assert due_now_from_stamps(len(items), stamps, timestamp(moment)) == expected
