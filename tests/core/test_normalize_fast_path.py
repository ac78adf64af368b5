"""``normalize``'s translate-based fast paths give exactly the old loop's output.

The reference below is the per-character loop ``normalize`` used to be; the
quiz and typed answers depend on the keys staying the same, character for
character, for every text a pack can hold.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core.answer_matching import actor_keys, name_key, normalize
from briefing_app.core.models import Actor


def reference_normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for ch in decomposed:
        if unicodedata.category(ch).startswith(("M", "P", "Z", "S", "C")):
            continue
        kept.append(ch)
    return "".join(kept).casefold()


SAMPLES = [
    "",
    "Takaïchi",
    "U.S.",
    "Jean-Luc  Picard",
    "straße",
    "ﬁnance",  # a ligature NFKD splits
    "İstanbul",  # casefold differs from lower here
    "Ǆ",
    "①②",
    "Ελληνικά",
    "李克强",
    "\x00\x1f\x7f tab\tnew\nline",
    "~!@#$%^&*()_+`-=[]{}|;':\",./<>?\\",
    "ＦＵＬＬ　ＷＩＤＴＨ",
    "e\u0301\u0302\u200b\u202e",
    "".join(chr(c) for c in range(128)),
]


def test_every_ascii_character_and_samples_match_the_reference() -> None:
    for text in [*SAMPLES, *(chr(c) for c in range(0x3000))]:
        assert normalize(text) == reference_normalize(text), repr(text)


@settings(max_examples=1500)
@given(st.text())
def test_any_text_matches_the_reference(text: str) -> None:
    assert normalize(text) == reference_normalize(text)


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_any_ascii_text_matches_the_reference(text: str) -> None:
    assert normalize(text) == reference_normalize(text)


@given(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=4))
def test_cached_keys_are_the_normalised_names(name: str, aliases: list[str]) -> None:
    assert name_key(name) == reference_normalize(name)
    actor = Actor(id="a", name=name, aliases=aliases)
    expected = [reference_normalize(n) for n in (name, *aliases)]
    assert actor_keys(actor) == [k for k in dict.fromkeys(expected) if k]
