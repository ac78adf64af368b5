"""A ``CardList`` holds the same cards as ``build_cards``, built only when read."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from pack_builder import actor, implication, measure, pack, parse, quote, source, write_pack

from briefing_app.core import cards as cards_module
from briefing_app.core.cards import (
    STUDY_CATEGORIES,
    Card,
    CardList,
    Category,
    build_cards,
    title_card,
)
from briefing_app.core.deck import Deck
from briefing_app.core.discovery import find_packs
from briefing_app.core.loaded_pack import LoadedPack, load_full
from briefing_app.core.models import Pack
from briefing_app.core.pack import load_pack
from briefing_app.paths import bundled_briefs_dir

NAMES = ["Ann Example", "Bo", "\u0645\u062d\u0645\u062f", "\u7530\u4e2d", "Zo\u00eb"]


def generated(seed: int, items: int = 120) -> Pack:
    """A valid pack of random shape: actors with and without quotes, roles and
    pictures; quotes, measures and implications pointing at them, in any language."""
    rng = random.Random(seed)
    n_actors = rng.randint(1, 9)
    actors = [
        actor(
            f"a{i}",
            rng.choice(NAMES) + f" {i}",
            kind=rng.choice(["person", "institution", "state"]),
            **({"role": "Minister"} if rng.random() < 0.5 else {}),
            **({"summary": "Spoke first."} if rng.random() < 0.5 else {}),
            **({"image": f"img/a{i}.png"} if rng.random() < 0.3 else {}),
        )
        for i in range(n_actors)
    ]

    def someone() -> str:
        return f"a{rng.randrange(n_actors)}"

    def maybe(**fields: Any) -> dict[str, Any]:
        return {k: v for k, v in fields.items() if rng.random() < 0.5}

    quotes = [
        quote(
            f"q{i}",
            someone(),
            rng.choice(
                ["We stand firm.", "\u79c1\u305f\u3061\u306f\u5f15\u304b\u306a\u3044", "No"]
            ),
            **maybe(context="At the summit.", date="2025-11-0" + str(i % 9 + 1), source="s1"),
        )
        for i in range(rng.randint(0, items // 3))
    ]
    measures = [
        measure(
            f"m{i}",
            someone(),
            f"Measure {i}",
            **maybe(category="economic", detail="Duties rise.", date="2025-10-01", source="s2"),
        )
        for i in range(rng.randint(0, items // 3))
    ]
    implications = [
        implication(
            f"i{i}",
            rng.choice(["Trade: costs rise", "Tension may rise", "What next: talks"]),
            actors=[someone() for _ in range(rng.randint(0, 3))],
            **maybe(detail="Markets react.", source="s1"),
        )
        for i in range(rng.randint(0, items // 3))
    ]
    data = pack(
        id=f"gen-{seed}",
        language=rng.choice(["en", "ja", "de"]),
        as_of="2025-11-20",
        sources=[source("s1", "Wire"), source("s2", "Paper", publisher="Daily")],
        actors=actors,
        quotes=quotes,
        measures=measures,
        implications=implications,
    )
    return parse(data, base_dir=Path("/packs/gen"))


def bundled() -> list[Pack]:
    return [load_pack(path) for path in find_packs(bundled_briefs_dir())]


def every_pack() -> list[Pack]:
    return [*bundled(), *(generated(seed) for seed in range(12))]


@pytest.mark.parametrize("subject", every_pack(), ids=lambda p: p.id)
def test_the_same_cards_in_the_same_order_as_build_cards(subject: Pack) -> None:
    eager = build_cards(subject)
    lazy = CardList(subject)
    assert len(lazy) == len(eager)
    assert list(lazy) == eager
    assert lazy.ids == tuple(c.id for c in eager)
    assert lazy.categories == tuple(c.category for c in eager)

    with_title = CardList(subject, title=True)
    assert list(with_title) == [title_card(subject), *eager]
    assert with_title == [title_card(subject), *eager]
    assert with_title.categories[0] is Category.TITLE


@pytest.mark.parametrize("subject", every_pack(), ids=lambda p: p.id)
def test_cards_read_in_any_order_equal_the_eager_ones(subject: Pack) -> None:
    """An actor card read before, after or without its quotes' cards is the same card."""
    eager = [title_card(subject), *build_cards(subject)]
    lazy = CardList(subject, title=True)
    order = list(range(len(eager)))
    random.Random(subject.id).shuffle(order)
    for i in order:
        assert lazy[i] == eager[i]
        assert lazy[i].search_text == eager[i].search_text
        assert lazy[i].notes == eager[i].notes
        assert lazy[i].image == eager[i].image


