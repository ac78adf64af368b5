"""Study progress in one SQLite file: quiz answers, card ratings and the fsrs schedule.

Why it is built this way:

- Every write is its own ``BEGIN IMMEDIATE`` transaction, committed before the
  method returns: killing the app loses nothing already answered, and taking
  the write lock up front lets two running copies queue (WAL + busy timeout)
  instead of failing or corrupting the file.
- Progress is keyed by (pack id, item id), never by position, so editing a
  pack keeps what is still there; readers ignore items the pack dropped.
- A file that cannot be read is renamed aside, never deleted, and a fresh one
  started; ``recovery_message`` tells the user where the old file went. SQLite's
  ``quick_check`` reads the whole file, so it runs only when opening fails or
  when asked (``check``, ``briefing-app stats --check``); damage found later by
  a read is handled the same way (``_rows``).
- Statistics read running counts per item kept by triggers, and count days in
  SQL from a covering index (``history``), so their cost grows with the items
  and days, not with every review one by one.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_start
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .due import due_now_ids
from .migrations import LATEST_VERSION, NewerSchemaError, migrate, timestamp
from .pack import gc_paused
from .pack_stats import (
    HISTORY_DAYS,
    YEAR_DAYS,
    History,
    PackStats,
    Tallies,
    compute_stats,
    due_bounds,
    item_kinds,
)
from .schedule import (
    DEFAULT_SCHEDULER,
    Card,
    Rating,
    Scheduler,
    as_rating,
    card_from_json,
    card_to_json,
    preview_intervals,
    retrievability,
    review,
    to_utc,
)

if TYPE_CHECKING:
    from .models import Pack

__all__ = [
    "DB_NAME",
    "ENV_VAR",
    "ProgressError",
    "ProgressStore",
    "TalliesAhead",
    "data_dir",
    "due_filter",
]

logger = logging.getLogger(__name__)
ENV_VAR = "BRIEFING_APP_DATA_DIR"
DB_NAME = "progress.db"
BUSY_TIMEOUT_MS = 5000
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
SQLITE_HEADER = b"SQLite format 3\x00"
WRONG_ANSWER_MEMORY = timedelta(days=14)

Clock = Callable[[], datetime]
_first = itemgetter(0)
_UNIT_SEPARATOR = "\x1f"  # char(31): not in any id or stored time the app writes
_second = itemgetter(1)
_first_two = itemgetter(0, 1)
_last_two = itemgetter(-2, -1)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def data_dir() -> Path:
    """``$BRIEFING_APP_DATA_DIR`` (tests, portable installs), else the OS's user data folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("briefing-app", appauthor=False))


class ProgressError(Exception):
    """A write could not be saved (disk full, file locked for too long...)."""


class _Unreadable(Exception):
    """The file is damaged: it fails to open or fails SQLite's quick check."""


