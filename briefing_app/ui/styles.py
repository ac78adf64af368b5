"""Stylesheets live in ``resources/styles/*.qss`` as templates; this fills in a theme.

A placeholder such as ``$accent`` is the theme's colour of that name; the
callers add the few generated parts (per-category chips, font families). The
window re-applies the result whenever the theme broadcast changes.
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from string import Template

from ..paint.theme import Theme
from ..paths import resources_dir


@lru_cache(maxsize=8)
def _template(name: str) -> Template:
    return Template((resources_dir() / "styles" / f"{name}.qss").read_text(encoding="utf-8"))


def theme_values(theme: Theme) -> dict[str, str]:
    """Every colour of ``theme`` by its field name, and its font families as QSS lists."""
    values = {f.name: v for f in fields(theme) if isinstance(v := getattr(theme, f.name), str)}
    values["sans"] = ", ".join(f'"{f}"' for f in theme.sans)
    values["serif"] = ", ".join(f'"{f}"' for f in theme.serif)
    values["icons"] = (resources_dir() / "icons").as_posix()  # for url(...) in the sheets
    return values


def render_stylesheet(name: str, theme: Theme, **extra: str) -> str:
    """The stylesheet ``name`` in ``theme``; a missing placeholder is an error, not a blank."""
    return _template(name).substitute(theme_values(theme), **extra)
