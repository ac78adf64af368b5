"""The fast path of loading: msgspec decodes, whole columns are checked at once.

``try_fast`` returns a ``Pack`` only when it can prove the pack valid by the
same rules as the checked path (``checked_load``, pydantic); anything doubtful
returns None and the checked path decides, so every verdict, value and problem
is the checked path's. A differential test and fuzzing hold the two together.

How it stays exact without a Python loop over the items' fields:

* msgspec decodes into subclasses of the app's types whose optional fields
  default to ``UNSET``, so a key present with its default value (``"kind":
  "person"``, ``"actors": []``, ``null``) is told apart from an absent one.
  ``_settle`` then counts the keys present, fills the defaults and turns each
  item into the app's own type (same layout, so ``__class__`` is reassigned).
* Lengths, types and literals are the decoder's (``Meta`` limits, in C). Ids
  are checked as one joined ASCII string, references against the sets of ids
  that passed, distinct dates once, texts for surrounding whitespace (the
  checked path trims it; here it only means "doubtful").
* Duplicate or unknown keys: outside strings, JSON has one ``:`` after each
  key and nowhere else, so ``data.count(b":")`` must equal the keys present
  plus the ``:`` inside strings. A repeated key (msgspec keeps the last one)
  or an ignored unknown key breaks the equation (see ``key_count`` for the
  argument; ``\\u003a`` escapes are left to the checked path). Without any
  backslash in the file (no escapes), a ``"`` byte can only open or close a
  string, so ``data.count(b'"')`` is twice the keys plus string values present,
  and a repeated key adds at least its own two: this count needs no pass over
  the texts' characters, so it is used whenever it applies.
* ``x-`` extensions: a byte scan finds the candidate names, a second decode
  reads only those keys as raw JSON, and jiter parses all of them at once
  (refusing duplicate keys and NaN, as the checked path does).
* Control characters and bidi controls: any byte sequence that may hold one
  (``text_rules.may_hold_forbidden``) sends the pack to the checked path.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, islice, repeat
from operator import attrgetter, is_, is_not
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import jiter
import msgspec
from msgspec import UNSET, Raw, UnsetType

from .models import ITEM_TYPES, LANGUAGE_PATTERN, MAX_ITEMS, Item, Pack
from .references import MAX_EXTENSION_DEPTH, is_real_date, links_clean
from .text_rules import may_hold_forbidden

logger = logging.getLogger(__name__)

MAX_EXTENSION_NAMES = 32  # distinct x- keys in one pack; more goes to the checked path
# Fields checked by pattern or by reference, not as free text.
PATTERN_FIELDS = frozenset({"id", "actor", "actors", "source", "date", "as_of", "language"})
_EXTENSION_KEY = re.compile(rb'"(x-[^"\\]*)"\s*:')
_ESCAPED_COLON = re.compile(rb"\\u003[aA]")
_DATES = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:\n[0-9]{4}-[0-9]{2}-[0-9]{2})*")
_LANGUAGE = re.compile(LANGUAGE_PATTERN.removeprefix("^").removesuffix("$"))
_SLUG_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789-\n"
_get_id = attrgetter("id")
_get_actor = attrgetter("actor")
_get_actors = attrgetter("actors")
_get_source = attrgetter("source")
_get_date = attrgetter("date")
_get_url = attrgetter("url")
_get_image = attrgetter("image")


class Doubtful(Exception):
    """The fast path cannot prove the pack valid; the checked path decides."""


@dataclass(frozen=True)
class _Spec:
    """How one app type is decoded, settled and read."""

    cls: type[Item]
    fixed: tuple[str, ...]  # required, not free text: always present once decoded
    texts: tuple[str, ...]  # free text: trimmed by the checked path, may hold ':'
    text_lists: tuple[str, ...]  # lists of free text (aliases, tags)
    nullable: tuple[str, ...]  # optional, not free text, default None (dates, sources)
    unset: tuple[tuple[str, Any, Callable[[], Any] | None], ...]  # name, default, factory
    fixed_strings: int  # how many of ``fixed`` hold one string (not a number or a list)
    unset_strings: tuple[str, ...]  # of ``unset``: one string each (kind, language)
    slug_lists: tuple[str, ...]  # of ``unset``: lists of strings not in ``text_lists``


def _strings_in(kind: Any) -> str:
    """``"one"`` for a field decoded from one JSON string, ``"list"`` for a list of
    them, ``"none"`` for anything else (numbers, lists of objects)."""
    origin = get_origin(kind)
    if origin is Annotated:
        return _strings_in(get_args(kind)[0])
    if origin in (Union, UnionType):
        (inner,) = [arg for arg in get_args(kind) if arg is not type(None)]
        return _strings_in(inner)
    if kind is str:
        return "one"
    if origin is Literal:
        return "one" if all(isinstance(arg, str) for arg in get_args(kind)) else "none"
    if origin is list:
        return "list" if _strings_in(get_args(kind)[0]) == "one" else "none"
    return "none"


def _spec(cls: type[Item]) -> _Spec:
    fixed: list[str] = []
    texts: list[str] = []
    text_lists: list[str] = []
    nullable: list[str] = []
    unset: list[tuple[str, Any, Callable[[], Any] | None]] = []
    infos = msgspec.structs.fields(cls)
    strings = {info.name: _strings_in(info.type) for info in infos}
    for info in infos:
        free_text = not (
            info.name in PATTERN_FIELDS
            or info.name in ITEM_TYPES  # the pack's item lists
            or get_origin(info.type) is Literal
        )
        if info.default is None:
            (texts if free_text else nullable).append(info.name)
        elif not info.required:
            factory = None if info.default_factory is msgspec.NODEFAULT else info.default_factory
            unset.append((info.name, info.default, factory))
            if free_text:
                text_lists.append(info.name)
        else:
            (texts if free_text else fixed).append(info.name)
    assert all(strings[name] == "one" for name in texts + nullable)
    assert all(strings[name] == "list" for name in text_lists)
    return _Spec(
        cls,
        tuple(fixed),
        tuple(texts),
        tuple(text_lists),
        tuple(nullable),
        tuple(unset),
        sum(strings[name] == "one" for name in fixed),
        tuple(name for name, _, _ in unset if strings[name] == "one"),
        tuple(name for name, _, _ in unset if strings[name] == "list" and name not in text_lists),
    )


SPECS: dict[str, _Spec] = {name: _spec(cls) for name, cls in ITEM_TYPES.items()}
PACK_SPEC = _spec(Pack)


@lru_cache(maxsize=4)
def _decoder(names: tuple[str, ...]) -> msgspec.json.Decoder[Any]:
    """A decoder into the app's types, or subclasses that tell which keys were present.

    An optional text, date or reference is absent exactly when it is None (an
    explicit ``null`` undercounts the keys and so fails the key count: such a
    pack goes to the checked path). Fields whose default a pack may also write
    (``"kind": "person"``, ``[]``) default to ``UNSET`` in a subclass. The
    ``x-`` keys ``names`` become extra fields holding raw JSON.
    """
    lists: dict[str, Any] = {}
    for name, cls in ITEM_TYPES.items():
        lists[name] = list[_decoded_type(cls, SPECS[name], {}, names)]  # type: ignore[misc]
    return msgspec.json.Decoder(_decoded_type(Pack, PACK_SPEC, lists, names))


def _decoded_type(
    cls: type[Item], spec: _Spec, lists: dict[str, Any], names: tuple[str, ...]
) -> Any:
    """``cls`` itself when nothing needs changing, else a subclass that changes it."""
    unset = {name for name, _, _ in spec.unset}
    if not unset and not lists and not names:
        return cls
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for info in msgspec.structs.fields(cls):
        kind = lists.get(info.name, info.type)
        if info.name in unset:
            fields.append((info.name, kind | UnsetType, UNSET))
        elif info.name in lists:  # the required item lists
            fields.append((info.name, kind))
    slots = tuple((f"x{i}_", name) for i, name in enumerate(names))
    fields += [(attr, Raw | UnsetType, UNSET) for attr, _ in slots]
    return msgspec.defstruct(
        cls.__name__,
        fields,
        bases=(cls,),
        kw_only=True,
        rename=dict(slots) or None,
        namespace={"_extension_slots": slots},
    )


def try_fast(
    data: bytes, base_dir: Path | None, proven: Callable[[], bool] | None = None
) -> Pack | None:
    """The validated pack, or None when the checked path must decide.

    ``proven``: asked once the pack is decoded; True if these bytes were already
    proved valid by this very check (``side_check``), so only the building is left.
    """
    try:
        return parse_fast(data, base_dir, proven)
    except (Doubtful, msgspec.DecodeError, ValueError, RecursionError):
        return None
    except Exception:  # a bug here must not cost the user the pack: the checked path decides
        logger.exception("the fast loader failed; using the checked path")
        return None


def parse_fast(
    data: bytes, base_dir: Path | None, proven: Callable[[], bool] | None = None
) -> Pack:
    """Decode and check ``data`` (no BOM); raises ``Doubtful`` or a decode error if unsure.

    If ``proven()`` says these bytes passed this check already, it is not repeated:
    the decoded pack gets its defaults, types and extensions as below, and no more.
    """
    pack, names = _decode(data)
    if proven is not None and proven():
        _fill_defaults([pack], PACK_SPEC)
        lists: dict[str, list[Any]] = {name: getattr(pack, name) for name in ITEM_TYPES}
        for name, items in lists.items():
            _fill_defaults(items, SPECS[name])
        if names:
            _decode_extensions(pack, lists)
        return pack  # type: ignore[no-any-return]
    if may_hold_forbidden(data):
        raise Doubtful("a possibly forbidden character")
    escaped = data.find(b"\\") != -1  # memchr
    if escaped and _ESCAPED_COLON.search(data):
        raise Doubtful("an escaped ':'")
    keys, strings, texts, pack_columns = _settle([pack], PACK_SPEC)
    columns = {"": pack_columns}
    lists = {name: getattr(pack, name) for name in ITEM_TYPES}
    if sum(map(len, lists.values())) > MAX_ITEMS:
        raise Doubtful("too many items")
    for name, items in lists.items():
        found, more_strings, more, list_columns = _settle(items, SPECS[name])
        keys += found
        strings += more_strings
        texts += more
        columns[name] = list_columns
    if any(map(is_not, map(str.strip, texts), texts)):  # strip returns the same str if clean
        raise Doubtful("text with surrounding whitespace")
    _check_ids(pack, lists)
    _check_references(lists, columns)
    _check_dates(columns, lists["events"])
    if _LANGUAGE.fullmatch(pack.language) is None:
        raise Doubtful("language tag")
    urls = map(_get_url, lists["sources"])
    if not links_clean(urls, map(_get_image, lists["actors"]), base_dir):
        raise Doubtful("a URL or an image path")
    extensions = _decode_extensions(pack, lists) if names else (0, 0, 0)
    _check_key_count(data, escaped, keys + extensions[0], strings, texts, extensions)
    return pack  # type: ignore[no-any-return]


def _decode(data: bytes) -> tuple[Any, tuple[str, ...]]:
    """The pack as decoded, and the ``x-`` key names its decoder took (none if none)."""
    try:
        return _decoder(()).decode(data), ()
    except msgspec.ValidationError as exc:
        if not str(exc).startswith("Object contains unknown field `x-"):
            raise
    names = _extension_names(data)
    return _decoder(names).decode(data), names


def _check_key_count(
    data: bytes,
    escaped: bool,
    keys: int,
    strings: int,
    texts: list[str],
    extensions: tuple[int, int, int],
) -> None:
    """No key was repeated or ignored: the ``"`` count, or the ``:`` count if escaped."""
    _, extension_colons, extension_quotes = extensions
    if not escaped:  # every '"' opens or closes a key or a string value
        if data.count(b'"') != 2 * (keys + strings) + extension_quotes:
            raise Doubtful("a repeated or unknown key")
    elif data.count(b":") != keys + "\n".join(texts).count(":") + extension_colons:
        raise Doubtful("a repeated or unknown key")


