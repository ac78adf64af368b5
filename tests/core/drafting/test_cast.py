"""Who a surname, a pronoun or 'the ministry' refers back to; actors once, with aliases."""

from __future__ import annotations

from briefing_app.core.drafting import draft_article


def speakers(text: str) -> dict[str, str | None]:
    return {s.text: s.speaker_name for s in draft_article(text).quotes}


def test_a_pronoun_is_the_person_the_nearest_sentence_names_first() -> None:
    text = (
        'Opposition spokesman Ian Cole said the plan was "too slow."\n\n'
        'Hannah Roth rejected Cole\'s claim. "The timing follows the science," she said.'
    )
    assert speakers(text)["The timing follows the science,"] == "Hannah Roth"


def test_a_pronoun_in_the_same_sentence_refers_to_the_subject() -> None:
    text = 'Council leader Brian Holt said it was "needed," and he accused critics of "fear."'
    assert speakers(text) == {"needed,": "Brian Holt", "fear.": "Brian Holt"}


def test_a_pronoun_with_no_one_before_it_has_no_speaker() -> None:
    assert speakers('"It is over," she said.') == {"It is over,": None}


def test_it_refers_to_the_last_body_quoted() -> None:
    text = (
        'The health ministry called the outbreak "serious." '
        'It said on Monday that schools would stay "open for now."'
    )
    assert speakers(text)["open for now."] == "health ministry"


def test_a_surname_is_the_full_name_given_anywhere_before() -> None:
    text = (
        "Governor Elena Cruz spoke first.\n\n"
        '"Prices are high," Cruz said. Lin Jian, an economist, agreed. Lin called it "a squeeze."'
    )
    found = speakers(text)
    assert found == {"Prices are high,": "Elena Cruz", "a squeeze.": "Lin Jian"}


def test_the_ministry_is_the_ministry_quoted_before() -> None:
    text = (
        "China\u2019s foreign ministry called the remarks \u201cegregious.\u201d "
        "The ministry later said Japan should \u201cretract them.\u201d"
    )
    draft = draft_article(text)
    first, second = draft.quotes
    assert first.speaker is second.speaker
    assert first.speaker is not None and first.speaker.affiliation == "China"


def test_each_speaker_is_one_actor_with_role_affiliation_and_the_short_forms_used() -> None:
    text = (
        "Japanese Prime Minister Sanae Takaichi spoke in parliament.\n\n"
        'Takaichi said it was a "survival-threatening situation." '
        'Prime Minister Takaichi added that Japan would "stay calm."'
    )
    pack = draft_article(text).to_pack_dict()
    (actor,) = pack["actors"]
    assert actor["name"] == "Sanae Takaichi" and actor["kind"] == "person"
    assert actor["role"] == "Japanese Prime Minister" and actor["affiliation"] == "Japan"
    assert actor["aliases"] == ["Takaichi", "Prime Minister Takaichi"]
    assert {q["actor"] for q in pack["quotes"]} == {actor["id"]}


def test_states_and_institutions_have_their_kind() -> None:
    text = (
        'China said Japan would "bear all consequences." '
        'The commerce ministry called it "a blatant abuse." Critics called it "a giveaway."'
    )
    kinds = {a["name"]: a["kind"] for a in draft_article(text).to_pack_dict()["actors"]}
    assert kinds == {"China": "state", "commerce ministry": "institution", "Critics": "institution"}
