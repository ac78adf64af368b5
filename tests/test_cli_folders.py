"""quiz, export, render and stats take a folder of packs: one inside, or ``--pack ID``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_runner import run_cli

from briefing_app.paths import bundled_briefs_dir

BUNDLED = bundled_briefs_dir() / "us-japan-taiwan-2025" / "pack.json"


@pytest.fixture
def one(tmp_path: Path) -> Path:
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "only.json")
    return folder


@pytest.fixture
def two(one: Path) -> Path:
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    data["id"] = "second-pack"
    (one / "second.json").write_text(json.dumps(data), encoding="utf-8")
    return one


def test_a_folder_with_one_pack_uses_it(one: Path, tmp_path: Path) -> None:
    assert run_cli("export", one, "--to", "md", "-o", tmp_path / "b.md").returncode == 0
    assert run_cli("stats", one, "--json").returncode == 0
    quiz = run_cli("quiz", one, "--text", "--questions", "1", "--seed", "2", input="1\n")
    assert quiz.returncode == 0 and quiz.stdout.splitlines()[-1].startswith("Score: ")
    assert run_cli("render", one, "-o", tmp_path / "png", "--size", "320x180").returncode == 0


@pytest.mark.parametrize("command", ["quiz", "export", "stats", "render"])
def test_several_packs_need_pack_and_the_error_lists_the_ids(
    command: str, two: Path, tmp_path: Path
) -> None:
    extra = {
        "quiz": ["--text"],
        "export": ["--to", "md", "-o", str(tmp_path / "b.md")],
        "stats": [],
        "render": ["-o", str(tmp_path / "png"), "--pack", "nope"],
    }[command]
    done = run_cli(command, two, *extra)
    assert done.returncode == 1
    assert "second-pack" in done.stderr and "us-japan-taiwan-2025" in done.stderr


def test_pack_picks_one_of_several(two: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    done = run_cli("export", two, "--pack", "second-pack", "--to", "md", "-o", out)
    assert done.returncode == 0 and out.exists()
    done = run_cli("stats", two, "--pack", "second-pack", "--json")
    assert json.loads(done.stdout)["pack"] == "second-pack"
