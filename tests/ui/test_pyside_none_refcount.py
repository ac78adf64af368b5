"""Regression: PySide6 6.12.0 on Python 3.11 leaks a reference to None per void call.

Every call of a Qt method that returns nothing dropped one reference to None,
and after about 5,000 calls the interpreter died with "Fatal Python error:
none_dealloc". pyproject.toml holds PySide6-Essentials below 6.12 on Python <3.12
(3.12 made None immortal). The calls run in a subprocess so that a crash fails
this test instead of killing pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("PySide6.QtWidgets")

CALLS = 20_000

SCRIPT = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    widget = QWidget()
    timer = QTimer()
    before = sys.getrefcount(None)
    for i in range({CALLS}):
        widget.setWindowTitle("title")
        widget.update()
        timer.setInterval(i % 1000)
    after = sys.getrefcount(None)
    widget.deleteLater()
    print(before, after)
    """
)


def test_void_qt_calls_do_not_leak_none() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, f"Qt calls crashed the interpreter:\n{done.stderr[-2000:]}"
    assert "none_dealloc" not in done.stderr
    before, after = (int(n) for n in done.stdout.split())
    # Immortal None (3.12+) reports a huge constant; on 3.11 the count must not
    # fall by one per call (3 calls per round here).
    assert before - after < CALLS, f"None lost {before - after} references"