class ProgressStore:
    """Answers, ratings and card schedules, keyed by pack id and item id.

    Matches the quiz's ``AnswerRecorder`` (``record_answer``) and
    ``ReviewPriority`` (``priority``) protocols.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        scheduler: Scheduler = DEFAULT_SCHEDULER,
        clock: Clock = _utc_now,
    ) -> None:
        self.path = Path(path)
        self.scheduler = scheduler
        self._clock = clock
        self.recovery_message: str | None = None
        self.moved_to: Path | None = None
        self.persistent = True
        self._conn = self._open()

    @classmethod
    def open_default(cls, *, clock: Clock = _utc_now) -> ProgressStore:
        """The store in the user's data folder (see ``data_dir``)."""
        return cls(data_dir() / DB_NAME, clock=clock)

    # -- opening and recovery -------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                return self._connect(self.path)
            except _Unreadable:
                pass
            try:  # another copy of the app may have just replaced it with a fresh one
                return self._connect(self.path)
            except _Unreadable:
                self.moved_to = self._move_aside()
            self.recovery_message = (
                f"Your progress file could not be read. It was moved to {self.moved_to}; "
                "a new one was started."
            )
            return self._connect(self.path)
        except NewerSchemaError:
            reason = (
                f"Your progress file {self.path} was written by a newer version of "
                "Briefing App, so it was left untouched"
            )
        except (OSError, sqlite3.Error, _Unreadable) as exc:
            reason = f"Your progress file {self.path} could not be opened ({_describe(exc)})"
            if self.moved_to is not None:
                reason = f"Your damaged progress file was moved to {self.moved_to}, but a new one"
                reason += f" could not be started ({_describe(exc)})"
        self.persistent = False
        self.recovery_message = f"{reason}. Progress made now will not be saved."
        return self._connect(":memory:")

    def _connect(self, target: Path | str) -> sqlite3.Connection:
        """Open and migrate, waiting out another copy that holds the lock.

        Switching to WAL and migrating can fail with "database is locked" at once,
        without SQLite's busy handler, while a second copy creates the same file;
        giving up there would silently fall back to an unsaved in-memory store.
        """
        deadline = time.monotonic() + 2 * BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                return self._connect_once(target)
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _connect_once(self, target: Path | str) -> sqlite3.Connection:
        if isinstance(target, Path):
            _check_header(target)
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            damage = _is_corruption(exc) or (not _is_busy(exc) and _damage_found(conn))
            conn.close()
            if damage:
                raise _Unreadable(str(exc)) from exc
            raise
        except BaseException:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        """Rename the damaged file (and its -wal/-shm, which would poison a fresh one)."""
        stamp = self._clock().astimezone().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        for suffix in ("-wal", "-shm", "-journal"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        self.path.replace(target)
        return target

    def check(self) -> bool:
        """Run SQLite's ``quick_check``; a damaged file is moved aside (False)."""
        if _damage_found(self._conn):
            self._recover()
            return False
        return True

    def _recover(self) -> None:
        """Move the damaged file aside and carry on with a fresh one."""
        self._conn.close()
        self.moved_to = None
        try:
            self.moved_to = self._move_aside()
            self._conn = self._connect(self.path)
            self.recovery_message = (
                f"Your progress file could not be read. It was moved to {self.moved_to}; "
                "a new one was started."
            )
        except (OSError, sqlite3.Error, _Unreadable) as exc:
            self.persistent = False
            self.recovery_message = (
                f"Your progress file {self.path} could not be read ({_describe(exc)}). "
                "Progress made now will not be saved."
            )
            self._conn = self._connect(":memory:")

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """A query's rows; damage found on the way moves the file aside (then no rows)."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            if not self.persistent or not _is_corruption(exc):
                raise
        self._recover()
        return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- writing ----------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, the write lock taken up front."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ProgressError(f"progress could not be saved: {_describe(exc)}") from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise ProgressError(f"progress could not be saved: {_describe(exc)}") from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def record_answer(
        self, pack_id: str, item_id: str, kind: str, correct: bool, answered_at: datetime
    ) -> None:
        """Save a quiz answer and feed it to the schedule (wrong = Again, right = Good)."""
        at = timestamp(answered_at)
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO answers (pack_id, item_id, kind, correct, answered_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (pack_id, item_id, kind, int(bool(correct)), at),
            )
            rating = Rating.Good if correct else Rating.Again
            self._apply(conn, pack_id, item_id, rating, answered_at, "quiz", cur.lastrowid)

    def record_rating(
        self, pack_id: str, item_id: str, rating: Rating | int, reviewed_at: datetime
    ) -> int:
        """Save a flip-card rating (1-4); returns the review's id, for ``undo_rating``."""
        chosen = as_rating(rating)
        with self._write() as conn:
            return self._apply(conn, pack_id, item_id, chosen, reviewed_at, "study", None)

    def _apply(
        self,
        conn: sqlite3.Connection,
        pack_id: str,
        item_id: str,
        rating: Rating,
        at: datetime,
        source: str,
        answer_id: int | None,
    ) -> int:
        state = self._card_in(conn, pack_id, item_id)
        done = review(state, rating, at, self.scheduler)
        cur = conn.execute(
            "INSERT INTO reviews (pack_id, item_id, rating, source, answer_id, reviewed_at,"
            " card_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                pack_id,
                item_id,
                int(rating),
                source,
                answer_id,
                timestamp(at),
                card_to_json(done.card),
            ),
        )
        self._put_card(conn, pack_id, item_id, done.card)
        assert cur.lastrowid is not None
        return cur.lastrowid

    def _put_card(self, conn: sqlite3.Connection, pack_id: str, item_id: str, card: Card) -> None:
        conn.execute(
            "INSERT INTO cards (pack_id, item_id, card, due) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (pack_id, item_id) DO UPDATE SET card = excluded.card,"
            " due = excluded.due",
            (pack_id, item_id, card_to_json(card), timestamp(card.due)),
        )

    def undo_last_rating(self, pack_id: str) -> bool:
        """Take back the pack's latest flip-card rating; False when there is none."""
        row = self._conn.execute(
            "SELECT id FROM reviews WHERE pack_id = ? AND source = 'study'"
            " ORDER BY id DESC LIMIT 1",
            (pack_id,),
        ).fetchone()
        return row is not None and self.undo_rating(int(row[0]))

    def undo_rating(self, review_id: int) -> bool:
        """Take back one rating and restore the card as it was before it.

        Reviews of the same card made after it (a quiz answer, say) are replayed,
        so nothing else is lost.
        """
        with self._write() as conn:
            row = conn.execute(
                "SELECT pack_id, item_id FROM reviews WHERE id = ? AND source = 'study'",
                (review_id,),
            ).fetchone()
            if row is None:
                return False
            pack_id, item_id = row
            conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            before = conn.execute(
                "SELECT card_after FROM reviews WHERE pack_id = ? AND item_id = ? AND id < ?"
                " ORDER BY id DESC LIMIT 1",
                (pack_id, item_id, review_id),
            ).fetchone()
            state = card_from_json(before[0]) if before else None
            later = conn.execute(
                "SELECT id, rating, reviewed_at FROM reviews"
                " WHERE pack_id = ? AND item_id = ? AND id > ? ORDER BY id",
                (pack_id, item_id, review_id),
            ).fetchall()
            for later_id, rating, reviewed_at in later:
                state = review(
                    state, rating, datetime.fromisoformat(reviewed_at), self.scheduler
                ).card
                conn.execute(
                    "UPDATE reviews SET card_after = ? WHERE id = ?",
                    (card_to_json(state), later_id),
                )
            if state is None:
                conn.execute(
                    "DELETE FROM cards WHERE pack_id = ? AND item_id = ?", (pack_id, item_id)
                )
            else:
                self._put_card(conn, pack_id, item_id, state)
            return True

    # -- reading ----------------------------------------------------------------

    def _card_in(self, conn: sqlite3.Connection, pack_id: str, item_id: str) -> Card | None:
        row = conn.execute(
            "SELECT card FROM cards WHERE pack_id = ? AND item_id = ?", (pack_id, item_id)
        ).fetchone()
        return card_from_json(row[0]) if row else None

    def card_state(self, pack_id: str, item_id: str) -> Card | None:
        """The item's fsrs card, or None if it was never reviewed."""
        return self._card_in(self._conn, pack_id, item_id)

    def preview_intervals(
        self, pack_id: str, item_id: str, now: datetime
    ) -> dict[Rating, timedelta]:
        """What each rating would give this item now: the rating buttons' labels."""
        return preview_intervals(self.card_state(pack_id, item_id), now, self.scheduler)

    def due_times(self, pack_id: str) -> dict[str, datetime]:
        """When each reviewed item of the pack is next due."""
        rows = self._rows("SELECT item_id, due FROM cards WHERE pack_id = ?", (pack_id,))
        times = map(datetime.fromisoformat, map(_second, rows))
        return dict(zip(map(_first, rows), times, strict=True))

    def due_items(self, pack_id: str, item_ids: Iterable[str], now: datetime) -> list[str]:
        """Those of ``item_ids`` due at ``now``, in the order given; new items are not due."""
        limit = timestamp(now)
        due = {
            item
            for (item,) in self._rows(
                "SELECT item_id FROM cards WHERE pack_id = ? AND due <= ?", (pack_id, limit)
            )
        }
        return [i for i in item_ids if i in due]

    def answer_count(self, pack_id: str) -> int:
        ((count,),) = self._rows("SELECT COUNT(*) FROM answers WHERE pack_id = ?", (pack_id,))
        return int(count)

    def priority(self, pack_id: str, item_id: str, now: datetime | None = None) -> float:
        """How much the item needs practice: 1.0 for a new one, more when due or
        recently answered wrongly, less when well known (the quiz's ``ReviewPriority``)."""
        moment = to_utc(now) if now is not None else self._clock()
        state = self.card_state(pack_id, item_id)
        if state is None:
            return 1.0
        value = 0.2 + 2.0 * (1.0 - retrievability(state, moment, self.scheduler))
        if state.due <= moment:
            value += 1.0
        since = timestamp(moment - WRONG_ANSWER_MEMORY)
        for (at,) in self._conn.execute(
            "SELECT reviewed_at FROM reviews WHERE pack_id = ? AND item_id = ?"
            " AND rating = 1 AND reviewed_at >= ?",
            (pack_id, item_id, since),
        ):
            age = (moment - datetime.fromisoformat(at)).total_seconds() / 86400
            value += 2.0 * math.exp(-max(age, 0.0) / 3.0)
        return value

    def stats(
        self, pack: Pack, now: datetime, *, year: bool = True, ahead: TalliesAhead | None = None
    ) -> PackStats:
        """Counts, accuracy, due forecast and daily activity for ``pack`` at ``now``;
        without ``year`` no calendar year (``PackStats.year``), only the last 30 days:
        each day is one more count over the reviews of that day.

        ``ahead``: the same rows read beforehand, while the pack loaded; used only if
        they are what ``tallies`` would read now (see ``TalliesAhead.tallies``).

        The collector is paused meanwhile: the rows read are tens of thousands of
        short-lived tuples without cycles, whose allocation would otherwise set off
        collections that walk a big pack's objects again and again.
        """
        now = now if now.tzinfo is not None else now.astimezone()
        with gc_paused():
            kinds = item_kinds(pack)
            days = YEAR_DAYS if year else HISTORY_DAYS
            tallies = None
            if ahead is not None and self.persistent and self.recovery_message is None:
                tallies = ahead.tallies(self.path, pack.id, kinds, now, days)
            if tallies is None:
                tallies = self.tallies(pack.id, kinds, now, days=days)
            return compute_stats(pack, tallies, now, kinds, year=year)

    def tallies(
        self, pack_id: str, known: Collection[str], now: datetime, *, days: int = YEAR_DAYS
    ) -> Tallies:
        """The pack's running counts and due times as read, and the last ``days`` days
        counted as ``history`` counts them.

        Rows are handed over as the database gives them and due times stay stored
        text: a big pack's tens of thousands of items cost no Python per row here.
        """
        study = self._rows(
            "SELECT item_id, reviews, again FROM review_counts"
            " WHERE pack_id = ? AND source = 'study'",
            (pack_id,),
        )
        (quiz_items,) = self._text_columns(
            ("item_id",), "review_counts WHERE pack_id = ? AND source = 'quiz'", (pack_id,)
        )
        answers = self._rows(
            "SELECT item_id, answers, correct FROM answer_counts WHERE pack_id = ?", (pack_id,)
        )
        scheduled, dues, due_counts = self._schedules(pack_id, known, now)
        stale = _missing(map(_first, study), known) | _missing(quiz_items, known)
        per_day = self._days(pack_id, now, stale, days)
        return Tallies(study, quiz_items, answers, scheduled, dues, per_day, due_counts)

    def _schedules(
        self, pack_id: str, known: Collection[str], now: datetime
    ) -> tuple[list[str], list[str], list[int] | None]:
        """The scheduled items, and their due times or only how many fall before each of
        ``due_bounds(now)`` (see ``Tallies``): counted from the ``cards_by_due`` index
        in the same statement as the items are read, so no due time is read as text."""
        bounds = due_bounds(now)
        if bounds is not None:
            counts = ", ".join(
                f"(SELECT COUNT(*) FROM cards WHERE pack_id = ?1 AND due {op} ?{n})"
                for n, op in enumerate(["<="] + ["<"] * (len(bounds) - 1), start=2)
            )
            sql = f"SELECT COUNT(*), group_concat(item_id, char(31)), {counts} FROM cards"
            ((count, joined, *before),) = self._rows(
                sql + " WHERE pack_id = ?1", (pack_id, *bounds)
            )
            items = joined.split(_UNIT_SEPARATOR) if count else []
            if len(items) == count and all(map(known.__contains__, items)):
                return items, [], before
        columns = self._text_columns(("item_id", "due"), "cards WHERE pack_id = ?", (pack_id,))
        return columns[0], columns[1], None

    def _text_columns(
        self, names: tuple[str, ...], source: str, params: tuple[Any, ...]
    ) -> list[list[str]]:
        """Text columns (never NULL) of ``SELECT ... FROM source``, as lists.

        Each column comes as one ``group_concat`` string split in C: no tuple and
        no object per row until the split. The rows of one query feed every
        aggregate in the same order. Should a value hold the separator, the rows
        are read one by one instead.
        """
        joined = ", ".join(f"group_concat({name}, char(31))" for name in names)
        ((count, *texts),) = self._rows(f"SELECT COUNT(*), {joined} FROM {source}", params)
        columns = _joined(count, texts)
        if columns is not None:
            return columns
        logger.info("a value holds the unit separator: %s read row by row", source)
        rows = self._rows(f"SELECT {', '.join(names)} FROM {source}", params)
        return [list(map(itemgetter(i), rows)) for i in range(len(names))]

    def history(self, pack_id: str, known: Collection[str], now: datetime) -> History:
        """The pack's reviews and answers counted in SQL, days in ``now``'s zone.

        Reviews and answers come counted per item (``review_counts`` and
        ``answer_counts``, kept by triggers); only reviews since ``history_start``
        are counted per day, each day from a covering index.
        """
        rows = self._rows(
            "SELECT item_id, source, reviews, again FROM review_counts WHERE pack_id = ?",
            (pack_id,),
        )
        reviews = dict(zip(map(_first_two, rows), map(_last_two, rows), strict=True))
        rows = self._rows(
            "SELECT item_id, answers, correct FROM answer_counts WHERE pack_id = ?", (pack_id,)
        )
        answers = dict(zip(map(_first, rows), map(_last_two, rows), strict=True))
        stale = set(map(_first, reviews)).difference(known)
        return History(reviews, answers, self._days(pack_id, now, stale))

    def _days(
        self, pack_id: str, now: datetime, stale: set[str], count: int = YEAR_DAYS
    ) -> dict[Any, int]:
        """Reviews per (day, source) of the last ``count`` days (from ``history_start``
        for a year), leaving out ``stale`` items.

        One indexed range count per day, its bounds computed in ``now``'s zone
        (daylight saving included), is cheaper than a date function on every row.
        """
        skip = ""
        if stale:
            self._conn.execute("CREATE TEMP TABLE IF NOT EXISTS stale (item_id TEXT PRIMARY KEY)")
            self._conn.execute("DELETE FROM temp.stale")
            self._conn.executemany("INSERT INTO temp.stale VALUES (?)", [(i,) for i in stale])
            skip = " AND item_id NOT IN temp.stale"
        sql = (
            "SELECT COUNT(*), SUM(source = 'study') FROM reviews"
            f" WHERE pack_id = ? AND reviewed_at >= ? AND reviewed_at < ?{skip}"
        )
        days, bounds = _day_starts(now, count)
        out: dict[Any, int] = {}
        for day, start, end in zip(days, bounds, bounds[1:], strict=False):
            ((count, study),) = self._rows(sql, (pack_id, start, end))
            if count:
                out[day, "study"] = study
                out[day, "quiz"] = count - study
        return out