def _extension_names(data: bytes) -> tuple[str, ...]:
    """Every name that may be an ``x-`` key (a superset; escaped names fail the decode)."""
    found = set(_EXTENSION_KEY.findall(data))
    if len(found) > MAX_EXTENSION_NAMES:
        raise Doubtful("many extension names")
    return tuple(sorted(name.decode("utf-8") for name in found))


Columns = dict[str, list[Any]]


def _settle(items: list[Any], spec: _Spec) -> tuple[int, int, list[str], Columns]:
    """Count the keys and string values present, fill in defaults, make each item the
    app's type.

    Returns the counts, the free texts and the columns of the optional
    references and dates (for the checks that follow).
    """
    count = len(items)
    texts = _texts(items, spec)
    present = count * len(spec.fixed) + len(texts)
    strings = count * spec.fixed_strings
    columns: Columns = {}
    for name in spec.nullable:
        column = columns[name] = list(map(attrgetter(name), items))
        found = count - column.count(None)
        present += found
        strings += found
    for name, absent in _fill_defaults(items, spec).items():
        present += count - absent
        if name in spec.unset_strings:
            strings += count - absent
    for name in spec.slug_lists:  # absent ones are empty by now
        strings += sum(map(len, map(attrgetter(name), items)))
    for name in spec.text_lists:
        texts += chain.from_iterable(map(attrgetter(name), items))
    strings += len(texts)
    return present, strings, texts, columns


