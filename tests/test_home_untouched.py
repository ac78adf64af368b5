"""With BRIEFING_APP_DATA_DIR set, the window, the quiz and an export write nothing in HOME.

Each run is a real process (HOME is read once per process by Qt, fontconfig and
platformdirs), started with HOME pointing at an empty folder and every XDG_*
variable removed, so the platform defaults would all fall under that HOME. No
cache folder is set: neither Qt nor fontconfig wrote a cache under HOME here, and
the test would name any file they did.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefing_app.paths import bundled_briefs_dir

PACK = bundled_briefs_dir() / "us-japan-taiwan-2025"

# The whole window in one process: features (progress store), a quiz opened and
# closed, statistics, File > Export through the dialog, the log file, and a close
# that saves the window's size; a second process reads the size back.
WINDOW_SESSION = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from briefing_app.ui.app import attach_features, start_logging
from briefing_app.ui.export.dialog import ExportDialog
from briefing_app.ui.settings import SettingsStore
from briefing_app.ui.study.main_window import MainWindow

pack_path, out, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
app = QApplication([])
app.setApplicationName("briefing-app")
app.setOrganizationName("BriefingApp")
store = SettingsStore()
window = MainWindow(store.load(), store)
if mode == "read-size":
    print(f"{window.width()}x{window.height()}")
    sys.exit(0)
start_logging()
window.open_path(pack_path)
window.show()
features = attach_features(window)
features.open_quiz()
features.close_quiz()
features.show_stats()
dialog = ExportDialog(window.current_pack(), window)
dialog.set_format("md")
dialog.set_output_path(out)
assert dialog.start_export(), dialog.status_label.text()
import logging
logging.getLogger("briefing_app.test").warning("a line for the log file")
window.resize(761, 541)  # within the offscreen screen (800x600)
window.close()
app.processEvents()
"""


def _run(args: list[str], env: dict[str, str], answers: str = "") -> str:
    done = subprocess.run(
        [sys.executable, *args],
        input=answers,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_nothing_is_written_under_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("XDG_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env |= {"HOME": str(home), "BRIEFING_APP_DATA_DIR": str(data)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    app = ["-m", "briefing_app"]
    _run([*app, "--measure-startup", str(PACK)], env)
    _run(["-c", WINDOW_SESSION, str(PACK), str(out / "brief.md"), "session"], env)
    _run([*app, "quiz", str(PACK), "--text", "--questions", "2", "--seed", "1"], env, "1\n1\n")
    _run([*app, "export", str(PACK), "--to", "pdf", "-o", str(out / "out.pdf")], env)
    _run([*app, "stats", str(PACK)], env)
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert written == []
    assert (data / "settings.ini").is_file()  # the window's settings went beside the data
    assert (data / "briefing-app.log").is_file()  # and so did the log
    assert any(data.glob("*.db")) or any(data.glob("*.sqlite*"))
    assert (out / "brief.md").is_file() and (out / "out.pdf").is_file()
    # the size saved when the window closed is the size the next run opens at
    size = _run(["-c", WINDOW_SESSION, str(PACK), str(out / "x.md"), "read-size"], env)
    assert size.strip() == "761x541"
    assert [p for p in home.rglob("*")] == []
