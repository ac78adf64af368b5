"""From a path or bytes to a Pack: files, folders, encodings, JSON syntax, sizes."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from pack_samples import encode, problems, valid

from briefing_app.core.errors import PackError, Problem
from briefing_app.core.limits import MAX_FILE_BYTES
from briefing_app.core.pack import load_pack, parse_pack


def load_problems(path: Path | str) -> list[str]:
    with pytest.raises(PackError) as info:
        load_pack(path)
    return [str(p) for p in info.value.problems]


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.json"
    path.write_bytes(encode(valid()))
    return path


def test_load_a_json_file(pack_file: Path) -> None:
    pack = load_pack(pack_file)
    assert pack.id == "sample-pack"
    assert pack.path == pack_file
    assert pack.folder == pack_file.parent
    assert pack.actor("takaichi") is pack.actors[0]
    assert pack.actor("nobody") is None
    assert pack.source("article") is pack.sources[0]
    assert pack.source(None) is None


def test_load_accepts_a_string_path(pack_file: Path) -> None:
    assert load_pack(str(pack_file)).id == "sample-pack"


def test_load_a_folder_holding_pack_json(tmp_path: Path) -> None:
    (tmp_path / "pack.json").write_bytes(encode(valid()))
    pack = load_pack(tmp_path)
    assert pack.path == tmp_path / "pack.json"
    assert pack.folder == tmp_path


def test_a_folder_without_pack_json(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_bytes(encode(valid()))
    assert load_problems(tmp_path) == ["this folder holds no pack.json"]


def test_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(PackError) as info:
        load_pack(tmp_path / "nope.json")
    assert [str(p) for p in info.value.problems] == ["no such file or folder"]
    assert info.value.path == str(tmp_path / "nope.json")


def test_the_error_carries_the_path_given(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b"{")
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert info.value.path == str(path)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_not_a_pack() -> None:
    assert load_problems("/dev/null") == ["not a regular file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert load_problems(fifo) == ["not a regular file"]


def test_a_path_with_a_nul_byte_is_a_pack_error() -> None:
    found = load_problems("bad\x00name.json")
    assert found in (["no such file or folder"], ["cannot open this path: embedded null byte"])


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"  \n")
    assert load_problems(path) == ["the file is empty"]


def test_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    found = load_problems(path)
    assert len(found) == 1 and found[0].startswith("line ")


def test_file_size_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1024 * 1024)  # sparse: costs no disk
    read_calls: list[str] = []
    real_open = Path.open

    def spying_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        read_calls.append(str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spying_open)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read_bytes was called"))
    start = time.perf_counter()
    assert load_problems(path) == ["the file is 21.0 MiB; the limit is 20 MiB"]
    assert time.perf_counter() - start < 1.0
    assert read_calls == []


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    body = encode(valid())
    padded = body[:-1] + b" " * (MAX_FILE_BYTES - len(body)) + body[-1:]
    assert len(padded) == MAX_FILE_BYTES
    path = tmp_path / "big.json"
    path.write_bytes(padded)
    assert load_pack(path).id == "sample-pack"


def test_parse_pack_refuses_oversized_bytes() -> None:
    found = problems(b" " * (MAX_FILE_BYTES + 1))
    assert found == ["the file is 20.0 MiB; the limit is 20 MiB"]


def test_utf8_bom_is_accepted() -> None:
    assert parse_pack(b"\xef\xbb\xbf" + encode(valid())).id == "sample-pack"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused_with_a_location(codec: str) -> None:
    data = encode(valid()).decode("utf-8").encode(codec)
    found = problems(data)
    assert len(found) == 1
    assert found[0].startswith("line 1, column ")
    assert "UTF-16" in found[0] and "save it as UTF-8" in found[0]


def test_latin1_is_refused_with_the_bad_byte_located() -> None:
    data = '{\n  "title": "caf\u00e9"\n}'.encode("latin-1")
    assert problems(data) == [
        "line 2, column 16: the file is not UTF-8 (byte 0xe9); save it as UTF-8"
    ]


def test_non_utf8_outside_a_string_is_located_too() -> None:
    assert problems(b'{"a": 1,\n \xff}') == [
        "line 2, column 2: the file is not UTF-8 (byte 0xff); save it as UTF-8"
    ]


def test_non_ascii_utf8_text_is_fine() -> None:
    pack = valid()
    pack["actors"][0]["aliases"] = ["高市早苗", "Takaïchi"]
    assert parse_pack(encode(pack)).actors[0].aliases == ["高市早苗", "Takaïchi"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{\n  "a": 1\n  "b": 2\n}', "line 3, column 3: invalid JSON: expected ',' or '}'"),
        (b'{"format": ', "line 1, column 11: invalid JSON: the file ends too early (truncated?)"),
        (b"{'a': 1}", "line 1, column 2: invalid JSON: key must be a string"),
        (b'{"a": 1,}', "line 1, column 9: invalid JSON: trailing comma"),
        (b'{"a": NaN}', "line 1, column 7: invalid JSON: expected value"),
        (b'{"a": 1} x', "line 1, column 10: invalid JSON: trailing characters"),
        (b'{"a": "x\x01"}', "line 1, column 9: invalid JSON: control character"),
    ],
)
def test_json_syntax_errors_are_located(data: bytes, expected: str) -> None:
    found = problems(data)
    assert len(found) == 1
    assert found[0].startswith(expected), found


def test_json_error_message_format() -> None:
    (only,) = problems(b'{\n  "id": "x",\n  "title" "y"\n}')
    location, _, message = only.partition(": ")
    assert location == "line 3, column 11"
    assert message.startswith("invalid JSON: ")


def test_duplicate_keys_are_refused_with_line_and_column() -> None:
    data = b'{\n  "format": "briefing-pack",\n  "id": "a",\n  "id": "b"\n}'
    assert problems(data) == ["line 4, column 8: duplicate key 'id' in one object"]


def test_duplicate_keys_inside_an_item_are_refused() -> None:
    text = encode(valid()).decode()
    text = text.replace('"text": "Retract the remarks."', '"text": "a", "text": "b"')
    (only,) = problems(text.encode())
    assert only.endswith("duplicate key 'text' in one object")
    assert only.startswith("line ")


def test_deep_nesting_is_a_pack_error_not_a_recursion_error() -> None:
    limit = sys.getrecursionlimit()
    for data in (b"[" * 100_000, b'{"a":' * 100_000, b'{"x-deep": ' + b"[" * 100_000):
        found = problems(data)
        assert len(found) == 1
        assert found[0].endswith("invalid JSON: nested too deeply"), found
    assert sys.getrecursionlimit() == limit


def test_problem_and_pack_error_text() -> None:
    error = PackError([Problem("quotes[3].actor", "unknown actor 'x'"), Problem("", "whole file")])
    assert str(error) == "quotes[3].actor: unknown actor 'x'\nwhole file"
    assert str(PackError([])) == "the pack could not be loaded"


def test_image_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "real.png").write_bytes(b"png")
    os.symlink(tmp_path / "images" / "real.png", tmp_path / "images" / "link.png")
    pack = valid()
    pack["actors"][0]["image"] = "images/link.png"
    (tmp_path / "pack.json").write_bytes(encode(pack))
    assert load_pack(tmp_path).actors[0].image == "images/link.png"


def test_image_symlink_leading_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"png")
    folder = tmp_path / "pack"
    (folder / "images").mkdir(parents=True)
    os.symlink(outside / "secret.png", folder / "images" / "face.png")
    pack = valid()
    pack["actors"][0]["image"] = "images/face.png"
    (folder / "pack.json").write_bytes(encode(pack))
    assert load_problems(folder) == [
        "actors[0].image: 'images/face.png' is a link that leads outside the pack's folder"
    ]


def test_folder_symlink_leading_out_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.png").write_bytes(b"png")
    folder = tmp_path / "pack"
    folder.mkdir()
    os.symlink(outside, folder / "images")
    pack = valid()
    pack["actors"][0]["image"] = "images/a.png"
    (folder / "pack.json").write_bytes(encode(pack))
    assert load_problems(folder) == [
        "actors[0].image: 'images/a.png' is a link that leads outside the pack's folder"
    ]


def test_symlink_loop_is_a_pack_error(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.png", tmp_path / "a.png")
    os.symlink(tmp_path / "a.png", tmp_path / "b.png")
    pack = valid()
    pack["actors"][0]["image"] = "a.png"
    (tmp_path / "pack.json").write_bytes(encode(pack))
    found = load_problems(tmp_path)
    assert found == [
        "actors[0].image: 'a.png' cannot be resolved (a link loop, or a bad character?)"
    ]


def test_pack_loaded_from_a_symlinked_folder(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "images").mkdir(parents=True)
    (real / "images" / "a.png").write_bytes(b"png")
    pack = valid()
    pack["actors"][0]["image"] = "images/a.png"
    (real / "pack.json").write_bytes(encode(pack))
    os.symlink(real, tmp_path / "alias")
    assert load_pack(tmp_path / "alias").actors[0].image == "images/a.png"


def test_loading_restores_the_garbage_collector() -> None:
    import gc

    assert gc.isenabled()
    parse_pack(encode(valid()))
    assert gc.isenabled()
    with pytest.raises(PackError):
        parse_pack(b"{")
    assert gc.isenabled()
    gc.disable()
    try:
        parse_pack(encode(valid()))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_leaves_frozen_objects_frozen() -> None:
    import gc

    before = gc.get_freeze_count()  # a window test earlier in the process may have frozen some
    parse_pack(encode(valid()))
    assert gc.get_freeze_count() == before  # loading freezes nothing itself
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        parse_pack(encode(valid()))
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