def _fill_defaults(items: list[Any], spec: _Spec) -> dict[str, int]:
    """Give absent fields their defaults and each item the app's type; how many of
    each field were absent."""
    absent_counts: dict[str, int] = {}
    for name, default, factory in spec.unset:
        absent = list(compress(items, map(is_, map(attrgetter(name), items), repeat(UNSET))))
        absent_counts[name] = len(absent)
        values = repeat(default) if factory is None else map(_call, repeat(factory, len(absent)))
        deque(map(setattr, absent, repeat(name), values), maxlen=0)
    cls = spec.cls
    if items and type(items[0]) is not cls and not items[0]._extension_slots:
        for item in items:  # one decoded type a list, with the app type's layout
            item.__class__ = cls
    return absent_counts


def _call(factory: Callable[[], Any]) -> Any:
    return factory()


def _texts(items: list[Any], spec: _Spec) -> list[str]:
    """Every scalar free-text value of ``items`` (absent ones are None: left out)."""
    columns = (map(attrgetter(name), items) for name in spec.texts)
    return list(filter(None, chain.from_iterable(columns)))


def _check_ids(pack: Any, lists: dict[str, list[Any]]) -> None:
    ids: list[str] = list(chain.from_iterable(map(_get_id, items) for items in lists.values()))
    if len(set(ids)) != len(ids):
        raise Doubtful("a repeated id")
    ids.append(pack.id)
    joined = "\n".join(ids)
    if joined.count("\n") != len(ids) - 1:  # the joiner must not hide inside an id
        raise Doubtful("an id holding a line break")
    if not joined.isascii():
        raise Doubtful("an id outside a-z, 0-9 and '-'")
    ascii_ids = joined.encode("ascii")
    if ascii_ids.translate(None, _SLUG_BYTES):
        raise Doubtful("an id outside a-z, 0-9 and '-'")
    if ascii_ids.startswith(b"-") or b"\n-" in ascii_ids:  # lengths: the decoder's
        raise Doubtful("an id starting with '-'")


