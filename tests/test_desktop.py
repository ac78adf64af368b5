"""Desktop integration: the launcher and icon install for the user, the wheel works alone."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from anki_reader import read_apkg
from cli_runner import run_cli

from briefing_app import __version__
from briefing_app.desktop import APP_ID, desktop_file, icon_png, icon_svg, metainfo_file

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
(WINDOW_SCRIPT,) = PROJECT["gui-scripts"]


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def exec_arguments(value: str) -> list[str]:
    """An ``Exec`` value split as the desktop entry spec says a launcher must.

    First the string escapes (``\\\\``, ``\\n``), then arguments split on spaces,
    where double quotes group and, inside them, a backslash escapes the next character.
    """
    text = value.replace("\\\\", "\0").replace("\\n", "\n").replace("\0", "\\")
    arguments: list[str] = []
    current: list[str] | None = None
    chars = iter(text)
    quoted = False
    for ch in chars:
        if quoted:
            if ch == '"':
                quoted = False
            else:
                current.append(next(chars) if ch == "\\" else ch)  # type: ignore[union-attr]
        elif ch == " ":
            if current is not None:
                arguments.append("".join(current))
            current = None
        else:
            current = current if current is not None else []
            quoted = ch == '"'
            if not quoted:
                current.append(ch)
    assert not quoted, f"unclosed quote in {value!r}"
    if current is not None:
        arguments.append("".join(current))
    return arguments


def test_install_desktop_writes_the_launcher_icon_and_metainfo(tmp_path: Path) -> None:
    done = run_cli("install-desktop", env={"XDG_DATA_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    section = desktop_entry(entry)
    assert section["Name"] == "Briefing App" and section["Icon"] == APP_ID
    assert Path(exec_arguments(section["Exec"])[0]).name == WINDOW_SCRIPT
    svg = tmp_path / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg"
    png = tmp_path / "icons/hicolor/256x256/apps" / f"{APP_ID}.png"
    metainfo = tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert svg.read_bytes() == icon_svg().read_bytes()
    assert png.read_bytes() == icon_png().read_bytes()
    assert metainfo.read_bytes() == metainfo_file().read_bytes()
    assert done.stdout.splitlines() == [f"wrote {p}" for p in (entry, svg, png, metainfo)]
    gone = run_cli("install-desktop", "--uninstall", env={"XDG_DATA_HOME": str(tmp_path)})
    assert gone.returncode == 0
    assert gone.stdout.splitlines() == [f"removed {p}" for p in (entry, svg, png, metainfo)]
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_without_xdg_data_home_it_installs_under_local_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    done = run_cli("install-desktop", env={"XDG_DATA_HOME": None})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / ".local/share/applications" / f"{APP_ID}.desktop").is_file()


@pytest.mark.parametrize("folder", ["my venv", 'odd $HOME `x` "q" 100%', "back\\slash"])
def test_the_launcher_path_is_quoted_for_the_desktop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    """A virtual environment in a folder with spaces or shell characters still launches."""
    bin_dir = tmp_path / folder / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / WINDOW_SCRIPT
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    done = run_cli("install-desktop", env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    section = desktop_entry(tmp_path / "data/applications" / f"{APP_ID}.desktop")
    # a launcher turns %% into %, %f into the file opened
    assert exec_arguments(section["Exec"].replace("%%", "%")) == [str(script), "%f"]


def test_the_shipped_desktop_files_are_well_formed() -> None:
    section = desktop_entry(desktop_file())
    assert section["Type"] == "Application"
    assert exec_arguments(section["Exec"])[0] == WINDOW_SCRIPT
    # Qt names a window's X11 class after the program it was started as (argv[0]);
    # on Wayland the app id is the desktop file name the window sets.
    assert section["StartupWMClass"] == WINDOW_SCRIPT
    assert section["Icon"] == APP_ID
    root = ElementTree.parse(metainfo_file()).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("project_license") == PROJECT["license"]["text"]


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstreamcli")
def test_the_metainfo_passes_appstream_validation() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo_file())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_png_icon_is_the_svg_drawn_at_256_px(qapp: object) -> None:
    """Regenerate the PNG from the SVG (QSvgRenderer, 256 x 256) whenever the SVG changes."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    drawn = QImage(256, 256, QImage.Format.Format_ARGB32_Premultiplied)
    drawn.fill(Qt.GlobalColor.transparent)
    painter = QPainter(drawn)
    QSvgRenderer(str(icon_svg())).render(painter)
    painter.end()
    shipped = QImage(str(icon_png())).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert shipped.size() == drawn.size()
    far = sum(
        1
        for y in range(256)
        for x in range(256)
        if max(abs(a - b) for a, b in zip(_rgba(shipped, x, y), _rgba(drawn, x, y), strict=True))
        > 24
    )
    assert far < 256 * 256 // 200, f"{far} pixels differ from the SVG"


