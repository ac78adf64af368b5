"""The people and bodies of one article, and what a surname or pronoun refers back to.

Built once from the whole text (quotations left out): every personal name the
text gives in full (``Governor Elena Cruz``) and where each of its names is
mentioned again. ``resolve`` turns what an attribution names into one speaker
per person or body: a surname into the full name (``Glass`` -> George Glass), a
pronoun into the person the nearest sentences name first, ``it`` into the last
body quoted, ``the company`` into the last quoted company. Nothing is guessed:
a pronoun with no one to refer to gives no speaker.
"""

from __future__ import annotations

from bisect import bisect_left

from .layout import Layout
from .speakers import Speaker, bare, classify, state_of
from .tokens import Token
from .vocabulary import DETERMINERS, INTRO_WORDS

LOOK_BACK_SENTENCES = 3


class Cast:
    """Everyone the article names, with their mentions in order."""

    def __init__(self, tokens: list[Token], layout: Layout) -> None:
        self.layout = layout
        self.people: dict[str, Speaker] = {}
        self.bodies: dict[str, Speaker] = {}
        self._by_word: dict[str, list[Speaker]] = {}
        self._mentions: list[tuple[int, Speaker]] = []
        self._last_body: Speaker | None = None
        runs = list(_capitalised_runs(tokens))
        for run in runs:
            self._learn_full_name(run)
        for run in runs:
            self._learn_mention(run)
        self._mentions.sort(key=lambda m: m[0])
        self._positions = [pos for pos, _ in self._mentions]

    def _learn_full_name(self, run: list[Token]) -> None:
        speaker = classify(_run_text(run))
        if speaker.kind == "person" and len(speaker.name.split()) >= 2:
            known = self._person(speaker)
            self._mentions.append((run[-len(speaker.name.split())].start, known))

    def _learn_mention(self, run: list[Token]) -> None:
        """A surname alone (``Holloway said``, ``Prime Minister Takaichi's``)."""
        last = run[-1]
        people = self._by_word.get(bare(last.text).lower())
        if people and (len(run) == 1 or len(classify(_run_text(run)).name.split()) == 1):
            self._mentions.append((last.start, people[0]))
            _add_alias(people[0], _run_text(run))  # "Takaichi", "Prime Minister Takaichi"

    def _person(self, speaker: Speaker) -> Speaker:
        key = speaker.name.lower()
        known = self.people.get(key)
        if known is None:
            known = self.people[key] = speaker
            for word in speaker.name.split():
                self._by_word.setdefault(word.lower(), []).append(speaker)
        else:
            known.learn(speaker)
        return known

    def resolve(self, phrase: str, apposition: str, position: int) -> Speaker | None:
        """The one speaker ``phrase`` (at ``position``) stands for, or None."""
        found = classify(phrase, apposition)
        if found.pronoun:
            return self._pronoun(found, position)
        if found.kind == "person":
            return self._named_person(found, phrase, position)
        resolved = self._body(found, phrase)
        self._last_body = resolved
        return resolved

    def _pronoun(self, found: Speaker, position: int) -> Speaker | None:
        if found.kind != "person":
            return self._last_body
        sentence = self.layout.sentence_of(position)
        for index in range(sentence, max(-1, sentence - LOOK_BACK_SENTENCES - 1), -1):
            start, end = self.layout.sentence(index)
            end = min(end, position)
            i = bisect_left(self._positions, start)
            if i < len(self._positions) and self._positions[i] < end:
                return self._mentions[i][1]
        return None

    def _named_person(self, found: Speaker, phrase: str, position: int) -> Speaker:
        words = found.name.split()
        if len(words) >= 2:
            return self._person(found)
        candidates = self._by_word.get(words[0].lower(), [])
        if not candidates:
            return self._person(found)
        known = candidates[0] if len(candidates) == 1 else self._latest(candidates, position)
        known.learn(found)
        _add_alias(known, phrase)
        return known

    def _latest(self, candidates: list[Speaker], position: int) -> Speaker:
        i = bisect_left(self._positions, position) - 1
        while i >= 0:
            if any(self._mentions[i][1] is c for c in candidates):
                return self._mentions[i][1]
            i -= 1
        return candidates[0]

    def _body(self, found: Speaker, phrase: str) -> Speaker:
        words = phrase.split()
        definite = len(words) <= 3 and words[0].lower() in DETERMINERS
        last = self._last_body
        if definite and last is not None and words[-1].lower() in last.name.lower():
            _add_alias(last, phrase)
            return last  # "the ministry" after "China's foreign ministry"
        key = found.name.lower()
        known = self.bodies.get(key)
        if known is None:
            known = self.bodies[key] = found
        else:
            known.learn(found)
        if found.kind == "state" and state_of(phrase) is not None:
            _add_alias(known, phrase)
        return known


def _add_alias(speaker: Speaker, phrase: str) -> None:
    words = phrase.strip(" ,;:").split()
    if words and words[-1].endswith(".") and "." not in words[-1][:-1]:
        words[-1] = words[-1][:-1]  # a full stop, not the one of "U.S."
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    alias = " ".join(words)
    if alias and alias.lower() != speaker.name.lower() and alias not in speaker.aliases:
        speaker.aliases.append(alias)


def _run_text(run: list[Token]) -> str:
    return " ".join([t.text for t in run[:-1]] + [bare(run[-1].text)])


_OPENERS = INTRO_WORDS | DETERMINERS
_JOINERS = frozenset(["of", "to", "for"])


def _capitalised_runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of capitalised words (``Ambassador to Japan George Glass``; a possessive ends one)."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for i, token in enumerate(tokens):
        if token.capitalised and not (not run and token.lower in _OPENERS):
            run.append(token)
            if not token.possessive:
                continue
        elif run and token.text in _JOINERS and i + 1 < len(tokens) and tokens[i + 1].capitalised:
            run.append(token)
            continue
        if run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs
