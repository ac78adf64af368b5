"""The progress store: nothing answered is ever lost, whatever happens to the process or file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from briefing_app.core.migrations import LATEST_VERSION
from briefing_app.core.models import Pack
from briefing_app.core.pack import parse_pack
from briefing_app.core.progress import DB_NAME, ENV_VAR, ProgressStore, data_dir, due_filter
from briefing_app.core.schedule import preview_intervals, review

T0 = datetime(2026, 1, 5, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]


def read_db(path: Path, sql: str) -> sqlite3.Cursor:
    """Read the database file with a connection of our own (never the store's)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute(sql)


def make_pack(*, extra_quote: bool = False, drop_measure: bool = False) -> Pack:
    raw: dict[str, object] = {
        "format": "briefing-pack",
        "version": 1,
        "id": "demo",
        "title": "Demo",
        "actors": [
            {"id": "ann", "name": "Ann Example"},
            {"id": "bob", "name": "Bob Example", "kind": "state"},
        ],
        "quotes": [
            {"id": "q1", "actor": "ann", "text": "We stand firm."},
            {"id": "q2", "actor": "bob", "text": "We object."},
        ],
        "measures": [{"id": "m1", "actor": "bob", "title": "Travel advisory"}],
        "implications": [{"id": "i1", "title": "Tension rises", "actors": ["ann", "bob"]}],
    }
    if extra_quote:
        raw["quotes"].append({"id": "q3", "actor": "ann", "text": "New words."})  # type: ignore[attr-defined]
    if drop_measure:
        raw["measures"] = []
    return parse_pack(json.dumps(raw).encode())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    with ProgressStore(tmp_path / DB_NAME) as s:
        yield s


def test_a_new_file_is_in_wal_mode_at_the_latest_schema(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / DB_NAME) as s:
        assert s.recovery_message is None and s.persistent
        assert s.schema_version == LATEST_VERSION
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_open_default_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "data"))
    assert data_dir() == tmp_path / "data"
    with ProgressStore.open_default() as s:
        assert s.path == tmp_path / "data" / DB_NAME
    assert (tmp_path / "data" / DB_NAME).is_file()


def test_answers_and_ratings_persist_across_restarts(tmp_path: Path) -> None:
    pack = make_pack()
    with ProgressStore(tmp_path / DB_NAME) as s:
        s.record_answer("demo", "q1", "who-said", True, T0)
        s.record_answer("demo", "q2", "who-said", False, T0 + timedelta(minutes=1))
        s.record_rating("demo", "ann", fsrs.Rating.Good, T0 + timedelta(minutes=2))
        before = s.card_state("demo", "q1")
    with ProgressStore(tmp_path / DB_NAME) as s:
        stats = s.stats(pack, T0 + timedelta(hours=1))
        assert (stats.answered, stats.correct, stats.reviews, stats.cards_seen) == (2, 1, 1, 3)
        after = s.card_state("demo", "q1")
        assert before is not None and after is not None
        assert after.to_dict() == before.to_dict()


def test_quiz_answers_feed_the_schedule(store: ProgressStore) -> None:
    store.record_answer("demo", "q1", "who-said", False, T0)
    store.record_answer("demo", "q2", "who-said", True, T0)
    wrong, right = store.card_state("demo", "q1"), store.card_state("demo", "q2")
    assert wrong is not None and right is not None
    assert wrong.due == review(None, fsrs.Rating.Again, T0).card.due
    assert right.due == review(None, fsrs.Rating.Good, T0).card.due


def test_ratings_follow_the_schedule_and_undo_restores_the_card(store: ProgressStore) -> None:
    first = store.record_rating("demo", "q1", 3, T0)
    state = store.card_state("demo", "q1")
    second = store.record_rating("demo", "q1", 4, T0 + timedelta(minutes=10))
    assert second > first
    expected = review(review(None, 3, T0).card, 4, T0 + timedelta(minutes=10)).card
    assert store.card_state("demo", "q1").to_dict() == expected.to_dict()  # type: ignore[union-attr]
    assert store.undo_last_rating("demo")
    assert store.card_state("demo", "q1").to_dict() == state.to_dict()  # type: ignore[union-attr]
    assert store.undo_last_rating("demo")
    assert store.card_state("demo", "q1") is None
    assert not store.undo_last_rating("demo")
    assert not store.undo_last_rating("other-pack")


def test_the_store_previews_the_rating_buttons(store: ProgressStore) -> None:
    store.record_rating("demo", "q1", fsrs.Rating.Good, T0)
    later = T0 + timedelta(minutes=10)
    state = store.card_state("demo", "q1")
    assert store.preview_intervals("demo", "q1", later) == preview_intervals(state, later)
    assert store.preview_intervals("demo", "new", T0) == preview_intervals(None, T0)


