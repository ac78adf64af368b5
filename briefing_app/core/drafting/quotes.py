"""Finding quotations in article text: curly, straight and single quotes, over paragraphs.

Each ``QuoteSpan`` is the text *between* the marks, with its offsets into the
article, so it is always a verbatim span. A quotation still open at the end of
a paragraph ends there; when the next paragraph opens with a quote mark, that
quote is linked as its continuation (news style for a quote over paragraphs).
Single quotes count as quotation marks only where the text uses them so: an
opening mark after a space or a paragraph start, a closing one before a space
or punctuation; apostrophes inside words (don't, Japan's) never open a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import paragraphs

OPEN_CLOSE = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "\u300c": "\u300d"}
_LETTER = re.compile(r"\w")


@dataclass
class QuoteSpan:
    """The inner text of one quotation and where it stands."""

    start: int  # offset of the first character inside the marks
    end: int  # offset just past the last character inside the marks
    text: str
    paragraph: int
    closed: bool = True  # False when the paragraph ended first
    continues: QuoteSpan | None = None  # the quote of the next paragraph that goes on


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _LETTER.match(before) and bool(_LETTER.match(after) or after in "\u2026.")


def _closes_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (
        not before.isspace()
        and not _LETTER.match(after)
        and not (before in "sS" and after.isspace() and _possessive_plural(text, i))
    )


def _possessive_plural(text: str, i: int) -> bool:
    """``workers' union``: an apostrophe after a plural, followed by a lowercase noun."""
    rest = text[i + 1 : i + 3]
    return len(rest) == 2 and rest[0] == " " and rest[1].islower()


def _spans_in(text: str, start: int, end: int, index: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    i = start
    while i < end:
        ch = text[i]
        closer: str | None = None
        if ch in OPEN_CLOSE and (ch != "\u2018" or _opens_single(text, i)):
            closer = OPEN_CLOSE[ch]
        elif ch == '"':
            closer = '"'
        elif ch == "'" and _opens_single(text, i):
            closer = "'"
        if closer is None:
            i += 1
            continue
        j = _find_closer(text, i + 1, end, closer)
        inner_end = j if j is not None else end
        inner = text[i + 1 : inner_end]
        if inner.strip():
            spans.append(QuoteSpan(i + 1, inner_end, inner, index, closed=j is not None))
        i = (j if j is not None else end) + 1
    return spans


def _find_closer(text: str, i: int, end: int, closer: str) -> int | None:
    while i < end:
        ch = text[i]
        if ch == closer and (closer not in "\u2019'" or _closes_single(text, i)):
            return i
        i += 1
    return None


def find_quotes(text: str, bounds: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every quotation, in order; a quote open at a paragraph's end links to its continuation."""
    spans: list[QuoteSpan] = []
    for index, (start, end) in enumerate(paragraphs(text) if bounds is None else bounds):
        found = _spans_in(text, start, end, index)
        if spans and found and not spans[-1].closed and spans[-1].paragraph == index - 1:
            head = text[start : found[0].start - 1]
            if not head.strip():  # the paragraph opens with the continuing quote
                spans[-1].continues = found[0]
        spans += found
    return spans
