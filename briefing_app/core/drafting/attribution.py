"""Who a quotation is attributed to, by the patterns of news writing, over tokens.

After the quote: ``," said Jane Doe, the director.``, ``," Doe said.``,
``," the regulator's chair, Anna Kowalczyk, said.``, ``," according to ...``,
or a short next sentence (``"..." Abara said at a rally.``). Before it:
``Doe said:``, ``Osei put it plainly:``, ``According to the ministry,``,
``The ministry called the remarks``, ``"A," said Lee, "B."``, and the
sentence's subject when the verb is a participle or a second verb
(``..., saying it sent``, ``... and urged``). The result is the phrase as
written; ``Cast.resolve`` decides who it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tokens import Token
from .vocabulary import (
    AUXILIARIES,
    CONNECTORS,
    DETERMINERS,
    GROUPS,
    INSTITUTION_HEADS,
    INTRO_WORDS,
    NOT_SPEAKERS,
    PARTICIPLES,
    PRONOUNS,
    RELATIVE,
    ROLES,
    SPEECH_VERBS,
)

MAX_APPOSITION = 15
MAX_TAIL_WORDS = 14
_ARTICLES = frozenset(["the", "a", "an"])
_COORDINATORS = frozenset(["and", "but", "or", "then", "while"])
_LEADING_MARKS = frozenset(",.!?;\u2014\u2013-")


@dataclass(frozen=True)
class Attribution:
    """The words that name a speaker, as the text gives them."""

    phrase: str
    apposition: str
    position: int  # offset of the phrase in the article
    confidence: float


@dataclass(frozen=True)
class _Found:
    start: int
    end: int  # inclusive
    app: tuple[int, int] | None = None


def np_word(token: Token) -> bool:
    """A word that can stand in a speaker's name or title."""
    if token.kind != "word" or token.lower in NOT_SPEAKERS:
        return False
    lower = token.lower
    if token.capitalised:
        return lower not in AUXILIARIES  # "Omar Said", "the United States"
    return lower in ROLES or lower in INSTITUTION_HEADS or lower in GROUPS or token.possessive


def _is_word(tokens: list[Token], i: int, words: frozenset[str]) -> bool:
    return 0 <= i < len(tokens) and tokens[i].kind == "word" and tokens[i].lower in words


def is_verb(token: Token) -> bool:
    """A speech verb in lowercase (``States`` in "the United States" is a name)."""
    return token.kind == "word" and token.lower in SPEECH_VERBS and not token.capitalised


def _adverb(token: Token) -> bool:
    return token.kind == "word" and (token.lower in AUXILIARIES or token.lower.endswith("ly"))


def np_back(tokens: list[Token], j: int) -> int | None:
    """Start of the speaker phrase that ends at ``tokens[j]``, or None."""
    if _is_word(tokens, j, frozenset(PRONOUNS)):
        return j
    if j < 0 or not np_word(tokens[j]):
        return None
    k = j
    while k > 0:
        p = tokens[k - 1]
        if np_word(p):
            k -= 1
        elif _is_word(tokens, k - 1, CONNECTORS) and k >= 2 and np_word(tokens[k - 2]):
            if p.lower == "and" and not (tokens[k - 2].capitalised and tokens[k].capitalised):
                break
            k -= 1
        elif _is_word(tokens, k - 1, DETERMINERS):
            k -= 1
            if not (_is_word(tokens, k - 1, CONNECTORS) and k >= 2 and np_word(tokens[k - 2])):
                break
        else:
            k = _adjectives_back(tokens, k)
            break
    while k < j and tokens[k].capitalised and tokens[k].lower in INTRO_WORDS:
        k += 1  # "But Chen said"
    return k


def _adjectives_back(tokens: list[Token], k: int) -> int:
    """``the national weather office``: up to three plain words after an article."""
    m = k - 1
    while m >= 0 and k - m <= 3 and _plain(tokens[m]):
        m -= 1
    return m if m < k - 1 and _is_word(tokens, m, _ARTICLES) else k


