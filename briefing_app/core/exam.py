"""The printed "Who said it?" exam: a shuffled order and a bank of names.

Pack order groups quotes by speaker, so answers 2-3 or 8-10 would be the same
person; a seeded shuffle breaks that, keeps one speaker from answering two
questions in a row where the pack allows it, and can be printed again exactly
from the seed on the sheet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Pack

SEED_RANGE = 10_000  # four digits: easy to read off a sheet and type back


@dataclass(frozen=True)
class ExamSheet:
    """The order the quotes are asked in (indexes into ``pack.quotes``) and the names."""

    seed: int
    order: tuple[int, ...]
    names: tuple[str, ...]  # every speaker once, alphabetically: the name bank


def exam_sheet(pack: Pack, seed: int | None = None) -> ExamSheet:
    """A seeded shuffle of the pack's quotes with a name bank of all speakers."""
    chosen = seed if seed is not None else random.randrange(SEED_RANGE)
    order = list(range(len(pack.quotes)))
    random.Random(chosen).shuffle(order)
    order = _spread_speakers(order, [q.actor for q in pack.quotes])
    names = {(actor.name if (actor := pack.actor(q.actor)) else q.actor) for q in pack.quotes}
    return ExamSheet(chosen, tuple(order), tuple(sorted(names, key=str.casefold)))


def _spread_speakers(shuffled: list[int], speaker_of: list[str]) -> list[int]:
    """The shuffled order, re-picked so no speaker answers twice in a row where possible.

    Each step takes the earliest remaining quote whose speaker differs from the
    last one, unless one speaker holds so many of the rest that they must come
    now to be spread at all.
    """
    queues: dict[str, list[int]] = {}
    for index in shuffled:
        queues.setdefault(speaker_of[index], []).append(index)
    rank = {index: position for position, index in enumerate(shuffled)}
    out: list[int] = []
    last: str | None = None
    left = len(shuffled)
    while left:
        open_ = [s for s, q in queues.items() if q and s != last]
        if not open_:  # only the last speaker is left: unavoidable
            open_ = [s for s, q in queues.items() if q]
        busiest = max(open_, key=lambda s: len(queues[s]))
        if len(queues[busiest]) * 2 > left:
            pick = busiest
        else:
            pick = min(open_, key=lambda s: rank[queues[s][0]])
        out.append(queues[pick].pop(0))
        last = pick
        left -= 1
    return out
