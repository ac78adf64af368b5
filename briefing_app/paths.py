"""Where the bundled resources and packs live, in a checkout or an installed wheel.

A wheel carries them as ``briefing_app/_data/{resources,briefs}`` (hatchling
force-include); a checkout has them at the top level beside the package.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _data_dir(name: str) -> Path:
    bundled = Path(str(files("briefing_app"))) / "_data" / name
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parent.parent / name


def resources_dir() -> Path:
    """Icons, stylesheets and the JSON Schema."""
    return _data_dir("resources")


def bundled_briefs_dir() -> Path:
    """The packs that ship with the app."""
    return _data_dir("briefs")


def schema_path() -> Path:
    return resources_dir() / "briefing-pack.schema.json"
