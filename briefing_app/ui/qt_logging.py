"""Qt's own messages (warnings from plugins, fonts, styles) go to our log, not raw stderr."""

from __future__ import annotations

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from ..log import get_logger

logger = get_logger("briefing_app.qt")

# Qt's kinds of message as ``logging`` levels (DEBUG 10 ... CRITICAL 50)
LEVELS = {
    QtMsgType.QtDebugMsg: 10,
    QtMsgType.QtInfoMsg: 20,
    QtMsgType.QtWarningMsg: 30,
    QtMsgType.QtCriticalMsg: 40,
    QtMsgType.QtFatalMsg: 50,
}


def route_qt_messages() -> None:
    """Install the handler once the window starts; Qt's messages become log records."""
    qInstallMessageHandler(_handle)


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    logger.log(LEVELS.get(kind, 30), "%s: %s", category, message)
