"""Schema versions of the progress database and the steps between them.

``PRAGMA user_version`` holds the version. Each step runs in one write
transaction that re-reads the version first, so two copies of the app opening
an old file at once migrate it exactly once. The SQL of every released version
stays here (``SCHEMAS``) so tests can build the databases users really have.

- v1: quiz answers only.
- v2: flip-card ratings and the fsrs card state; v1 answers are replayed into
  the schedule (wrong = Again, right = Good) so no earlier work is lost.
- v3: covering indexes, so the statistics read each pack's rows from one index
  in order (no lookup into the table per row) and count them in SQL; they
  replace the v2 indexes whose columns they start with.
- v4: running counts (``review_counts``, ``answer_counts``) kept by triggers on
  every insert and delete of a review or answer, whoever writes it, and filled
  from the rows on migrating; the statistics read one row per item and source
  instead of every review. Rows are never updated in what they count (undo
  deletes a review and rewrites only later reviews' ``card_after``). The
  schema still fits the file's first page, which opening reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from .schedule import Card, Rating, card_to_json, review, to_utc

SCHEMA_V1 = """
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    pack_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at TEXT NOT NULL
);
CREATE INDEX answers_by_pack ON answers (pack_id, answered_at);
"""

V2_TABLES = """
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    pack_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    source TEXT NOT NULL CHECK (source IN ('study', 'quiz')),
    answer_id INTEGER REFERENCES answers (id),
    reviewed_at TEXT NOT NULL,
    card_after TEXT NOT NULL
);
CREATE INDEX reviews_by_pack ON reviews (pack_id, reviewed_at);
CREATE INDEX reviews_by_item ON reviews (pack_id, item_id);
CREATE TABLE cards (
    pack_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    card TEXT NOT NULL,
    due TEXT NOT NULL,
    PRIMARY KEY (pack_id, item_id)
);
CREATE INDEX cards_by_due ON cards (pack_id, due);
"""

V3_INDEXES = """
DROP INDEX reviews_by_item;
CREATE INDEX reviews_counted ON reviews (pack_id, item_id, source, rating, reviewed_at);
CREATE INDEX reviews_by_day ON reviews (pack_id, reviewed_at, source, item_id);
DROP INDEX reviews_by_pack;
CREATE INDEX answers_counted ON answers (pack_id, item_id, correct);
DROP INDEX cards_by_due;
CREATE INDEX cards_by_due ON cards (pack_id, due, item_id);
"""

V4_COUNTS = """
CREATE TABLE review_counts (
    pack_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    source TEXT NOT NULL,
    reviews INTEGER NOT NULL,
    again INTEGER NOT NULL,
    PRIMARY KEY (pack_id, item_id, source)
) WITHOUT ROWID;
CREATE TABLE answer_counts (
    pack_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    answers INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    PRIMARY KEY (pack_id, item_id)
) WITHOUT ROWID;
INSERT INTO review_counts
    SELECT pack_id, item_id, source, COUNT(*), SUM(rating = 1) FROM reviews
    GROUP BY pack_id, item_id, source;
INSERT INTO answer_counts
    SELECT pack_id, item_id, COUNT(*), SUM(correct) FROM answers GROUP BY pack_id, item_id;
CREATE TRIGGER review_added AFTER INSERT ON reviews BEGIN
    INSERT INTO review_counts VALUES (new.pack_id, new.item_id, new.source, 1, new.rating = 1)
    ON CONFLICT (pack_id, item_id, source)
    DO UPDATE SET reviews = reviews + 1, again = again + excluded.again;
END;
CREATE TRIGGER review_removed AFTER DELETE ON reviews BEGIN
    UPDATE review_counts SET reviews = reviews - 1, again = again - (old.rating = 1)
    WHERE pack_id = old.pack_id AND item_id = old.item_id AND source = old.source;
    DELETE FROM review_counts
    WHERE pack_id = old.pack_id AND item_id = old.item_id AND source = old.source
    AND reviews = 0;
END;
CREATE TRIGGER answer_added AFTER INSERT ON answers BEGIN
    INSERT INTO answer_counts VALUES (new.pack_id, new.item_id, 1, new.correct)
    ON CONFLICT (pack_id, item_id)
    DO UPDATE SET answers = answers + 1, correct = correct + excluded.correct;
END;
CREATE TRIGGER answer_removed AFTER DELETE ON answers BEGIN
    UPDATE answer_counts SET answers = answers - 1, correct = correct - old.correct
    WHERE pack_id = old.pack_id AND item_id = old.item_id;
    DELETE FROM answer_counts
    WHERE pack_id = old.pack_id AND item_id = old.item_id AND answers = 0;
END;
"""

SCHEMAS: dict[int, str] = {
    1: SCHEMA_V1,
    2: SCHEMA_V1 + V2_TABLES,
    3: SCHEMA_V1 + V2_TABLES + V3_INDEXES,
    4: SCHEMA_V1 + V2_TABLES + V3_INDEXES + V4_COUNTS,
}
LATEST_VERSION = 4


def timestamp(moment: datetime) -> str:
    """Fixed-width UTC text, so string order is time order in SQL."""
    return to_utc(moment).isoformat(timespec="microseconds")


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run DDL statement by statement: ``executescript`` would commit mid-transaction.

    A piece between two ``;`` is joined to the next until it is a whole statement
    (a trigger's body holds several).
    """
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                conn.execute(pending)
            pending = ""


def _to_v1(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_V1)


def _to_v2(conn: sqlite3.Connection) -> None:
    run_script(conn, V2_TABLES)
    rows = conn.execute(
        "SELECT id, pack_id, item_id, correct, answered_at FROM answers ORDER BY id"
    ).fetchall()
    states: dict[tuple[str, str], Card] = {}
    for answer_id, pack_id, item_id, correct, answered_at in rows:
        key = (pack_id, item_id)
        rating = Rating.Good if correct else Rating.Again
        done = review(states.get(key), rating, datetime.fromisoformat(answered_at))
        states[key] = done.card
        conn.execute(
            "INSERT INTO reviews (pack_id, item_id, rating, source, answer_id, reviewed_at,"
            " card_after) VALUES (?, ?, ?, 'quiz', ?, ?, ?)",
            (pack_id, item_id, int(rating), answer_id, answered_at, card_to_json(done.card)),
        )
    for (pack_id, item_id), card in states.items():
        conn.execute(
            "INSERT INTO cards (pack_id, item_id, card, due) VALUES (?, ?, ?, ?)",
            (pack_id, item_id, card_to_json(card), timestamp(card.due)),
        )


def _to_v3(conn: sqlite3.Connection) -> None:
    run_script(conn, V3_INDEXES)


def _to_v4(conn: sqlite3.Connection) -> None:
    run_script(conn, V4_COUNTS)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _to_v1,
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
}


class NewerSchemaError(Exception):
    """The file was written by a newer app; it is left alone."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema version {version} is newer than {LATEST_VERSION}")
        self.version = version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring an autocommit connection to ``LATEST_VERSION``, one transaction per step."""
    version = schema_version(conn)
    if version > LATEST_VERSION:
        raise NewerSchemaError(version)
    while version < LATEST_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(conn)  # another process may have migrated meanwhile
            if version < LATEST_VERSION:
                MIGRATIONS[version + 1](conn)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # a failed COMMIT (disk full) has already rolled back
                conn.execute("ROLLBACK")
            raise
    return version
