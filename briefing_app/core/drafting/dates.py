"""Dates written in an article (``November 7, 2025``, ``7 November 2025``, ``2025-11-07``).

Each with the sentence that holds it, for the draft's events and its ``as_of``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..month_names import MONTH_NAMES

MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
_DATE = re.compile(
    r"\b(?:(?P<m1>[A-Z][a-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]+)\s+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\b"
)
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}


@dataclass
class DatedEvent:
    """A date the text gives, where it stands, and the sentence around it."""

    day: date
    start: int
    end: int
    sentence: str


def find_dates(text: str) -> list[DatedEvent]:
    found = []
    for match in _DATE.finditer(text):
        day = _to_date(match)
        if day is None:
            continue
        s = max(text.rfind(". ", 0, match.start()) + 2, text.rfind("\n", 0, match.start()) + 1)
        e = min(_find(text, ". ", match.end()) + 1, _find(text, "\n", match.end()))
        found.append(DatedEvent(day, match.start(), match.end(), text[s:e].strip()))
    return found


def _find(text: str, what: str, start: int) -> int:
    at = text.find(what, start)
    return len(text) if at == -1 else at


def _to_date(match: re.Match[str]) -> date | None:
    try:
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
        name = (match.group("m1") or match.group("m2") or "").lower()
        month = MONTHS.get(name) or _MONTH_ABBREVIATIONS.get(name)
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y1") or match.group("y2"))
        return date(year, month, day) if month else None
    except ValueError:
        return None
