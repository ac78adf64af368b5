"""Whole-pack rules that a single model cannot check on its own.

Unique ids across the pack, references that resolve (with a "did you mean"),
real calendar dates, unknown keys (but ``x-`` extensions kept), http(s) URLs and
image paths that stay inside the pack's folder. A quick set-based pass decides
whether anything is wrong; the detailed pass that locates and words problems
runs only when it is. Unknown keys are read from ``__pydantic_extra__``.

The URL, image and date rules read plain attributes, so ``fast_load`` applies
the very same functions (``links_clean``, ``is_real_date``) to its own structs;
neither pydantic nor rapidfuzz is imported until a problem needs wording.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from itertools import chain
from operator import attrgetter
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import urlsplit

from .errors import Problem

if TYPE_CHECKING:  # the checks read attributes only: no pydantic import at run time
    from .contract import Actor, Event, Implication, Measure, Pack, PackModel, Quote, Source

MAX_REPORTED = 50  # then one line counting the rest
MAX_EXTENSION_DEPTH = 32
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # file:, http:, data: (not C:\)
ITEM_LISTS = ("sources", "actors", "quotes", "measures", "implications", "events")
Item: TypeAlias = "Source | Actor | Quote | Measure | Implication | Event"
SINGULAR = {
    "sources": "source",
    "actors": "actor",
    "quotes": "quote",
    "measures": "measure",
    "implications": "implication",
    "events": "event",
}


class _Collector:
    """Gathers problems up to a cap so a broken 50,000-item pack stays quick."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.dropped = 0

    def add(self, location: str, message: str) -> None:
        if len(self.problems) < MAX_REPORTED:
            self.problems.append(Problem(location, message))
        else:
            self.dropped += 1

    def result(self) -> list[Problem]:
        if self.dropped:
            return [*self.problems, Problem("", f"... and {self.dropped:,} more problems")]
        return self.problems


def check_pack(pack: Pack, base_dir: Path | None) -> list[Problem]:
    """Every cross-item problem in ``pack``, in document order.

    A fast pass (set lookups and comprehensions, no per-item function calls)
    decides whether anything is wrong at all; only then does the detailed pass
    walk the items to locate and word each problem.
    """
    if _looks_clean(pack, base_dir):
        return []
    return _detailed_problems(pack, base_dir)


_get_id = attrgetter("id")
_get_extra = attrgetter("__pydantic_extra__")
_get_actor = attrgetter("actor")
_get_actors = attrgetter("actors")
_get_source = attrgetter("source")
_get_date = attrgetter("date")
_get_url = attrgetter("url")
_get_image = attrgetter("image")


def _looks_clean(pack: Pack, base_dir: Path | None) -> bool:
    """True when the detailed pass would find nothing; must never say True wrongly.

    ``map`` with ``attrgetter`` and ``issuperset`` keep the loops in C.
    """
    lists: list[list[Item]] = [getattr(pack, name) for name in ITEM_LISTS]
    all_items = list(chain.from_iterable(lists))
    return (
        _extensions_clean(pack, all_items)
        and len(set(map(_get_id, all_items))) == len(all_items)  # no duplicate id
        and _references_clean(pack)
        and _dates_clean(pack)
        and _links_clean(pack, base_dir)
    )


def _extensions_clean(pack: Pack, all_items: list[Item]) -> bool:
    with_extras: list[PackModel] = list(filter(_get_extra, all_items))
    if pack.__pydantic_extra__:
        with_extras.append(pack)
    return all(
        key.startswith("x-") and _depth(value) <= MAX_EXTENSION_DEPTH
        for model in with_extras
        for key, value in (model.__pydantic_extra__ or {}).items()
    )


def _references_clean(pack: Pack) -> bool:
    actor_ids = set(map(_get_id, pack.actors))
    source_ids: set[str | None] = set(map(_get_id, pack.sources))
    source_ids.add(None)
    said: list[Quote | Measure] = [*pack.quotes, *pack.measures]
    grouped: list[Implication | Event] = [*pack.implications, *pack.events]
    return (
        actor_ids.issuperset(map(_get_actor, said))
        and actor_ids.issuperset(chain.from_iterable(map(_get_actors, grouped)))
        and source_ids.issuperset(map(_get_source, said))
        and source_ids.issuperset(map(_get_source, grouped))
    )


