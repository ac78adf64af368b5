"""Cards follow the contract's table: one per actor, quote, measure and implication."""

from __future__ import annotations

from pathlib import Path

from pack_samples import encode, parse, valid

from briefing_app.core.cards import (
    STUDY_CATEGORIES,
    Card,
    Category,
    Detail,
    Face,
    Listing,
    actor_card,
    build_cards,
    implication_card,
    measure_card,
    quote_card,
    title_card,
)
from briefing_app.core.pack import load_pack


def test_one_card_per_item_in_contract_order() -> None:
    pack = parse(valid())
    cards = build_cards(pack)
    assert [c.id for c in cards] == [
        "takaichi",
        "china-mfa",
        "japan",
        "q-survival",
        "q-retract",
        "m-seafood",
        "i-deterrence",
    ]
    assert [c.category for c in cards] == [Category.ACTOR] * 3 + [Category.QUOTE] * 2 + [
        Category.MEASURE,
        Category.IMPLICATION,
    ]
    assert STUDY_CATEGORIES == (
        Category.ACTOR,
        Category.QUOTE,
        Category.MEASURE,
        Category.IMPLICATION,
    )


def test_actor_card() -> None:
    pack = parse(valid())
    card = build_cards(pack)[0]
    assert card.front == Face("Sanae Takaichi", "Prime Minister of Japan")
    assert card.back.headline == "Sanae Takaichi"
    assert card.back.subline == "Person"
    assert card.back.details == (
        Detail("Affiliation", "Japan"),
        Detail("Summary", "Her remarks started the row."),
    )
    assert card.back.listings == (
        Listing("Quotes", ("\u201cIt could constitute a survival-threatening situation.\u201d",)),
    )
    china = build_cards(pack)[1]
    assert china.back.listings == (
        Listing("Quotes", ("\u201cRetract the remarks.\u201d",)),
        Listing("Measures", ("Seafood ban reinstated",)),
    )
    assert china.back.subline == "Institution"
    assert build_cards(pack)[2].back.listings == ()


def test_quote_card() -> None:
    pack = parse(valid())
    card = quote_card(pack, pack.quotes[0])
    assert card.front == Face("It could constitute a survival-threatening situation.")
    assert card.back == Face(
        "Sanae Takaichi",
        "Prime Minister of Japan",
        (
            Detail("Context", "In parliament."),
            Detail("Date", "2025-11-07"),
            Detail("Source", "An article (A paper)"),
        ),
        kicker="\u201cIt could constitute a survival-threatening situation.\u201d",
    )  # the back repeats the quote above its speaker, to check the answer against
    bare = quote_card(pack, pack.quotes[1])
    assert bare.back == Face(
        "Chinese Foreign Ministry", "", (), kicker="\u201cRetract the remarks.\u201d"
    )


def test_measure_card() -> None:
    pack = parse(valid())
    card = measure_card(pack, pack.measures[0])
    assert card.front == Face("Seafood ban reinstated", "Economic")
    assert card.back.subline == "Chinese Foreign Ministry"
    assert [d.label for d in card.back.details] == ["Detail", "Date", "Source"]


def test_measure_by_an_actor_with_a_role_names_both() -> None:
    data = valid()
    data["measures"][0]["actor"] = "takaichi"
    pack = parse(data)
    assert build_cards(pack)[5].back.subline == "Sanae Takaichi, Prime Minister of Japan"


def test_implication_card() -> None:
    pack = parse(valid())
    card = implication_card(pack, pack.implications[0])
    # the front asks; the claim is on the back, to be recalled
    assert card.front == Face("What might follow for Sanae Takaichi and Chinese Foreign Ministry?")
    assert card.back.headline == "Deterrence is tested"
    assert card.back.details == (
        Detail("Detail", "Both sides watch the other."),
        Detail("Actors concerned", "Sanae Takaichi, Chinese Foreign Ministry"),
        Detail("Source", "An article (A paper)"),
    )


def test_right_to_left_names_get_a_line_of_their_own_on_an_implication_front() -> None:
    data = valid()
    data["actors"][0]["name"] = "ساناي تاكايتشي"
    data["actors"][1]["name"] = "وزارة الخارجية الصينية"
    pack = parse(data)
    card = implication_card(pack, pack.implications[0])
    # Not inside the English sentence, where the bidi algorithm would swap the names.
    assert card.front == Face(
        "What might follow for these actors?", "ساناي تاكايتشي · وزارة الخارجية الصينية"
    )


def test_an_implication_without_actors_still_asks_without_telling() -> None:
    data = valid()
    data["implications"][0]["actors"] = []
    data["implications"][0]["title"] = "What could happen next: economic fallout"
    card = implication_card(parse(data), parse(data).implications[0])
    assert card.front.headline == "What could happen next?"
    assert "economic fallout" not in " ".join(card.front.texts())


def test_speaker_notes_ride_on_the_card() -> None:
    data = valid()
    data["notes"] = "Open with the map."
    data["quotes"][0]["notes"] = "Pause here."
    pack = parse(data)
    assert quote_card(pack, pack.quotes[0]).notes == "Pause here."
    assert title_card(pack).notes == "Open with the map."
    assert "Pause here." not in quote_card(pack, pack.quotes[0]).back.texts()


def test_public_card_functions_match_build_cards() -> None:
    pack = parse(valid())
    cards = {c.id: c for c in build_cards(pack)}
    assert quote_card(pack, pack.quotes[1]) == cards["q-retract"]
    assert measure_card(pack, pack.measures[0]) == cards["m-seafood"]
    assert implication_card(pack, pack.implications[0]) == cards["i-deterrence"]
    assert actor_card(pack, pack.actors[2]) == cards["japan"]


def test_title_card() -> None:
    pack = parse(valid())
    card = title_card(pack)
    assert card.id == "sample-pack-title"
    assert card.category is Category.TITLE
    assert card.front == Face("A sample pack", "For tests", (Detail("As of", "2025-11-20"),))
    assert card.back.listings == (Listing("Sources", ("An article \u2014 A paper",)),)


def test_actor_image_resolves_against_the_pack_folder(tmp_path: Path) -> None:
    data = valid()
    data["actors"][0]["image"] = "images/t.png"
    (tmp_path / "pack.json").write_bytes(encode(data))
    pack = load_pack(tmp_path)
    assert build_cards(pack)[0].image == tmp_path / "images" / "t.png"
    assert build_cards(parse(data))[0].image is None  # parsed from bytes: no folder


def test_cards_search_and_compare() -> None:
    cards = build_cards(parse(valid()))
    assert cards[3].matches("SURVIVAL")
    assert cards[3].matches("in parliament")
    assert not cards[3].matches("seafood")
    assert "Prime Minister of Japan" in cards[0].front.texts()
    assert len({*cards, *build_cards(parse(valid()))}) == len(cards)  # hashable, equal by value
    assert Card("a", Category.QUOTE, Face("x"), Face("y"), search_text="s") == Card(
        "a", Category.QUOTE, Face("x"), Face("y")
    )


def test_category_labels() -> None:
    assert [c.label for c in Category] == ["Briefing", "Actor", "Quote", "Measure", "Implication"]
    assert Category("quote") is Category.QUOTE
