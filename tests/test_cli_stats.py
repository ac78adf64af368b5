"""``briefing-app stats``: the same numbers as the statistics view, for people and scripts."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from briefing_app.cli import main
from briefing_app.commands import stats as stats_command
from briefing_app.commands.stats import run_stats, sparkline
from briefing_app.core.progress import DB_NAME, ENV_VAR, ProgressStore

T0 = datetime(2026, 1, 5, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[1]
PACK = {
    "format": "briefing-pack",
    "version": 1,
    "id": "demo",
    "title": "Demo brief",
    "actors": [{"id": "ann", "name": "Ann Example"}, {"id": "bob", "name": "Bob Example"}],
    "quotes": [
        {"id": "q1", "actor": "ann", "text": "We stand firm."},
        {"id": "q2", "actor": "bob", "text": "We object."},
    ],
    "measures": [{"id": "m1", "actor": "bob", "title": "Travel advisory"}],
    "implications": [],
}


@pytest.fixture
def pack_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "data"))
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(PACK), encoding="utf-8")
    return path


def record_history(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "data" / DB_NAME) as store:
        store.record_answer("demo", "q1", "who-said", True, T0)
        store.record_answer("demo", "q2", "who-said", False, T0 + timedelta(minutes=1))
        store.record_answer("demo", "m1", "who-did", True, T0 + timedelta(minutes=2))
        store.record_rating("demo", "ann", 4, T0 + timedelta(minutes=3))


def test_json_has_the_promised_keys_for_a_pack_never_studied(
    pack_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(pack_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"answered", "correct", "reviews", "due"} <= set(data)
    assert (data["answered"], data["correct"], data["reviews"], data["due"]) == (0, 0, 0, 0)
    assert data["cards"] == 5 and data["new"] == 5
    assert len(data["reviews_per_day"]) == 30 and len(data["due_next_7_days"]) == 7


def test_json_counts_recorded_progress(
    tmp_path: Path, pack_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_history(tmp_path)
    assert run_stats(str(pack_file), as_json=True, now=T0 + timedelta(hours=2)) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["answered"], data["correct"], data["reviews"]) == (3, 2, 1)
    assert data["cards_seen"] == 4
    assert data["due"] == 3  # the three quiz items are in learning steps, due again today
    # Due now: the three reviews plus the one card never studied, as the window counts.
    assert (data["due_now"], data["due_now_reviews"]) == (4, 3)
    assert data["due_next_7_days"][0] == {"date": "2026-01-06", "count": 0}
    assert data["due_next_7_days"][-1] == {"date": "2026-01-12", "count": 0}  # Easy: Jan 13
    assert data["reviews_per_day"][-1] == {"date": "2026-01-05", "reviews": 1, "answers": 3}
    by_actor = {a["id"]: (a["right"], a["total"]) for a in data["accuracy_by_actor"]}
    assert by_actor == {"ann": (1, 1), "bob": (1, 2)}  # quiz answers only
    assert data["recall_rate"] == 1.0  # the one self-rating (Easy), counted apart


def test_text_report(tmp_path: Path, pack_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_history(tmp_path)
    assert run_stats(str(pack_file), as_json=False, now=T0 + timedelta(hours=2)) == 0
    out = capsys.readouterr().out
    assert "Demo brief (demo)" in out
    assert "Cards seen:    4 of 5 (1 new)" in out
    assert "Quiz answers:  3, 2 correct (67%)" in out
    assert "Card reviews:  1" in out
    assert "Quiz accuracy: 67%" in out
    assert "Recall rate:   100%" in out
    assert "Due now:       4 (3 to review, 1 new); 3 reviews due today" in out
    assert "Ann Example" in out and "Bob Example" in out


def test_a_bad_pack_is_one_located_line_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "data"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**PACK, "quotes": [{"id": "q1", "actor": "zed", "text": "x"}]}))
    assert main(["stats", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{bad}: quotes[0].actor: ")
    assert "Traceback" not in captured.err
    assert main(["stats", str(tmp_path / "missing.json"), "--json"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_a_damaged_progress_file_is_reported_and_stats_still_run(
    tmp_path: Path, pack_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"\x00garbage" * 500)
    assert main(["stats", str(pack_file), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["answered"] == 0
    assert "could not be read" in captured.err and ".corrupt-" in captured.err
    assert list(data.glob(DB_NAME + ".corrupt-*"))


def test_the_installed_command_runs_without_a_traceback(tmp_path: Path, pack_file: Path) -> None:
    record_history(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "briefing_app", "stats", str(pack_file), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answered"] == 3


def test_sparkline_scales_to_the_busiest_day() -> None:
    assert sparkline([0, 0, 0]) == "▁▁▁"
    assert sparkline([0, 5, 10]) == "▁▅█"


def test_check_reports_a_sound_file_and_moves_a_damaged_one_aside(
    tmp_path: Path, pack_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_history(tmp_path)
    assert main(["stats", str(pack_file), "--json", "--check"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["answered"] == 3
    assert captured.err.strip().endswith("checked, no damage found")
    db = tmp_path / "data" / DB_NAME
    with ProgressStore(db) as store:  # enough rows to fill pages past the schema
        for i in range(300):
            store.record_answer("demo", f"x{i}", "who-said", True, T0)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096):
        data[offset : offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    assert main(["stats", str(pack_file), "--json", "--check"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["answered"] == 0
    assert "could not be read" in captured.err and "no damage found" not in captured.err
    assert list(db.parent.glob(DB_NAME + ".corrupt-*"))


def _stats_output(
    pack_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str, int]:
    """``stats --json`` and ``stats`` as printed, and how often the store read its rows
    itself (0: the rows read ahead while the pack loaded were used)."""
    reads = 0
    tallies = ProgressStore.tallies

    def counted(self: ProgressStore, *args: Any, **kwargs: Any) -> Any:
        nonlocal reads
        reads += 1
        return tallies(self, *args, **kwargs)

    monkeypatch.setattr(ProgressStore, "tallies", counted)
    now = (T0 + timedelta(hours=2)).astimezone()
    assert run_stats(str(pack_path), as_json=True, now=now) == 0
    as_json = capsys.readouterr()
    assert run_stats(str(pack_path), now=now) == 0
    as_text = capsys.readouterr()
    assert as_json.err == as_text.err == ""
    monkeypatch.setattr(ProgressStore, "tallies", tallies)
    return as_json.out, as_text.out, reads


def test_reading_ahead_prints_what_reading_after_the_pack_prints(
    tmp_path: Path,
    pack_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    record_history(tmp_path)
    ahead_json, ahead_text, reads = _stats_output(pack_file, monkeypatch, capsys)
    assert reads == 0 and json.loads(ahead_json)["answered"] == 3
    monkeypatch.setattr(stats_command.TalliesAhead, "start", lambda *args: None)
    assert _stats_output(pack_file, monkeypatch, capsys) == (ahead_json, ahead_text, 2)
    assert [p.name for p in (tmp_path / "data").iterdir()] == [DB_NAME]


@pytest.mark.parametrize(
    ("layout", "used"),
    [
        ("id last", True),  # after the lists, which are small here
        ("nested ids first", True),
        ("id after a long space", False),
        ("wrong guess", False),
    ],
)
def test_a_pack_whose_id_is_guessed_wrong_or_not_at_all_prints_the_same(
    tmp_path: Path,
    pack_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    layout: str,
    used: bool,
) -> None:
    record_history(tmp_path)
    with ProgressStore(tmp_path / "data" / DB_NAME) as store:  # what a wrong guess finds
        store.record_answer("other", "q1", "who-said", True, T0)
    expected = _stats_output(pack_file, monkeypatch, capsys)
    fields = {k: v for k, v in PACK.items() if k != "id"}
    if layout == "id last":
        raw = {**fields, "id": PACK["id"]}
    elif layout == "nested ids first":
        raw = {"actors": PACK["actors"], "quotes": PACK["quotes"], **fields, "id": PACK["id"]}
    elif layout == "id after a long space":
        raw = fields
    else:
        raw = PACK
        monkeypatch.setattr(stats_command, "guess_pack_id", lambda path: "other")
    text = json.dumps(raw)
    if layout == "id after a long space":  # beyond the bytes scanned: no guess
        text = text[:-1] + "," + " " * 70_000 + '"id": "demo"}'
    other = tmp_path / "other-layout.json"
    other.write_text(text, encoding="utf-8")
    as_json, as_text, reads = _stats_output(other, monkeypatch, capsys)
    assert (as_json, as_text) == expected[:2]
    assert reads == (0 if used else 2)


def test_a_bad_pack_leaves_a_missing_or_damaged_store_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv(ENV_VAR, str(data))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**PACK, "quotes": [{"id": "q1", "actor": "zed", "text": "x"}]}))
    assert main(["stats", str(bad), "--json"]) == 1
    assert not data.exists()  # the pack is checked before the store is opened
    data.mkdir()
    damaged = b"SQLite format 3\x00\x10\x00\x02\x02" + b"\xff" * 8000
    (data / DB_NAME).write_bytes(damaged)
    assert main(["stats", str(bad), "--json"]) == 1
    assert [(p.name, p.read_bytes()) for p in data.iterdir()] == [(DB_NAME, damaged)]
    assert "quotes[0].actor" in capsys.readouterr().err
