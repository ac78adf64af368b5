"""Showing that a pack's bytes held no duplicate keys, without parsing them twice.

pydantic's ``validate_json`` silently keeps the last of two equal keys, and
parsing the file a second time with jiter's duplicate check costs as much as
``json.loads``. So the loader first tries this cheap, exact argument, and runs
the second parse (which locates the duplicate) only when it fails:

* Outside strings, JSON has a ``:`` byte after every key and nowhere else, so
  ``data.count(b":")`` = (key occurrences) + (``:`` bytes inside string tokens).
* Without ``\\u003a``-style escapes, a decoded string holds exactly the ``:``
  characters its token held (no other escape yields one).
* The validated pack keeps, for every object, each distinct key once
  (``__pydantic_fields_set__`` includes extra keys) and all of its strings
  (trimming removes only whitespace). Field defaults hold no ``:``.

So ``colon_count(pack)`` = (distinct keys) + (``:`` in kept keys and strings)
equals ``data.count(b":")`` exactly when no key occurred twice: a repeated key
adds at least its own ``:`` to the bytes and nothing to the pack.
"""

from __future__ import annotations

import math
from itertools import chain
from operator import attrgetter
from typing import Any

from .contract import Actor, Event, Implication, Measure, Pack, PackModel, Quote, Source

ITEM_LISTS = ("sources", "actors", "quotes", "measures", "implications", "events")
_fields_set = attrgetter("__pydantic_fields_set__")
_extra = attrgetter("__pydantic_extra__")


# The fields whose values may hold ':' (texts, and lists of texts); ids, dates,
# kinds and language tags cannot, by their patterns and literals. A test checks
# that every other field refuses a ':'.
COLON_FIELDS: dict[type[PackModel], tuple[tuple[str, ...], tuple[str, ...]]] = {
    Source: (("title", "publisher", "url", "note", "notes"), ()),
    Actor: (("name", "role", "affiliation", "summary", "image", "notes"), ("aliases",)),
    Quote: (("text", "context", "notes"), ()),
    Measure: (("title", "category", "detail", "notes"), ()),
    Implication: (("title", "detail", "notes"), ()),
    Event: (("title", "detail", "notes"), ()),
}


def no_duplicate_keys(data: bytes, pack: Pack) -> bool:
    """True only if ``data``, which validated into ``pack``, held no duplicate key."""
    if b"\\u003" in data:  # \u003a or \u003A would decode to ':' (so would others, harmlessly)
        return False
    count = colon_count(pack)
    return count is not None and count == data.count(b":")


def colon_count(pack: Pack) -> int | None:
    """Distinct keys plus ``:`` in the kept keys and strings; None if not applicable."""
    total = 0
    for name in pack.__pydantic_fields_set__:
        total += 1 + name.count(":")
        if name in ITEM_LISTS:
            continue
        extra = pack.__pydantic_extra__ or {}
        in_value = _in_value(extra[name] if name in extra else getattr(pack, name))
        if in_value is None:
            return None
        total += in_value
    for list_name in ITEM_LISTS:
        items: list[PackModel] = getattr(pack, list_name)
        if not items:
            continue
        texts, lists = COLON_FIELDS[type(items[0])]
        total += sum(map(len, map(_fields_set, items)))
        # One C-level pass per list: attrgetter of several names yields tuples.
        values = chain.from_iterable(map(attrgetter(*texts), items))
        total += "\n".join(filter(None, values)).count(":")
        for name in lists:
            total += "\n".join(chain.from_iterable(map(attrgetter(name), items))).count(":")
        for item in filter(_extra, items):
            for key, value in (item.__pydantic_extra__ or {}).items():
                in_value = _in_value(value)
                if in_value is None:
                    return None
                total += key.count(":") + in_value
    return total


def _in_value(value: Any) -> int | None:
    """Keys and ``:`` inside an extension value; None for NaN or infinity.

    jiter refuses ``NaN`` where pydantic's parser accepts it, so such a pack must
    take the second parse. Iterative, so a deep extension cannot exhaust the stack.
    """
    total = 0
    stack = [value]
    while stack:
        current = stack.pop()
        kind = type(current)
        if kind is str:
            total += current.count(":")
        elif kind is dict:
            total += len(current) + sum(key.count(":") for key in current)
            stack.extend(current.values())
        elif kind is list:
            stack.extend(current)
        elif kind is float and not math.isfinite(current):
            return None
    return total