def _rgba(image: object, x: int, y: int) -> tuple[int, int, int, int]:
    pixel = image.pixel(x, y)  # type: ignore[attr-defined]
    return (pixel >> 24 & 255, pixel >> 16 & 255, pixel >> 8 & 255, pixel & 255)


def _build_wheel(dist: Path) -> Path:
    """The project's wheel, built offline when hatchling is installed (the test extras)."""
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            *isolation,
            "-w",
            str(dist),
            ROOT,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0 and not isolation and "hatchling" in build.stderr:
        pytest.skip("the build backend could not be fetched here")
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("briefing_app-*.whl")
    return wheel


def _fresh_venv(venv: Path) -> Path:
    """A venv outside the checkout whose dependencies come from this one, via a .pth."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.check_output(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True,
    ).strip()
    # The dependencies come from this venv; the app itself only from the wheel.
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


@pytest.mark.slow
def test_the_wheel_works_installed_alone_outside_the_checkout(tmp_path: Path) -> None:
    """Build the wheel, install it in a fresh venv, run its commands from there."""
    wheel = _build_wheel(tmp_path / "dist")
    assert __version__ in wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith("_data/briefs/us-japan-taiwan-2025/pack.json") for n in names)
    assert any(n.endswith("_data/resources/desktop/briefing-app.svg") for n in names)

    python = _fresh_venv(tmp_path / "venv")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            wheel,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    scripts = python.parent
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": "",
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    where = subprocess.check_output(
        [
            str(python),
            "-c",
            "import briefing_app, briefing_app.paths as p; "
            "print(briefing_app.__file__); print(p.bundled_briefs_dir())",
        ],
        text=True,
        cwd=tmp_path,
        env=env,
    ).split()
    assert str(ROOT) not in where[0] and str(tmp_path / "venv") in where[1]

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(scripts / "briefing-app"), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    pack = where[1] + "/us-japan-taiwan-2025"
    assert run("--version").split()[-1] == __version__
    cards = int(run("validate", pack).split(": ok, ")[1].split()[0])
    run("render", pack, "-o", str(tmp_path / "png"), "--size", "320x180")
    run("export", pack, "--to", "apkg", "-o", str(tmp_path / "deck.apkg"))
    notes = read_apkg(tmp_path / "deck.apkg").notes
    assert len(notes) == cards
    (pack_id,) = {note.fields["PackId"] for note in notes}
    drawn = sorted(p.name for p in (tmp_path / "png").glob("*.png"))
    ids = [*(note.fields["ItemId"] for note in notes), f"{pack_id}-title"]
    assert drawn == sorted(f"{i}-{side}.png" for i in ids for side in ("front", "back"))
    run("install-desktop")
    entry = desktop_entry(tmp_path / "data/applications" / f"{APP_ID}.desktop")
    assert exec_arguments(entry["Exec"])[0] == str(scripts / WINDOW_SCRIPT)
    assert (scripts / WINDOW_SCRIPT).exists()
