"""What this machine lets the app spread work over (helper processes on other cores)."""

from __future__ import annotations

import os


def cores() -> int:
    """The processors this process may run on (its affinity where the OS tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1
