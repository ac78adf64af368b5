"""``--measure-startup``: prints the first-paint milliseconds and exits 0, before pydantic loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pack_builder import actor, pack, write_pack

pytestmark = [pytest.mark.gui, pytest.mark.slow]

PROBE = """
import sys
from briefing_app.ui.app import run_window
code = run_window(sys.argv[1], measure_startup=True)
print("pydantic" in sys.modules, flush=True)
raise SystemExit(code)
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # keep the user's settings untouched
    return env


def _pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path, pack(id="startup", title="Start-up pack", actors=[actor("a", "A")]))


def test_measure_startup_prints_milliseconds_and_exits_0(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app", "--measure-startup", str(_pack(tmp_path))],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    ms = float(done.stdout.strip().splitlines()[-1])
    assert 0 < ms < 60_000


def test_first_card_is_painted_before_pydantic_is_imported(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(_pack(tmp_path))],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_measure_startup_on_a_bad_path_still_exits_0(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app", "--measure-startup", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_measure_loaded_prints_paint_counts_memory_and_cards(tmp_path: Path) -> None:
    env = _env(tmp_path) | {"BRIEFING_APP_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app", "--measure-loaded", str(_pack(tmp_path))],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    paint, counts, kib, cards = done.stdout.strip().splitlines()[-1].split()
    assert 0 < float(paint) <= float(counts) < 60_000
    assert int(kib) > 1000
    assert int(cards) == 2  # the title card and the one actor


def test_measure_loaded_on_a_bad_path_exits_1(tmp_path: Path) -> None:
    env = _env(tmp_path) | {"BRIEFING_APP_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app", "--measure-loaded", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
