"""Dates as people type them in spreadsheets, read without guessing.

``2025-11-07`` and ``2025/11/7`` (year first), ``7 November 2025``,
``Nov 7, 2025``, ``7-Nov-2025``, and numbers with the year last
(``31/12/2025``, ``12/31/2025``, ``31.12.25``). When the day and the month could
be swapped (``03/04/2025``) the date is refused as ambiguous rather than read
one way: a wrong date in a briefing is worse than a question. A two-digit year
is this century's unless that would be more than a year ahead.
"""

from __future__ import annotations

import re
from datetime import date

from ..month_names import MONTH_NAMES

AMBIGUOUS = "is ambiguous (day-month or month-day?); write it as YYYY-MM-DD"
NOT_A_DATE = "is not a date"
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4}|\d{2})")
_MONTH_DAY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def parse_date(text: str, today: date | None = None) -> date | str:
    """A date, or the reason it is not one (``is not a date``, ``is ambiguous ...``)."""
    value = " ".join(text.split())
    if match := _YEAR_FIRST.fullmatch(value):
        found = _try(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return found or NOT_A_DATE
    if match := _YEAR_LAST.fullmatch(value):
        a, b = int(match.group(1)), int(match.group(2))
        year = _year(match.group(3), today or date.today())
        options = {d for d in (_try(year, b, a), _try(year, a, b)) if d is not None}
        if len(options) == 1:
            return options.pop()
        return AMBIGUOUS if options else NOT_A_DATE
    day_month = _DAY_MONTH.fullmatch(value)
    month_day = _MONTH_DAY.fullmatch(value)
    if day_month:
        day, word, year_text = day_month.group(1), day_month.group(2), day_month.group(3)
    elif month_day:
        word, day, year_text = month_day.group(1), month_day.group(2), month_day.group(3)
    else:
        return NOT_A_DATE
    month = _month(word)
    found = _try(_year(year_text, today or date.today()), month, int(day)) if month else None
    return found or NOT_A_DATE


def _month(word: str) -> int:
    """1-12 for a month's name or its abbreviation (``Nov``, ``Sept``), else 0."""
    lower = word.lower()
    if len(lower) < 3:
        return 0
    return next((i + 1 for i, name in enumerate(MONTH_NAMES) if name.startswith(lower)), 0)


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year if year <= today.year + 1 else year - 100


def _try(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