def _dates_clean(pack: Pack) -> bool:
    said: list[Quote | Measure] = [*pack.quotes, *pack.measures]
    dates: set[str | None] = set(map(_get_date, said))
    dates.update(map(_get_date, pack.sources), map(_get_date, pack.events), [pack.as_of])
    dates.discard(None)
    return all([is_real_date(d) for d in dates if d is not None])


def _links_clean(pack: Pack, base_dir: Path | None) -> bool:
    return links_clean(map(_get_url, pack.sources), map(_get_image, pack.actors), base_dir)


def links_clean(
    urls: Iterable[str | None], images: Iterable[str | None], base_dir: Path | None
) -> bool:
    """True when every URL is a web address and every image path stays in the pack."""
    out = _Collector()
    for url in urls:
        if url is not None:
            _check_url(url, "", out)
    root = base_dir.resolve() if base_dir is not None else None
    for image in images:
        if image is not None:
            _check_image(image, "", base_dir, root, out)
    return not out.problems


def is_real_date(value: str) -> bool:
    """True for a date that exists on the calendar (the pattern is checked apart)."""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _detailed_problems(pack: Pack, base_dir: Path | None) -> list[Problem]:
    out = _Collector()
    _check_extras(pack, "", out)
    _check_date(pack.as_of, "as_of", out)
    owner: dict[str, str] = {}
    kind_of: dict[str, str] = {}
    for list_name, item, loc in _items(pack):
        _check_extras(item, loc, out)
        first = owner.get(item.id)
        if first is not None:
            out.add(f"{loc}.id", f"duplicate id {item.id!r} (already used by {first})")
        else:
            owner[item.id] = loc
            kind_of[item.id] = SINGULAR[list_name]
    actor_ids = [a.id for a in pack.actors]
    source_ids = [s.id for s in pack.sources]
    refs = _References(kind_of, actor_ids, source_ids, out)
    root = base_dir.resolve() if base_dir is not None else None
    for index, source in enumerate(pack.sources):
        _check_date(source.date, f"sources[{index}].date", out)
        _check_url(source.url, f"sources[{index}].url", out)
    for index, actor in enumerate(pack.actors):
        if actor.image is not None:
            _check_image(actor.image, f"actors[{index}].image", base_dir, root, out)
    for list_name in ("quotes", "measures"):
        said: list[Quote | Measure] = getattr(pack, list_name)
        for index, item in enumerate(said):
            loc = f"{list_name}[{index}]"
            refs.check(item.actor, "actor", f"{loc}.actor")
            refs.check(item.source, "source", f"{loc}.source")
            _check_date(item.date, f"{loc}.date", out)
    for index, implication in enumerate(pack.implications):
        refs.check_group(implication, f"implications[{index}]")
    for index, event in enumerate(pack.events):
        refs.check_group(event, f"events[{index}]")
        _check_date(event.date, f"events[{index}].date", out)
    return out.result()


def _items(pack: Pack) -> Iterator[tuple[str, Item, str]]:
    for list_name in ITEM_LISTS:
        items: Iterable[Item] = getattr(pack, list_name)
        for index, item in enumerate(items):
            yield list_name, item, f"{list_name}[{index}]"


