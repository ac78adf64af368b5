"""Fixtures for the export tests; the Qt ones run offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from export_packs import pack_dict, write_pack

from briefing_app.core.models import Pack
from briefing_app.core.pack import load_pack


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    return write_pack(tmp_path, pack_dict())


@pytest.fixture
def pack(pack_path: Path) -> Pack:
    return load_pack(pack_path)
