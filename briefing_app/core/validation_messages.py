"""Plain-English wording for pydantic's validation errors.

Pack authors are not Python programmers: "Input should be a valid string" becomes
"expected text, got a number", and a bad id says what an id may contain.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem, format_location
from .models import DATE_PATTERN, SLUG_PATTERN

MAX_REPORTED = 100


def json_type_name(value: Any) -> str:
    """How a JSON author would name the type of a parsed value."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(error: ErrorDetails) -> str:
    """One plain-English sentence for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "json_invalid":  # jiter parsed the file first, so this should not happen
        return f"invalid JSON: {ctx.get('error', 'cannot be parsed')}"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == SLUG_PATTERN:
            return (
                f"{_short(value)} is not a valid id (lowercase letters, digits, '-'; "
                "starting with a letter or digit; at most 80 characters)"
            )
        if pattern == DATE_PATTERN:
            return f"{_short(value)} is not a date in the form YYYY-MM-DD"
        return f"{_short(value)} is not a language tag such as 'en' or 'ja'"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        length = len(value.strip()) if isinstance(value, str) else "?"  # as judged
        return f"is {length:,} characters long; the limit is {ctx.get('max_length', 0):,}"
    if kind == "too_long":
        return f"has too many entries; the limit is {ctx.get('max_length', 0):,}"
    if kind == "string_type":
        return f"expected text, got {json_type_name(value)}"
    if kind in ("int_type", "int_from_float"):
        return f"expected a whole number, got {json_type_name(value)}"
    if kind == "list_type":
        return f"expected a list, got {json_type_name(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected an object, got {json_type_name(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{_short(value)} is not supported; this app reads version 1"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"{_short(value)} is not allowed here; expected {expected}"
    return str(error.get("msg", "is not valid"))


def problems_from_validation_error(exc: ValidationError) -> list[Problem]:
    """Located problems for every error pydantic found (capped, with a count)."""
    errors = exc.errors(include_url=False)
    problems = [
        Problem(format_location(tuple(e["loc"])), describe(e)) for e in errors[:MAX_REPORTED]
    ]
    if len(errors) > MAX_REPORTED:
        problems.append(Problem("", f"... and {len(errors) - MAX_REPORTED:,} more problems"))
    return problems
