"""English month names, for the readers of dates people type (import) and write (drafting).

Not ``calendar.month_name``: that follows the process locale, and a pack's dates
are read the same way on every machine.
"""

from __future__ import annotations

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
