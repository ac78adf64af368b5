"""The window's settings: a small dataclass, persisted with ``QSettings``.

Kept free of pydantic (it would cost start-up time). Pass a ``QSettings``
pointing at a temporary INI file in tests so nothing touches the user's config.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QSettings


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
        self._q = qsettings if qsettings is not None else QSettings("BriefingApp", "briefing-app")

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
        s.recent = [str(p) for p in entries][:MAX_RECENT]
        s.show_library = _bool(q.value("show_library", True))
        return s

    def save(self, s: Settings) -> None:
        q = self._q
        q.setValue("theme", str(s.theme))
        q.setValue("reduce_motion", s.reduce_motion)
        q.setValue("text_scale", s.text_scale)
        q.setValue("recent", list(s.recent))
        q.setValue("show_library", s.show_library)
        q.sync()


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
