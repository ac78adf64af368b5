"""The store counts history in SQL exactly as ``History.from_rows`` counts plain rows,
from covering indexes, in any time zone (daylight saving included)."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from datetime import time as day_start
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from briefing_app.core.due import due_now_count, due_now_ids
from briefing_app.core.migrations import SCHEMAS, run_script, timestamp
from briefing_app.core.pack_stats import (
    AnswerRow,
    History,
    ReviewRow,
    _forecast_days,
    history_start,
)
from briefing_app.core.progress import DB_NAME, ProgressStore

NOW = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # Europe's spring-forward night
ITEMS = [f"item-{i}" for i in range(40)]
KNOWN = ITEMS[:30]  # the rest were removed from the pack since


def _history_rows(seed: int) -> tuple[list[ReviewRow], list[AnswerRow]]:
    rng = random.Random(seed)
    reviews, answers = [], []
    for _ in range(600):
        # over 13 months, many near midnight in some zone
        at = NOW - timedelta(days=rng.randrange(400), minutes=rng.choice([0, 1, 29, 30, 59, 61]))
        at -= timedelta(hours=rng.randrange(24))
        source = rng.choice(["study", "quiz"])
        reviews.append(ReviewRow(rng.choice(ITEMS), rng.randint(1, 4), source, at))
        if source == "quiz":
            item = reviews[-1].item_id
            answers.append(AnswerRow(item, "who-said", rng.random() < 0.6, at))
    return reviews, answers


def _store_with(path: Path, reviews: list[ReviewRow], answers: list[AnswerRow]) -> None:
    with ProgressStore(path):
        pass
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO reviews (pack_id, item_id, rating, source, reviewed_at, card_after)"
        " VALUES ('demo', ?, ?, ?, ?, '{}')",
        [(r.item_id, r.rating, r.source, timestamp(r.reviewed_at)) for r in reviews],
    )
    conn.executemany(
        "INSERT INTO answers (pack_id, item_id, kind, correct, answered_at)"
        " VALUES ('demo', ?, ?, ?, ?)",
        [(a.item_id, a.kind, int(a.correct), timestamp(a.answered_at)) for a in answers],
    )
    conn.commit()
    conn.close()


def _nonzero(history: History) -> dict[str, object]:
    return {
        "reviews": dict(history.reviews),
        "answers": dict(history.answers),
        "days": {k: n for k, n in history.days.items() if n},
    }


@pytest.mark.parametrize(
    "zone",
    [
        UTC,
        timezone(timedelta(hours=9)),
        timezone(timedelta(hours=-5, minutes=-30)),
        ZoneInfo("Europe/Berlin"),
        ZoneInfo("America/Santiago"),
    ],
    ids=str,
)
def test_sql_counts_equal_counting_the_rows(tmp_path: Path, zone: timezone | ZoneInfo) -> None:
    reviews, answers = _history_rows(seed=7)
    _store_with(tmp_path / DB_NAME, reviews, answers)
    now = NOW.astimezone(zone)
    with ProgressStore(tmp_path / DB_NAME) as store:
        counted = store.history("demo", KNOWN, now)
    expected = History.from_rows(reviews, answers, zone, history_start(now), KNOWN)
    assert _nonzero(counted) == _nonzero(expected)
    assert sum(counted.days.values()) > 300  # most reviews fall in the year counted per day


def test_the_statistics_read_covering_indexes(tmp_path: Path) -> None:
    """Every statistics query reads one index (or a table without rowid, which is its own
    index) only: no lookup into a table per row."""
    with ProgressStore(tmp_path / DB_NAME) as store:
        store.history("demo", KNOWN, NOW)  # creates what the queries need
        store.due_times("demo")
    conn = sqlite3.connect(tmp_path / DB_NAME)
    queries = {
        "SELECT item_id, source, reviews, again FROM review_counts WHERE pack_id = ?": ("x",),
        "SELECT item_id, answers, correct FROM answer_counts WHERE pack_id = ?": ("x",),
        "SELECT COUNT(*), SUM(source = 'study') FROM reviews"
        " WHERE pack_id = ? AND reviewed_at >= ? AND reviewed_at < ?": ("x", "a", "b"),
        "SELECT item_id, due FROM cards WHERE pack_id = ?": ("x",),
    }
    for sql, params in queries.items():
        plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        one_index = "USING COVERING INDEX" in plan or "USING PRIMARY KEY" in plan
        assert one_index and "TEMP B-TREE" not in plan, (sql, plan)


def _counted_from_rows(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        reviews = conn.execute(
            "SELECT pack_id, item_id, source, COUNT(*), SUM(rating = 1) FROM reviews"
            " GROUP BY pack_id, item_id, source"
        ).fetchall()
        answers = conn.execute(
            "SELECT pack_id, item_id, COUNT(*), SUM(correct) FROM answers GROUP BY pack_id, item_id"
        ).fetchall()
        kept = (
            conn.execute(
                "SELECT * FROM review_counts ORDER BY pack_id, item_id, source"
            ).fetchall(),
            conn.execute("SELECT * FROM answer_counts ORDER BY pack_id, item_id").fetchall(),
        )
    finally:
        conn.close()
    assert kept == (reviews, answers)
    return reviews, answers


def test_the_running_counts_follow_every_write_and_undo(tmp_path: Path) -> None:
    """The triggers' counts equal counting the rows after answers, ratings and undos
    (an undo that removes an item's last rating leaves no row of zeros behind)."""
    rng = random.Random(3)
    path = tmp_path / DB_NAME
    with ProgressStore(path) as store:
        ratings: list[int] = []
        for step in range(300):
            at = NOW + timedelta(minutes=step)
            item = rng.choice(ITEMS[:8])
            pack = rng.choice(["demo", "other"])
            roll = rng.random()
            if roll < 0.4:
                store.record_answer(pack, item, "who-said", rng.random() < 0.5, at)
            elif roll < 0.8 or not ratings:
                ratings.append(store.record_rating(pack, item, rng.randint(1, 4), at))
            else:
                assert store.undo_rating(ratings.pop(rng.randrange(len(ratings))))
        while ratings:  # every rating taken back: only quiz reviews are left
            assert store.undo_rating(ratings.pop())
    reviews, answers = _counted_from_rows(path)
    assert answers and reviews
    assert {row[2] for row in reviews} == {"quiz"}


def test_a_v3_file_is_counted_on_migrating(tmp_path: Path) -> None:
    reviews, answers = _history_rows(seed=11)
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path, isolation_level=None)
    run_script(conn, SCHEMAS[3])
    conn.execute("PRAGMA user_version = 3")
    conn.executemany(
        "INSERT INTO reviews (pack_id, item_id, rating, source, reviewed_at, card_after)"
        " VALUES ('demo', ?, ?, ?, ?, '{}')",
        [(r.item_id, r.rating, r.source, timestamp(r.reviewed_at)) for r in reviews],
    )
    conn.executemany(
        "INSERT INTO answers (pack_id, item_id, kind, correct, answered_at)"
        " VALUES ('demo', ?, ?, ?, ?)",
        [(a.item_id, a.kind, int(a.correct), timestamp(a.answered_at)) for a in answers],
    )
    conn.close()
    with ProgressStore(path) as store:
        assert store.schema_version == 4 and store.recovery_message is None
        counted = store.history("demo", KNOWN, NOW)
    _counted_from_rows(path)
    expected = History.from_rows(reviews, answers, UTC, history_start(NOW), KNOWN)
    assert _nonzero(counted) == _nonzero(expected)


