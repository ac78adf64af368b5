"""Draft a pack from an article: quote suggestions with speakers, actors, dates, a title.

``draft_article(text)`` never invents: every suggested quote is a verbatim span
of ``text`` (``Suggestion.start``/``end``), its speaker comes from an
attribution pattern or is ``None`` ("speaker unknown"), and quoted labels
(so-called, dubbed, a quoted policy name) are kept apart as labels. The user
reviews every suggestion; ``Draft.to_pack_dict`` builds a pack that ``validate``
accepts from the accepted ones. Linear in the text's length: each quote looks
only at its own sentence (at most ``HEAD_CHARS`` before it and ``TAIL_CHARS``
after it) and the next one.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from .attribution import attribute
from .cast import Cast
from .dates import DatedEvent, find_dates
from .labels import is_label
from .layout import Layout, paragraphs
from .quotes import QuoteSpan, find_quotes
from .speakers import Speaker
from .tokens import Token, tokenize

HEAD_CHARS = 400
TAIL_CHARS = 300
MAX_TOKENS = 80  # an attribution stands within a few words of its quote
PRONOUN_CONFIDENCE = 0.9  # times the pattern's own confidence


@dataclass
class Suggestion:
    """A quotation found in the text, with the speaker the text gives (or None)."""

    start: int  # offset of the first character of the quote's text
    end: int  # offset just past its last character: text[start:end] == self.text
    text: str
    speaker: Speaker | None
    confidence: float
    line: int  # 1-based line of ``start``
    label: bool = False  # a quoted name or label, not speech

    @property
    def speaker_name(self) -> str | None:
        return self.speaker.name if self.speaker else None


@dataclass
class Draft:
    """Everything found in one article, for the user to review."""

    text: str
    title: str
    suggestions: list[Suggestion] = field(default_factory=list)
    dates: list[DatedEvent] = field(default_factory=list)

    @property
    def quotes(self) -> list[Suggestion]:
        return [s for s in self.suggestions if not s.label]

    @property
    def labels(self) -> list[Suggestion]:
        return [s for s in self.suggestions if s.label]

    @property
    def speakers(self) -> list[Speaker]:
        """Each speaker once, in order of first quote."""
        seen: dict[int, Speaker] = {}
        for s in self.quotes:
            if s.speaker is not None:
                seen.setdefault(id(s.speaker), s.speaker)
        return list(seen.values())

    def to_pack_dict(
        self, accepted: list[Suggestion] | None = None, title: str | None = None
    ) -> dict[str, Any]:
        """A pack of the accepted quotes that have a speaker (all found ones by default)."""
        from .packing import draft_pack

        chosen = [s for s in (accepted if accepted is not None else self.quotes) if s.speaker]
        return draft_pack(self, chosen, title or self.title)

    def left_out(self, accepted: list[Suggestion] | None = None) -> list[tuple[Suggestion, str]]:
        """The quotes ``to_pack_dict`` leaves out, each with why (no speaker found, ...)."""
        from .packing import why_left_out

        chosen = accepted if accepted is not None else self.quotes
        return [(s, why) for s in chosen if (why := why_left_out(s)) is not None]


class _Reader:
    """One pass over an article: its layout, quotations, cast and suggestions."""

    def __init__(self, text: str) -> None:
        self.text = text
        bounds = paragraphs(text)
        self.spans = find_quotes(text, bounds)
        self.regions = [(s.start - 1, s.end + 1 if s.closed else s.end) for s in self.spans]
        self.layout = Layout(text, bounds)
        self.layout.split_sentences(self.regions)
        self.all_tokens = tokenize(text, 0, len(text), self.regions)
        self._token_starts = [t.start for t in self.all_tokens]
        self.cast = Cast(self.all_tokens, self.layout)

    def tokens(self, start: int, end: int, last_ones: bool = False) -> list[Token]:
        """The tokens that start in ``text[start:end]``: the first or last ``MAX_TOKENS``."""
        first = bisect_left(self._token_starts, start)
        last = bisect_left(self._token_starts, end, first)
        if last - first > MAX_TOKENS:
            first, last = (last - MAX_TOKENS, last) if last_ones else (first, first + MAX_TOKENS)
        return self.all_tokens[first:last]

    def suggest(self, span: QuoteSpan) -> Suggestion:
        text, layout = self.text, self.layout
        opening = span.start - 1
        first = layout.sentence_of(opening)
        head_start = max(layout.sentence(first)[0], opening - HEAD_CHARS)
        if is_label(span.text, text[head_start:opening], text[span.end : span.end + 40]):
            return _suggestion(text, span, None, 0.9, label=True)
        tail: list[Token] = []
        following: list[Token] = []
        if span.closed:
            last = layout.sentence_of(span.end)
            tail = self.tokens(span.end + 1, min(layout.sentence(last)[1], span.end + TAIL_CHARS))
            nxt = last + 1
            if not any(t.kind == "word" for t in tail) and nxt < layout.sentence_count:
                start, end = layout.sentence(nxt)
                if layout.paragraph_of(start) == span.paragraph:
                    following = self.tokens(start, min(end, start + TAIL_CHARS))
        head = self.tokens(head_start, opening, last_ones=True)
        found = attribute(head, tail, following)
        if found is None:
            return _suggestion(text, span, None, 0.0)
        speaker = self.cast.resolve(found.phrase, found.apposition, found.position)
        confidence = found.confidence
        if found.phrase.lower() in ("he", "she", "they", "it", "we"):
            confidence *= PRONOUN_CONFIDENCE
        return _suggestion(text, span, speaker, confidence if speaker else 0.0)


def draft_article(text: str, title: str = "") -> Draft:
    """Find the quotes, their speakers, the dates and the title of an article."""
    draft = Draft(text, title or _first_line(text))
    reader = _Reader(text)
    heads_empty = []
    for span in reader.spans:
        draft.suggestions.append(reader.suggest(span))
        before = reader.layout.sentence(reader.layout.sentence_of(span.start - 1))[0]
        heads_empty.append(not text[before : span.start - 1].strip())
    _carry_over(reader.spans, draft.suggestions, heads_empty)
    draft.dates = find_dates(text)
    return draft


def _suggestion(
    text: str, span: QuoteSpan, speaker: Speaker | None, confidence: float, label: bool = False
) -> Suggestion:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    line = text.count("\n", 0, start) + 1
    return Suggestion(start, end, text[start:end], speaker, confidence, line, label)


def _carry_over(spans: list[QuoteSpan], suggestions: list[Suggestion], fresh: list[bool]) -> None:
    """A quote with no speaker of its own takes its neighbour's: ``"A," she said. "B."``

    Only a quote that opens its sentence, right after a quote of the same paragraph
    (or the paragraph before, when it goes on over the break).
    """
    by_span = {id(s): suggestion for s, suggestion in zip(spans, suggestions, strict=True)}
    for span, suggestion in zip(spans, suggestions, strict=True):
        nxt = by_span.get(id(span.continues)) if span.continues is not None else None
        if suggestion.speaker is None and not suggestion.label and nxt and nxt.speaker:
            suggestion.speaker, suggestion.confidence = nxt.speaker, 0.8
    for i in range(1, len(spans)):
        span, suggestion = spans[i], suggestions[i]
        prev_span, prev = spans[i - 1], suggestions[i - 1]
        same_run = prev_span.paragraph == span.paragraph or prev_span.continues is span
        wanting = suggestion.speaker is None and not suggestion.label
        if wanting and same_run and fresh[i] and prev.speaker is not None and not prev.label:
            suggestion.speaker, suggestion.confidence = prev.speaker, 0.75


def _first_line(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.rstrip(".:")[:200]
