"""Desktop integration: the launcher and icon install for the user, the wheel works alone."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from cli_runner import run_cli

from briefing_app import __version__
from briefing_app.desktop import APP_ID, desktop_file, metainfo_file

ROOT = Path(__file__).resolve().parents[1]


def test_install_desktop_writes_the_launcher_icon_and_metainfo(tmp_path: Path) -> None:
    done = run_cli("install-desktop", env={"XDG_DATA_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(entry)
    section = parser["Desktop Entry"]
    assert section["Name"] == "Briefing App" and section["Icon"] == APP_ID
    assert section["Exec"].split()[0].endswith("briefing-app-window")
    assert (tmp_path / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (tmp_path / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    assert len(done.stdout.splitlines()) == 4  # says what it wrote
    gone = run_cli("install-desktop", "--uninstall", env={"XDG_DATA_HOME": str(tmp_path)})
    assert gone.returncode == 0 and not entry.exists()


def test_the_shipped_desktop_files_are_well_formed() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(desktop_file())
    assert parser["Desktop Entry"]["Type"] == "Application"
    root = ElementTree.parse(metainfo_file()).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]


@pytest.mark.slow
def test_the_wheel_works_installed_alone_outside_the_checkout(tmp_path: Path) -> None:
    """Build the wheel, install it in a fresh venv, run validate, render and apkg from there."""
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0 and "hatchling" in build.stderr:
        pytest.skip("the build backend could not be fetched here")
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("briefing_app-*.whl")
    assert __version__ in wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith("_data/briefs/us-japan-taiwan-2025/pack.json") for n in names)
    assert any(n.endswith("_data/resources/desktop/briefing-app.svg") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    # The dependencies come from this venv; the app itself only from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    scripts = venv / "bin"
    cli = [str(python), "-m", "briefing_app"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
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
    assert str(ROOT) not in where[0] and str(site) in where[1]
    pack = where[1] + "/us-japan-taiwan-2025"
    for args in (
        ["validate", pack],
        ["render", pack, "-o", str(tmp_path / "png"), "--size", "320x180"],
        ["export", pack, "--to", "apkg", "-o", str(tmp_path / "deck.apkg")],
    ):
        done = subprocess.run(
            cli + args, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
        )
        assert done.returncode == 0, (args, done.stderr)
    assert (tmp_path / "deck.apkg").stat().st_size > 0
    assert (scripts / "briefing-app").exists() and (scripts / "briefing-app-window").exists()
