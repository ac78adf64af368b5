"""The real start-up path: after the first paint the progress store and the
quiz/rating/statistics/presentation/export features are attached to the window,
and the application has its icon; the garbage collector rests until then."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pack_builder import actor, pack, quote, write_pack

pytestmark = [pytest.mark.gui, pytest.mark.slow]

PROBE = """
import gc
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from briefing_app.ui.app import run_window

app = QApplication(sys.argv[:1])
waited = 0

def check():
    global waited
    windows = [w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    features = getattr(windows[0], "features", None) if windows else None
    waited += 50
    if features is None and waited < 15000:
        return
    names = sorted(a.objectName() for a in windows[0].all_actions()) if windows else []
    print(type(features).__name__, features.store.path if features else None, flush=True)
    print(" ".join(names), flush=True)
    print("icon" if not app.windowIcon().isNull() else "no icon", flush=True)
    print("collector", resting[0], gc.isenabled(), flush=True)
    app.exit(0)

resting = []  # the collector's state on the event loop's first turn, before any check
QTimer.singleShot(0, lambda: resting.append("off" if not gc.isenabled() else "on"))
timer = QTimer()
timer.timeout.connect(check)
timer.start(50)
raise SystemExit(run_window(sys.argv[1]))
"""


def test_window_gets_the_progress_store_and_features_after_first_paint(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    pack_file = write_pack(
        tmp_path,
        pack(
            id="app",
            title="App pack",
            actors=[actor("a", "A"), actor("b", "B")],
            quotes=[quote("q", "a", "words")],
        ),
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(pack_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    first, actions, icon, collector = done.stdout.splitlines()[:4]
    assert icon == "icon"  # set right after the first paint
    assert collector == "collector off True"  # rested while starting, running once ready
    assert first == f"StudyFeatures {isolated_data_dir / 'progress.db'}"
    assert (isolated_data_dir / "progress.db").exists()
    # Quitting closed the store (sqlite folds its write-ahead log back and removes it).
    assert not (isolated_data_dir / "progress.db-wal").exists()
    for name in (
        "action_quiz",
        "action_present",
        "action_stats",
        "action_export",
        "action_due",
        "action_undo_rating",
        "action_rate_again",
    ):
        assert name in actions.split()
    assert "Traceback" not in done.stderr
