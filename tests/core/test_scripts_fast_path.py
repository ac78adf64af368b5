"""``scripts``' regex searches and ASCII shortcuts answer as the per-character loops did.

Cards, the PDF and the quiz choose quotation marks and isolates by these
answers, so a card's content must not change: the references below are the
loops the module used to run (a Python call per character, which made building
a 50,000-item pack's cards three times slower).
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core.scripts import cjk_language, has_cjk, isolated, quote_marks


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff"


def reference_has_cjk(text: str) -> bool:
    return any(_is_han(ch) or _is_kana(ch) or _is_hangul(ch) for ch in text)


def reference_cjk_language(text: str, lang: str) -> str | None:
    if not reference_has_cjk(text):
        return None
    if lang in ("ja", "zh", "ko"):
        return lang
    if any(_is_kana(ch) for ch in text):
        return "ja"
    if any(_is_hangul(ch) for ch in text):
        return "ko"
    return "zh"


def reference_isolated(text: str) -> str:
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return f"\u2068{text}\u2069"
    return text


RANGE_EDGES = (0x3040, 0x30FF, 0xFF66, 0xFF9F, 0x4E00, 0x9FFF, 0x3400, 0x4DBF, 0xF900, 0xFAFF)
RANGE_EDGES += (0xAC00, 0xD7AF, 0x1100, 0x11FF)
# Every range's edges and their neighbours, plus right-to-left and plain letters.
EDGES = [chr(code + step) for code in RANGE_EDGES for step in (-1, 0, 1)]
LETTERS = st.sampled_from([*EDGES, "a", " ", "\u05d0", "\u0627", "\u200f", "\u3002", "é"])
TEXTS = st.one_of(st.text(LETTERS, max_size=12), st.text(max_size=30))
LANGUAGES = st.sampled_from(["", "en", "ja", "zh-TW", "ko", "ar"])


@settings(max_examples=600, deadline=None)
@given(text=TEXTS, language=LANGUAGES)
def test_same_answers_as_the_per_character_loops(text: str, language: str) -> None:
    lang = language.split("-")[0]
    assert has_cjk(text) is reference_has_cjk(text)
    assert cjk_language(text, language) == reference_cjk_language(text, lang)
    assert isolated(text) == reference_isolated(text)


def test_every_range_edge() -> None:
    for ch in EDGES:
        for text in (ch, f"abc {ch}", f"{ch} abc"):
            assert has_cjk(text) is reference_has_cjk(text), hex(ord(ch))
            assert cjk_language(text) == reference_cjk_language(text, ""), hex(ord(ch))
    assert quote_marks("これは日本語") == ("\u300c", "\u300d")
    assert quote_marks("plain English") == ("\u201c", "\u201d")
