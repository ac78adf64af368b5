"""Each attribution pattern of news writing, one short text per pattern."""

from __future__ import annotations

import pytest

from briefing_app.core.drafting import draft_article


def speakers(text: str) -> dict[str, str | None]:
    return {s.text: s.speaker_name for s in draft_article(text).quotes}


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a lowercase title before the name, after the quote or after the verb
        ('"We are ready," spokesman Felix Grant said.', "We are ready,", "Felix Grant"),
        ('"It flew," said mission director Priya Ray.', "It flew,", "Priya Ray"),
        # a capitalised body and a lowercase title before the name
        (
            "\u201cNo,\u201d Foreign Ministry spokesperson Lin Jian told a briefing.",
            "No,",
            "Lin Jian",
        ),
        # the name in an apposition after a title: the name is the speaker
        (
            "The agency's director, Dr. Hannah Roth, urged people to act \u201cnow.\u201d",
            "now.",
            "Hannah Roth",
        ),
        (
            "Her coach, Sam Oduya, said she trained 'harder than anyone'.",
            "harder than anyone",
            "Sam Oduya",
        ),
        ('"Fine," the club\'s chair, Helen Marsh, said.', "Fine,", "Helen Marsh"),
        # a relative clause between the name and the verb
        (
            'Governor Ruth Kim, who backed it, called the ruling "a setback."',
            "a setback.",
            "Ruth Kim",
        ),
        # the verb after the name, with an age in between
        ("Grant, 52, told radio he was 'not surprised'.", "not surprised", "Grant"),
        # a participle or a second verb: the sentence's subject speaks
        (
            "On May 3, 2025, Mayor Ann Lee backed the plan, saying it was \u201cfair.\u201d",
            "fair.",
            "Ann Lee",
        ),
        (
            'The ministry called it "abuse" and urged the United States to "stop."',
            "stop.",
            "ministry",
        ),
        # a colon after a clause without a speech verb
        ('Osei put it plainly: "We cannot wait."', "We cannot wait.", "Osei"),
        # the next sentence only attributes
        ('"Who asked us?" Ruth Abara said at a rally.', "Who asked us?", "Ruth Abara"),
        # a state's capital stands for the state
        ('Tokyo also said it was watching "with concern."', "with concern.", "Japan"),
        # an institution whose head word is not a known title: an article before it
        (
            'The national weather office warned of "more rain."',
            "more rain.",
            "national weather office",
        ),
        # a surname that is also a speech verb
        ('Port chief Omar Said warned of "hard years."', "hard years.", "Omar Said"),
        # "States" in a name is not a verb
        ('The United States has publicly reaffirmed its "firm" support.', "firm", "United States"),
        # a determiner and a plain noun, the name in the apposition
        (
            'Her rival, businessman Tom Hale, has called it "stolen" and said he would "fight."',
            "fight.",
            "Tom Hale",
        ),
        # a relative clause between an unnamed speaker and the verb
        ('"A mess," one pilot, who asked not to be named, said.', "A mess,", "pilot"),
        # according to, after the quote
        ('"Prices will rise," according to the central bank.', "Prices will rise,", "central bank"),
    ],
)
def test_a_pattern_names_its_speaker(text: str, quote: str, speaker: str) -> None:
    assert speakers(text)[quote] == speaker


@pytest.mark.parametrize(
    "text",
    [
        'Nobody knows who wrote "the walls have ears."',
        'A note on the door: "closed until spring."',
        'Background: "the long view."',
        '"It was cold." The trains ran late.',
    ],
)
def test_no_pattern_no_speaker(text: str) -> None:
    (quote,) = draft_article(text).quotes
    assert quote.speaker is None and quote.confidence == 0.0


def test_a_quote_that_introduces_its_own_speech_does_not_lend_its_speaker() -> None:
    found = speakers('Ann Lee said: "We start today." Bob Ray added, "Good."')
    assert found == {"We start today.": "Ann Lee", "Good.": "Bob Ray"}


def test_a_split_quote_takes_the_speaker_named_between_its_halves() -> None:
    text = "\u201cThe fire,\u201d said chief Omar Haddad, \u201cis contained.\u201d"
    assert speakers(text) == {"The fire,": "Omar Haddad", "is contained.": "Omar Haddad"}


def test_a_sentence_that_opens_with_a_quote_after_a_new_sentence_keeps_the_speaker() -> None:
    text = '"We lost everything," said Ahmed Karim, a farmer near Elm. "It came fast."'
    assert speakers(text) == {"We lost everything,": "Ahmed Karim", "It came fast.": "Ahmed Karim"}


def test_a_quote_in_another_paragraph_does_not_take_the_last_speaker() -> None:
    text = '"Yes," said Ann Lee.\n\n"No."'
    assert speakers(text) == {"Yes,": "Ann Lee", "No.": None}