def test_indexing_slicing_and_iteration_behave_as_a_lists() -> None:
    subject = generated(3)
    eager = [title_card(subject), *build_cards(subject)]
    lazy = CardList(subject, title=True)
    n = len(eager)
    for i in [0, 1, n - 1, -1, -n, -2]:
        assert lazy[i] == eager[i]
    for bad in [n, -n - 1, 10**9]:
        with pytest.raises(IndexError):
            lazy[bad]
    with pytest.raises(TypeError):
        lazy["1"]  # type: ignore[call-overload]
    for part in [slice(None), slice(1, 4), slice(-3, None), slice(None, None, -1), slice(5, 1)]:
        assert lazy[part] == eager[part]
    assert list(reversed(lazy)) == eager[::-1]
    assert eager[2] in lazy
    assert lazy.index(eager[3]) == 3
    assert lazy.count(eager[1]) == eager.count(eager[1])
    assert lazy == eager and eager == lazy and lazy == CardList(subject, title=True)
    assert lazy != eager[:-1] and lazy != tuple(eager)
    assert lazy != CardList(subject)


def test_a_card_read_twice_is_the_same_object() -> None:
    lazy = CardList(generated(5), title=True)
    assert lazy[1] is lazy[1]
    assert lazy[-1] is lazy[len(lazy) - 1]
    assert next(iter(lazy)) is lazy[0]


def test_it_is_read_only_and_unhashable() -> None:
    lazy = CardList(generated(6))
    with pytest.raises(TypeError):
        lazy[0] = lazy[1]  # type: ignore[index]
    with pytest.raises(TypeError):
        del lazy[0]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        lazy.append(lazy[0])  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        lazy.ids = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(lazy)