def test_undo_keeps_a_later_quiz_answer(store: ProgressStore) -> None:
    store.record_rating("demo", "q1", 3, T0)
    store.record_answer("demo", "q1", "who-said", False, T0 + timedelta(minutes=5))
    assert store.undo_last_rating("demo")
    expected = review(None, fsrs.Rating.Again, T0 + timedelta(minutes=5)).card
    got = store.card_state("demo", "q1")
    assert got is not None and (got.due, got.state) == (expected.due, expected.state)
    assert store.stats(make_pack(), T0 + timedelta(hours=1)).answered == 1


def test_undo_is_per_pack(store: ProgressStore) -> None:
    store.record_rating("demo", "q1", 3, T0)
    store.record_rating("other", "x", 3, T0 + timedelta(minutes=1))
    assert store.undo_last_rating("demo")
    assert store.card_state("other", "x") is not None


def test_due_items_and_due_filter(store: ProgressStore) -> None:
    store.record_rating("demo", "q2", fsrs.Rating.Again, T0)  # due in a minute
    store.record_rating("demo", "q1", fsrs.Rating.Easy, T0)  # due in days
    ids = ["ann", "q1", "q2", "m1"]
    assert store.due_items("demo", ids, T0) == []
    assert store.due_items("demo", ids, T0 + timedelta(minutes=2)) == ["q2"]
    assert due_filter(store, "demo", ids, T0 + timedelta(days=30)) == ["q1", "q2"]
    assert due_filter(store, "demo", ids, T0 + timedelta(minutes=2), include_new=True) == [
        "ann",
        "q2",
        "m1",
    ]


def test_priority_favours_due_and_recently_missed_items(store: ProgressStore) -> None:
    store.record_answer("demo", "q1", "who-said", False, T0)
    store.record_answer("demo", "q2", "who-said", True, T0)
    store.record_rating("demo", "q2", fsrs.Rating.Easy, T0 + timedelta(minutes=1))
    now = T0 + timedelta(hours=1)
    missed = store.priority("demo", "q1", now)
    known = store.priority("demo", "q2", now)
    new = store.priority("demo", "m1", now)
    assert missed > new > known > 0
    assert store.priority("demo", "q1", T0 + timedelta(days=60)) < missed + 1.0


def test_progress_survives_edits_to_the_pack(store: ProgressStore) -> None:
    for item in ("q1", "m1"):
        store.record_answer("demo", item, "who-said", True, T0)
    store.record_rating("demo", "m1", 1, T0)
    edited = make_pack(extra_quote=True, drop_measure=True)
    stats = store.stats(edited, T0 + timedelta(hours=1))
    assert stats.total_cards == 6
    assert (stats.cards_seen, stats.answered, stats.reviews) == (1, 1, 0)
    assert store.card_state("demo", "q3") is None
    assert "m1" not in store.due_items("demo", [c for c in ("q1", "q3")], T0 + timedelta(days=9))


def test_stats_count_what_happened(store: ProgressStore) -> None:
    pack = make_pack()
    now = T0 + timedelta(days=10, hours=12)
    store.record_answer("demo", "q1", "who-said", True, T0)
    store.record_answer("demo", "q2", "who-said", False, T0 + timedelta(days=9))
    store.record_rating("demo", "ann", fsrs.Rating.Good, T0 + timedelta(days=10))
    store.record_rating("demo", "i1", fsrs.Rating.Again, T0 + timedelta(days=10))
    store.record_rating("demo", "gone", fsrs.Rating.Good, T0 + timedelta(days=10))
    s = store.stats(pack, now)
    assert s.today == now.date()
    assert (s.answered, s.correct, s.reviews, s.cards_seen, s.new_cards) == (2, 1, 2, 4, 2)
    cats = {a.key: (a.right, a.total) for a in s.by_category}
    # Accuracy is what the quiz tested; the learner's own ratings are the recall rate.
    assert cats == {"actor": (0, 0), "quote": (1, 2), "measure": (0, 0), "implication": (0, 0)}
    recall = {a.key: (a.right, a.total) for a in s.recall_by_category}
    assert recall == {"actor": (1, 1), "quote": (0, 0), "measure": (0, 0), "implication": (0, 1)}
    assert s.accuracy == 0.5 and s.recall_rate == 0.5
    actors = {a.key: (a.right, a.total) for a in s.by_actor}
    assert actors == {"ann": (1, 1), "bob": (0, 1)}
    assert len(s.per_day) == 30 and s.per_day[-1].day == now.date()
    assert s.per_day[-1].reviews == 2 and s.per_day[-2].answers == 1
    assert sum(d.total for d in s.per_day) == 4  # the rating of a removed item is ignored
    assert len(s.due_forecast) == 8 and s.due_forecast[0].day == now.date()
    assert s.due_today == s.due_forecast[0].total >= s.due_reviews_now >= 2
    assert s.due_now == s.due_reviews_now + s.new_cards  # reviews due plus new cards
    assert sum(d.total for d in s.due_forecast) == 4
    data = s.to_dict()
    assert {"answered", "correct", "reviews", "due"} <= set(data)