def _plain(token: Token) -> bool:
    lower = token.lower
    return (
        token.kind == "word"
        and token.text.islower()
        and lower not in DETERMINERS
        and lower not in SPEECH_VERBS
        and lower not in AUXILIARIES
    )


def _determined_noun_back(tokens: list[Token], j: int) -> int | None:
    """``her rival``, ``one pilot``: a plain noun after a determiner, before an apposition."""
    m = j
    while m >= 0 and j - m < 3 and _plain(tokens[m]):
        m -= 1
    return m if m < j and _is_word(tokens, m, DETERMINERS) else None


def phrase_before(tokens: list[Token], verb: int) -> _Found | None:
    """The speaker phrase before a verb: ``Lee said``, ``Doe, the director, said``."""
    j = verb - 1
    while j >= 0 and _adverb(tokens[j]):
        j -= 1
    if j >= 0 and tokens[j].text == ",":
        a = j - 1
        while a >= 0 and tokens[a].kind == "word" and j - a <= MAX_APPOSITION:
            a -= 1
        if a < 0 or a == j - 1 or tokens[a].text != ",":
            return None
        start = np_back(tokens, a - 1)
        if start is None:
            start = _determined_noun_back(tokens, a - 1)  # "Her rival, businessman Tom Hale,"
        return _Found(start, a - 1, (a + 1, j - 1)) if start is not None else None
    start = np_back(tokens, j)
    return _Found(start, j) if start is not None else None


def np_forward(tokens: list[Token], i: int) -> _Found | None:
    """The speaker phrase from ``tokens[i]``: ``said mission director Priya Natarajan, ...``."""
    if _is_word(tokens, i, frozenset(PRONOUNS)):
        return _Found(i, i)
    k = i + 1 if _is_word(tokens, i, DETERMINERS) else i
    first = k
    while k < len(tokens):
        if np_word(tokens[k]):
            k += 1
        elif _is_word(tokens, k, CONNECTORS) and tokens[k].lower != "and" and k + 1 < len(tokens):
            if not np_word(tokens[k + 1]):
                break
            k += 1
        elif k == first and first > i:
            m = k
            while m < len(tokens) and m - k < 3 and _plain(tokens[m]) and not np_word(tokens[m]):
                m += 1
            if m > k and m < len(tokens) and tokens[m].text == ",":
                k = m  # "Her rival, businessman Tom Hale, ...": the apposition names them
                break
            if m == k or m >= len(tokens) or not np_word(tokens[m]):
                break
            k = m
        else:
            break
    if k == first:
        return None
    return _Found(i, k - 1, _apposition_after(tokens, k))


def _apposition_after(tokens: list[Token], k: int) -> tuple[int, int] | None:
    if k >= len(tokens) or tokens[k].text != ",":
        return None
    a = k + 1
    while a < len(tokens) and tokens[a].kind == "word" and a - k <= MAX_APPOSITION:
        a += 1
    if a == k + 1 or (
        a < len(tokens) and tokens[a].text not in ",.;" and tokens[a].kind != "quote"
    ):
        return None
    if tokens[k + 1].lower in RELATIVE:
        return None
    return (k + 1, a - 1)


def subject(tokens: list[Token], limit: int) -> _Found | None:
    """The subject of the clause: ``On May 3, 2025, Governor Ann Lee ...`` -> Governor Ann Lee."""
    k = 0
    for i in range(limit):
        if tokens[i].text == ":":
            k = i + 1  # "1. Official reaffirmation: ..."
    while k < limit and (tokens[k].kind == "mark" or tokens[k].text.isdigit()):
        k += 1
    while k < limit and (tokens[k].lower in INTRO_WORDS or tokens[k].text.isdigit()):
        comma = next((i for i in range(k, limit) if tokens[i].text == ","), None)
        if comma is None:
            return None
        k = comma + 1
    if k >= limit or tokens[k].kind != "word":
        return None
    return np_forward(tokens, k)


def _text(tokens: list[Token], first: int, last: int) -> str:
    return " ".join(t.text for t in tokens[first : last + 1])


