"""Draft a pack from an article: quote suggestions with speakers, actors, dates, a title.

``draft_article(text)`` never invents: every suggested quote is a verbatim span
of ``text`` (``Suggestion.start``/``end``), its speaker comes from an
attribution pattern or is ``None`` ("speaker unknown"), and quoted labels
(so-called, dubbed, a quoted policy name) are kept apart as labels. The user
reviews every suggestion; ``Draft.to_pack_dict`` builds a pack that ``validate``
accepts from the accepted ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .quotes import QuoteSpan, find_quotes, paragraphs
from .speakers import Speaker, after_quote, before_quote, name_index, subject_of

_LABEL_BEFORE = re.compile(
    r"(?:so-called|dubbed|known as|nicknamed|branded|labelled|labeled|titled|named|"
    r"termed|the word|the term|the phrase|slogan)(?:\s+(?:the|a|an))?\s*$",
    re.IGNORECASE,
)
_LABEL_NOUNS = [
    "policy",
    "plan",
    "plans",
    "programme",
    "program",
    "initiative",
    "operation",
    "strategy",
    "doctrine",
    "law",
    "act",
    "bill",
    "framework",
    "protocol",
    "zone",
    "lane",
    "corridor",
    "campaign",
    "project",
    "deal",
    "accord",
    "agreement",
    "principle",
    "model",
    "approach",
    "rule",
    "rules",
    "list",
    "agenda",
    "movement",
    "party",
]
_LABEL_AFTER = re.compile(rf"^[\u201d\"\u2019']?\s+(?:{'|'.join(_LABEL_NOUNS)})\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\u2026][\u201d\"\u2019')\]]*\s+(?=[\u201c\"\u2018'A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:U\.S|U\.K|Mr|Mrs|Ms|Dr|St|No|Gov|Sen|Rep|Gen|Lt|Col|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|vs|etc|[A-Z])\.)$"
)
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_DATE = re.compile(
    r"\b(?:(?P<m1>[A-Z][a-z]+)\s+(?P<d1>\d{1,2}),\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]+)\s+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\b"
)


@dataclass
class Suggestion:
    """A quotation found in the text, with the speaker the text gives (or None)."""

    start: int
    end: int
    text: str
    speaker: Speaker | None
    confidence: float
    line: int
    label: bool = False  # a quoted name or label, not speech

    @property
    def speaker_name(self) -> str | None:
        return self.speaker.name if self.speaker else None


@dataclass
class DatedEvent:
    day: date
    start: int
    end: int
    sentence: str


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

    def to_pack_dict(
        self, accepted: list[Suggestion] | None = None, title: str | None = None
    ) -> dict[str, Any]:
        from .packing import draft_pack

        chosen = [s for s in (accepted if accepted is not None else self.quotes) if s.speaker]
        return draft_pack(self, chosen, title or self.title)


def draft_article(text: str, title: str = "") -> Draft:
    """Find the quotes, their speakers, the dates and the title of an article."""
    draft = Draft(text, title or _first_line(text))
    bounds = paragraphs(text)
    spans = find_quotes(text)
    last_person: Speaker | None = None
    last_group: Speaker | None = None
    known: dict[str, Speaker] = name_index(text)
    resolved: list[Speaker | None] = []
    for span in spans:
        para_start, para_end = bounds[span.paragraph]
        sentence_start, sentence_end = _sentence_around(text, span, para_start, para_end)
        head = text[sentence_start : span.start - 1]
        tail = text[span.end + 1 : sentence_end] if span.closed else ""
        if _is_label(span, head, text[span.end : span.end + 40]):
            draft.suggestions.append(_suggestion(text, span, None, 0.9, label=True))
            resolved.append(None)
            continue
        if span.text.rstrip()[-1:] in ".!?\u2026" and re.match(r"\s+[A-Z]", tail):
            # "We start today." Bob Ray added ... : a new sentence, unless it is only
            # the attribution ("We start today." Ann Lee said.)
            short = re.match(r"\s*[^.!?\"\u201c\u201d]{0,60}[.!?]", tail)
            if short is None or len(short.group().split()) > 6:
                tail = ""
        speaker = after_quote(tail) or before_quote(head)
        confidence = 0.9
        if speaker is None and re.search(r"\b(?:its|their|his|her|our)\s*$", head):
            speaker = subject_of(text[sentence_start:sentence_end])
            confidence = 0.6
        if speaker is None and head.strip():
            speaker = subject_of(text[sentence_start:sentence_end])
            confidence = 0.7
        speaker = _refer_back(speaker, known, last_person, last_group)
        if speaker is not None and not speaker.pronoun:
            known.setdefault(speaker.name.lower(), speaker)
            for part in speaker.name.split()[1:] if speaker.kind == "person" else ():
                known.setdefault(part.lower(), speaker)
            if speaker.kind == "person":
                last_person = speaker
            else:
                last_group = speaker
        resolved.append(speaker)
        draft.suggestions.append(_suggestion(text, span, speaker, confidence))
    _carry_over(spans, draft.suggestions)
    draft.dates = _dates(text)
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


def _refer_back(
    speaker: Speaker | None,
    known: dict[str, Speaker],
    last_person: Speaker | None,
    last_group: Speaker | None,
) -> Speaker | None:
    """A pronoun or a surname becomes the person it refers back to (or None if none)."""
    if speaker is None:
        return None
    if speaker.pronoun:
        return last_person if speaker.kind == "person" else last_group
    if speaker.kind != "person":
        return speaker  # a state or a body is named in full: never a surname
    match = known.get(speaker.name.lower())
    if match is not None and (len(speaker.name.split()) == 1 or match.name == speaker.name):
        return match
    return speaker


def _carry_over(spans: list[QuoteSpan], suggestions: list[Suggestion]) -> None:
    """A quote with no speaker of its own takes its neighbour's: ``"A," she said. "B."``"""
    by_span = dict(zip((id(s) for s in spans), suggestions, strict=True))
    for span, suggestion in zip(spans, suggestions, strict=True):
        if suggestion.label:
            continue
        nxt = by_span.get(id(span.continues)) if span.continues is not None else None
        if suggestion.speaker is None and nxt is not None and nxt.speaker is not None:
            suggestion.speaker, suggestion.confidence = nxt.speaker, 0.8
    for i in range(1, len(spans)):
        span, suggestion = spans[i], suggestions[i]
        prev_span, prev = spans[i - 1], suggestions[i - 1]
        same_run = prev_span.paragraph == span.paragraph or prev_span.continues is span
        if suggestion.speaker is None and not suggestion.label and same_run and prev.speaker:
            suggestion.speaker, suggestion.confidence = prev.speaker, 0.75


