"""Flip cards built from a pack, as the contract's card table says.

A card is plain data (no Qt): the window, ``render``, the PDF and the Anki
export all draw from the same ``Card`` so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from .scripts import first_strong_direction, quoted

if TYPE_CHECKING:
    from .models import Actor, Implication, Measure, Pack, Quote


class Category(str, Enum):  # noqa: UP042 - str() and format() stay as they were
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


# Cards and faces are slotted dataclasses, not frozen ones: a frozen dataclass
# sets each field through ``object.__setattr__`` and costs three times as much
# to create, and the window builds a card for every one of up to 50,000 items.
# Treat them as read-only all the same (they stay hashable). Details and
# listings are frozen, since one "Date" or "Source" detail is shared by every
# card that shows it.


@dataclass(frozen=True, slots=True)
class Detail:
    """A labelled line on a card face (``Context: ...``)."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Listing:
    """A labelled list on a card face (an actor's quotes, say)."""

    label: str
    entries: tuple[str, ...]


class CardFace(StrEnum):
    """Which side of a card is up. A ``StrEnum``, so ``"front"`` compares equal."""

    FRONT = "front"
    BACK = "back"

    @property
    def other(self) -> CardFace:
        return CardFace.BACK if self is CardFace.FRONT else CardFace.FRONT


@dataclass(slots=True, unsafe_hash=True)
class Face:
    """One side of a card: a headline, an optional subline, details and lists."""

    headline: str
    subline: str = ""
    details: tuple[Detail, ...] = ()
    listings: tuple[Listing, ...] = ()
    kicker: str = ""  # a line above the headline (the quote, on the back of a quote card)

    def texts(self) -> list[str]:
        out = [self.kicker, self.headline, self.subline]
        out += [d.text for d in self.details]
        for listing in self.listings:
            out += listing.entries
        return [t for t in out if t]


@dataclass(slots=True, unsafe_hash=True)
class Card:
    """A flip card: its item's id and category, a front and a back."""

    id: str
    category: Category
    front: Face
    back: Face
    image: Path | None = None
    search_text: str = field(default="", compare=False)
    notes: str = field(default="", compare=False)  # the presenter's speaker notes

    def matches(self, needle: str) -> bool:
        """Case-insensitive substring search over both faces."""
        haystack = self.search_text or "\n".join(self.front.texts() + self.back.texts()).casefold()
        return needle.casefold() in haystack


class _Lookups:
    """What cards need from the rest of the pack, computed once per ``build_cards``.

    "Date" and "Source" details are shared between the cards that show the same
    one: cards are read-only, and 50,000 items repeat a few thousand dates.
    """

    __slots__ = ("dates", "folder", "language", "sources", "who")

    def __init__(self, pack: Pack) -> None:
        self.folder = pack.folder
        self.language = pack.language
        self.who: dict[str, Actor] = pack.actors_by_id
        self.sources: dict[str, Detail] = {
            s.id: Detail("Source", f"{s.title} ({s.publisher})" if s.publisher else s.title)
            for s in pack.sources
        }
        self.dates: dict[str, Detail] = {}

    def date(self, date: str) -> Detail:
        detail = self.dates.get(date)
        if detail is None:
            detail = self.dates[date] = Detail("Date", date)
        return detail


def _details(*pairs: tuple[str, str | None]) -> tuple[Detail, ...]:
    return tuple([Detail(label, text) for label, text in pairs if text])


def _who(actor: Actor | None, fallback: str) -> str:
    if actor is None:
        return fallback
    return f"{actor.name}, {actor.role}" if actor.role else actor.name


def actor_card(
    pack: Pack, actor: Actor, quotes: tuple[str, ...] = (), measures: tuple[str, ...] = ()
) -> Card:
    """An actor's card; ``quotes`` and ``measures`` are that actor's, pre-grouped."""
    return _actor_card(_Lookups(pack), actor, quotes, measures)


def quote_card(pack: Pack, quote: Quote) -> Card:
    return _quote_card(_Lookups(pack), quote)


def measure_card(pack: Pack, measure: Measure) -> Card:
    return _measure_card(_Lookups(pack), measure)


def implication_card(pack: Pack, implication: Implication) -> Card:
    return _implication_card(_Lookups(pack), implication)


def _actor_card(
    look: _Lookups, actor: Actor, quotes: tuple[str, ...], measures: tuple[str, ...]
) -> Card:
    listings: tuple[Listing, ...] = ()
    if quotes or measures:
        listings = tuple(
            [
                Listing(label, entries)
                for label, entries in (("Quotes", quotes), ("Measures", measures))
                if entries
            ]
        )
    image = look.folder / actor.image if actor.image and look.folder is not None else None
    details: tuple[Detail, ...] = ()
    if actor.affiliation or actor.summary:
        details = _details(("Affiliation", actor.affiliation), ("Summary", actor.summary))
    return Card(
        actor.id,
        Category.ACTOR,
        Face(actor.name, actor.role or ""),
        Face(actor.name, actor.kind.capitalize(), details, listings),
        image,
        notes=actor.notes or "",
    )