class TalliesAhead:
    """``ProgressStore.tallies`` read on a thread while the pack is still loading.

    The reads need only the pack's id, guessed from the file's first bytes (see
    ``quick_pack.guess_pack_id``), and its items, known only once loaded: they serve
    to drop items the pack no longer has, and to count due times in SQL. So the rows
    are read as if every item were known, and used only if that proves true and the
    id was guessed right (``tallies``); else the store reads them again, as ever.

    Everything is read in one statement, each column joined into one string: SQLite
    lets other threads run while it steps, but a thread that steps once per row
    waits for the interpreter's lock at every row while the pack loads.

    Nothing is created, migrated, locked or moved aside here, and a file in use is
    left alone: the file is read only if it exists, starts like a database at the
    latest schema, and no one has it open (no ``-wal`` or ``-shm`` beside it, so
    every change is in the file itself). It is then opened read-only as
    ``immutable``, so SQLite makes no ``-wal``/``-shm`` of its own, and the rows
    count only if the file is unchanged (same inode, size and mtime, still no
    ``-wal``) once they are read. Anything that fails leaves it to the store.
    Call ``wait`` before opening the store, so the two never hold the file at once.
    """

    def __init__(self, path: Path, pack_id: str, now: datetime, days: int) -> None:
        self.path = path
        self.pack_id = pack_id
        self.now = now
        self.days = days
        self._read: Tallies | None = None
        self._thread = threading.Thread(target=self._run, name="tallies-ahead")
        self._thread.start()

    @classmethod
    def start(
        cls, path: Path, pack_id: str | None, now: datetime, days: int
    ) -> TalliesAhead | None:
        """Start reading, unless there is nothing worth reading ahead."""
        if pack_id is None or due_bounds(now) is None or _unused_state(path) is None:
            return None
        return cls(path, pack_id, now, days)

    def _run(self) -> None:
        try:
            self._read = self._read_tallies()
        except Exception:  # the store reads again, and reports what it finds
            logger.debug("reading ahead failed", exc_info=True)

    def _read_tallies(self) -> Tallies | None:
        bounds = due_bounds(self.now)
        assert bounds is not None  # see ``start``
        days, starts = _day_starts(self.now, self.days)
        state = _unused_state(self.path)
        if state is None:
            return None
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            row = conn.execute(_ahead_sql(len(bounds), self.days), (self.pack_id, *bounds, *starts))
            (version, *values) = row.fetchone()
        finally:
            conn.close()
        if version != LATEST_VERSION or _unused_state(self.path) != state:
            return None
        study = _joined(values[0], values[1:4])
        quiz = _joined(values[4], values[5:6])
        answers = _joined(values[6], values[7:10])
        scheduled = _joined(values[10], values[11:12])
        if study is None or quiz is None or answers is None or scheduled is None:
            return None  # a value holds the separator
        before = values[12 : 12 + len(bounds)]
        per_day: dict[Any, int] = {}
        for day, counted in zip(days, values[12 + len(bounds) :], strict=False):
            total, of_study = map(int, counted.split())
            if total:
                per_day[day, "study"] = of_study
                per_day[day, "quiz"] = total - of_study
        return Tallies(
            list(zip(study[0], map(int, study[1]), map(int, study[2]), strict=True)),
            quiz[0],
            list(zip(answers[0], map(int, answers[1]), map(int, answers[2]), strict=True)),
            scheduled[0],
            [],
            per_day,
            before,
        )

    def wait(self) -> None:
        self._thread.join()

    def tallies(
        self, path: Path, pack_id: str, known: Collection[str], now: datetime, days: int
    ) -> Tallies | None:
        """What ``ProgressStore.tallies`` would read, if the rows read ahead are that:
        the same file, pack, moment and days, every scheduled item and every reviewed
        one in the pack (none left out of the days counted, due times counted in SQL)."""
        self.wait()
        read = self._read
        asked = (path, pack_id, now, days)
        if read is None or asked != (self.path, self.pack_id, self.now, self.days):
            return None
        if not all(map(known.__contains__, read.scheduled)):
            return None
        if _missing(map(_first, read.study), known) or _missing(read.quiz, known):
            return None
        return read


