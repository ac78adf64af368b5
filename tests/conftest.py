"""Fixtures for every test: progress never touches the real user's data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/cli_runner.py and friends


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point ``BRIEFING_APP_DATA_DIR`` (inherited by subprocesses) at a fresh folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("BRIEFING_APP_DATA_DIR", str(folder))
    return folder
