"""The start-up prefetch hands the first pack's bytes over once, to a reader of that file.

The window's first look must read exactly what a read of the disk gives
(``read_head`` with the prefetched bytes answers as without them), and any
other file, a second ask or a missing file falls back to reading the disk.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.core import prefetch, quick_pack
from briefing_app.core.limits import MAX_FILE_BYTES
from briefing_app.core.quick_pack import pack_file, quick_title_card, read_head


def _pack(path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"id": "p", "title": title, "actors": [{}] * 3}), "utf-8")
    return path


def test_first_pack_file_of_a_file_a_pack_folder_and_a_folder_of_packs(tmp_path: Path) -> None:
    single = _pack(tmp_path / "one.json", "One")
    folder = tmp_path / "folder"
    _pack(folder / "pack.json", "In a folder")
    library = tmp_path / "library"
    _pack(library / "b.json", "B")
    _pack(library / "A" / "pack.json", "A")
    assert prefetch.first_pack_file(single) == single
    assert prefetch.first_pack_file(folder) == folder / "pack.json"
    assert prefetch.first_pack_file(library) == library / "A" / "pack.json"
    assert prefetch.first_pack_file(tmp_path / "missing") is None


def test_the_bytes_go_once_to_a_reader_of_the_same_file(tmp_path: Path) -> None:
    first = _pack(tmp_path / "library" / "a.json", "First")
    other = _pack(tmp_path / "library" / "b.json", "Second")
    prefetch.start(tmp_path / "library")
    assert prefetch.take(other) is None  # another file: read it yourself
    prefetch.start(tmp_path / "library")
    data = prefetch.take(first)
    assert data == first.read_bytes()
    assert prefetch.take(first) is None  # handed over once


def test_read_head_answers_alike_with_prefetched_bytes(tmp_path: Path) -> None:
    path = _pack(tmp_path / "p" / "pack.json", "Title \u2014 with a dash")
    prefetch.start(path.parent)
    data = prefetch.take(pack_file(path.parent))
    assert data is not None
    with_bytes, from_disk = read_head(path.parent, data), read_head(path.parent)
    assert with_bytes == from_disk
    assert quick_title_card(with_bytes).front.headline == "Title \u2014 with a dash"


def test_a_file_gone_before_the_read_is_none(tmp_path: Path) -> None:
    path = _pack(tmp_path / "gone.json", "Gone")
    started = prefetch.Prefetch(tmp_path / "never-there.json")
    assert started.take(tmp_path / "never-there.json") is None
    assert prefetch.Prefetch(path).take(path) == path.read_bytes()


def test_only_a_big_first_pack_imports_its_decoder_before_qt(tmp_path: Path) -> None:
    """A first look at a big file decodes with msgspec; a small one never imports it."""
    small = _pack(tmp_path / "small.json", "Small")
    big = tmp_path / "big.json"
    items = [{"id": f"a{i}", "name": "An actor with a long enough name"} for i in range(20_000)]
    big.write_text(json.dumps({"title": "Big", "actors": items}), "utf-8")
    probe = (
        "import sys; from pathlib import Path; "
        "from briefing_app.core.quick_pack import prepare_first_look; "
        "prepare_first_look(Path(sys.argv[1])); print('msgspec' in sys.modules)"
    )
    for path, expected in ((small, "False"), (big, "True"), (tmp_path / "gone.json", "False")):
        done = subprocess.run(
            [sys.executable, "-c", probe, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert done.stdout.strip() == expected, path.name


def _oversized(path: Path) -> Path:
    """A file just over the format's limit that costs no disk (sparse)."""
    with path.open("wb") as f:
        f.write(b'{"format": "briefing-pack"')
        f.truncate(MAX_FILE_BYTES + 1024 * 1024)
    return path


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    """A 1 GB JSON opened by mistake must not be read whole before the first frame."""
    path = _oversized(tmp_path / "huge.json")
    assert prefetch.Prefetch(path).take(path) is None
    for first_look in (read_head, quick_pack.read_raw):
        with pytest.raises(ValueError, match=r"the file is 21\.0 MiB; the limit is 20 MiB"):
            first_look(path)
    line = quick_pack.quick_summary(path)
    assert line.problem is not None and "limit is 20 MiB" in line.problem