def test_an_empty_pack_lists_only_its_title_card() -> None:
    subject = parse(pack(id="empty", actors=[], quotes=[], measures=[], implications=[]))
    assert list(CardList(subject)) == []
    assert list(CardList(subject, title=True)) == [title_card(subject)]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What card building has done: every quote quoted and implication asked."""
    done: list[str] = []
    real_quoted, real_front = cards_module.quoted, cards_module.implication_front

    def quoted(text: str, language: str) -> str:
        done.append(text)
        return real_quoted(text, language)

    def implication_front(item: Any, who: Any) -> Any:
        done.append(item.id)
        return real_front(item, who)

    monkeypatch.setattr(cards_module, "quoted", quoted)
    monkeypatch.setattr(cards_module, "implication_front", implication_front)
    return done


def test_counts_filters_and_going_to_a_card_build_no_card(builds: list[str]) -> None:
    subject = generated(7, items=300)
    eager = Deck([title_card(subject), *build_cards(subject)], random.Random(1))
    builds.clear()
    lazy = Deck(CardList(subject, title=True), random.Random(1))
    last = lazy.study_ids()[-1]
    assert lazy.counts() == eager.counts()
    for category in [Category.QUOTE, Category.IMPLICATION, None]:
        lazy.set_category(category)
        assert lazy.go_to_id(last) is (category is not Category.QUOTE)
    lazy.set_only_ids(frozenset(lazy.study_ids()[::2]))
    assert lazy.counts()[None] == len(lazy.study_ids()[::2])
    lazy.set_shuffled(True)
    lazy.repeat_later(last, 2)
    assert builds == []


def test_a_deck_of_a_card_list_behaves_as_one_of_the_eager_cards() -> None:
    subject = generated(8, items=300)
    eager_cards = [title_card(subject), *build_cards(subject)]
    eager, lazy = (
        Deck(eager_cards, random.Random(4)),
        Deck(CardList(subject, title=True), random.Random(4)),
    )

    def same(*steps: Any) -> None:
        for deck in (eager, lazy):
            for step, *args in steps:
                getattr(deck, step)(*args)
        assert [c.id for c in lazy.visible] == [c.id for c in eager.visible]
        assert lazy.visible == eager.visible
        assert lazy.current == eager.current
        assert lazy.counts() == eager.counts()
        assert lazy.position_text() == eager.position_text()

    same()
    by_hand = {c: sum(card.category is c for card in eager_cards) for c in STUDY_CATEGORIES}
    assert lazy.counts() == {**by_hand, None: len(eager_cards)}
    same(("set_category", Category.ACTOR), ("next",), ("next",))
    same(("set_query", "stand"), ("last",))
    same(("set_query", "markets"), ("set_category", Category.IMPLICATION))
    same(("set_query", ""), ("set_category", None), ("set_shuffled", True), ("go_to", 7))
    same(("repeat_later", eager_cards[5].id, 3), ("next",), ("next",))
    same(("set_only_ids", frozenset(c.id for c in eager_cards[::3])), ("first",))
    same(("set_shuffled", False), ("set_only_ids", None), ("go_to_id", eager_cards[-1].id))
    same(("replace_cards", CardList(subject, title=True)))
    assert lazy.cards == eager.cards
    assert lazy.study_ids() == [c.id for c in eager_cards[1:]]


def test_searching_keeps_no_card_it_built(builds: list[str]) -> None:
    """A search folds every card's text once; the cards it built for that are let go."""
    subject = generated(9, items=300)
    lazy = CardList(subject, title=True)
    deck = Deck(lazy)
    deck.set_query("stand")
    first = len(builds)
    assert first > 0
    hits = [c.id for c in deck.visible]
    assert hits == [
        c.id for c in [title_card(subject), *build_cards(subject)] if c.matches("stand")
    ]
    built_again: Sequence[Card] = [lazy[lazy.ids.index(i)] for i in hits]
    assert all(c.matches("stand") for c in built_again)


def test_the_window_loader_lists_cards_lazily(tmp_path: Path) -> None:
    data = pack(
        id="lazy",
        actors=[actor("ann", "Ann")],
        quotes=[quote("q1", "ann", "We object.")],
        measures=[measure("m1", "ann", "Ban")],
        implications=[implication("i1", "Costs rise", actors=["ann"])],
    )
    result = load_full(write_pack(tmp_path, data))
    assert isinstance(result, LoadedPack)
    assert isinstance(result.cards, CardList)
    assert result.cards == [title_card(result.pack), *build_cards(result.pack)]


def test_a_card_whose_building_meets_a_bug_says_so_and_the_rest_still_build(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    subject = generated(3)
    eager = [title_card(subject), *build_cards(subject)]
    broken = next(i for i, card in enumerate(eager) if card.category is Category.QUOTE)

    def failing(*_args: Any) -> Card:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cards_module, "_quote_card", failing)
    lazy = CardList(subject, title=True)
    with caplog.at_level("ERROR", logger="briefing_app.core.cards"):
        stand_in = lazy[broken]
    assert (stand_in.id, stand_in.category) == (eager[broken].id, Category.QUOTE)
    assert stand_in.front.headline == "This card could not be built"
    assert eager[broken].id in caplog.text and "a bug" in caplog.text
    assert lazy[0] == eager[0]  # the others are untouched
    assert lazy.peek(broken).front.headline == "This card could not be built"