def test_a_damaged_file_is_moved_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    db.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    (tmp_path / (DB_NAME + "-wal")).write_bytes(b"junk")
    clock = lambda: T0  # noqa: E731
    with ProgressStore(db, clock=clock) as s:
        assert s.persistent and s.moved_to is not None
        assert s.recovery_message is not None
        assert str(s.moved_to) in s.recovery_message
        assert "could not be read" in s.recovery_message
        assert s.moved_to.name.startswith(DB_NAME + ".corrupt-")
        assert s.moved_to.read_bytes().startswith(b"this is not a database")
        assert Path(str(s.moved_to) + "-wal").read_bytes() == b"junk"
        s.record_answer("demo", "q1", "who-said", True, T0)
    with ProgressStore(db) as s:
        assert s.recovery_message is None
        assert s.answer_count("demo") == 1


def _damage_pages(db: Path) -> None:
    """A store with history whose pages past the schema are scribbled over."""
    with ProgressStore(db) as s:
        for i in range(300):
            s.record_answer("demo", f"item-{i}", "who-said", i % 2 == 0, T0)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page):
        data[offset : offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))


def test_a_file_with_damaged_pages_is_moved_aside_when_a_read_meets_them(tmp_path: Path) -> None:
    """Opening reads no damaged page (no whole-file check at every start, issue 16);
    the first read that meets one moves the file aside and carries on with a fresh one."""
    db = tmp_path / DB_NAME
    _damage_pages(db)
    with ProgressStore(db) as s:
        assert s.moved_to is None
        assert s.answer_count("demo") == 0
        assert s.moved_to is not None and s.moved_to.is_file()
        assert s.recovery_message is not None and str(s.moved_to) in s.recovery_message
        s.record_answer("demo", "q1", "who-said", True, T0)
    with ProgressStore(db) as s:
        assert s.answer_count("demo") == 1 and s.check()


def test_check_finds_damaged_pages_at_once(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    _damage_pages(db)
    with ProgressStore(db) as s:
        assert not s.check()
        assert s.moved_to is not None and s.moved_to.is_file() and s.persistent
        assert s.answer_count("demo") == 0


def test_moving_aside_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    moved = []
    for _ in range(2):
        db.write_bytes(b"garbage" * 1000)
        with ProgressStore(db, clock=lambda: T0) as s:
            moved.append(s.moved_to)
    assert moved[0] != moved[1] and all(p is not None and p.is_file() for p in moved)


def test_a_newer_file_is_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    with ProgressStore(db) as s:
        assert not s.persistent
        assert s.recovery_message is not None and "newer version" in s.recovery_message
        s.record_answer("demo", "q1", "who-said", True, T0)  # still works, in memory
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("future",)]
    conn.close()


def test_an_unusable_folder_still_lets_the_app_work(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with ProgressStore(blocker / DB_NAME) as s:
        assert not s.persistent
        assert s.recovery_message is not None and "will not be saved" in s.recovery_message
        s.record_rating("demo", "q1", 3, T0)
        assert s.card_state("demo", "q1") is not None


WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime, timedelta, UTC
    from briefing_app.core.progress import ProgressStore

    path, tag, count, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    store = ProgressStore(path)
    t0 = datetime(2026, 1, 5, tzinfo=UTC)
    for i in range(count):
        store.record_answer("demo", f"{tag}-{i}", "who-said", i % 3 != 0, t0 + timedelta(seconds=i))
        if i % 2:
            store.record_rating("demo", f"{tag}-{i}", 3, t0 + timedelta(seconds=i, milliseconds=1))
        print(f"recorded {i}", flush=True)
        time.sleep(pause)
    """
)


def _writer(tmp_path: Path, db: Path, tag: str, count: int, pause: float) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, str(script), str(db), tag, str(count), str(pause)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_quiz_keeps_every_answer_given(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    proc = _writer(tmp_path, db, "k", 10_000, 0.001)
    assert proc.stdout is not None
    printed = []
    for line in proc.stdout:
        printed.append(int(line.split()[1]))
        if len(printed) == 40:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with ProgressStore(db) as s:
        assert s.recovery_message is None
        stored = {
            int(item.split("-")[1])
            for (item,) in read_db(s.path, "SELECT item_id FROM answers WHERE pack_id = 'demo'")
        }
        assert set(printed) <= stored
        assert all(s.card_state("demo", f"k-{i}") is not None for i in printed)


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    count = 150
    procs = [_writer(tmp_path, db, tag, count, 0.0) for tag in ("a", "b")]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert all(out.count("recorded") == count for out in outputs)
    with ProgressStore(db) as s:
        assert s.answer_count("demo") == 2 * count
        reviews = read_db(s.path, "SELECT COUNT(*) FROM reviews").fetchone()[0]
        assert reviews == 2 * count + 2 * (count // 2)
        cards = read_db(s.path, "SELECT COUNT(*) FROM cards").fetchone()[0]
        assert cards == 2 * count


def test_the_store_is_what_the_quiz_expects(store: ProgressStore) -> None:
    from briefing_app.core.quiz import AnswerRecorder, ReviewPriority

    recorder: AnswerRecorder = store
    ranking: ReviewPriority = store
    assert isinstance(recorder, AnswerRecorder) and isinstance(ranking, ReviewPriority)
