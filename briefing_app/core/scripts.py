"""Which way a text reads and which quotation marks it takes, from its letters.

Pure Python (``unicodedata``), so the card painter, the PDF, the quiz and the
terminal agree. The pack's ``language`` wins where it is known; otherwise the
text's own script decides (an Arabic quote in an English pack is still
right-to-left).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})
CJK_LANGUAGES = frozenset({"ja", "zh", "ko"})
WESTERN_MARKS = ("\u201c", "\u201d")
JAPANESE_MARKS = ("\u300c", "\u300d")  # 「 」


def primary_language(language: str | None) -> str:
    """``"pt-BR"`` -> ``"pt"``; empty for None."""
    return (language or "").split("-")[0].split("_")[0].lower()


@lru_cache(maxsize=4096)
def first_strong_direction(text: str) -> str | None:
    """``"rtl"`` or ``"ltr"`` by the first letter with a strong direction (Unicode bidi P2)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def is_rtl(text: str, language: str | None = None) -> bool:
    """True when ``text`` reads right to left: by its letters, else by the pack's language."""
    found = first_strong_direction(text)
    if found is not None:
        return found == "rtl"
    return primary_language(language) in RTL_LANGUAGES


# The letters that make a text CJK, as character classes: one ``re`` search per
# text instead of a Python call per character (a 50,000-item pack's quote cards
# scanned 3.4 million characters). ASCII text holds none of them.
_KANA = "\u3040-\u30ff\uff66-\uff9f"
_HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff"
_CJK = _HAN + _KANA + _HANGUL
_FIRST_CJK = "\u1100"  # the lowest letter in those classes


@cache
def _letters(classes: str) -> re.Pattern[str]:
    """A search for any of ``classes``, compiled on first use: a class this wide takes
    ``re`` about 3 ms to compile, which an ASCII pack's first paint should not pay."""
    return re.compile(f"[{classes}]")


def has_cjk(text: str) -> bool:
    """True when ``text`` holds Chinese, Japanese or Korean letters (set upright, never italic)."""
    if text.isascii() or max(text) < _FIRST_CJK:  # a dash or an accent is not reason to look
        return False
    return _letters(_CJK).search(text) is not None


def cjk_language(text: str, language: str | None = None) -> str | None:
    """``"ja"``, ``"zh"`` or ``"ko"`` for a CJK text (the pack's language first), else None."""
    lang = primary_language(language)
    if not has_cjk(text):
        return None
    if lang in CJK_LANGUAGES:
        return lang
    if _letters(_KANA).search(text):
        return "ja"
    if _letters(_HANGUL).search(text):
        return "ko"
    return "zh"


def quote_marks(text: str, language: str | None = None) -> tuple[str, str]:
    """The marks a quotation in ``text`` takes: 「」 for Japanese, else “ ” (Chinese too)."""
    return JAPANESE_MARKS if cjk_language(text, language) == "ja" else WESTERN_MARKS


def quoted(text: str, language: str | None = None) -> str:
    """``text`` between the quotation marks of its script."""
    opening, closing = quote_marks(text, language)
    return f"{opening}{text}{closing}"


def isolated(text: str) -> str:
    """``text`` in a first-strong isolate (U+2068 … U+2069) when it holds right-to-left
    letters, so beside English words its brackets and order stay its own; else as is."""
    if not text.isascii() and any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return f"\u2068{text}\u2069"
    return text


def left_to_right(text: str) -> str:
    """``text`` in a left-to-right isolate (U+2066 … U+2069): a date after Arabic words
    would otherwise have its numbers laid out right to left (``03-03-2025``)."""
    return f"\u2066{text}\u2069"