def _described(
    look: _Lookups, label: str, text: str | None, date: str | None, source: str | None
) -> list[Detail]:
    """A back's usual details, in order: a labelled text, the date, the source."""
    details: list[Detail] = []
    if text:
        details.append(Detail(label, text))
    if date:
        details.append(look.date(date))
    if source is not None and (found := look.sources.get(source)):
        details.append(found)
    return details


def _quote_card(look: _Lookups, quote: Quote, said: str | None = None) -> Card:
    """``said`` is ``quoted(quote.text, look.language)`` when the caller has it already."""
    actor = look.who.get(quote.actor)
    details = _described(look, "Context", quote.context, quote.date, quote.source)
    if said is None:
        said = quoted(quote.text, look.language)
    if actor is None:
        back = Face(quote.actor, "", tuple(details), kicker=said)
    else:
        back = Face(actor.name, actor.role or "", tuple(details), kicker=said)
    return Card(quote.id, Category.QUOTE, Face(quote.text), back, notes=quote.notes or "")


def _measure_card(look: _Lookups, measure: Measure) -> Card:
    details = _described(look, "Detail", measure.detail, measure.date, measure.source)
    return Card(
        measure.id,
        Category.MEASURE,
        Face(measure.title, measure.category.capitalize() if measure.category else ""),
        Face(measure.title, _who(look.who.get(measure.actor), measure.actor), tuple(details)),
        notes=measure.notes or "",
    )


def _implication_card(look: _Lookups, implication: Implication) -> Card:
    details = _described(look, "Detail", implication.detail, None, implication.source)
    if implication.actors:
        who = look.who
        names = [a.name if (a := who.get(i)) else i for i in implication.actors]
        details.insert(1 if implication.detail else 0, Detail("Actors concerned", ", ".join(names)))
    title = implication.title
    front = implication_front(implication, look.who)
    back = Face(title, "", tuple(details))
    return Card(implication.id, Category.IMPLICATION, front, back, notes=implication.notes or "")


def and_list(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: names as a sentence says them."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def implication_front(implication: Implication, who: dict[str, Actor]) -> Face:
    """The question, with right-to-left names on a line of their own.

    Inside an English sentence, two Arabic or Hebrew names joined by a comma are
    drawn in swapped order by the bidi algorithm; on their own line they read
    in their own direction.
    """
    names = [a.name for i in implication.actors if (a := who.get(i)) is not None]
    if any(first_strong_direction(name) == "rtl" for name in names):
        return Face("What might follow for these actors?", " · ".join(names))
    return Face(implication_question(implication, who))


def implication_question(implication: Implication, who: dict[str, Actor]) -> str:
    """The front of an implication: a question to recall the claim by, never the claim.

    ``What might follow for Japan and China?`` from the actors it concerns; without
    them, from the topic before a colon in the title, or a plain question.
    """
    names = [a.name for i in implication.actors if (a := who.get(i)) is not None]
    if names:
        return f"What might follow for {and_list(names)}?"
    topic = implication.title.split(":", 1)[0].strip()
    if ":" in implication.title and 0 < len(topic.split()) <= 6:
        return (
            f"{topic.rstrip('?')}?"
            if topic.lower().startswith("what")
            else f"{topic}: what might follow?"
        )
    return "What might follow from this?"


def title_card(pack: Pack) -> Card:
    """The pack's cover: title, subtitle, summary, as-of date and sources."""
    sources = tuple(
        s.title + (f" \u2014 {s.publisher}" if s.publisher else "") for s in pack.sources
    )
    return Card(
        notes=pack.notes or "",
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
    """One card per actor, quote, measure and implication, in that order.

    The garbage collector is paused meanwhile: tens of thousands of small
    objects, none of them cyclic garbage, would otherwise trigger full collections.
    The cards live as long as their pack, so they go straight to the oldest
    generation (``promote_to_old_generation``) instead of being walked by a
    young-generation collection the moment the collector is re-enabled.
    """
    from .pack import gc_paused, promote_to_old_generation

    with gc_paused():
        cards = _build_cards(pack)
        promote_to_old_generation()
    return cards


def _build_cards(pack: Pack) -> list[Card]:
    look = _Lookups(pack)
    # An actor's card lists its quotes between Western marks; where the quote card's
    # kicker has the same marks (every quote but a Japanese one), the two share a string.
    said = [quoted(q.text, look.language) for q in pack.quotes]
    quotes_by_actor: dict[str, list[str]] = {}
    for q, s in zip(pack.quotes, said, strict=True):
        listed = s if s[0] == "\u201c" else f"\u201c{q.text}\u201d"
        quotes_by_actor.setdefault(q.actor, []).append(listed)
    measures_by_actor: dict[str, list[str]] = {}
    for m in pack.measures:
        measures_by_actor.setdefault(m.actor, []).append(m.title)
    cards = [
        _actor_card(
            look,
            a,
            tuple(quotes_by_actor.get(a.id, ())),
            tuple(measures_by_actor.get(a.id, ())),
        )
        for a in pack.actors
    ]
    cards += [_quote_card(look, q, s) for q, s in zip(pack.quotes, said, strict=True)]
    cards += [_measure_card(look, m) for m in pack.measures]
    cards += [_implication_card(look, i) for i in pack.implications]
    return cards
