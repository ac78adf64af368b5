"""Where settings live, what survives a restart, and what Open Recent drops."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from briefing_app.ui.settings import (
    Settings,
    SettingsStore,
    ThemeChoice,
    default_qsettings,
    settings_path,
    take_over,
)


def test_beside_the_progress_database_when_the_data_dir_is_set(
    isolated_data_dir: Path,
) -> None:
    assert settings_path() == isolated_data_dir / "settings.ini"
    SettingsStore().save(Settings(theme=ThemeChoice.DARK))
    assert (isolated_data_dir / "settings.ini").read_text(encoding="utf-8").count("theme=dark")


def test_in_the_platform_config_folder_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BRIEFING_APP_DATA_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert settings_path() == tmp_path / "config" / "briefing-app" / "settings.ini"
    q = default_qsettings()
    assert Path(q.fileName()) == settings_path()
    assert q.format() == QSettings.Format.IniFormat


def test_everything_round_trips(tmp_path: Path) -> None:
    pack = tmp_path / "pack.json"
    pack.write_text("{}", encoding="utf-8")
    store = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    saved = Settings(
        theme=ThemeChoice.LIGHT,
        reduce_motion=True,
        text_scale=1.3,
        recent=[str(pack)],
        show_library=False,
        geometry=b"\x01\xd9\xd0\xcb\x00\x03geometry",
        quiz_check_on_choose=False,
        quiz_ask_again=False,
    )
    store.save(saved)
    again = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)).load()
    assert again == saved


def test_open_recent_drops_paths_that_no_longer_exist(tmp_path: Path) -> None:
    kept = tmp_path / "kept.json"
    kept.write_text("{}", encoding="utf-8")
    other_run = tmp_path / "pytest-of-someone" / "tmp-folder"  # another run's, since deleted
    store = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    store.save(Settings(recent=[str(other_run), str(kept), str(tmp_path / "moved.json")]))
    assert store.load().recent == [str(kept)]


def test_damaged_values_fall_back_to_defaults(tmp_path: Path) -> None:
    ini = tmp_path / "s.ini"
    ini.write_text(
        "[General]\ntheme=neon\ntext_scale=huge\nrecent=\ngeometry=not bytes\n", encoding="utf-8"
    )
    loaded = SettingsStore(QSettings(str(ini), QSettings.Format.IniFormat)).load()
    assert loaded == Settings()


def test_a_first_run_takes_over_the_earlier_settings(tmp_path: Path) -> None:
    earlier = QSettings(str(tmp_path / "old.conf"), QSettings.Format.IniFormat)
    SettingsStore(earlier).save(Settings(theme=ThemeChoice.DARK, text_scale=1.5))
    new = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    take_over(new, earlier)
    loaded = SettingsStore(new).load()
    assert (loaded.theme, loaded.text_scale) == (ThemeChoice.DARK, 1.5)
