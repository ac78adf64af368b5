"""Words and punctuation of a stretch of article text, each quotation as one token.

Attribution rules look at the words around a quote, never inside one: a
quotation (marks included) becomes a single ``quote`` token, so ``said`` in a
quoted sentence is never taken for an attribution. Linear in the text's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .vocabulary import ABBREVIATIONS

_TOKEN = re.compile(r"\w+(?:[.\u2019'&-]\w+)*|[^\w\s]")
_INITIALS = re.compile(r"(?:\w\.)*\w")
_APOSTROPHES = "\u2019'"


@dataclass(frozen=True)
class Token:
    """One word, mark or quotation, with its offsets in the article."""

    text: str
    start: int
    end: int
    kind: str  # "word", "mark" or "quote"

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()

    @property
    def possessive(self) -> bool:
        """``China's``, ``agency’s``, ``parents'``."""
        return self.kind == "word" and (
            self.text[-1:] in _APOSTROPHES or self.text[-2:-1] in _APOSTROPHES
        )


def tokenize(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> list[Token]:
    """Tokens of ``text[start:end]``; ``quotes`` are sorted (open mark, past close mark) pairs."""
    tokens: list[Token] = []
    i = bisect_left(quotes, (start, -1))
    if i > 0 and quotes[i - 1][1] > start:
        i -= 1  # a quotation that began before the window
    pos = start
    while pos < end:
        if i < len(quotes) and quotes[i][0] < end:
            q_start, q_end = quotes[i]
            _words_between(text, pos, max(pos, min(q_start, end)), tokens)
            tokens.append(Token(text[q_start:q_end], max(q_start, start), min(q_end, end), "quote"))
            pos = max(pos, q_end)
            i += 1
            continue
        _words_between(text, pos, end, tokens)
        break
    return tokens


def _words_between(text: str, start: int, end: int, out: list[Token]) -> None:
    taken = start
    for match in _TOKEN.finditer(text, start, end):
        word, w_start, w_end = match.group(), match.start(), match.end()
        if w_start < taken:
            continue  # a mark already joined to the word before it
        if not (word[0].isalnum() or word[0] == "_"):
            out.append(Token(word, w_start, w_end, "mark"))
            continue
        nxt = text[w_end] if w_end < end else ""
        after = text[w_end + 1] if w_end + 1 < end else ""
        if nxt in _APOSTROPHES and word[-1:] in "sS" and not after.isalnum():
            w_end += 1  # a plural possessive: parents' association
        elif nxt == "." and (word.lower() in ABBREVIATIONS or _INITIALS.fullmatch(word)):
            w_end += 1  # Dr. / U.S. / St. / the A. in Jane A. Doe
        taken = w_end
        out.append(Token(text[w_start:w_end], w_start, w_end, "word"))
