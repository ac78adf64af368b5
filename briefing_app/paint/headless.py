"""One place that makes a ``QGuiApplication`` for drawing without a window.

``render`` and the PDF export need fonts and a paint device but no screen: on a
Linux machine with no display they run on Qt's offscreen platform. Qt's own
messages (``libpng error: ...`` from a damaged picture) go to the log, as in the
window, never raw to the terminal.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication

from ..log import get_logger

qt_logger = get_logger("briefing_app.qt")


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
    qInstallMessageHandler(_qt_message_to_log)
    return QGuiApplication(["briefing-app"])


def _qt_message_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = 10 if kind == QtMsgType.QtDebugMsg else 20 if kind == QtMsgType.QtInfoMsg else 30
    qt_logger.log(level, "%s: %s", context.category or "qt", message)