def _attribution(
    tokens: list[Token], found: _Found | None, confidence: float
) -> Attribution | None:
    if found is None:
        return None
    app = _text(tokens, *found.app) if found.app else ""
    phrase = _text(tokens, found.start, found.end)
    return Attribution(phrase, app, tokens[found.start].start, confidence)


def from_tail(tail: list[Token]) -> Attribution | None:
    """``," said Jane Doe``, ``," Doe said``, ``," according to the ministry``."""
    i = 0
    while i < len(tail) and tail[i].kind == "mark" and tail[i].text in _LEADING_MARKS:
        i += 1
    if i >= len(tail) or tail[i].kind != "word":
        return None
    if tail[i].lower == "according" and _is_word(tail, i + 1, frozenset(["to"])):
        return _attribution(tail, np_forward(tail, i + 2), 0.85)
    if is_verb(tail[i]) and tail[i].lower not in PARTICIPLES:
        return _attribution(tail, np_forward(tail, i + 1), 0.9)
    for v in range(i, min(len(tail), i + MAX_TAIL_WORDS)):
        if tail[v].kind == "quote":
            return None
        if is_verb(tail[v]) and not _is_word(tail, v - 1, RELATIVE):  # not "who asked"
            found = phrase_before(tail, v)
            if found is None or found.start != i or tail[v].lower in PARTICIPLES:
                return None
            return _attribution(tail, found, 0.9)
    return None


def from_head(head: list[Token]) -> Attribution | None:
    """``Doe said: "``, ``According to X, "``, ``X called the remarks "``, ``its "``."""
    if not head:
        return None
    if head[-1].text == ":":
        return _before_colon(head)
    for i in range(len(head) - 2, -1, -1):
        if head[i].lower == "according" and head[i + 1].lower == "to":
            return _attribution(head, np_forward(head, i + 2), 0.85)
    for v in range(len(head) - 1, -1, -1):
        if is_verb(head[v]):
            found = _by_verb(head, v)
            if found is not None:
                return found
    if head[-1].lower in ("its", "their", "his", "her", "our"):
        return _attribution(head, subject(head, len(head)), 0.6)
    return None


def _before_colon(head: list[Token]) -> Attribution | None:
    """``She added:``, ``Osei put it plainly:`` (the clause's subject), never ``A note:``."""
    for v in range(len(head) - 2, -1, -1):
        if is_verb(head[v]):
            return _by_verb(head, v)
    found = subject(head, len(head) - 1)
    if found is None or found.end == len(head) - 2:
        return None  # a heading or a label ("Background:"), not someone speaking
    return _attribution(head, found, 0.7)


def _by_verb(tokens: list[Token], v: int) -> Attribution | None:
    prev = v - 1
    while prev >= 0 and _adverb(tokens[prev]):
        prev -= 1
    if tokens[v].lower in PARTICIPLES or _is_word(tokens, prev, _COORDINATORS):
        return _attribution(tokens, subject(tokens, v), 0.8)
    before_quote = prev >= 0 and tokens[prev].kind == "quote"
    if prev >= 1 and tokens[prev].text == "," and tokens[prev - 1].kind == "quote":
        before_quote = True
    if before_quote or prev < 0:
        return _attribution(tokens, np_forward(tokens, v + 1), 0.85)  # "A," said Lee, "B."
    return _attribution(tokens, phrase_before(tokens, v), 0.9)


def from_following(sentence: list[Token]) -> Attribution | None:
    """A next sentence that only attributes: ``"Who asked?" Abara said at a rally.``"""
    for v in range(min(len(sentence), 10)):
        token = sentence[v]
        if token.kind == "quote":
            return None
        if is_verb(token):
            if token.lower in PARTICIPLES or any(t.kind == "quote" for t in sentence[v : v + 4]):
                return None
            found = phrase_before(sentence, v)
            if found is None or found.start != 0:
                return None
            return _attribution(sentence, found, 0.8)
    return None


def attribute(head: list[Token], tail: list[Token], following: list[Token]) -> Attribution | None:
    """The first pattern that names a speaker: after the quote, before it, the next sentence."""
    return from_tail(tail) or from_head(head) or from_following(following)
