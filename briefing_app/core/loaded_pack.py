"""A validated pack with its cards and library line, for the window and ``render``.

Imports the validator (pydantic) only when first called, which the window
does after its first paint. Never raises: a failure is a ``PackError``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cards import Card
from .errors import PackError, Problem
from .quick_pack import PackSummary

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .models import Pack
    from .pack import Proof


@dataclass
class LoadedPack:
    """A validated pack, its cards (title card first) and its library line.

    ``cards`` is a ``CardList``: a card is built the first time it is read.
    """

    path: Path
    pack: Pack
    cards: Sequence[Card]
    summary: PackSummary


def load_full(
    path: Path, data: bytes | None = None, proof: Proof | None = None
) -> LoadedPack | PackError:
    """Validate the pack at ``path`` and list its cards, or say what is wrong.

    ``data``: the file's bytes if already read; ``proof``: see ``pack.parse_pack``.
    """
    from .cards import CardList
    from .pack import load_or_error

    pack = load_or_error(path, data, proof)
    if isinstance(pack, PackError):
        return pack
    try:
        cards = CardList(pack, title=True)
    except Exception as exc:  # a bug in card building must not take the window down
        logger.exception("internal error while building the cards of %s", path)
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