def test_the_schema_fits_the_first_page(tmp_path: Path) -> None:
    """Opening reads only page 1: damage elsewhere is found by the check or a read."""
    ProgressStore(tmp_path / DB_NAME).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    (roots,) = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE rootpage > 0").fetchone()
    conn.close()
    assert pages == roots + 1


@pytest.mark.parametrize(
    "zone",
    [UTC, timezone(timedelta(hours=9)), timezone(timedelta(hours=-9, minutes=-30))],
    ids=str,
)
def test_the_forecast_bisects_as_converting_each_due_time(zone: timezone) -> None:
    rng = random.Random(5)
    now = NOW.astimezone(zone)
    today = now.date()
    dues = [NOW + timedelta(minutes=rng.randrange(-5 * 1440, 12 * 1440)) for _ in range(3000)]
    dues += [datetime.combine(today + timedelta(days=i), day_start.min, zone) for i in range(9)]
    dues += [due - timedelta(microseconds=1) for due in dues[-9:]]
    expected: Counter[date] = Counter()
    for due in dues:
        expected[max(due.astimezone(zone).date(), today)] += 1
    found = _forecast_days([due.astimezone(UTC) for due in dues], today, zone)
    assert {d: found[d] for d in expected if d < today + timedelta(days=8)} == {
        d: n for d, n in expected.items() if d < today + timedelta(days=8)
    }


def test_due_now_count_is_the_length_of_due_now_ids() -> None:
    rng = random.Random(9)
    items = {f"i{n}": None for n in range(200)}
    dues = {i: NOW + timedelta(hours=rng.randrange(-48, 48)) for i in items if rng.random() < 0.6}
    for moment in (NOW, NOW.astimezone(timezone(timedelta(hours=5)))):
        assert due_now_count(items, dues, moment) == len(due_now_ids(items, dues, moment))