class _References:
    def __init__(
        self,
        kind_of: dict[str, str],
        actor_ids: list[str],
        source_ids: list[str],
        out: _Collector,
    ) -> None:
        self.kind_of = kind_of
        self.candidates = {"actor": actor_ids, "source": source_ids}
        self.out = out

    def check_group(self, group: Implication | Event, loc: str) -> None:
        """The actors and the source of an implication or an event."""
        for i, actor_id in enumerate(group.actors):
            self.check(actor_id, "actor", f"{loc}.actors[{i}]")
        self.check(group.source, "source", f"{loc}.source")

    def check(self, ref: str | None, wanted: str, loc: str) -> None:
        if ref is None:
            return
        kind = self.kind_of.get(ref)
        if kind == wanted:
            return
        if kind is not None:
            self.out.add(
                loc, f"{ref!r} is {_article(kind)} {kind}, not {_article(wanted)} {wanted}"
            )
            return
        hint = ""
        if len(self.out.problems) < MAX_REPORTED:
            from rapidfuzz import fuzz, process

            match = process.extractOne(
                ref, self.candidates[wanted], scorer=fuzz.ratio, score_cutoff=70
            )
            if match is not None:
                hint = f" (did you mean {match[0]!r}?)"
        self.out.add(loc, f"unknown {wanted} {ref!r}{hint}")


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _check_extras(model: PackModel, loc: str, out: _Collector) -> None:
    extra = model.__pydantic_extra__
    if not extra:
        return
    allowed = [name for name in type(model).model_fields]
    for key, value in extra.items():
        where = f"{loc}.{key}" if loc else key
        if key.startswith("x-"):
            if _depth(value) > MAX_EXTENSION_DEPTH:
                out.add(where, f"extension is nested more than {MAX_EXTENSION_DEPTH} levels deep")
            continue
        out.add(where, unknown_key_message(key, allowed))


def unknown_key_message(key: str, allowed: list[str]) -> str:
    """``unknown key 'txt' (did you mean 'text'?); extensions must start with 'x-'``."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(key, allowed, scorer=fuzz.ratio, score_cutoff=60)
    hint = f" (did you mean {match[0]!r}?)" if match else ""
    return f"unknown key {key!r}{hint}; extensions must start with 'x-'"


def _depth(value: Any) -> int:
    """Nesting depth without recursion, so a hostile extension cannot blow the stack."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        current, level = stack.pop()
        if isinstance(current, dict):
            current = list(current.values())
        if isinstance(current, list):
            deepest = max(deepest, level)
            if level > MAX_EXTENSION_DEPTH:
                return level
            stack.extend((child, level + 1) for child in current)
    return deepest


def _check_date(value: str | None, loc: str, out: _Collector) -> None:
    if value is None:
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        out.add(loc, f"{value!r} is not a real calendar date")


def _check_url(value: str | None, loc: str, out: _Collector) -> None:
    if value is not None and not _is_web_address(value):
        out.add(loc, f"{_short(value)} is not an http:// or https:// address")


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


def _is_web_address(value: str) -> bool:
    """An absolute http(s) URL with a host and no spaces or control characters."""
    if _SPACE_OR_CONTROL.search(value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # a broken IPv6 literal, a bad port
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def _short(value: str) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _check_image(
    value: str, loc: str, base_dir: Path | None, root: Path | None, out: _Collector
) -> None:
    if "\x00" in value:
        out.add(loc, f"{_short(value)} holds a NUL character")
        return
    if not value.lower().endswith(IMAGE_SUFFIXES):
        out.add(loc, f"{value!r} is not a .png, .jpg or .svg file")
        return
    if "\\" in value:
        out.add(loc, f"{value!r} uses '\\'; write paths with '/'")
        return
    if _URL_SCHEME.match(value):
        out.add(loc, f"{value!r} is a URL; the app never fetches pictures, give a path in the pack")
        return
    posix = PurePosixPath(value)
    if posix.is_absolute() or PureWindowsPath(value).drive:
        out.add(loc, f"{value!r} is an absolute path; give a path relative to the pack file")
        return
    if ".." in posix.parts:
        out.add(loc, f"{value!r} leaves the pack's folder ('..' is not allowed)")
        return
    if base_dir is None or root is None:
        return
    target = base_dir / value
    try:
        if target.exists() or target.is_symlink():
            resolved = target.resolve()
            if not resolved.is_relative_to(root):
                out.add(loc, f"{value!r} is a link that leads outside the pack's folder")
            elif not resolved.is_file():  # a folder, a FIFO, a device: never opened
                out.add(loc, f"{value!r} is not a regular file")
    except (OSError, RuntimeError, ValueError):
        out.add(loc, f"{_short(value)} cannot be resolved (a link loop, or a bad character?)")
