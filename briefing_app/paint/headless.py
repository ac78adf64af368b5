"""One place that makes a ``QGuiApplication`` for drawing without a window.

``render`` and the PDF export need fonts and a paint device but no screen: on a
Linux machine with no display they run on Qt's offscreen platform.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication


def no_display() -> bool:
    """True on a Linux machine with neither X11 nor Wayland (and no platform chosen)."""
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, or a new ``QGuiApplication`` (offscreen without a display)."""
    app = QCoreApplication.instance()
    if app is not None:
        return app
    if no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["briefing-app"])
