"""Pydantic models of the briefing-pack contract (docs/pack-format.md): the validator.

These models are the contract's reference implementation and the source of the
JSON Schema (``briefing-app schema``). They run when ``fast_load`` hands a pack
over (anything it cannot prove valid, including every invalid pack), so every
problem is worded by this path alone; the app itself only ever sees the light
types of ``models.py``, converted by ``checked_load``.

The models check shapes, types, lengths and patterns; rules that need the whole
pack (unique ids, references, dates, URLs, image paths, unknown keys) live in
``references.py``. Validation runs in strict mode on parsed JSON, so ``"1"`` is
not an integer and ``true`` is not a number: pack authors get told instead of
silently coerced. String fields are trimmed before their length and emptiness
are judged.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .models import DATE_PATTERN, LANGUAGE_PATTERN, SLUG_PATTERN, SUPPORTED_VERSION

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
# Speaker notes: the presenter's private words, shown on the console, never to the room.
Notes = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
DateText = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]
UrlText = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
ActorKind = Literal["person", "institution", "state"]


class PackModel(BaseModel):
    """Shared settings: strict types, trimmed strings, unknown keys kept for checking.

    Unknown keys land in ``__pydantic_extra__`` (verbatim, not trimmed), so that
    ``x-`` extensions survive and ``references.check_pack`` can refuse any other
    with a "did you mean" hint.
    """

    model_config = ConfigDict(
        strict=True,
        str_strip_whitespace=True,
        extra="allow",
        # Packs are parsed with validate_json: cache only keys, since values
        # (texts, ids) rarely repeat and caching them costs more than it saves.
        cache_strings="keys",
        frozen=True,
        revalidate_instances="never",
        json_schema_extra={"patternProperties": {"^x-": {}}, "additionalProperties": False},
    )

    @property
    def extensions(self) -> dict[str, Any]:
        """The item's ``x-`` keys, kept verbatim for tools that use them."""
        extra = self.__pydantic_extra__ or {}
        return {k: v for k, v in extra.items() if k.startswith("x-")}


class Source(PackModel):
    id: Slug
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    publisher: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    url: UrlText | None = None
    date: DateText | None = None
    note: LongText | None = None
    notes: Notes | None = None


class Actor(PackModel):
    id: Slug
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    kind: ActorKind = "person"
    role: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None
    affiliation: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    summary: LongText | None = None
    aliases: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50
    )
    image: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None
    notes: Notes | None = None


class Quote(PackModel):
    id: Slug
    actor: Slug
    text: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    context: LongText | None = None
    date: DateText | None = None
    source: Slug | None = None
    notes: Notes | None = None


class Measure(PackModel):
    id: Slug
    actor: Slug
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    category: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    detail: LongText | None = None
    date: DateText | None = None
    source: Slug | None = None
    notes: Notes | None = None


class Implication(PackModel):
    id: Slug
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    detail: LongText | None = None
    actors: list[Slug] = Field(default_factory=list)
    source: Slug | None = None
    notes: Notes | None = None


class Event(PackModel):
    id: Slug
    date: DateText
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    detail: LongText | None = None
    actors: list[Slug] = Field(default_factory=list)
    source: Slug | None = None
    notes: Notes | None = None


class Pack(PackModel):
    """A whole briefing pack, as the contract describes it."""

    format: Literal["briefing-pack"]
    version: Annotated[int, Field(ge=SUPPORTED_VERSION, le=SUPPORTED_VERSION)]
    id: Slug
    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    subtitle: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None
    summary: Annotated[str, StringConstraints(min_length=1, max_length=2000)] | None = None
    as_of: DateText | None = None
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] = "en"
    tags: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        default_factory=list
    )
    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor]
    quotes: list[Quote]
    measures: list[Measure]
    implications: list[Implication]
    events: list[Event] = Field(default_factory=list)
    notes: Notes | None = None

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
