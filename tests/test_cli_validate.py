"""``briefing-app validate`` and ``briefing-app schema``, run as a user would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import Done, run_cli

from briefing_app.commands.schema import schema_text
from briefing_app.paths import bundled_briefs_dir, schema_path

sys.path.insert(0, str(Path(__file__).parent / "core"))
from pack_samples import encode, valid  # shared with tests/core

SAMPLE_OK = "ok, 7 cards (3 actors, 2 quotes, 1 measures, 1 implications)"


def run(*args: str, cwd: Path | None = None) -> Done:
    return run_cli(*args, cwd=cwd)


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: for the smoke tests."""
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def assert_no_traceback(done: Done | subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stdout + done.stderr
    assert "internal error" not in done.stdout


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    good = valid()
    bad = valid()
    bad["quotes"][1]["actor"] = "takaichii"
    bad["sources"][0]["url"] = "ftp://example.com"
    (tmp_path / "good.json").write_bytes(encode(good))
    (tmp_path / "bad.json").write_bytes(encode(bad))
    return tmp_path


def test_a_valid_pack(packs: Path) -> None:
    path = str(packs / "good.json")
    done = run("validate", path)
    assert done.returncode == 0
    assert done.stdout == f"{path}: {SAMPLE_OK}\n"
    assert done.stderr == ""


def test_an_invalid_pack_prints_one_line_per_problem(packs: Path) -> None:
    path = str(packs / "bad.json")
    done = run("validate", path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{path}: sources[0].url: 'ftp://example.com' is not an http:// or https:// address",
        f"{path}: quotes[1].actor: unknown actor 'takaichii' (did you mean 'takaichi'?)",
    ]


def test_several_paths_any_invalid_exits_1(packs: Path) -> None:
    good, bad = str(packs / "good.json"), str(packs / "bad.json")
    done = run("validate", good, bad)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == f"{good}: {SAMPLE_OK}"
    assert all(line.startswith(f"{bad}: ") for line in lines[1:])
    assert run("validate", good, good).returncode == 0


def test_a_folder_of_packs_validates_each(packs: Path) -> None:
    done = run("validate", str(packs))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{packs / 'bad.json'}: ")
    assert lines[-1] == f"{packs / 'good.json'}: {SAMPLE_OK}"


def test_a_pack_folder_and_the_bundled_packs() -> None:
    done = run(
        "validate", str(bundled_briefs_dir()), str(bundled_briefs_dir() / "us-japan-taiwan-2025")
    )
    assert done.returncode == 0, done.stdout
    assert all(": ok, " in line for line in done.stdout.splitlines())


def test_json_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b'{\n  "format": "briefing-pack"\n  "version": 1\n}')
    done = run("validate", str(path))
    assert done.returncode == 1
    assert done.stdout == f"{path}: line 3, column 3: invalid JSON: expected ',' or '}}'\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.json", None, "no such file or folder"),
        ("empty.json", b"", "the file is empty"),
        ("binary.json", bytes(range(256)) * 4, "line 1, column 1: "),
        ("deep.json", b"[" * 100_000, "invalid JSON: nested too deeply"),
        ("array.json", b"[1, 2]", "the file holds a JSON array, not a briefing pack object"),
        ("latin1.json", '{"title": "caf\u00e9"}'.encode("latin-1"), "is not UTF-8"),
    ],
)
def test_bad_inputs_never_give_a_traceback(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = run("validate", str(path))
    assert done.returncode == 1
    assert_no_traceback(done)
    assert done.stdout.startswith(f"{path}: ")
    assert expected in done.stdout


def test_odd_paths_never_give_a_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    fifo = tmp_path / "pipe.json"
    paths = [str(empty), "/dev/null"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        paths.append(str(fifo))
    done = run("validate", *paths)
    assert done.returncode == 1
    assert_no_traceback(done)
    assert done.stdout.splitlines() == [
        f"{empty}: this folder holds no packs (no pack.json, no *.json)",
        "/dev/null: not a regular file",
        *([f"{fifo}: not a regular file"] if hasattr(os, "mkfifo") else []),
    ]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_a_non_utf8_file_name_is_printed(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.json"
    with open(raw, "wb") as f:
        f.write(b"{}")
    done = run_process("validate", str(tmp_path))
    assert done.returncode == 1
    assert_no_traceback(done)
    assert "caf\\udce9.json: " in done.stdout


@pytest.mark.parametrize(
    "args", [("validate",), ("validate", "--bogus", "x.json"), ("--bogus",), ("schema", "extra")]
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "usage:" in done.stderr
    assert_no_traceback(done)


def test_schema_command_prints_the_checked_in_schema() -> None:
    done = run("schema")
    assert done.returncode == 0
    assert done.stdout == schema_text()
    assert json.loads(done.stdout)["title"] == "Briefing pack, format version 1"


def test_checked_in_schema_is_up_to_date() -> None:
    """Regenerate with: briefing-app schema > resources/briefing-pack.schema.json"""
    assert schema_path().read_text(encoding="utf-8") == schema_text()


def test_schema_describes_the_contract() -> None:
    schema = json.loads(schema_text())
    assert schema["required"] == [
        "format",
        "version",
        "id",
        "title",
        "actors",
        "quotes",
        "measures",
        "implications",
    ]
    assert schema["properties"]["format"]["const"] == "briefing-pack"
    assert schema["additionalProperties"] is False
    assert schema["patternProperties"] == {"^x-": {}}
    quote = schema["$defs"]["Quote"]
    assert quote["properties"]["text"]["maxLength"] == 2000
    assert quote["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9-]{0,79}$"
