"""Rules that keep a quiz question fair: no answer in the question, no nested options.

A question that names its own answer teaches nothing ("Who did this? A post by
a diplomat in Osaka" offering "Diplomat in Osaka"); options where one actor
contains another (a state and its ministry, coast guard or leader) punish a
defensible answer. These rules are pure and shared by the window, the terminal
and the exam sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from .answer_matching import actor_keys, name_key

if TYPE_CHECKING:
    from .models import Actor

BLANK = "___"


def names_of(actor: Actor) -> tuple[str, ...]:
    """The actor's name and aliases, longest first (so a longer name is masked whole)."""
    names = {n.strip() for n in (actor.name, *actor.aliases) if len(n.strip()) >= 2}
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=4096)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compiled once per actor's names: a quiz asks about every actor many times."""
    parts = [re.escape(n) for n in names]
    if not parts:
        return None
    # Not inside a longer word: "US" must not match "use", "China" may match "China's".
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def mentions(text: str, actor: Actor) -> bool:
    """Whether ``text`` names the actor (its name or an alias, as a whole word)."""
    pattern = _name_pattern(names_of(actor))
    return bool(pattern and pattern.search(text))


_WORD = re.compile(r"\w+")


class MentionIndex:
    """Which actors a text names, without trying every actor's pattern on it.

    An actor can only be named where the first word of one of its names stands as
    a word of the text; only those candidates are confirmed with ``mentions``, so a
    question costs its own words, not the pack's thousands of actors.
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._by_word: dict[str, list[Actor]] = {}
        self._always: list[Actor] = []  # a name with no word characters at all
        for actor in actors:
            firsts = {_first_word(name) for name in names_of(actor)}
            if "" in firsts:
                self._always.append(actor)
                continue
            for word in firsts:
                self._by_word.setdefault(word, []).append(actor)

    def named_in(self, text: str) -> frozenset[str]:
        """The ids of the actors ``text`` names, exactly as ``mentions`` decides."""
        words = {w.casefold() for w in _WORD.findall(text)}
        candidates = [a for w in words for a in self._by_word.get(w, ())]
        return frozenset(a.id for a in (*candidates, *self._always) if mentions(text, a))


def _first_word(name: str) -> str:
    found = _WORD.search(name)
    return found.group().casefold() if found else ""


def mask_mentions(text: str, actor: Actor) -> str:
    """``text`` with every mention of the actor replaced by a blank."""
    pattern = _name_pattern(names_of(actor))
    return pattern.sub(BLANK, text) if pattern else text


@lru_cache(maxsize=8_192)
def _name_words(name: str) -> frozenset[str]:
    """The normalised words of a name, once per name: ranking options compares
    every actor with the answer for each question."""
    return frozenset(name_key(w) for w in re.split(r"[\s\-–—'’]+", name) if w)


def _belongs_to(member: Actor, whole: Actor) -> bool:
    """``member`` is part of ``whole``: affiliated with it, or named after it."""
    if member.id == whole.id or (member.kind == "state" and whole.kind != "state"):
        return False
    whole_keys = set(actor_keys(whole))
    if member.affiliation and name_key(member.affiliation) in whole_keys:
        return True
    # "China Coast Guard" inside "China"; a whole word of the member's name.
    return whole.kind in ("state", "institution") and bool(_name_words(member.name) & whole_keys)


def nested(a: Actor, b: Actor) -> bool:
    """Whether one actor contains the other, so naming either is defensible."""
    return _belongs_to(a, b) or _belongs_to(b, a)
