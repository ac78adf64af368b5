"""The checked path of loading: pydantic validates, every problem is located and worded.

Runs for every pack the fast path (``fast_load``) cannot prove valid, which
includes every invalid one, so this module alone decides what a problem says.
A valid pack is converted into the app's light types (``models.py``).

* pydantic builds the models straight from the bytes (``validate_json``):
  strings are made once, already trimmed, with no intermediate dicts.
* pydantic keeps the last of two equal keys without a word, and a second parse
  with jiter's duplicate check would cost as much as ``json.loads``. So
  ``key_count.no_duplicate_keys`` first shows, by counting ``:`` bytes, that the
  file cannot have held one; only if that fails does jiter (Rust) parse the
  file again, to find and locate the duplicate. jiter also serves the error
  path: syntax errors, encoding, the envelope (format, version, item count).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import contract, models
from .all_problems import (
    capped,
    in_document_order,
    merge_near_misses,
    text_problems,
    unknown_key_problems,
)
from .errors import PackError, Problem
from .key_count import no_duplicate_keys
from .pack import check_envelope, parse_json, too_many
from .references import ITEM_LISTS, check_pack
from .text_rules import may_hold_forbidden
from .validation_messages import problems_from_validation_error

_T = TypeVar("_T", bound=models.Item)
_validate_json = contract.Pack.__pydantic_validator__.validate_json


def validate(data: bytes, base_dir: Path | None = None) -> contract.Pack:
    """The validated pydantic model of ``data`` (no BOM), or a ``PackError``."""
    try:
        pack: contract.Pack = _validate_json(data)
    except ValidationError as exc:
        # Syntax, encoding, duplicate keys, newer versions and the item
        # count come first: they explain a failure better than field errors.
        raw = parse_json(data)
        check_envelope(raw)
        raise PackError(every_problem(raw, exc)) from None
    if not no_duplicate_keys(data, pack):
        parse_json(data)  # raises a located PackError if a key is repeated
    if pack.item_count > models.MAX_ITEMS:
        raise PackError([too_many(pack.item_count)])
    problems = check_pack(pack, base_dir)
    if may_hold_forbidden(data):  # a byte scan first: most packs skip the walk
        raw = parse_json(data)
        if text := text_problems(raw):
            problems = capped(in_document_order([*problems, *text], raw))
    if problems:
        raise PackError(problems)
    return pack


def parse_checked(data: bytes, base_dir: Path | None = None) -> models.Pack:
    """``validate``, then the app's types."""
    return to_app_pack(validate(data, base_dir))


def every_problem(raw: Any, exc: ValidationError) -> list[Problem]:
    """Shapes and types (pydantic), unknown keys and forbidden text, together, in order."""
    found = [
        *problems_from_validation_error(exc, cap=None),
        *unknown_key_problems(raw),
        *text_problems(raw),
    ]
    return capped(in_document_order(merge_near_misses(found), raw))


def to_app_pack(model: contract.Pack) -> models.Pack:
    """The same pack as the app's types, extensions kept beside the fields."""
    lists: dict[str, Any] = {
        name: [_to_app(item, models.ITEM_TYPES[name]) for item in getattr(model, name)]
        for name in ITEM_LISTS
    }
    fields = {name: value for name, value in model.__dict__.items() if name not in lists}
    return _to_app_from(models.Pack(**fields, **lists), model)


def _to_app(item: BaseModel, cls: type[models.Item]) -> models.Item:
    return _to_app_from(cls(**item.__dict__), item)


def _to_app_from(made: _T, model: BaseModel) -> _T:
    if model.__pydantic_extra__:  # only x- keys remain in a valid pack
        made.__dict__["_extensions"] = dict(model.__pydantic_extra__)
    return made
