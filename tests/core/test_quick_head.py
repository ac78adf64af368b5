"""``read_head`` (the first look that skips the items) answers as ``read_raw`` does.

The window paints its first card from it, so for the fields the title card and
the library line use it must give the same values, list lengths and errors as a
full ``json.loads`` of the file, whatever the file holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core import quick_pack
from briefing_app.core.quick_pack import (
    quick_summary,
    quick_title_card,
    read_head,
    read_raw,
    summary_from_raw,
)


@pytest.fixture(autouse=True)
def first_look_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small files normally take the full read; here every file takes the first look."""
    monkeypatch.setattr(quick_pack, "HEAD_MIN_BYTES", 0)


HEAD_KEYS = ("id", "title", "subtitle", "summary", "as_of", "sources")
LIST_KEYS = ("actors", "quotes", "measures", "implications")


def outcome(read: Any, path: Path) -> object:
    try:
        raw = read(path)
    except ValueError as exc:
        return ("error", str(exc))
    return (
        {k: raw[k] for k in HEAD_KEYS if k in raw},
        {k: len(v) if isinstance(v, list) else v for k in LIST_KEYS if (v := raw.get(k, 0))},
        quick_title_card(raw),
        summary_from_raw(path, raw),
    )


def same(path: Path) -> None:
    assert outcome(read_head, path) == outcome(read_raw, path)


ODD_FILES = [
    b'{"title":"x","actors":[{"n":"\xff"}]}',  # bad UTF-8 inside a skipped item
    b'{"title":"x","actors":[{"n":"\\ud800"}]}',
    b'{"title":1e400,"as_of":NaN}',
    b'{"title":"a","title":"b","actors":[]}',
    b'{"actors":[1, "two", null],"quotes":{}}',
    b'{"actors":[{}] , }',
    b"\xef\xbb\xbf" + b'{"title":"bom","sources":[{"title":" T ","publisher":"P"}]}',
    b"[1, 2]",
    b"",
    b'{"title": "caf\xc3\xa9", "summary": 3, "sources": "none"}',
]


@pytest.mark.parametrize("data", ODD_FILES)
def test_odd_files_read_alike(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "pack.json"
    path.write_bytes(data)
    same(path)


def test_missing_file_and_folder_read_alike(tmp_path: Path) -> None:
    same(tmp_path / "nope.json")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "pack.json").write_text('{"title": "in a folder"}', encoding="utf-8")
    same(tmp_path / "folder")
    assert quick_summary(tmp_path / "folder").title == "in a folder"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(HEAD_KEYS + LIST_KEYS + ("other",)), json_values))
def test_any_json_object_reads_alike(tmp_path_factory: pytest.TempPathFactory, raw: dict) -> None:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("head") / "pack.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    same(path)


def test_library_counts_group_thousands_as_the_chips_do(tmp_path: Path) -> None:
    from briefing_app.core.quick_pack import PackSummary

    summary = PackSummary(tmp_path, "Big", counts={"actors": 2500, "quotes": 20000})
    assert summary.counts_text() == "2,500 actors, 20,000 quotes, 0 measures, 0 implications"
