"""The store's rows read ahead on a thread, while the pack loads (``TalliesAhead``),
give exactly the statistics the store reads after; when the pack's items or id say
the rows may differ, the store reads them again; and the thread never creates,
changes or moves a progress file, nor reads one in use."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from test_stats_tallies import NOW, ZONES, _fill, _pack

from briefing_app.core.models import Pack
from briefing_app.core.pack_stats import HISTORY_DAYS, YEAR_DAYS, item_kinds
from briefing_app.core.progress import DB_NAME, ProgressStore, TalliesAhead
from briefing_app.core.quick_pack import guess_pack_id

FIXED_ZONES = [z for z in ZONES if isinstance(z, timezone)]


def _forget_gone_items(path: Path) -> None:
    """Drop what ``_fill`` wrote for items the pack does not have."""
    conn = sqlite3.connect(path)
    for table in ("reviews", "answers", "cards", "review_counts", "answer_counts"):
        conn.execute(f"DELETE FROM {table} WHERE item_id LIKE 'gone-%'")
    conn.commit()
    conn.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _read_ahead(path: Path, pack: Pack, zone: timezone, days: int) -> TalliesAhead:
    ahead = TalliesAhead.start(path, pack.id, NOW.astimezone(zone), days)
    assert ahead is not None
    ahead.wait()
    return ahead


@pytest.mark.parametrize("zone", FIXED_ZONES, ids=str)
@pytest.mark.parametrize("seed", [11, 12, 13])
@pytest.mark.parametrize("days", [HISTORY_DAYS, YEAR_DAYS])
def test_rows_read_ahead_give_what_the_store_reads(
    tmp_path: Path, zone: timezone, seed: int, days: int
) -> None:
    pack = _pack()
    path = tmp_path / DB_NAME
    _fill(path, pack, seed)
    _forget_gone_items(path)
    now = NOW.astimezone(zone)
    ahead = _read_ahead(path, pack, zone, days)
    kinds = item_kinds(pack)
    read = ahead.tallies(path, pack.id, kinds, now, days)
    with ProgressStore(path) as store:
        assert read is not None and read == store.tallies(pack.id, kinds, now, days=days)
        year = days == YEAR_DAYS
        assert store.stats(pack, now, year=year, ahead=ahead) == store.stats(pack, now, year=year)
    assert read.study and read.quiz and read.answers and read.days
    assert read.due_counts is not None and not read.dues


@pytest.mark.parametrize("seed", range(6))
def test_random_histories_give_the_same_stats_either_way(tmp_path: Path, seed: int) -> None:
    """Whatever the history, with or without items the pack no longer has, the stats
    with the rows read ahead equal the store's own (which then reads again)."""
    rng = random.Random(seed)
    pack = _pack()
    path = tmp_path / DB_NAME
    _fill(path, pack, seed + 100)
    stale = seed % 2 == 1
    if not stale:
        _forget_gone_items(path)
    zone = rng.choice(FIXED_ZONES)
    now = NOW.astimezone(zone) + timedelta(hours=rng.randrange(-48, 48))
    ahead = TalliesAhead.start(path, pack.id, now, HISTORY_DAYS)
    assert ahead is not None
    ahead.wait()  # as ``stats`` does: the store opens the file once the rows are read
    with ProgressStore(path) as store:
        used = ahead.tallies(path, pack.id, item_kinds(pack), now, HISTORY_DAYS)
        assert (used is None) == stale  # stale items: the store's own read leaves them out
        got = store.stats(pack, now, year=False, ahead=ahead)
        assert got == store.stats(pack, now, year=False)


def test_rows_of_another_pack_moment_or_file_are_not_used(tmp_path: Path) -> None:
    pack = _pack()
    path = tmp_path / DB_NAME
    _fill(path, pack, 21)
    _forget_gone_items(path)
    kinds = item_kinds(pack)
    now = NOW.astimezone(FIXED_ZONES[1])
    ahead = _read_ahead(path, pack, FIXED_ZONES[1], HISTORY_DAYS)
    assert ahead.tallies(path, pack.id, kinds, now, HISTORY_DAYS) is not None
    assert ahead.tallies(path, "other", kinds, now, HISTORY_DAYS) is None
    assert ahead.tallies(path, pack.id, kinds, now + timedelta(seconds=1), HISTORY_DAYS) is None
    assert ahead.tallies(path, pack.id, kinds, now, YEAR_DAYS) is None
    assert ahead.tallies(tmp_path / "elsewhere.db", pack.id, kinds, now, HISTORY_DAYS) is None
    fewer = {k: v for k, v in kinds.items() if k != "q1"}  # q1 has progress: rows differ
    assert ahead.tallies(path, pack.id, fewer, now, HISTORY_DAYS) is None


