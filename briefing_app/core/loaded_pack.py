"""Loading packs for the window: full validation, cards, and library lines.

Imports the validator (pydantic) only when first called, which the window
does after its first paint. Never raises: a failure is a ``PackError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cards import Card
from .errors import PackError, Problem
from .quick_pack import PackSummary

if TYPE_CHECKING:
    from .models import Pack


@dataclass
class LoadedPack:
    """A validated pack, its cards (title card first) and its library line."""

    path: Path
    pack: Pack
    cards: list[Card]
    summary: PackSummary


def load_full(path: Path) -> LoadedPack | PackError:
    """Validate the pack at ``path`` and build its cards, or say what is wrong."""
    from .cards import build_cards, title_card
    from .pack import load_pack

    try:
        pack = load_pack(path)
        cards = [title_card(pack), *build_cards(pack)]
    except PackError as exc:
        return exc
    except Exception as exc:
        return PackError([Problem("", f"internal error while loading: {exc!r}")], str(path))
    summary = PackSummary(
        path,
        pack.title,
        pack.as_of or "",
        {
            "actors": len(pack.actors),
            "quotes": len(pack.quotes),
            "measures": len(pack.measures),
            "implications": len(pack.implications),
        },
        validated=True,
    )
    return LoadedPack(path, pack, cards, summary)


def problem_lines(error: PackError) -> list[str]:
    return [str(p) for p in error.problems]
