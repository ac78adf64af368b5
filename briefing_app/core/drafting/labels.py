"""Quoted names and labels, which are not speech.

``the so-called "green lane"``, ``a plan dubbed "Operation Spring"``, ``its
"One China" policy``, ``China's "provocative" reaction``, a quoted title in
Title Case (``"Indo-Pacific Strategy,"``). A label is kept apart from the
quotes, so it never becomes a card.
"""

from __future__ import annotations

import re

from .vocabulary import LABEL_CUES, LABEL_NOUNS, SMALL_WORDS

_CUE = re.compile(
    r"(?:^|[^\w-])(?:" + "|".join(re.escape(c) for c in LABEL_CUES) + r")(?:\s+(?:the|a|an))?\s*$",
    re.IGNORECASE,
)
_CALLED_THING = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:called|named)\s*$", re.I)
_POSSESSOR = re.compile(r"[A-Z][\w-]*[\u2019']s\s*$")


def title_case(words: list[str]) -> bool:
    """Two or more words, every one that matters capitalised: a name or a title."""
    significant = [w for w in words if w.lower() not in SMALL_WORDS]
    return len(significant) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in significant)


def is_label(inner: str, head: str, after: str) -> bool:
    """Whether the quotation ``inner`` (between ``head`` and ``after``) names, not speaks."""
    near = head[-60:]
    if _CUE.search(near) or _CALLED_THING.search(near):
        return True
    stripped = inner.strip()
    words = stripped.rstrip(",.").split()
    if not words or stripped[-1:] in "!?;:":
        return False
    if title_case(words) and (stripped[-1:] not in "." or len(words) <= 4):
        return True  # a title or a name: a book, a plan, a slogan
    next_word = re.match(r"^[\u201d\"\u2019']?\s+([a-z][\w-]*)", after)
    if len(words) <= 2 and next_word and _POSSESSOR.search(near) and stripped[-1:] not in ",.":
        return True  # a scare quote on someone's noun: China's "provocative" reaction
    return (
        next_word is not None
        and next_word.group(1).lower() in LABEL_NOUNS
        and all(w[:1].isupper() for w in words)
        and stripped[-1:] not in ",."
    )
