"""Where the bundled resources and packs live, in a checkout or an installed wheel.

A wheel carries them as ``briefing_app/_data/{resources,briefs}`` (hatchling
force-include); a checkout has them at the top level beside the package.
"""

from __future__ import annotations

from pathlib import Path


def _data_dir(name: str) -> Path:
    # Plain paths first: importlib.resources costs several ms of start-up to import.
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    from importlib.resources import files

    return Path(str(files("briefing_app"))) / "_data" / name


def resources_dir() -> Path:
    """Icons, stylesheets and the JSON Schema."""
    return _data_dir("resources")


def bundled_briefs_dir() -> Path:
    """The packs that ship with the app."""
    return _data_dir("briefs")


def schema_path() -> Path:
    return resources_dir() / "briefing-pack.schema.json"
