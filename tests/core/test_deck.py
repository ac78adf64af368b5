"""The study deck: moving, filtering, searching and shuffling, without Qt."""

from __future__ import annotations

import random

from briefing_app.core.cards import Card, Category, Face
from briefing_app.core.deck import Deck


def card(card_id: str, category: Category, text: str = "") -> Card:
    return Card(card_id, category, Face(text or card_id), Face(f"back of {card_id}"))


def sample() -> list[Card]:
    return [
        card("title", Category.TITLE, "The pack"),
        card("a1", Category.ACTOR, "Alice"),
        card("a2", Category.ACTOR, "Bob"),
        card("q1", Category.QUOTE, "We stand firm"),
        card("q2", Category.QUOTE, "Retract it"),
        card("m1", Category.MEASURE, "Seafood ban"),
        card("i1", Category.IMPLICATION, "Trade as a weapon"),
    ]


def test_moves_and_clamps() -> None:
    deck = Deck(sample())
    assert deck.current is not None and deck.current.id == "title"
    assert deck.position_text() == "Card 1 of 7"
    assert not deck.previous()
    assert deck.next() and deck.current.id == "a1"
    assert deck.last() and deck.current.id == "i1"
    assert not deck.next()
    assert deck.first() and deck.index == 0
    assert deck.go_to(99) and deck.index == 6
    assert deck.go_to_id("q2") and deck.current.id == "q2"
    assert not deck.go_to_id("missing")


def test_category_filter_keeps_the_current_card_when_it_stays_visible() -> None:
    deck = Deck(sample())
    deck.go_to_id("q2")
    deck.set_category(Category.QUOTE)
    assert [c.id for c in deck.visible] == ["q1", "q2"]
    assert deck.current is not None and deck.current.id == "q2"
    assert deck.position_text() == "Card 2 of 2"
    deck.set_category(Category.ACTOR)
    assert deck.current is not None and deck.current.id == "a1"
    deck.set_category(None)
    assert len(deck) == 7


def test_search_is_case_insensitive_over_both_faces_and_counts_follow() -> None:
    deck = Deck(sample())
    deck.set_query("  BACK OF Q  ")
    assert [c.id for c in deck.visible] == ["q1", "q2"]
    counts = deck.counts()
    assert counts[None] == 2 and counts[Category.QUOTE] == 2 and counts[Category.ACTOR] == 0
    deck.set_query("nothing matches this")
    assert deck.current is None and deck.position_text() == "No cards match"
    assert not deck.next()
    deck.set_query("")
    assert deck.counts()[None] == 7


def test_shuffle_is_a_real_permutation_and_unshuffle_restores_order() -> None:
    cards = [card(f"c{i}", Category.QUOTE) for i in range(50)]
    deck = Deck(cards, random.Random(3))
    deck.shuffle()
    shuffled = [c.id for c in deck.visible]
    assert shuffled != [c.id for c in cards]
    assert sorted(shuffled) == sorted(c.id for c in cards)
    deck.shuffle()
    assert [c.id for c in deck.visible] != shuffled  # a fresh order each time
    deck.unshuffle()
    assert [c.id for c in deck.visible] == [c.id for c in cards]


def test_replace_cards_keeps_view_and_current_card() -> None:
    deck = Deck(sample())
    deck.set_category(Category.QUOTE)
    deck.go_to_id("q2")
    new = [*sample(), card("q3", Category.QUOTE, "New words")]
    deck.replace_cards(new)
    assert deck.category is Category.QUOTE
    assert [c.id for c in deck.visible] == ["q1", "q2", "q3"]
    assert deck.current is not None and deck.current.id == "q2"
    deck.replace_cards([c for c in new if c.id != "q2"])
    assert deck.current is not None and deck.current.id == "q3"  # same position


def test_empty_deck() -> None:
    deck = Deck([])
    assert deck.current is None and deck.position_text() == "No cards"
    assert not deck.next() and not deck.last()


def test_a_card_repeats_after_the_gap_and_at_the_end_when_near_it() -> None:
    deck = Deck(sample())
    deck.go_to_id("a1")
    assert deck.repeat_later("a1", 2)
    assert [c.id for c in deck.visible] == ["title", "a1", "a2", "q1", "a1", "q2", "m1", "i1"]
    assert deck.position_text() == "Card 2 of 8"
    deck.last()
    assert deck.repeat_later("i1", 3)  # past the end: it is simply next
    assert deck.next() and deck.current is not None and deck.current.id == "i1"
    assert not deck.repeat_later("missing", 1)
    deck.set_category(None)  # a new view drops the repeats
    assert len(deck) == 7