def _ahead_sql(bounds: int, days: int) -> str:
    """``TalliesAhead``'s one statement: the schema version, then each column of
    ``tallies``' reads as a count and joined strings, the due counts before each of
    ``bounds`` times, and each of ``days`` days' reviews and study ones, as "n m".
    Parameters: the pack id, the bounds, then the ``days + 1`` days' starts."""
    study = "FROM review_counts WHERE pack_id = ?1 AND source = 'study'"
    quiz = "FROM review_counts WHERE pack_id = ?1 AND source = 'quiz'"
    answers = "FROM answer_counts WHERE pack_id = ?1"
    cards = "FROM cards WHERE pack_id = ?1"
    columns = ["(SELECT user_version FROM pragma_user_version)"]
    for source, names in (
        (study, ("item_id", "reviews", "again")),
        (quiz, ("item_id",)),
        (answers, ("item_id", "answers", "correct")),
        (cards, ("item_id",)),
    ):
        columns.append(f"(SELECT COUNT(*) {source})")
        columns += [f"(SELECT group_concat({name}, char(31)) {source})" for name in names]
    ops = ["<="] + ["<"] * (bounds - 1)
    columns += [f"(SELECT COUNT(*) {cards} AND due {op} ?{n})" for n, op in enumerate(ops, 2)]
    first = 2 + bounds
    columns += [
        "(SELECT COUNT(*) || ' ' || IFNULL(SUM(source = 'study'), 0) FROM reviews"
        f" WHERE pack_id = ?1 AND reviewed_at >= ?{n} AND reviewed_at < ?{n + 1})"
        for n in range(first, first + days)
    ]
    return "SELECT " + ", ".join(columns)


