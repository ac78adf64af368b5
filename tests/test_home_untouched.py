"""With BRIEFING_APP_DATA_DIR set, the window, the quiz and an export write nothing in HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefing_app.paths import bundled_briefs_dir

PACK = bundled_briefs_dir() / "us-japan-taiwan-2025"


def _run(args: list[str], env: dict[str, str], answers: str = "") -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app", *args],
        input=answers,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_nothing_is_written_under_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("XDG_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env |= {"HOME": str(home), "BRIEFING_APP_DATA_DIR": str(data)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    _run(["--measure-startup", str(PACK)], env)
    _run(["quiz", str(PACK), "--text", "--questions", "2", "--seed", "1"], env, "1\n1\n")
    _run(["export", str(PACK), "--to", "pdf", "-o", str(tmp_path / "out.pdf")], env)
    _run(["stats", str(PACK)], env)
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert written == []
    assert (data / "settings.ini").is_file()  # the window's settings went beside the data
    assert any(data.glob("*.db")) or any(data.glob("*.sqlite*"))