def _is_label(span: QuoteSpan, head: str, after: str) -> bool:
    """A quoted name or label rather than speech (so-called, dubbed, a policy name)."""
    inner = span.text.strip()
    if _LABEL_BEFORE.search(head.rstrip()):
        return True
    words = inner.split()
    if not words or inner[-1:] in ".,!?;:":
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    if len(words) >= 3 and capitalised / len(words) >= 0.6:
        return True  # a title in Title Case: a book, an article, a plan
    followed_by_word = re.match(r"^.\s+[a-z]", after) is not None
    if len(words) <= 2 and followed_by_word and re.search(r"[A-Z][\w-]*[\u2019']s\s*$", head):
        return True  # a scare quote on someone's noun: China's "provocative" reaction
    if len(words) > 5:
        return False
    title_case = all(w[:1].isupper() or w[:1].isdigit() for w in words)
    return bool(_LABEL_AFTER.match(after)) and (title_case or len(words) <= 3)


def _sentence_around(text: str, span: QuoteSpan, para_start: int, para_end: int) -> tuple[int, int]:
    """The sentence that holds the quote's opening mark, within its paragraph."""
    start = para_start
    for match in _SENTENCE_END.finditer(text, para_start, span.start):
        if match.end() <= span.start - 1 and not _ABBREVIATIONS.search(
            text[max(para_start, match.start() - 6) : match.start() + 1]
        ):
            start = match.end()
    end = para_end
    search_from = span.end + 1 if span.closed else span.end
    for match in _SENTENCE_END.finditer(text, min(search_from, para_end), para_end):
        if not _ABBREVIATIONS.search(text[max(para_start, match.start() - 6) : match.start() + 1]):
            end = match.start() + 1
            break
    return start, end


def _dates(text: str) -> list[DatedEvent]:
    found = []
    for match in _DATE.finditer(text):
        day = _to_date(match)
        if day is None:
            continue
        s = max(text.rfind(". ", 0, match.start()) + 2, text.rfind("\n", 0, match.start()) + 1)
        e = text.find(". ", match.end())
        e = len(text) if e == -1 else e + 1
        found.append(DatedEvent(day, match.start(), match.end(), text[s:e].strip()))
    return found


def _to_date(match: re.Match[str]) -> date | None:
    try:
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
        month = MONTHS.get((match.group("m1") or match.group("m2") or "").lower())
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y1") or match.group("y2"))
        return date(year, month, day) if month else None
    except ValueError:
        return None


def _first_line(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.rstrip(".:")[:200]
