"""Shared fixtures for the UI tests: offscreen Qt, small packs on disk, a study window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pack_builder import actor, implication, measure, pack, quote, source
from pack_builder import write_pack as write_pack_file
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing_app.ui.settings import Settings, SettingsStore
from briefing_app.ui.study.main_window import MainWindow


def pack_dict(**overrides: Any) -> dict[str, Any]:
    """A small valid pack: 2 actors, 3 quotes, 2 measures, 2 implications (9 cards + title)."""
    raw = pack(
        id="test-pack",
        title="Test pack about a dispute",
        subtitle="A subtitle for the tests",
        summary="Two governments disagree; a third watches.",
        as_of="2025-11-20",
        sources=[source("article", "An article", publisher="A paper")],
        actors=[
            actor(
                "alpha",
                "Alice Alpha",
                role="Prime Minister",
                kind="person",
                affiliation="Alphaland",
                aliases=["Alpha"],
            ),
            actor(
                "beta",
                "Ministry of Beta",
                kind="institution",
                role="Foreign ministry",
                affiliation="Betaland",
            ),
        ],
        quotes=[
            quote(
                "q-survival",
                "alpha",
                "a survival-threatening situation",
                context="In parliament",
                date="2025-11-07",
                source="article",
            ),
            quote("q-retract", "beta", "retract the remarks at once"),
            quote("q-ironclad", "alpha", "our commitment is ironclad"),
        ],
        measures=[
            measure(
                "m-travel",
                "beta",
                "Travel advisory",
                category="travel",
                detail="Citizens told to avoid the country.",
            ),
            measure("m-seafood", "beta", "Seafood ban", category="economic"),
        ],
        implications=[
            implication("i-alliance", "The alliance holds", actors=["alpha"]),
            implication("i-trade", "Trade becomes a weapon", detail="Coercion spreads."),
        ],
    )
    raw.update(overrides)  # a new key goes last, as a test that adds one expects
    return raw


@pytest.fixture
def base_pack() -> Callable[..., dict[str, Any]]:
    """``pack_dict`` itself, for tests that build on the default content."""
    return pack_dict


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a pack (``pack_dict`` with overrides, or raw text) to ``tmp_path/<name>``."""

    def write(name: str = "pack.json", text: str | None = None, **overrides: Any) -> Path:
        if text is None:
            return write_pack_file(tmp_path, pack_dict(**overrides), name, indent=2)
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
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
