"""Where a validation problem stands in the document: (list, index, field).

``validate`` words a location as ``quotes[3].actor``, ``implications[0].actors[2]``,
``actors[1].x-note``, ``tags[0]`` or ``as_of``; the editor needs the item and
the field, so it can put the message beside that field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem

ITEM_LISTS = ("sources", "actors", "quotes", "measures", "implications", "events")
_ITEM = re.compile(r"^(" + "|".join(ITEM_LISTS) + r")\[(\d+)\](?:\.([^.\[]+))?")
_PACK_FIELD = re.compile(r"^([^.\[]+)")


@dataclass(frozen=True)
class LocatedProblem:
    """A problem and where it stands: ``list_name`` None means the pack's own fields.

    ``index`` is -1 for the pack's own fields; ``field`` is "" when the problem
    is about the whole item or the whole file (a syntax error, the size).
    """

    list_name: str | None
    index: int
    field: str
    problem: Problem

    @property
    def message(self) -> str:
        return self.problem.message


def locate(problem: Problem) -> LocatedProblem:
    """The (list, index, field) of ``problem``."""
    location = problem.location
    match = _ITEM.match(location)
    if match:
        return LocatedProblem(match.group(1), int(match.group(2)), match.group(3) or "", problem)
    if location.startswith("line "):  # 'line 4, column 8': the JSON text itself
        return LocatedProblem(None, -1, "", problem)
    field = _PACK_FIELD.match(location)
    return LocatedProblem(None, -1, field.group(1) if field else "", problem)