def _day_starts(now: datetime, count: int) -> tuple[list[date], list[str]]:
    """The last ``count`` calendar days in ``now``'s zone and the day after, and when
    each starts there as stored text (daylight saving included): day ``i`` runs from
    ``starts[i]`` to ``starts[i + 1]``."""
    first = now.date() - timedelta(days=count - 1)
    days = [first + timedelta(days=i) for i in range(count + 1)]
    starts = [timestamp(datetime.combine(d, day_start.min, tzinfo=now.tzinfo)) for d in days]
    return days, starts


def _joined(count: int, texts: list[str | None]) -> list[list[str]] | None:
    """Columns joined by ``group_concat``, split; None should a value hold the separator."""
    columns = [text.split(_UNIT_SEPARATOR) if count and text else [] for text in texts]
    return columns if all(len(column) == count for column in columns) else None


def due_filter(
    store: ProgressStore,
    pack_id: str,
    item_ids: Iterable[str],
    now: datetime,
    *,
    include_new: bool = False,
) -> list[str]:
    """The cards for "Due now" mode, in the order given (optionally with never-seen ones)."""
    ids = list(item_ids)
    if include_new:
        return due_now_ids(ids, store.due_times(pack_id), now)
    return store.due_items(pack_id, ids, now)


def _missing(items: Iterable[str], known: Collection[str]) -> set[str]:
    """Those of ``items`` not in ``known`` (checked in C; a set made only when some are)."""
    items = list(items)
    if all(map(known.__contains__, items)):
        return set()
    return set(items).difference(known)


def _damage_found(conn: sqlite3.Connection) -> bool:
    """SQLite's ``quick_check`` (reads the whole file): True if it reports damage."""
    try:
        check = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError:
        return True
    return check != [("ok",)]


def _check_header(path: Path) -> None:
    """Refuse a non-SQLite file before SQLite opens it and tidies away its -wal."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    if head and head != SQLITE_HEADER:
        raise _Unreadable("file is not a database")


def _unused_state(path: Path) -> tuple[int, int, int] | None:
    """A database file no connection has open: its inode, size and modification time;
    None if it is missing, does not start like a database, or has a ``-wal``, ``-shm``
    or ``-journal`` beside it (open now, or left so by a crash)."""
    try:
        with path.open("rb") as f:
            if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
            info = os.fstat(f.fileno())
    except OSError:
        return None
    for suffix in ("-wal", "-shm", "-journal"):
        if os.path.lexists(f"{path}{suffix}"):
            return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (int(code) & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (int(code) & 0xFF) in _CORRUPT_CODES
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
