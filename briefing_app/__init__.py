"""Briefing App: study, present and quiz yourself on briefing packs.

``load_pack`` and ``PackError`` are imported lazily so that ``import
briefing_app`` stays cheap: pydantic alone costs as much as Qt to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["PackError", "Problem", "__version__", "load_pack"]

if TYPE_CHECKING:
    from .core.errors import PackError, Problem
    from .core.pack import load_pack


def __getattr__(name: str) -> Any:
    if name in ("PackError", "Problem"):
        from .core import errors

        return getattr(errors, name)
    if name == "load_pack":
        from .core.pack import load_pack

        return load_pack
    raise AttributeError(name)
