"""The study deck: which cards are visible, in what order, and which one is shown.

Pure Python so the window, presentation mode and tests share one set of rules.
Moving to the next card is O(1); filtering, searching and shuffling rebuild the
visible list once (O(n)), and the search text of each card is folded only once.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from .cards import STUDY_CATEGORIES, Card, CardList, Category


class Deck:
    """Cards in pack order plus a view: category filter, search query, shuffle, position."""

    def __init__(self, cards: Sequence[Card], rng: random.Random | None = None) -> None:
        self._cards: Sequence[Card] = []
        self._categories: Sequence[Category] = ()
        self._ids: Sequence[str] = ()
        self._take(cards)
        self._rng = rng or random.Random()
        self._haystacks: list[str] | None = None
        self._order: list[int] = list(range(len(self._cards)))
        self._visible: list[int] = list(self._order)
        self._category: Category | None = None
        self._query = ""
        self._shuffled = False
        self._index = 0
        self._counts: dict[Category | None, int] | None = None
        self._only: frozenset[str] | None = None

    # --- reading -----------------------------------------------------------------

    @property
    def cards(self) -> Sequence[Card]:
        """Every card, in pack order (a ``CardList`` builds a card when it is read)."""
        cards = self._cards
        return cards if isinstance(cards, CardList) else list(cards)

    def study_ids(self) -> list[str]:
        """The ids of every card but the title card, in pack order; builds no card."""
        title = Category.TITLE
        return [i for i, c in zip(self._ids, self._categories, strict=True) if c is not title]

    @property
    def total(self) -> int:
        """How many cards the deck holds, whatever the filter."""
        return len(self._cards)

    @property
    def visible(self) -> list[Card]:
        """The cards the filter and search let through, in the current order."""
        return [self._cards[i] for i in self._visible]

    @property
    def index(self) -> int:
        return self._index

    @property
    def current(self) -> Card | None:
        if not self._visible:
            return None
        return self._cards[self._visible[self._index]]

    @property
    def category(self) -> Category | None:
        return self._category

    @property
    def query(self) -> str:
        return self._query

    @property
    def shuffled(self) -> bool:
        return self._shuffled

    def __len__(self) -> int:
        return len(self._visible)

    def position_text(self) -> str:
        """``Card 3 of 24``, or why there is nothing to show."""
        if not self._cards:
            return "No cards"
        if not self._visible:
            return "No cards match"
        return f"Card {self._index + 1:,} of {len(self._visible):,}"

    def counts(self) -> dict[Category | None, int]:
        """Cards per category (``None`` is all), among those matching the search."""
        if self._counts is not None:
            return dict(self._counts)
        out: dict[Category | None, int] = {c: 0 for c in STUDY_CATEGORIES}
        total = 0
        needle = self._query.casefold()
        if not needle and self._only is None:  # every card counts: count in C
            categories = self._categories
            out = {c: categories.count(c) for c in STUDY_CATEGORIES}
            out[None] = len(categories)
            self._counts = out
            return dict(out)
        hay = self._haystack() if needle else None
        only = self._only
        ids = self._ids
        for i, category in enumerate(self._categories):
            if hay is not None and needle not in hay[i]:
                continue
            if only is not None and ids[i] not in only:
                continue
            total += 1
            if category in out:
                out[category] += 1
        out[None] = total
        self._counts = out
        return dict(out)

    # --- moving ------------------------------------------------------------------

    def go_to(self, index: int) -> bool:
        """Show the visible card at ``index`` (clamped); True if the card changed."""
        if not self._visible:
            return False
        index = max(0, min(index, len(self._visible) - 1))
        changed = index != self._index
        self._index = index
        return changed

    def next(self) -> bool:
        return self.go_to(self._index + 1)

    def previous(self) -> bool:
        return self.go_to(self._index - 1)

    def first(self) -> bool:
        return self.go_to(0)

    def last(self) -> bool:
        return self.go_to(len(self._visible) - 1)

    def go_to_id(self, card_id: str) -> bool:
        """Show the card with this id if it is visible; True if found."""
        ids = self._ids
        for pos, i in enumerate(self._visible):
            if ids[i] == card_id:
                self._index = pos
                return True
        return False

    def repeat_later(self, card_id: str, gap: int) -> bool:
        """Show the card with this id again ``gap`` cards after the current one
        (learning steps); the repeat lasts until the view changes. False if the
        card is not in the deck."""
        where = next((i for i, c in enumerate(self._ids) if c == card_id), None)
        if where is None or not self._visible:
            return False
        at = min(self._index + 1 + max(gap, 0), len(self._visible))
        self._visible.insert(at, where)
        return True

    # --- changing the view ----------------------------------------------------------

    def set_category(self, category: Category | None) -> None:
        self._category = category
        self._rebuild()

    def set_query(self, query: str) -> None:
        self._query = query.strip()
        self._counts = None
        self._rebuild()

    def set_only_ids(self, ids: frozenset[str] | None) -> None:
        """Restrict the deck to these card ids ("Due now"); None lifts the restriction."""
        self._only = ids
        self._counts = None
        self._rebuild()

    def set_shuffled(self, shuffled: bool) -> None:
        """Shuffle into a fresh random order, or go back to pack order."""
        self._shuffled = shuffled
        self._order = list(range(len(self._cards)))
        if shuffled:
            self._rng.shuffle(self._order)
        self._rebuild()

    def shuffle(self) -> None:
        self.set_shuffled(True)

    def unshuffle(self) -> None:
        self.set_shuffled(False)

    def replace_cards(self, cards: Sequence[Card]) -> None:
        """New cards (a reload), keeping filter, search, shuffle and the current card."""
        current = self._current_id()
        old_index = self._index
        self._take(cards)
        self._haystacks = None
        self._counts = None
        self._order = list(range(len(self._cards)))
        if self._shuffled:
            self._rng.shuffle(self._order)
        self._index = 0
        self._rebuild(keep=current)
        if current is not None and self._current_id() != current:
            self.go_to(old_index)

    # --- internals ---------------------------------------------------------------

    def _current_id(self) -> str | None:
        """The current card's id, without building the card."""
        return self._ids[self._visible[self._index]] if self._visible else None

    def _take(self, cards: Sequence[Card]) -> None:
        """Hold ``cards``: a ``CardList`` as it is (its ids and categories need no card
        built), anything else copied into a list."""
        if isinstance(cards, CardList):
            self._cards = cards
            self._categories = cards.categories
            self._ids = cards.ids
        else:
            self._cards = list(cards)
            self._categories = [card.category for card in self._cards]
            self._ids = [card.id for card in self._cards]

    def _haystack(self) -> list[str]:
        if self._haystacks is None:
            cards = self._cards
            # A card built only to be searched is not kept: the texts are what stays.
            read = cards.peek if isinstance(cards, CardList) else cards.__getitem__
            self._haystacks = []
            for i in range(len(cards)):
                card = read(i)
                self._haystacks.append(
                    card.search_text or "\n".join(card.front.texts() + card.back.texts()).casefold()
                )
        return self._haystacks

    def _rebuild(self, keep: str | None = None) -> None:
        if keep is None:
            keep = self._current_id()
        needle = self._query.casefold()
        hay = self._haystack() if needle else None
        cat = self._category
        categories = self._categories
        ids = self._ids
        only = self._only
        if cat is None and hay is None and only is None:  # the whole deck: no pass over it
            self._visible = list(self._order)
        else:
            self._visible = [
                i
                for i in self._order
                if (cat is None or categories[i] is cat)
                and (hay is None or needle in hay[i])
                and (only is None or ids[i] in only)
            ]
        self._index = 0
        if keep is not None:
            self.go_to_id(keep)
