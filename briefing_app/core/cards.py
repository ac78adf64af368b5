"""Flip cards built from a pack, as the contract's card table says.

A card is plain data (no Qt): the window, ``render``, the PDF and the Anki
export all draw from the same ``Card`` so they can never disagree.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, overload

from .scripts import first_strong_direction, quoted

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .models import Actor, Implication, Measure, Pack, Quote

_Said = TypeVar("_Said", "Quote", "Measure")


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


class CardList(Sequence[Card]):
    """A pack's cards (title card first if asked), each built the first time it is read.

    The same cards, in the same order and equal to ``build_cards``' (and a list of
    them compares equal), but opening a pack of 50,000 items builds none: a card's
    id and category come straight from the pack (``ids``, ``categories``), so
    counts per category, filters and going to a card by id need no card built.
    A card once built is kept, so reading it again gives the same object.
    Read-only, as cards are: there is no way to add, remove or replace one.
    """

    __slots__ = (
        "_built",
        "_categories",
        "_head",
        "_ids",
        "_look",
        "_measures_of",
        "_pack",
        "_quotes_of",
    )

    def __init__(self, pack: Pack, *, title: bool = False) -> None:
        self._pack = pack
        self._head = 1 if title else 0  # cards before the pack's items
        self._look = _Lookups(pack)  # ~0.5 ms, not on the way to the first card after the title
        # Grouped now (~5 ms for 32,000 quotes and measures), not when the first actor
        # card is read: that is usually the card after the title, and must show at once.
        self._quotes_of: dict[str, list[Quote]] = _by_actor(pack.quotes)
        self._measures_of: dict[str, list[Measure]] = _by_actor(pack.measures)
        sections: tuple[Sequence[Actor | Quote | Measure | Implication], ...] = (
            pack.actors,
            pack.quotes,
            pack.measures,
            pack.implications,
        )
        head: list[Card | None] = [title_card(pack)] if title else []
        self._built: list[Card | None] = head + [None] * sum(len(s) for s in sections)
        categories: list[Category] = [Category.TITLE] if title else []
        ids: list[str] = [f"{pack.id}-title"] if title else []
        for category, items in zip(STUDY_CATEGORIES, sections, strict=True):
            categories += [category] * len(items)
            ids += [item.id for item in items]
        self._categories = tuple(categories)
        self._ids = tuple(ids)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every card's id, in order, without building a card."""
        return self._ids

    @property
    def categories(self) -> tuple[Category, ...]:
        """Every card's category, in order, without building a card."""
        return self._categories

    def __len__(self) -> int:
        return len(self._built)

    @overload
    def __getitem__(self, index: int) -> Card: ...

    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...

    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._built)))]
        card = self._built[index]  # raises IndexError (and TypeError) as a list does
        if card is None:
            if index < 0:
                index += len(self._built)
            card = self._built[index] = self._build_or_stand_in(index)
        return card

    def __iter__(self) -> Iterator[Card]:
        for i in range(len(self._built)):
            yield self[i]

    def peek(self, index: int) -> Card:
        """The card at ``index``, built if need be but not kept (a one-off read)."""
        return self._built[index] or self._build_or_stand_in(index % len(self._built))

    def _build_or_stand_in(self, index: int) -> Card:
        """The card, or, if building it meets a bug, a card that says so (and a log entry).

        Cards are built when first shown, on the window's thread: a bug there must
        cost one card, never the window.
        """
        try:
            return self._build(index)
        except Exception:
            logger.exception("internal error while building card %s", self._ids[index])
            return Card(
                id=self._ids[index],
                category=self._categories[index],
                front=Face("This card could not be built", "An internal error; see the log."),
                back=Face("This card could not be built", "An internal error; see the log."),
            )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CardList) and not isinstance(other, list):
            return NotImplemented
        others: Sequence[object] = other
        return len(self) == len(others) and all(a == b for a, b in zip(self, others, strict=True))

    __hash__ = None  # type: ignore[assignment]  # unhashable, as a list is

    def __repr__(self) -> str:
        return f"CardList({self._pack.id!r}, {len(self)} cards)"

    def _build(self, index: int) -> Card:
        look = self._look
        pack = self._pack
        at = index - self._head
        if at < (n := len(pack.actors)):
            actor = pack.actors[at]
            return _actor_card(
                look,
                actor,
                tuple([_listed(q.text, look.language) for q in self._quotes_of.get(actor.id, ())]),
                tuple([m.title for m in self._measures_of.get(actor.id, ())]),
            )
        at -= n
        if at < (n := len(pack.quotes)):
            return _quote_card(look, pack.quotes[at])
        at -= n
        if at < (n := len(pack.measures)):
            return _measure_card(look, pack.measures[at])
        return _implication_card(look, pack.implications[at - n])


def _by_actor(items: list[_Said]) -> dict[str, list[_Said]]:
    """Quotes or measures grouped by their actor's id, each group in pack order."""
    groups: dict[str, list[_Said]] = {}
    get = groups.get
    for item in items:
        found = get(item.actor)
        if found is None:
            groups[item.actor] = [item]
        else:
            found.append(item)
    return groups


def _listed(text: str, language: str) -> str:
    """A quote as an actor card lists it: between Western marks, whatever the language."""
    said = quoted(text, language)
    return said if said[0] == "\u201c" else f"\u201c{text}\u201d"
