"""Every problem of a pack at once, in document order, capped.

Pydantic reports shapes and types; unknown keys and forbidden characters are
read here from the parsed JSON, so a misspelt key and the missing key it was
meant to be are told together, in one line, on the first try:
``quotes[0]: unknown key 'txt' (did you mean 'text'?); 'text' is required``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from .contract import Actor, Event, Implication, Measure, Pack, Quote, Source
from .errors import Problem
from .references import unknown_key_message
from .text_rules import strings_in, text_problem

MAX_PROBLEMS = 50
LIST_MODELS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "actors": Actor,
    "quotes": Quote,
    "measures": Measure,
    "implications": Implication,
    "events": Event,
}
MISSING = "required key is missing"
_HINT = re.compile(r"unknown key '([^']*)' \(did you mean '([^']*)'\?\)")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def unknown_key_problems(raw: Any) -> list[Problem]:
    """Unknown keys of the pack object and of every item, as the detailed pass words them."""
    if not isinstance(raw, dict):
        return []
    problems = _unknown_in(raw, Pack, "")
    for name, model in LIST_MODELS.items():
        items = raw.get(name)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    problems += _unknown_in(item, model, f"{name}[{index}]")
    return problems


def _unknown_in(obj: dict[Any, Any], model: type[BaseModel], loc: str) -> list[Problem]:
    allowed = list(model.model_fields)
    return [
        Problem(f"{loc}.{key}" if loc else str(key), unknown_key_message(str(key), allowed))
        for key in obj
        if isinstance(key, str) and key not in allowed and not key.startswith("x-")
    ]


def text_problems(raw: Any) -> list[Problem]:
    """Strings holding control characters or unbalanced bidi controls, located."""
    return [
        Problem(where, message)
        for where, text in strings_in(raw)
        if (message := text_problem(text)) is not None
    ]


def merge_near_misses(problems: list[Problem]) -> list[Problem]:
    """A missing key with its misspelling beside it becomes one problem at the item."""
    missing = {p.location: p for p in problems if p.message == MISSING}
    merged: dict[str, Problem] = {}
    for p in problems:
        hint = _HINT.match(p.message)
        if hint is None or "." not in p.location:
            continue
        item = p.location.rsplit(".", 1)[0]
        wanted = f"{item}.{hint.group(2)}"
        if wanted in missing and wanted not in merged:
            message = f"unknown key {hint.group(1)!r} (did you mean {hint.group(2)!r}?); "
            merged[wanted] = Problem(item, message + f"{hint.group(2)!r} is required")
            merged[p.location] = merged[wanted]
    out: list[Problem] = []
    for p in problems:
        replacement = merged.get(p.location)
        if replacement is None:
            out.append(p)
        elif replacement not in out:
            out.append(replacement)
    return out


def in_document_order(problems: Iterable[Problem], raw: Any) -> list[Problem]:
    """Sorted as the keys and items stand in the file; stable for ties."""
    return sorted(problems, key=lambda p: _position(p.location, raw))


def _position(location: str, raw: Any) -> tuple[int, ...]:
    """Where a location stands in the parsed JSON: key indexes, then list indexes."""
    out: list[int] = []
    node = raw
    for name, index in _PART.findall(location.split(" ")[0]):
        if index:
            out.append(int(index))
            node = node[int(index)] if isinstance(node, list) and int(index) < len(node) else None
        elif isinstance(node, dict):
            keys = list(node)
            out.append(keys.index(name) if name in keys else len(keys))  # missing keys last
            node = node.get(name)
        else:
            out.append(0)
            node = None
    return tuple(out)


def capped(problems: list[Problem]) -> list[Problem]:
    """The first ``MAX_PROBLEMS``, then one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem("", f"... and {rest:,} more problems")]
