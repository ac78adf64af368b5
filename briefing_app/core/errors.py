"""Located problems with a pack, and the exception that carries them.

Kept free of pydantic so the window can catch ``PackError`` before the
validator has been imported.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack: where (``quotes[3].actor``) and what."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class PackError(Exception):
    """A pack could not be loaded; ``problems`` says where and why, in order."""

    def __init__(self, problems: list[Problem], path: str | None = None) -> None:
        if not problems:
            problems = [Problem("", "the pack could not be loaded")]
        self.problems = problems
        self.path = path
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def format_location(loc: tuple[str | int, ...]) -> str:
    """Turn ``('quotes', 3, 'actor')`` into ``quotes[3].actor``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
