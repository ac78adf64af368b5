"""The log never puts raw control characters or its own tracebacks on the user's terminal."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing_app import log


@contextmanager
def fresh_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``setup_logging`` as on a first run; the app logger's handlers restored after."""
    root = logging.getLogger(log.APP_LOGGER)
    saved = (list(root.handlers), root.level, root.propagate)
    monkeypatch.setattr(log, "_configured", False)
    root.handlers = []
    try:
        yield
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers, root.level, root.propagate = saved[0], saved[1], saved[2]


def test_a_log_file_that_cannot_be_written_stays_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFING_APP_DATA_DIR", str(tmp_path))
    (tmp_path / log.LOG_FILE_NAME).mkdir()  # every write to the log file fails
    with fresh_logging(monkeypatch):
        log.setup_logging()
        logging.getLogger("briefing_app.test").error("the disk is full")
    assert capsys.readouterr().err == ""


def test_debug_lines_show_control_characters(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with fresh_logging(monkeypatch):
        log.setup_logging(debug=True, to_file=False)
        logging.getLogger("briefing_app.test").warning("picture \x1b]0;pwned\x07 refused")
    expected = "WARNING briefing_app.test: picture \\x1b]0;pwned\\x07 refused\n"
    assert capsys.readouterr().err == expected


def test_errors_logged_before_the_log_file_opens_are_written_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window opens its log file after the first pack is checked: a traceback from
    that check (on the worker thread) must still reach the file, not a hidden stderr."""
    import threading

    monkeypatch.setenv("BRIEFING_APP_DATA_DIR", str(tmp_path))
    with fresh_logging(monkeypatch):
        monkeypatch.setattr(log, "_held", None)
        log.hold_early_records()

        def fail() -> None:
            try:
                raise RuntimeError("a bug while checking")
            except RuntimeError:
                logging.getLogger("briefing_app.ui.study.pack_loader").exception("checking")

        worker = threading.Thread(target=fail)
        worker.start()
        worker.join()
        logging.getLogger("briefing_app.test").info("too quiet for the file")
        log.setup_logging()
        logging.getLogger("briefing_app.test").error("after the file opened")
    text = (tmp_path / log.LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "ERROR briefing_app.ui.study.pack_loader: checking" in text
    assert "RuntimeError: a bug while checking" in text
    assert text.index("a bug while checking") < text.index("after the file opened")
    assert "too quiet" not in text
    assert capsys.readouterr().err == ""
