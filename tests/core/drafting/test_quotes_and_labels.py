"""Finding quotations (marks, apostrophes, paragraphs) and telling labels from speech."""

from __future__ import annotations

import pytest

from briefing_app.core.drafting import draft_article


def texts(text: str) -> list[str]:
    return [s.text for s in draft_article(text).quotes]


def test_apostrophes_never_open_a_quote_and_single_quotes_do() -> None:
    text = (
        "The supporters' trust said the club's plan was 'not good enough'. "
        "Fans don't agree, and Japan\u2019s view is \u2018unchanged\u2019."
    )
    assert texts(text) == ["not good enough", "unchanged"]


def test_a_quote_open_at_a_paragraph_end_stops_there_and_goes_on_in_the_next() -> None:
    text = '"We won. It was hard.\n\n"But we won," said Ann Lee.\n\nShe left.'
    draft = draft_article(text)
    assert [(q.text, q.speaker_name) for q in draft.quotes] == [
        ("We won. It was hard.", "Ann Lee"),
        ("But we won,", "Ann Lee"),
    ]


def test_without_blank_lines_every_line_is_a_paragraph() -> None:
    text = 'Mayor Ann Lee said the vote was "close\nThe next line is another paragraph.'
    (quote,) = draft_article(text).quotes
    assert quote.text == "close" and quote.line == 1


def test_lines_and_offsets_point_into_the_text() -> None:
    text = 'Title\n\n"One," said Ann Lee.\n\nBob Ray said it was "two."'
    for quote in draft_article(text).quotes:
        assert text[quote.start : quote.end] == quote.text
        assert text.count("\n", 0, quote.start) + 1 == quote.line
    assert [q.line for q in draft_article(text).quotes] == [3, 5]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            'Analysts called it part of Canada\u2019s "Indo-Pacific Strategy," launched in 2022.',
            "Indo-Pacific Strategy,",
        ),
        (
            'Union members marched behind a banner reading "Safe Staffing Now."',
            "Safe Staffing Now.",
        ),
        ("Ellen Fitch, nicknamed 'the Metronome', won.", "the Metronome"),
        ('They backed a group called "Save Our Park" on Monday.', "Save Our Park"),
        (
            "In response to China\u2019s \u201cprovocative\u201d reaction, the US spoke.",
            "provocative",
        ),
        ('Beijing defends its "One China" policy.', "One China"),
    ],
)
def test_labels_are_kept_apart_from_speech(text: str, label: str) -> None:
    draft = draft_article(text)
    assert draft.quotes == []
    assert [s.text for s in draft.labels] == [label]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('The US has reaffirmed its "unshakable" support for Japan.', "unshakable"),
        ('Chen thanked him for a "gracious" call.', "gracious"),
        ('"Nobody takes this step lightly," she said.', "Nobody takes this step lightly,"),
    ],
)
def test_partial_quotes_and_sentences_are_speech(text: str, quote: str) -> None:
    assert texts(text) == [quote]
