"""PySide6 no longer reads each module's source on import (ui/import_scan.py).

The app may skip that scan only because it never selects a PySide feature
(``from __feature__ import ...``), which would need it: checked here too.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

import pytest

import briefing_app
from briefing_app.ui.import_scan import skip_feature_source_scan


def test_no_module_of_the_app_selects_a_pyside_feature() -> None:
    root = Path(briefing_app.__file__).parent
    selecting = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "from __feature__ import" in (text := path.read_text(encoding="utf-8"))
        or "import __feature__" in text
    ]
    assert selecting == []


def test_modules_imported_after_qt_are_not_read_for_their_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import PySide6.QtCore  # noqa: F401  # the hook arrives with Qt

    assert skip_feature_source_scan()  # the PySide6 versions pyproject.toml allows have it
    read: list[object] = []
    real = inspect.getsource

    def recording(obj: object) -> str:
        read.append(obj)
        return real(obj)  # type: ignore[arg-type]

    monkeypatch.setattr(inspect, "getsource", recording)
    (tmp_path / "freshly_written_module.py").write_text("VALUE = 41 + 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("freshly_written_module")
    try:
        exec("import freshly_written_module as again", {})  # through __import__, the hook
        assert module.VALUE == 42
        assert read == []
    finally:
        sys.modules.pop("freshly_written_module", None)


def test_a_module_imported_afterwards_sees_qt_names_as_usual(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Taken as a PySide user with no feature selected: camelCase names, no snake_case."""
    skip_feature_source_scan()
    (tmp_path / "uses_qt_module.py").write_text(
        "from PySide6.QtWidgets import QLabel\n"
        "def shown() -> str:\n"
        "    label = QLabel('plain')\n"
        "    label.setText(label.text() + ' text')\n"
        "    return label.text() + (' snake' if hasattr(label, 'set_text') else '')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        module = importlib.import_module("uses_qt_module")
        assert module.shown() == "plain text"
    finally:
        sys.modules.pop("uses_qt_module", None)
