"""The window's settings: a small dataclass, persisted with ``QSettings``.

Kept free of pydantic (it would cost start-up time). Where they live: one INI
file, ``settings.ini``, beside the progress database when ``BRIEFING_APP_DATA_DIR``
is set, so a portable install or a test never writes into the user's profile;
otherwise in the platform's config folder under the app's one name
(``~/.config/briefing-app/settings.ini`` on Linux), the name the data and log
folders use too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from ..paint.theme import Theme, system_theme_name, theme_named

APP_NAME = "briefing-app"
ORGANIZATION = "BriefingApp"  # where earlier versions kept settings (Qt's default place)
DATA_DIR_VAR = "BRIEFING_APP_DATA_DIR"
SETTINGS_FILE = "settings.ini"


class ThemeChoice(StrEnum):
    """The user's theme: follow the system, or always light or dark."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


MAX_RECENT = 8
MIN_SCALE, MAX_SCALE = 0.5, 2.0
SCALE_STEP = 0.1


@dataclass
class Settings:
    """What the user chose: theme override, motion, text size, recent packs."""

    theme: ThemeChoice = ThemeChoice.SYSTEM
    reduce_motion: bool = False
    text_scale: float = 1.0
    recent: list[str] = field(default_factory=list)
    show_library: bool = True
    geometry: bytes = b""  # the window's size and place, as Qt saves it
    quiz_check_on_choose: bool = True  # a click or number key answers at once
    quiz_ask_again: bool = True  # a missed question comes back later in the quiz
    # The menu bar's, toolbar's and navigation row's heights when the window last closed:
    # the first frame holds their places while they are built (0: not known yet).
    chrome_heights: tuple[int, int, int] = (0, 0, 0)

    def add_recent(self, path: str) -> None:
        self.recent = [path] + [p for p in self.recent if p != path]
        del self.recent[MAX_RECENT:]

    def step_text_scale(self, steps: int) -> float:
        """Move the text scale ``steps`` tenths (50% to 200%); the new scale."""
        tenths = round(self.text_scale / SCALE_STEP) + steps
        self.text_scale = round(max(MIN_SCALE, min(MAX_SCALE, tenths * SCALE_STEP)), 2)
        return self.text_scale


class SettingsStore:
    """Reads and writes ``Settings`` through one ``QSettings`` object."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else default_qsettings()

    def load(self) -> Settings:
        q = self._q
        s = Settings()
        theme = str(q.value("theme", s.theme))
        s.theme = ThemeChoice(theme) if theme in tuple(ThemeChoice) else ThemeChoice.SYSTEM
        s.reduce_motion = _bool(q.value("reduce_motion", False))
        try:
            s.text_scale = float(q.value("text_scale", 1.0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            s.text_scale = 1.0
        s.text_scale = max(MIN_SCALE, min(MAX_SCALE, s.text_scale))
        recent = q.value("recent", [])
        if isinstance(recent, str):
            recent = [recent] if recent else []
        entries = recent if isinstance(recent, list) else []
        # A recent pack that was moved or deleted (or another run's temporary folder)
        # is dropped rather than offered.
        s.recent = [str(p) for p in entries if _exists(str(p))][:MAX_RECENT]
        geometry = q.value("geometry", b"")
        s.geometry = bytes(geometry.data()) if isinstance(geometry, QByteArray) else b""
        s.show_library = _bool(q.value("show_library", True))
        s.quiz_check_on_choose = _bool(q.value("quiz/check_on_choose", True))
        s.quiz_ask_again = _bool(q.value("quiz/ask_again", True))
        s.chrome_heights = _heights(q.value("window/chrome_heights", []))
        return s

    def save(self, s: Settings) -> None:
        q = self._q
        q.setValue("theme", str(s.theme))
        q.setValue("reduce_motion", s.reduce_motion)
        q.setValue("text_scale", s.text_scale)
        q.setValue("recent", list(s.recent))
        q.setValue("show_library", s.show_library)
        q.setValue("geometry", QByteArray(s.geometry))
        q.setValue("quiz/check_on_choose", s.quiz_check_on_choose)
        q.setValue("quiz/ask_again", s.quiz_ask_again)
        q.setValue("window/chrome_heights", [str(h) for h in s.chrome_heights])
        q.sync()


def chosen_theme(choice: ThemeChoice) -> Theme:
    """The theme a choice stands for: the system's light or dark, or the one chosen."""
    return theme_named(system_theme_name() if choice == ThemeChoice.SYSTEM else choice)


def settings_path() -> Path:
    """``settings.ini`` beside the data when redirected; else in the platform's config folder."""
    override = os.environ.get(DATA_DIR_VAR)
    if override:
        return Path(override) / SETTINGS_FILE
    config = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(config) / APP_NAME / SETTINGS_FILE


def default_qsettings() -> QSettings:
    """The settings file (see ``settings_path``); a first run takes over earlier settings."""
    path = settings_path()
    q = QSettings(str(path), QSettings.Format.IniFormat)
    if not os.environ.get(DATA_DIR_VAR) and not path.exists():
        take_over(q, QSettings(ORGANIZATION, APP_NAME))  # reading never creates it
    return q


def take_over(new: QSettings, earlier: QSettings) -> None:
    """Copy the settings an earlier version kept elsewhere (it is left as it was)."""
    for key in earlier.allKeys():
        new.setValue(key, earlier.value(key))


MAX_CHROME_HEIGHT = 400  # taller than any bar at 200% scaling; more is a damaged file


def _heights(value: object) -> tuple[int, int, int]:
    """Three heights in pixels from the settings file, or (0, 0, 0) if they are not that."""
    items = value if isinstance(value, list) else []
    try:
        numbers = [int(str(v)) for v in items]
    except ValueError:
        return (0, 0, 0)
    if len(numbers) != 3 or not all(0 < n <= MAX_CHROME_HEIGHT for n in numbers):
        return (0, 0, 0)
    return (numbers[0], numbers[1], numbers[2])


def _exists(path: str) -> bool:
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
