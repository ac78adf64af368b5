"""Paragraphs and sentences of an article, found once, looked up by offset.

A text with blank lines has paragraphs between them (single newlines inside are
wrapped lines); a text without any has one paragraph per line. A sentence ends
at ``. ! ?`` before a capital, a digit or an opening mark, never inside a
quotation and never after an abbreviation (``Dr.``, ``U.S.``). Every lookup is a
binary search, so drafting stays linear in the article's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .vocabulary import ABBREVIATIONS

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BREAK_BLANK = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*[\"\u201c\u2018'\u00ab])")
_BREAK_LINE = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\u201d\"\u2019')\]]*\s+")
_WORD_BEFORE_DOT = re.compile(r"(\w+(?:\.\w+)*)\.$")
_OPENERS = "\u201c\"\u2018'(\u00ab["


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph that holds more than whitespace."""
    breaks = _BREAK_BLANK if _BLANK_LINE.search(text) else _BREAK_LINE
    out: list[tuple[int, int]] = []
    start = 0
    for match in breaks.finditer(text):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


class Layout:
    """Where each paragraph and sentence of ``text`` starts and ends."""

    def __init__(self, text: str, paragraph_bounds: list[tuple[int, int]]) -> None:
        self.text = text
        self.paragraphs = paragraph_bounds
        self._para_starts = [a for a, _ in paragraph_bounds]
        self._sentences: list[tuple[int, int]] = []
        self._quotes: list[tuple[int, int]] = []

    def split_sentences(self, quotes: list[tuple[int, int]]) -> None:
        """Sentence bounds, given the quotations (whose full stops end no sentence)."""
        self._quotes = quotes
        q_starts = [a for a, _ in quotes]
        for para_start, para_end in self.paragraphs:
            start = para_start
            for match in _SENTENCE_END.finditer(self.text, para_start, para_end):
                cut = match.end()
                if cut >= para_end or not self._ends_sentence(match, q_starts):
                    continue
                self._sentences.append((start, match.start() + 1))
                start = cut
            self._sentences.append((start, para_end))
        self._starts = [a for a, _ in self._sentences]

    def _ends_sentence(self, match: re.Match[str], q_starts: list[int]) -> bool:
        nxt = self.text[match.end()]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            return False
        i = bisect_right(q_starts, match.start()) - 1
        if i >= 0 and self._quotes[i][1] > match.end():
            return False  # a full stop inside a quotation that goes on
        if self.text[match.start()] == ".":
            before = _WORD_BEFORE_DOT.search(
                self.text, max(0, match.start() - 15), match.start() + 1
            )
            if before and (before.group(1).lower() in ABBREVIATIONS or "." in before.group(1)):
                return False
            if before and len(before.group(1)) == 1 and before.group(1).isupper():
                return False  # an initial: Jane A. Doe
        return True

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self._para_starts, pos) - 1)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self._starts, pos) - 1)

    def sentence(self, index: int) -> tuple[int, int]:
        return self._sentences[index]

    @property
    def sentence_count(self) -> int:
        return len(self._sentences)