def _check_references(lists: dict[str, list[Any]], columns: dict[str, Columns]) -> None:
    """Every reference names an id of the right kind (ids were checked as slugs)."""
    actor_ids = set(map(_get_id, lists["actors"]))
    source_ids: set[str | None] = set(map(_get_id, lists["sources"]))
    source_ids.add(None)
    said = chain(lists["quotes"], lists["measures"])
    grouped = chain(lists["implications"], lists["events"])
    groups = ("quotes", "measures", "implications", "events")
    sources = (columns[name]["source"] for name in groups)
    if not (
        actor_ids.issuperset(map(_get_actor, said))
        and actor_ids.issuperset(chain.from_iterable(map(_get_actors, grouped)))
        and source_ids.issuperset(chain.from_iterable(sources))
    ):
        raise Doubtful("a reference")


def _check_dates(columns: dict[str, Columns], events: list[Any]) -> None:
    """Distinct dates: the pattern on all at once, the calendar once per month and day."""
    dates: set[str | None] = set(columns[""]["as_of"])
    for name in ("sources", "quotes", "measures"):
        dates.update(columns[name]["date"])
    dates.update(map(_get_date, events))
    dates.discard(None)
    found: set[str] = dates  # type: ignore[assignment]  # None is gone
    if not found:
        return
    joined = "\n".join(found)
    if joined.count("\n") != len(found) - 1 or _DATES.fullmatch(joined) is None:
        raise Doubtful("a date")
    month_days = {date[5:] for date in found}
    if not all(is_real_date(f"2000-{month_day}") for month_day in month_days):  # a leap year
        raise Doubtful("a date")
    leap_days = (date for date in found if date.endswith("-02-29"))
    if "02-29" in month_days and not all(map(is_real_date, leap_days)):
        raise Doubtful("a date")


def _decode_extensions(pack: Any, lists: dict[str, list[Any]]) -> tuple[int, int, int]:
    """Parse the ``x-`` values in place, checked as the checked path checks them.

    All of them at once, by jiter (which refuses duplicate keys and NaN like the
    checked path). Returns the keys found, the ``:`` in their names and values and
    the ``"`` in their values.
    """
    groups: list[tuple[list[Any], str, list[Raw]]] = []
    name_colons = 0
    for items in [[pack], *lists.values()]:
        if not items:
            continue
        for attr, name in items[0]._extension_slots:
            column = list(map(attrgetter(attr), items))
            present = list(map(is_not, column, repeat(UNSET)))
            raws: list[Raw] = list(compress(column, present))
            if raws:
                groups.append((list(compress(items, present)), attr, raws))
                name_colons += name.count(":") * len(raws)
    raws = [raw for _, _, group in groups for raw in group]
    if not raws:
        return 0, 0, 0
    joined = b"[" + b",".join(raws) + b"]"
    if _brackets(joined) > MAX_EXTENSION_DEPTH + 1:
        for raw in raws:  # 33 levels take 66 bytes at least
            if len(raw) > 2 * MAX_EXTENSION_DEPTH and _brackets(bytes(raw)) > MAX_EXTENSION_DEPTH:
                raise Doubtful("an extension nested deeply")
    values = iter(jiter.from_json(joined, catch_duplicate_keys=True, allow_inf_nan=False))
    for owners, attr, group in groups:
        deque(map(setattr, owners, repeat(attr), islice(values, len(group))), maxlen=0)
    return len(raws), joined.count(b":") + name_colons, joined.count(b'"')


def _brackets(raw: bytes) -> int:
    """An upper bound of a JSON value's nesting depth."""
    return raw.count(b"[") + raw.count(b"{")
