"""The app's desktop identity: one app id, its icon, and where a user install puts them."""

from __future__ import annotations

from pathlib import Path

from .paths import resources_dir

APP_ID = "io.github.briefingapp.BriefingApp"
APP_NAME = "Briefing App"


def desktop_dir() -> Path:
    return resources_dir() / "desktop"


def icon_svg() -> Path:
    return desktop_dir() / "briefing-app.svg"


def icon_png() -> Path:
    return desktop_dir() / "briefing-app.png"


def desktop_file() -> Path:
    return desktop_dir() / f"{APP_ID}.desktop"


def metainfo_file() -> Path:
    return desktop_dir() / f"{APP_ID}.metainfo.xml"
