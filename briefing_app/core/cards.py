"""Flip cards built from a pack, as the contract's card table says.

A card is plain data (no Qt): the window, ``render``, the PDF and the Anki
export all draw from the same ``Card`` so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Actor, Implication, Measure, Pack, Quote


class Category(str, Enum):
    """Card categories, in the order the contract lists them."""

    TITLE = "title"
    ACTOR = "actor"
    QUOTE = "quote"
    MEASURE = "measure"
    IMPLICATION = "implication"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.TITLE: "Briefing",
    Category.ACTOR: "Actor",
    Category.QUOTE: "Quote",
    Category.MEASURE: "Measure",
    Category.IMPLICATION: "Implication",
}
STUDY_CATEGORIES = (Category.ACTOR, Category.QUOTE, Category.MEASURE, Category.IMPLICATION)


@dataclass(frozen=True)
class Detail:
    """A labelled line on a card face (``Context: ...``)."""

    label: str
    text: str


@dataclass(frozen=True)
class Listing:
    """A labelled list on a card face (an actor's quotes, say)."""

    label: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Face:
    """One side of a card: a headline, an optional subline, details and lists."""

    headline: str
    subline: str = ""
    details: tuple[Detail, ...] = ()
    listings: tuple[Listing, ...] = ()

    def texts(self) -> list[str]:
        out = [self.headline, self.subline]
        out += [d.text for d in self.details]
        for listing in self.listings:
            out += listing.entries
        return [t for t in out if t]


@dataclass(frozen=True)
class Card:
    """A flip card: its item's id and category, a front and a back."""

    id: str
    category: Category
    front: Face
    back: Face
    image: Path | None = None
    search_text: str = field(default="", compare=False)

    def matches(self, needle: str) -> bool:
        """Case-insensitive substring search over both faces."""
        haystack = self.search_text or "\n".join(self.front.texts() + self.back.texts()).casefold()
        return needle.casefold() in haystack


def _details(*pairs: tuple[str, str | None]) -> tuple[Detail, ...]:
    return tuple(Detail(label, text) for label, text in pairs if text)


def _who(actor: Actor | None, fallback: str) -> str:
    if actor is None:
        return fallback
    return f"{actor.name}, {actor.role}" if actor.role else actor.name


def _source_title(pack: Pack, source_id: str | None) -> str | None:
    source = pack.source(source_id)
    if source is None:
        return None
    return f"{source.title} ({source.publisher})" if source.publisher else source.title


def actor_card(
    pack: Pack, actor: Actor, quotes: tuple[str, ...] = (), measures: tuple[str, ...] = ()
) -> Card:
    """An actor's card; ``quotes`` and ``measures`` are that actor's, pre-grouped."""
    listings = tuple(
        Listing(label, entries)
        for label, entries in (("Quotes", quotes), ("Measures", measures))
        if entries
    )
    image = None
    if actor.image and pack.folder is not None:
        image = pack.folder / actor.image
    return Card(
        id=actor.id,
        category=Category.ACTOR,
        front=Face(actor.name, actor.role or ""),
        back=Face(
            actor.name,
            actor.kind.capitalize(),
            _details(("Affiliation", actor.affiliation), ("Summary", actor.summary)),
            listings,
        ),
        image=image,
    )


def quote_card(pack: Pack, quote: Quote) -> Card:
    actor = pack.actor(quote.actor)
    return Card(
        id=quote.id,
        category=Category.QUOTE,
        front=Face(quote.text),
        back=Face(
            actor.name if actor else quote.actor,
            actor.role or "" if actor else "",
            _details(
                ("Context", quote.context),
                ("Date", quote.date),
                ("Source", _source_title(pack, quote.source)),
            ),
        ),
    )


def measure_card(pack: Pack, measure: Measure) -> Card:
    return Card(
        id=measure.id,
        category=Category.MEASURE,
        front=Face(measure.title, (measure.category or "").capitalize()),
        back=Face(
            measure.title,
            _who(pack.actor(measure.actor), measure.actor),
            _details(
                ("Detail", measure.detail),
                ("Date", measure.date),
                ("Source", _source_title(pack, measure.source)),
            ),
        ),
    )


def implication_card(pack: Pack, implication: Implication) -> Card:
    names = [a.name if (a := pack.actor(i)) else i for i in implication.actors]
    return Card(
        id=implication.id,
        category=Category.IMPLICATION,
        front=Face(implication.title),
        back=Face(
            implication.title,
            "",
            _details(
                ("Detail", implication.detail),
                ("Actors concerned", ", ".join(names) if names else None),
                ("Source", _source_title(pack, implication.source)),
            ),
        ),
    )


def title_card(pack: Pack) -> Card:
    """The pack's cover: title, subtitle, summary, as-of date and sources."""
    sources = tuple(
        s.title + (f" \u2014 {s.publisher}" if s.publisher else "") for s in pack.sources
    )
    return Card(
        id=f"{pack.id}-title",
        category=Category.TITLE,
        front=Face(pack.title, pack.subtitle or "", _details(("As of", pack.as_of))),
        back=Face(
            pack.title,
            pack.subtitle or "",
            _details(("Summary", pack.summary), ("As of", pack.as_of)),
            (Listing("Sources", sources),) if sources else (),
        ),
    )


def build_cards(pack: Pack) -> list[Card]:
    """One card per actor, quote, measure and implication, in that order."""
    quotes_by_actor: dict[str, list[str]] = {}
    for q in pack.quotes:
        quotes_by_actor.setdefault(q.actor, []).append(f"\u201c{q.text}\u201d")
    measures_by_actor: dict[str, list[str]] = {}
    for m in pack.measures:
        measures_by_actor.setdefault(m.actor, []).append(m.title)
    cards = [
        actor_card(
            pack,
            a,
            tuple(quotes_by_actor.get(a.id, ())),
            tuple(measures_by_actor.get(a.id, ())),
        )
        for a in pack.actors
    ]
    cards += [quote_card(pack, q) for q in pack.quotes]
    cards += [measure_card(pack, m) for m in pack.measures]
    cards += [implication_card(pack, i) for i in pack.implications]
    return cards
