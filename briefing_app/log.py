"""Logging for the whole app: module loggers, a rotating file, ``--debug`` to stderr.

Every module takes ``logger = logging.getLogger(__name__)``. ``setup_logging``
is called once by the CLI or the window: it writes WARNING and above (DEBUG with
``--debug``) to ``briefing-app.log`` in the platform's user log folder, or beside
the progress database when ``BRIEFING_APP_DATA_DIR`` is set, so a portable
install or a test never writes into the real profile. The user always sees a
plain message; the traceback goes to the log.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import logging
    import logging.handlers

APP_LOGGER = "briefing_app"
LOG_FILE_NAME = "briefing-app.log"
HELD_RECORDS = 200  # kept until the log file opens; more are dropped
_configured = False
_held: logging.Handler | None = None


class _LazyLogger:
    """A module logger that imports ``logging`` only when first used.

    The modules on the way to the first painted card take their logger from
    ``get_logger``: ``logging`` and its handlers cost ~15 ms to import, which the
    window's start-up would otherwise pay before showing anything.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        import logging

        return getattr(logging.getLogger(self._name), attribute)


def get_logger(name: str) -> logging.Logger:
    """``logging.getLogger(name)``, resolved on first use."""
    return cast("logging.Logger", _LazyLogger(name))


def log_dir() -> Path:
    """Where the log file lives: beside the data when redirected, else the user log dir."""
    override = os.environ.get("BRIEFING_APP_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("briefing-app", appauthor=False))


def hold_early_records() -> None:
    """Keep the app's warnings and errors until ``setup_logging`` writes them to the file.

    The window opens its log file only once the first pack is checked (the worker
    doing that check shares the interpreter with it); a traceback logged by the
    check itself would otherwise go to stderr, which a desktop launch never shows.
    """
    import logging

    global _held
    if _configured or _held is not None:
        return
    _held = _holding_handler_class()(HELD_RECORDS)
    logging.getLogger(APP_LOGGER).addHandler(_held)


def _release_held(root: logging.Logger, into: logging.Handler | None) -> None:
    """Hand the records kept since ``hold_early_records`` to the log file, in order."""
    global _held
    held, _held = _held, None
    if held is None:
        return
    root.removeHandler(held)
    for record in getattr(held, "records", ()):
        if into is not None and record.levelno >= into.level:
            into.handle(record)


def setup_logging(debug: bool = False, to_file: bool = True) -> None:
    """Attach the handlers once; later calls only raise the level for ``--debug``."""
    import logging
    import logging.handlers

    global _configured
    root = logging.getLogger(APP_LOGGER)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    if debug:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.DEBUG)
        stream.setFormatter(_visible_formatter_class()("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    if _configured:
        return
    _configured = True
    root.propagate = True
    if not to_file:
        _release_held(root, None)
        return
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = _quiet_file_handler_class()(
            folder / LOG_FILE_NAME,
            maxBytes=512 * 1024,
            backupCount=2,
            encoding="utf-8",
            delay=True,
        )
    except OSError as exc:  # a read-only profile must not stop the app
        root.addHandler(logging.NullHandler())  # nor print warnings raw on stderr
        _release_held(root, None)
        logging.getLogger(__name__).debug("no log file: %s", exc)
        return
    handler.setLevel(logging.DEBUG if debug else logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _release_held(root, handler)


def _holding_handler_class() -> type[logging.Handler]:
    import logging

    class HoldingHandler(logging.Handler):
        """Keeps the first ``limit`` records (WARNING and up) for the log file to come."""

        def __init__(self, limit: int) -> None:
            super().__init__(logging.WARNING)
            self.limit = limit
            self.records: list[logging.LogRecord] = []

        def emit(self, record: logging.LogRecord) -> None:
            if len(self.records) < self.limit:
                self.records.append(record)

    return HoldingHandler


def _quiet_file_handler_class() -> type[logging.handlers.RotatingFileHandler]:
    import logging.handlers

    class QuietFileHandler(logging.handlers.RotatingFileHandler):
        """A log file that, when the disk is full, drops the record instead of
        printing "--- Logging error ---" and a traceback on the user's terminal."""

        def handleError(self, record: logging.LogRecord) -> None:
            del record

    return QuietFileHandler


def _visible_formatter_class() -> type[logging.Formatter]:
    import logging

    from .core.text_rules import make_visible

    class VisibleFormatter(logging.Formatter):
        """``--debug`` lines on stderr with control characters shown, like all CLI output."""

        def format(self, record: logging.LogRecord) -> str:
            return make_visible(super().format(record))

    return VisibleFormatter
