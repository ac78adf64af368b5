"""Shared fixtures for the UI tests: offscreen Qt, small packs on disk, a study window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing_app.ui.settings import Settings, SettingsStore
from briefing_app.ui.study.main_window import MainWindow


def pack_dict(**overrides: Any) -> dict[str, Any]:
    """A small valid pack: 2 actors, 3 quotes, 2 measures, 2 implications (9 cards + title)."""
    raw: dict[str, Any] = {
        "format": "briefing-pack",
        "version": 1,
        "id": "test-pack",
        "title": "Test pack about a dispute",
        "subtitle": "A subtitle for the tests",
        "summary": "Two governments disagree; a third watches.",
        "as_of": "2025-11-20",
        "sources": [{"id": "article", "title": "An article", "publisher": "A paper"}],
        "actors": [
            {
                "id": "alpha",
                "name": "Alice Alpha",
                "role": "Prime Minister",
                "kind": "person",
                "affiliation": "Alphaland",
                "aliases": ["Alpha"],
            },
            {
                "id": "beta",
                "name": "Ministry of Beta",
                "kind": "institution",
                "role": "Foreign ministry",
                "affiliation": "Betaland",
            },
        ],
        "quotes": [
            {
                "id": "q-survival",
                "actor": "alpha",
                "text": "a survival-threatening situation",
                "context": "In parliament",
                "date": "2025-11-07",
                "source": "article",
            },
            {"id": "q-retract", "actor": "beta", "text": "retract the remarks at once"},
            {"id": "q-ironclad", "actor": "alpha", "text": "our commitment is ironclad"},
        ],
        "measures": [
            {
                "id": "m-travel",
                "actor": "beta",
                "title": "Travel advisory",
                "category": "travel",
                "detail": "Citizens told to avoid the country.",
            },
            {"id": "m-seafood", "actor": "beta", "title": "Seafood ban", "category": "economic"},
        ],
        "implications": [
            {"id": "i-alliance", "title": "The alliance holds", "actors": ["alpha"]},
            {"id": "i-trade", "title": "Trade becomes a weapon", "detail": "Coercion spreads."},
        ],
    }
    raw.update(overrides)
    return raw


@pytest.fixture
def base_pack() -> Callable[..., dict[str, Any]]:
    """``pack_dict`` itself, for tests that build on the default content."""
    return pack_dict


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a pack (``pack_dict`` with overrides, or raw text) to ``tmp_path/<name>``."""

    def write(name: str = "pack.json", text: str | None = None, **overrides: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = text if text is not None else json.dumps(pack_dict(**overrides), indent=2)
        path.write_text(body, encoding="utf-8")
        return path

    return write


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot: QtBot, settings_store: SettingsStore) -> Iterator[Callable[..., MainWindow]]:
    """Build a shown study window; motion is reduced unless asked otherwise."""

    def make(
        path: Path | None = None, *, reduce_motion: bool = True, theme: str = "light", seed: int = 7
    ) -> MainWindow:
        settings = Settings(theme=theme, reduce_motion=reduce_motion)
        window = MainWindow(settings, settings_store, rng=random.Random(seed))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        if path is not None:
            assert window.open_path(path)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
        window.card_view.setFocus()
        return window

    yield make
