"""Typed quiz answers: which actor did the learner mean?

Learners type names from memory, on any keyboard: "takaichi", "Takaïchi",
"U.S." and "us" must all count, and so must a slipped key. What must not count
is a guess that lands halfway between two actors, so a tie is reported as
ambiguous (with the names it could have meant) instead of picking one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    from .models import Actor


@dataclass(frozen=True)
class MatchResult:
    """The one actor a typed answer names, or None with the names it sat between.

    ``candidates`` holds every actor at the closest distance, so a quiz can still
    accept a tie between actors who all said the thing.
    """

    actor_id: str | None
    ambiguous_names: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.ambiguous_names) > 1


class _Dropped(dict[int, int | None]):
    """``str.translate`` table that drops marks, punctuation, spaces, symbols and
    controls, each code point's category looked up once for the whole process."""

    def __missing__(self, code: int) -> int | None:
        kept = not unicodedata.category(chr(code)).startswith(_DROPPED_CATEGORIES)
        self[code] = value = code if kept else None
        return value


_DROPPED_CATEGORIES = ("M", "P", "Z", "S", "C")
_DROP = _Dropped()
# Every ASCII character decided up front: most names and quotes are plain ASCII,
# which NFKD leaves as it is and which casefolds exactly as it lowercases.
_ASCII_DROP = {code: None for code in range(128) if _DROP[code] is None}


def normalize(text: str) -> str:
    """Fold case, accents, punctuation and spacing away, so only the letters count.

    Spaces go too: "Jean-Luc", "Jean Luc" and "JeanLuc" are the same answer.
    A quiz normalises every quote and actor of a pack of thousands, so the work is
    done by ``str.translate`` at C speed rather than a loop over characters.
    """
    if text.isascii():
        return text.translate(_ASCII_DROP).lower()
    return unicodedata.normalize("NFKD", text).translate(_DROP).casefold()


@lru_cache(maxsize=16_384)
def name_key(name: str) -> str:
    """``normalize`` for short, often repeated texts (names, affiliations), cached:
    a quiz compares each actor with the answer for every question of a sitting."""
    return normalize(name)


def allowed_typos(key: str) -> int:
    """How many edits a name of this length forgives: none for very short names
    (one edit turns "US" into "UK"), one for ordinary names, two for long ones."""
    if len(key) < 4:
        return 0
    if len(key) < 10:
        return 1
    return 2


def actor_keys(actor: Actor) -> list[str]:
    """The normalised forms of an actor's name and aliases (empty ones dropped)."""
    return list(_keys_of((actor.name, *actor.aliases)))


@lru_cache(maxsize=8_192)
def _keys_of(names: tuple[str, ...]) -> tuple[str, ...]:
    """Cached by the names themselves (an edited actor gets fresh keys)."""
    return tuple(k for k in dict.fromkeys(name_key(n) for n in names) if k)


def match_typed(answer: str, actors: Iterable[Actor]) -> MatchResult:
    """The actor whose name or alias the answer spells, allowing a small typo.

    An exact spelling beats a near one; when the closest names belong to more
    than one actor (with different names), nobody is chosen.
    """
    typed = normalize(answer)
    if not typed:
        return MatchResult(None)
    best: int | None = None
    found: dict[str, str] = {}  # actor id -> name, for the closest distance seen
    for actor in actors:
        distance = _closest(typed, actor_keys(actor))
        if distance is None:
            continue
        if best is None or distance < best:
            best, found = distance, {actor.id: actor.name}
        elif distance == best:
            found[actor.id] = actor.name
    if not found:
        return MatchResult(None)
    ids = tuple(found)
    if len(ids) == 1:
        return MatchResult(ids[0], (), ids)
    names = tuple(dict.fromkeys(found.values()))
    return MatchResult(None, names, ids)


def _closest(typed: str, keys: list[str]) -> int | None:
    """The smallest forgiven edit distance from the answer to any key, or None."""
    best: int | None = None
    for key in keys:
        limit = allowed_typos(key)
        distance = OSA.distance(typed, key, score_cutoff=limit)
        if distance <= limit and (best is None or distance < best):
            best = distance
    return best


def resembling(answer: str, actors: Iterable[Actor], limit: int = 4) -> list[Actor]:
    """Actors the answer partly spells ("chinese" → every Chinese body), best first.

    For telling a learner what an unmatched answer looks like, never for scoring.
    """
    typed = normalize(answer)
    if len(typed) < 3:
        return []
    scored: list[tuple[float, int, Actor]] = []
    for order, actor in enumerate(actors):
        score = max((_resemblance(typed, key) for key in actor_keys(actor)), default=0.0)
        if score >= 80:
            scored.append((-score, order, actor))
    scored.sort(key=lambda item: item[:2])
    return [actor for _, _, actor in scored[:limit]]


def _resemblance(typed: str, key: str) -> float:
    if typed in key:
        return 100.0
    return float(fuzz.partial_ratio(typed, key)) if len(typed) <= len(key) else 0.0