def test_a_wrongly_guessed_pack_id_reads_the_right_one_again(tmp_path: Path) -> None:
    pack = _pack()
    path = tmp_path / DB_NAME
    _fill(path, pack, 22)
    _forget_gone_items(path)
    now = NOW.astimezone(FIXED_ZONES[0])
    ahead = TalliesAhead.start(path, "other", now, HISTORY_DAYS)  # has one rating
    assert ahead is not None
    ahead.wait()
    assert ahead.tallies(path, "other", {"q1": "quote"}, now, HISTORY_DAYS) is not None
    with ProgressStore(path) as store:
        assert store.stats(pack, now, year=False, ahead=ahead) == store.stats(pack, now, year=False)
        assert store.stats(pack, now, year=False, ahead=ahead).reviews > 50


def test_a_zone_without_a_fixed_offset_is_not_read_ahead(tmp_path: Path) -> None:
    pack = _pack()
    path = tmp_path / DB_NAME
    _fill(path, pack, 23)
    for zone in ZONES:
        ahead = TalliesAhead.start(path, pack.id, NOW.astimezone(zone), HISTORY_DAYS)
        assert (ahead is not None) == isinstance(zone, timezone)
        if ahead is not None:
            ahead.wait()


def test_missing_damaged_and_open_files_are_left_alone(tmp_path: Path) -> None:
    now = NOW.astimezone(FIXED_ZONES[0])
    missing = tmp_path / "none" / DB_NAME
    assert TalliesAhead.start(missing, "demo", now, HISTORY_DAYS) is None
    assert not missing.parent.exists()
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / DB_NAME).write_bytes(b"\x00garbage" * 500)
    assert TalliesAhead.start(garbage / DB_NAME, "demo", now, HISTORY_DAYS) is None
    # A database header, then damage: read, fails, and nothing is created or moved.
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / DB_NAME).write_bytes(b"SQLite format 3\x00\x10\x00\x02\x02" + b"\xff" * 8000)
    before = _files(damaged)
    ahead = TalliesAhead.start(damaged / DB_NAME, "demo", now, HISTORY_DAYS)
    assert ahead is not None
    ahead.wait()
    assert ahead.tallies(damaged / DB_NAME, "demo", ["q1"], now, HISTORY_DAYS) is None
    assert _files(damaged) == before
    # A sound file some connection has open (its -wal and -shm beside it) is not read.
    sound = tmp_path / "sound"
    sound.mkdir()
    _fill(sound / DB_NAME, _pack(), 24)
    before = _files(sound)
    ahead = TalliesAhead.start(sound / DB_NAME, "demo", now, HISTORY_DAYS)
    assert ahead is not None
    ahead.wait()
    assert _files(sound) == before  # immutable: no -wal, no -shm made
    with ProgressStore(sound / DB_NAME):
        assert {p.name for p in sound.iterdir()} > {DB_NAME}
        assert TalliesAhead.start(sound / DB_NAME, "demo", now, HISTORY_DAYS) is None


def test_a_file_changed_while_read_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows count only if the file is as it was before they were read."""
    pack = _pack()
    path = tmp_path / DB_NAME
    _fill(path, pack, 25)
    _forget_gone_items(path)
    now = NOW.astimezone(FIXED_ZONES[0])
    real_connect = sqlite3.connect

    def connect_then_write(*args: object, **kwargs: object) -> sqlite3.Connection:
        with ProgressStore(path) as store:  # another copy of the app, answering
            store.record_answer("demo", "q1", "who-said", True, NOW)
        return real_connect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", connect_then_write)
    ahead = _read_ahead(path, pack, FIXED_ZONES[0], HISTORY_DAYS)
    monkeypatch.undo()
    assert ahead.tallies(path, pack.id, item_kinds(pack), now, HISTORY_DAYS) is None


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ('{"id": "demo", "title": "T"}', "demo"),
        ('\ufeff {"format": "briefing-pack", "version": 1, "id": "demo"}', "demo"),
        ('{"actors": [{"id": "a0"}], "id": "demo"}', "demo"),  # a nested id is skipped
        ('{"meta": {"id": "x"}, "id": "demo"}', "demo"),
        ('{"id": "first", "id": "second"}', "first"),  # the loader refuses it anyway
        ('{"id": 7}', None),
        ('{"title": "T"}', None),
        ('[{"id": "demo"}]', None),
        ('{"title": "T" "id": "demo"}', None),
        ('{"title": "T", "id": "de', None),
        ("", None),
        ('{"summary": "' + "x" * 70_000 + '", "id": "demo"}', None),  # beyond the head
        ('{"deep": ' + "[" * 20_000 + "]" * 20_000 + ', "id": "demo"}', None),
    ],
)
def test_the_pack_id_guess(tmp_path: Path, text: str, guess: str | None) -> None:
    path = tmp_path / "pack.json"
    path.write_text(text, encoding="utf-8")
    assert guess_pack_id(path) == guess


def test_the_pack_id_guess_of_a_folder_or_missing_file(tmp_path: Path) -> None:
    assert guess_pack_id(tmp_path) is None
    assert guess_pack_id(tmp_path / "missing.json") is None
    (tmp_path / "p.json").write_text(json.dumps({"id": "é" * 40_000}), encoding="utf-8")
    assert guess_pack_id(tmp_path / "p.json") is None  # cut inside the value
