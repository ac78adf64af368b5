"""``briefing-app install-desktop [--uninstall]``: the launcher and icon for this user (Linux).

Writes, under ``$XDG_DATA_HOME`` (default ``~/.local/share``): the ``.desktop``
file in ``applications/``, the icon in ``icons/hicolor/scalable/apps`` and
``256x256/apps``, and the AppStream metainfo in ``metainfo/``. The launcher runs
the ``briefing-app-window`` script found beside this Python, so it works from a
virtual environment too. Prints every file it wrote or removed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

from ..desktop import APP_ID, desktop_file, icon_png, icon_svg, metainfo_file
from ..terminal import error_line, write_line

HELP = "install the desktop launcher and icon for this user (Linux)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--uninstall", action="store_true", help="remove what it installed")


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME")
    return Path(value) if value else Path.home() / ".local" / "share"


def targets(base: Path) -> dict[str, Path]:
    return {
        "desktop": base / "applications" / f"{APP_ID}.desktop",
        "svg": base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "png": base / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png",
        "metainfo": base / "metainfo" / f"{APP_ID}.metainfo.xml",
    }


def launcher_command() -> str:
    """The window's script beside this interpreter, else the one on PATH."""
    here = Path(sys.executable).parent / "briefing-app-window"
    if here.exists():
        return str(here)
    return shutil.which("briefing-app-window") or "briefing-app-window"


_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def exec_argument(argument: str) -> str:
    """One argument of a desktop entry's ``Exec`` key, quoted as the spec asks.

    An argument holding a reserved character (a space in ``~/my venv``, say) is
    put in double quotes with ``" ` $ \\`` escaped; ``%`` is doubled; then the
    whole is escaped again as a desktop-entry string (``\\`` for a backslash).
    """
    quoted = argument.replace("%", "%%")
    if any(ch in _RESERVED for ch in quoted):
        quoted = '"' + re.sub(r'(["`$\\])', r"\\\1", quoted) + '"'
    return quoted.replace("\\", "\\\\").replace("\n", "\\n")


def run(args: argparse.Namespace) -> int:
    if not sys.platform.startswith("linux"):
        error_line("briefing-app install-desktop: only Linux desktops use .desktop files")
        return 1
    paths = targets(data_home())
    try:
        if args.uninstall:
            for path in paths.values():
                if path.exists():
                    path.unlink()
                    write_line(f"removed {path}")
            return 0
        for path in paths.values():
            path.parent.mkdir(parents=True, exist_ok=True)
        entry = desktop_file().read_text(encoding="utf-8")
        command = exec_argument(launcher_command())
        entry = entry.replace("Exec=briefing-app-window", f"Exec={command}", 1)
        paths["desktop"].write_text(entry, encoding="utf-8")
        shutil.copyfile(icon_svg(), paths["svg"])
        shutil.copyfile(icon_png(), paths["png"])
        shutil.copyfile(metainfo_file(), paths["metainfo"])
    except OSError as exc:
        error_line(f"briefing-app install-desktop: {exc.strerror or exc}: {exc.filename or ''}")
        return 1
    for path in paths.values():
        write_line(f"wrote {path}")
    return 0
