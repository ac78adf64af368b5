"""Every schema version users may have on disk opens in this app, with nothing lost."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from briefing_app.core import migrations
from briefing_app.core.migrations import LATEST_VERSION, SCHEMAS, run_script, timestamp
from briefing_app.core.progress import DB_NAME, ProgressStore
from briefing_app.core.schedule import review

T0 = datetime(2026, 1, 5, tzinfo=UTC)

# (pack, item, correct, minutes after T0): a v1 user's quiz history
V1_ANSWERS = [
    ("demo", "q1", False, 0),
    ("demo", "q1", True, 3),
    ("demo", "q2", True, 5),
    ("demo", "q1", True, 60 * 24 * 2),
    ("other", "x", False, 7),
]


def read_db(path: Path, sql: str) -> sqlite3.Cursor:
    """Read the database file with a connection of our own (never the store's)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute(sql)


def build(path: Path, version: int) -> None:
    """A database exactly as the app at ``version`` left it, with some history."""
    conn = sqlite3.connect(path, isolation_level=None)
    if version:
        run_script(conn, SCHEMAS[version])
        conn.execute(f"PRAGMA user_version = {version}")
    if version == 1:
        for i, (pack, item, correct, minutes) in enumerate(V1_ANSWERS):
            conn.execute(
                "INSERT INTO answers (pack_id, item_id, kind, correct, answered_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    pack,
                    item,
                    "who-said" if i % 2 else "who-did",
                    int(correct),
                    timestamp(T0 + timedelta(minutes=minutes)),
                ),
            )
    conn.close()


def schema_of(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
    ).fetchall()
    conn.close()
    return rows


def test_the_latest_schema_is_the_last_step() -> None:
    assert sorted(SCHEMAS) == list(range(1, LATEST_VERSION + 1))
    assert sorted(migrations.MIGRATIONS) == list(range(1, LATEST_VERSION + 1))


@pytest.mark.parametrize("version", range(LATEST_VERSION + 1))
def test_each_version_opens_and_ends_at_the_latest_schema(tmp_path: Path, version: int) -> None:
    db = tmp_path / DB_NAME
    build(db, version)
    with ProgressStore(db) as store:
        assert store.recovery_message is None
        assert store.schema_version == LATEST_VERSION
        store.record_answer("demo", "q9", "who-said", True, T0)
        store.record_rating("demo", "q9", 3, T0 + timedelta(minutes=1))
    fresh = tmp_path / "fresh.db"
    ProgressStore(fresh).close()
    assert schema_of(db) == schema_of(fresh)


def test_an_empty_file_is_a_new_store(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    db.write_bytes(b"")
    with ProgressStore(db) as store:
        assert store.recovery_message is None
        assert store.schema_version == LATEST_VERSION


def test_v1_answers_are_kept_and_replayed_into_the_schedule(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    build(db, 1)
    with ProgressStore(db) as store:
        assert store.answer_count("demo") == 4
        assert store.answer_count("other") == 1
        expected = None
        for pack, item, correct, minutes in V1_ANSWERS:
            if (pack, item) == ("demo", "q1"):
                rating = fsrs.Rating.Good if correct else fsrs.Rating.Again
                expected = review(expected, rating, T0 + timedelta(minutes=minutes)).card
        got = store.card_state("demo", "q1")
        assert expected is not None and got is not None
        assert got.to_dict() == expected.to_dict()
        reviews = read_db(
            store.path,
            "SELECT COUNT(*) FROM reviews WHERE source = 'quiz' AND answer_id IS NOT NULL",
        ).fetchone()[0]
        assert reviews == len(V1_ANSWERS)
        # v1 answers were quiz answers, not flip-card ratings: nothing to undo
        assert not store.undo_last_rating("demo")


def test_a_failed_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / DB_NAME
    build(db, 1)

    real = migrations.MIGRATIONS[2]

    def broken(conn: sqlite3.Connection) -> None:
        on_disk = conn.execute("PRAGMA database_list").fetchone()[2]
        if not on_disk:  # the in-memory fallback store migrates normally
            return real(conn)
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrations.MIGRATIONS, 2, broken)
    with ProgressStore(db) as store:
        assert not store.persistent
        assert store.recovery_message is not None
        assert "will not be saved" in store.recovery_message
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == len(V1_ANSWERS)
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in names
    conn.close()
    monkeypatch.undo()
    with ProgressStore(db) as store:  # a later, fixed app migrates it
        assert store.schema_version == LATEST_VERSION
        assert store.answer_count("demo") == 4


def test_a_disk_full_during_migration_is_named_not_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite rolls back by itself when the disk fills; the reason must survive."""
    db = tmp_path / DB_NAME
    build(db, 1)
    real = migrations.MIGRATIONS[2]

    def disk_full(conn: sqlite3.Connection) -> None:
        if not conn.execute("PRAGMA database_list").fetchone()[2]:
            return real(conn)
        conn.execute("ROLLBACK")  # what SQLite does on SQLITE_FULL
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setitem(migrations.MIGRATIONS, 2, disk_full)
    with ProgressStore(db) as store:
        assert not store.persistent
        assert store.recovery_message == (
            f"Your progress file {db} could not be opened (database or disk is full). "
            "Progress made now will not be saved."
        )


def test_two_copies_opening_an_old_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / DB_NAME
    build(db, 1)
    script = (
        "import sys\n"
        "from briefing_app.core.progress import ProgressStore\n"
        "s = ProgressStore(sys.argv[1])\n"
        "assert s.recovery_message is None, s.recovery_message\n"
        "print(s.schema_version)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    assert all(out.strip() == str(LATEST_VERSION) for out, _ in results)
    with ProgressStore(db) as store:
        count = read_db(store.path, "SELECT COUNT(*) FROM reviews").fetchone()[0]
        assert count == len(V1_ANSWERS)  # replayed once, not once per copy
