"""The pack as the app sees it: light msgspec structs, one type whichever path loaded it.

``fast_load`` decodes packs straight into these types; ``checked_load`` (the
pydantic validator of ``contract.py``) converts into them. Nothing here
validates: a ``Pack`` only ever comes out of ``pack.load_pack`` or
``pack.parse_pack``, which proved it valid first. Importing this module costs
no pydantic, so code that only reads packs never pays for the validator.

The ``Meta`` length limits are the contract's (``contract.py`` holds the same
numbers for pydantic and the JSON Schema; a test holds the two in step). The
fast decoder enforces them in C; patterns (ids, dates, language tags) are
checked by ``fast_load`` a whole column at a time. The annotations are evaluated
at import (no ``from __future__ import annotations``): msgspec reads them once
as objects instead of compiling each string, ~3 ms off the first load.
"""

from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from msgspec import UNSET, Meta, Struct, field

FORMAT_NAME = "briefing-pack"
SUPPORTED_VERSION = 1
MAX_ITEMS = 50_000
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"

Slug = Annotated[str, Meta(min_length=1, max_length=80)]  # and SLUG_PATTERN
DateText = str  # DATE_PATTERN


# Non-empty strings of at most so many characters (after trimming).
Text100 = Annotated[str, Meta(min_length=1, max_length=100)]
Text200 = Annotated[str, Meta(min_length=1, max_length=200)]
Text300 = Annotated[str, Meta(min_length=1, max_length=300)]
Text500 = Annotated[str, Meta(min_length=1, max_length=500)]
Text2000 = Annotated[str, Meta(min_length=1, max_length=2000)]
LongText = Annotated[str, Meta(min_length=1, max_length=4000)]  # details, contexts, notes
ActorKind = Literal["person", "institution", "state"]


class Item(Struct, kw_only=True, dict=True, forbid_unknown_fields=True):
    """What every item shares: its ``x-`` extensions, kept outside the contract's fields.

    ``forbid_unknown_fields`` makes ``fast_load``'s decode refuse a misspelt key
    at once (the checked path then words the problem). Extensions live in the
    instance ``__dict__`` (``checked_load``) or, for a pack ``fast_load`` decoded,
    in extra fields of a subclass named by ``_extension_slots``.
    """

    _extension_slots: ClassVar[tuple[tuple[str, str], ...]] = ()  # (attribute, x- key)

    @property
    def extensions(self) -> dict[str, Any]:
        """The item's ``x-`` keys, kept verbatim for tools that use them."""
        found: dict[str, Any] | None = getattr(self, "_extensions", None)
        out = dict(found) if found else {}
        for attr, key in self._extension_slots:
            value = getattr(self, attr)
            if value is not UNSET:
                out[key] = value
        return out


class Source(Item, kw_only=True):
    id: Slug
    title: Text300
    publisher: Text200 | None = None
    url: Text2000 | None = None
    date: DateText | None = None
    note: LongText | None = None
    notes: LongText | None = None


class Actor(Item, kw_only=True):
    id: Slug
    name: Text200
    kind: ActorKind = "person"
    role: Text300 | None = None
    affiliation: Text200 | None = None
    summary: LongText | None = None
    aliases: Annotated[list[Text200], Meta(max_length=50)] = field(default_factory=list)
    image: Text500 | None = None
    notes: LongText | None = None


class Quote(Item, kw_only=True):
    id: Slug
    actor: Slug
    text: Text2000
    context: LongText | None = None
    date: DateText | None = None
    source: Slug | None = None
    notes: LongText | None = None


class Measure(Item, kw_only=True):
    id: Slug
    actor: Slug
    title: Text300
    category: Text100 | None = None
    detail: LongText | None = None
    date: DateText | None = None
    source: Slug | None = None
    notes: LongText | None = None


class Implication(Item, kw_only=True):
    id: Slug
    title: Text300
    detail: LongText | None = None
    actors: list[Slug] = field(default_factory=list)
    source: Slug | None = None
    notes: LongText | None = None


class Event(Item, kw_only=True):
    id: Slug
    date: DateText
    title: Text300
    detail: LongText | None = None
    actors: list[Slug] = field(default_factory=list)
    source: Slug | None = None
    notes: LongText | None = None


class Pack(Item, kw_only=True):
    """A whole briefing pack, as the contract describes it."""

    format: Literal["briefing-pack"]
    version: Literal[1]
    id: Slug
    title: Text200
    subtitle: Text300 | None = None
    summary: Text2000 | None = None
    as_of: DateText | None = None
    language: str = "en"  # LANGUAGE_PATTERN
    tags: list[Text100] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    actors: list[Actor]
    quotes: list[Quote]
    measures: list[Measure]
    implications: list[Implication]
    events: list[Event] = field(default_factory=list)
    notes: LongText | None = None

    @property
    def path(self) -> Path | None:
        """The JSON file this pack was loaded from (None when parsed from bytes)."""
        found: Path | None = getattr(self, "_path", None)
        return found

    @property
    def folder(self) -> Path | None:
        """The folder that relative image paths are resolved against."""
        path = self.path
        return path.parent if path else None

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self.actors_by_id.get(actor_id)

    def source(self, source_id: str | None) -> Source | None:
        if source_id is None:
            return None
        return self.sources_by_id.get(source_id)

    @cached_property
    def actors_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @property
    def item_count(self) -> int:
        return (
            len(self.sources)
            + len(self.actors)
            + len(self.quotes)
            + len(self.measures)
            + len(self.implications)
            + len(self.events)
        )


ITEM_TYPES: dict[str, type[Item]] = {
    "sources": Source,
    "actors": Actor,
    "quotes": Quote,
    "measures": Measure,
    "implications": Implication,
    "events": Event,
}
