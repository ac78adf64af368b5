"""Who a phrase names: a person (name, title, affiliation), an institution or a state.

``classify("U.S. Ambassador to Japan George Glass")`` is the person George Glass,
role "U.S. Ambassador to Japan", affiliation United States; ``classify("The
agency's director", "Dr. Hannah Roth")`` takes the name from the apposition and
the role from the phrase; ``classify("China's foreign ministry")`` is an
institution of China; ``classify("Tokyo")`` is the state Japan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import (
    ADJECTIVES,
    DETERMINERS,
    GROUPS,
    HONORIFICS,
    INSTITUTION_HEADS,
    NOT_PERSON_ENDINGS,
    PRONOUNS,
    RELATIVE,
    ROLES,
    STATES,
)

_APOSTROPHES = "\u2019'"


@dataclass
class Speaker:
    """A speaker as the text names it, and what the text says about them."""

    name: str
    kind: str  # person, institution or state
    role: str = ""
    affiliation: str = ""
    pronoun: bool = False
    aliases: list[str] = field(default_factory=list)  # other forms the text uses

    def learn(self, other: Speaker) -> None:
        """Take the role and affiliation another mention gives: the fuller role wins."""
        if not self.role or (other.role != self.role and self.role in other.role):
            self.role = other.role
        self.affiliation = self.affiliation or other.affiliation


def bare(word: str) -> str:
    """A word without a possessive ending: ``China's`` -> ``China``."""
    if word[-1:] in _APOSTROPHES:
        return word[:-1]
    if word[-2:-1] in _APOSTROPHES and word[-1:] in "sS":
        return word[:-2]
    return word


def state_of(phrase: str) -> str | None:
    """The state a place name or adjective stands for: ``Beijing`` -> China."""
    lower = bare(phrase.strip(" ,.;:")).lower()
    if lower.startswith("the "):
        lower = lower[4:]
    return STATES.get(lower) or STATES.get(lower.rstrip("."))


def classify(phrase: str, appositive: str = "") -> Speaker:
    """A speaker from the words that name it (and an apposition beside them)."""
    raw = phrase.strip(" ,.;:")
    if raw.lower() in PRONOUNS:
        return Speaker(raw.lower(), PRONOUNS[raw.lower()], pronoun=True)
    words = _drop_determiners(raw.split())
    text = " ".join(words)
    if (state := state_of(text)) is not None:
        return Speaker(state, "state")
    app = _useful_apposition(appositive)
    person = _person(words)
    app_person = _person(app.split()) if app else None
    if person is not None:
        name, role = person
        return Speaker(name, "person", role or _role_text(app), _affiliation(words + app.split()))
    if app_person is not None:
        name, role = app_person
        return Speaker(name, "person", role or _role_text(text), _affiliation(words + app.split()))
    kind = "person" if words and all(w.lower() in ROLES for w in words) else "institution"
    return Speaker(text or raw, kind, affiliation=_affiliation(words))


def _drop_determiners(words: list[str]) -> list[str]:
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return words


def _useful_apposition(appositive: str) -> str:
    app = appositive.strip(" ,.;:")
    first = app.split()[0].lower() if app.split() else ""
    if not app or first in RELATIVE or first.replace("-", "").isdigit():
        return ""
    return app


def _person(words: list[str]) -> tuple[str, str] | None:
    """(name, role) when the words end in a personal name: ``Foreign Minister Ann Lee``."""
    name: list[str] = []
    for word in reversed(words):
        if not _name_word(word, last=not name):
            break
        name.insert(0, word.strip(","))
    if not name:
        return None
    role_words = [w for w in words[: len(words) - len(name)] if w.lower() not in HONORIFICS]
    return " ".join(name), " ".join(_drop_determiners(role_words))


def _name_word(word: str, last: bool) -> bool:
    lower = word.lower().strip(",")
    if not word[:1].isupper() or word[-1:] in _APOSTROPHES or word[-2:-1] in _APOSTROPHES:
        return False
    if lower in ROLES or lower in INSTITUTION_HEADS or lower in GROUPS or lower in HONORIFICS:
        return False
    if lower in ADJECTIVES or lower in STATES or "." in word.rstrip("."):
        return False
    return not (last and lower in NOT_PERSON_ENDINGS)


def _role_text(text: str) -> str:
    return " ".join(_drop_determiners(text.split()))


def _affiliation(words: list[str]) -> str:
    for word in words:
        lower = bare(word).lower()
        if lower in ADJECTIVES:
            return ADJECTIVES[lower]
        if word != bare(word) and lower in STATES:
            return STATES[lower]
    return ""
