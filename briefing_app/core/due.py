"""What "due now" means, in one place: the study window, Statistics and ``stats``
all count with this, so they can never show two different numbers."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import datetime


def due_now_ids(item_ids: Iterable[str], dues: Mapping[str, datetime], now: datetime) -> list[str]:
    """The cards to study now, in the order given: scheduled for ``now`` or earlier,
    or never scheduled yet (new cards, which Anki also offers for study)."""
    return [i for i in item_ids if (due := dues.get(i)) is None or due <= now]


def due_now_count(item_ids: Collection[str], dues: Mapping[str, datetime], now: datetime) -> int:
    """``len(due_now_ids(item_ids, dues, now))`` without the list, when every key of
    ``dues`` is one of the distinct ``item_ids``: the new ones plus those due."""
    return due_now_from_counts(len(item_ids), len(dues), sum(map(now.__ge__, dues.values())))


def due_now_from_stamps(item_count: int, dues: Collection[str], now: str) -> int:
    """``due_now_count`` for a pack of ``item_count`` distinct items whose scheduled ones
    are due at ``dues``, all times as stored (``timestamp``: text whose order is time
    order), so a big pack's tens of thousands of times need no parsing."""
    return due_now_from_counts(item_count, len(dues), sum(map(now.__ge__, dues)))


def due_now_from_counts(item_count: int, scheduled: int, due: int) -> int:
    """``due_now_count`` from counts alone: ``scheduled`` of a pack's ``item_count``
    distinct items have a schedule, ``due`` of those are due now."""
    return item_count - scheduled + due
