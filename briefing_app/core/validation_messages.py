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

MAX_REPORTED = 50  # then one line counting the rest


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


TYPE_NAMES: dict[str, str] = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "list_type": "a list",
    "model_type": "an object",
    "dict_type": "an object",
    "model_attributes_type": "an object",
}


def describe(error: ErrorDetails) -> str:
    """One plain-English sentence for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind in TYPE_NAMES:
        return f"expected {TYPE_NAMES[kind]}, got {json_type_name(value)}"
    if kind.startswith("string_"):
        return _describe_string(kind, value, ctx)
    fixed = {
        "json_invalid": f"invalid JSON: {ctx.get('error', 'cannot be parsed')}",
        "missing": "required key is missing",
        "too_long": f"has too many entries; the limit is {ctx.get('max_length', 0):,}",
        "greater_than_equal": f"{_short(value)} is not supported; this app reads version 1",
        "less_than_equal": f"{_short(value)} is not supported; this app reads version 1",
        "literal_error": f"{_short(value)} is not allowed here; expected {ctx.get('expected', '')}",
    }
    return fixed.get(kind) or str(error.get("msg", "is not valid"))


def _describe_string(kind: str, value: object, ctx: dict[str, object]) -> str:
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
    return "is not valid text"


def problems_from_validation_error(
    exc: ValidationError, cap: int | None = MAX_REPORTED
) -> list[Problem]:
    """Located problems for every error pydantic found (capped, with a count)."""
    errors = exc.errors(include_url=False)
    if cap is None:
        return [Problem(format_location(tuple(e["loc"])), describe(e)) for e in errors]
    problems = [
        Problem(format_location(tuple(e["loc"])), describe(e)) for e in errors[:MAX_REPORTED]
    ]
    if len(errors) > MAX_REPORTED:
        problems.append(Problem("", f"... and {len(errors) - MAX_REPORTED:,} more problems"))
    return problems
