"""Fixtures for every test: progress never touches the real user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point ``BRIEFING_APP_DATA_DIR`` (inherited by subprocesses) at a fresh folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("BRIEFING_APP_DATA_DIR", str(folder))
    return folder
