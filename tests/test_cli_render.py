"""``briefing-app render``: both faces of every card as PNG, headless, with clear failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pack_builder import actor, implication, measure, quote, write_pack
from pack_builder import pack as build_pack

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from briefing_app.cli import main

pytestmark = pytest.mark.gui


def write(tmp_path: Path, name: str = "pack.json", **overrides: Any) -> Path:
    raw = build_pack(
        id="render-test",
        title="Render <b>test</b>",
        actors=[actor("alpha", "Alice Alpha", role="Prime Minister")],
        quotes=[quote("q1", "alpha", "a survival-threatening situation")],
        measures=[measure("m1", "alpha", "Seafood ban")],
        implications=[implication("i1", "Trade becomes a weapon")],
    )
    raw.update(overrides)
    return write_pack(tmp_path, raw, name)


def test_writes_both_faces_of_every_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtGui import QImage

    pack = write(tmp_path)
    out = tmp_path / "out" / "nested"
    assert main(["render", str(pack), "-o", str(out), "--size", "800x450", "--theme", "dark"]) == 0
    ids = ["render-test-title", "alpha", "q1", "m1", "i1"]
    expected = {f"{i}-{face}.png" for i in ids for face in ("front", "back")}
    assert {p.name for p in out.iterdir()} == expected
    image = QImage(str(out / "q1-front.png"))
    assert (image.width(), image.height()) == (800, 450)
    assert "wrote 10 images" in capsys.readouterr().out


def test_front_and_back_differ_and_themes_differ(tmp_path: Path) -> None:
    pack = write(tmp_path)
    light, dark = tmp_path / "light", tmp_path / "dark"
    assert main(["render", str(pack), "-o", str(light)]) == 0
    assert main(["render", str(pack), "-o", str(dark), "--theme", "dark"]) == 0
    front = (light / "q1-front.png").read_bytes()
    assert front != (light / "q1-back.png").read_bytes()
    assert front != (dark / "q1-front.png").read_bytes()


@pytest.mark.parametrize("size", ["800", "0x0", "axb", "100000x10", "10x10"])
def test_bad_size_exits_2(tmp_path: Path, size: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(write(tmp_path)), "-o", str(tmp_path / "o"), "--size", size]) == 2
    assert "--size" in capsys.readouterr().err


def test_bad_pack_exits_1_with_located_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write(tmp_path, quotes=[{"id": "q1", "actor": "nobody", "text": "x"}])
    assert main(["render", str(pack), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "quotes[0].actor" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_unwritable_output_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["render", str(write(tmp_path)), "-o", str(blocker / "sub")]) == 1
    assert "cannot create the folder" in capsys.readouterr().err


def test_runs_without_a_display(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = ""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing_app",
            "render",
            str(write(tmp_path)),
            "-o",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "q1-back.png").is_file()


def test_actor_pictures_from_the_pack_folder_and_placeholders(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QGuiApplication, QImage

    assert QGuiApplication.instance() or QGuiApplication([])
    folder = tmp_path / "pack"
    (folder / "images").mkdir(parents=True)
    picture = QImage(48, 48, QImage.Format.Format_RGB32)
    picture.fill(QColor("#00ff00"))
    assert picture.save(str(folder / "images" / "alice.png"))
    actors = [
        {"id": "alpha", "name": "Alice Alpha", "image": "images/alice.png"},
        {"id": "beta", "name": "Bob Beta", "image": "images/missing.png"},
    ]
    write(folder, quotes=[], measures=[], actors=actors)
    out = tmp_path / "out"
    assert main(["render", str(folder), "-o", str(out), "--size", "640x360"]) == 0

    def green(name: str) -> int:
        image = QImage(str(out / name))
        return sum(
            1
            for y in range(0, image.height(), 2)
            for x in range(0, image.width(), 2)
            if image.pixelColor(x, y) == QColor("#00ff00")
        )

    assert green("alpha-front.png") > 200
    assert green("beta-front.png") == 0  # the placeholder: initials on a tint
