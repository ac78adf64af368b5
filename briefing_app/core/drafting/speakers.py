"""Who said a quotation, by the attribution patterns of news writing.

Speaker after the quote (``," said Jane Doe`` / ``," Doe said``), before it
(``Doe said: "...``, ``According to the ministry, "...``), the subject of a
sentence holding a partial quote (``The ministry called the remarks
"egregious"``), a title or apposition around a name, a surname or pronoun that
refers back, an institution or a state as speaker. Nothing is guessed: a quote
with no pattern that names someone has no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEECH_VERBS = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "warned",
    "warns",
    "called",
    "calls",
    "calling",
    "accused",
    "accuses",
    "urged",
    "urges",
    "urging",
    "declared",
    "declares",
    "declaring",
    "wrote",
    "writes",
    "writing",
    "stated",
    "states",
    "stating",
    "insisted",
    "insists",
    "insisting",
    "argued",
    "argues",
    "arguing",
    "noted",
    "notes",
    "noting",
    "explained",
    "explains",
    "asked",
    "asks",
    "replied",
    "replies",
    "responded",
    "responds",
    "announced",
    "announces",
    "described",
    "describes",
    "describing",
    "demanded",
    "demands",
    "pledged",
    "pledges",
    "vowed",
    "vows",
    "promised",
    "promises",
    "claimed",
    "claims",
    "claiming",
    "suggested",
    "suggests",
    "suggesting",
    "reaffirmed",
    "reaffirms",
    "reiterated",
    "reiterates",
    "echoed",
    "echoes",
    "thanked",
    "thanks",
    "welcomed",
    "welcomes",
    "saying",
    "telling",
    "adding",
    "warning",
    "accusing",
    "declaring",
    "calling",
    "condemned",
    "condemns",
    "criticised",
    "criticized",
    "praised",
    "praises",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "conceded",
    "concedes",
    "told",
]
_VERB = r"(?:" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True)) + r")"
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group", "we": "group"}
TITLE_WORDS = set(
    [
        "president",
        "prime",
        "minister",
        "ministers",
        "secretary",
        "ambassador",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "deputy",
        "chief",
        "governor",
        "mayor",
        "senator",
        "representative",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "chancellor",
        "general",
        "commissioner",
        "envoy",
        "special",
        "foreign",
        "defense",
        "defence",
        "finance",
        "transport",
        "trade",
        "commerce",
        "interior",
        "health",
        "education",
        "state",
        "council",
        "member",
        "leader",
        "opposition",
        "economist",
        "head",
        "king",
        "queen",
        "premier",
        "vice",
        "u.s.",
        "us",
        "uk",
        "eu",
        "un",
        "european",
    ]
)
INSTITUTION_HEADS = set(
    [
        "ministry",
        "ministries",
        "department",
        "office",
        "authority",
        "authorities",
        "commission",
        "council",
        "delegation",
        "service",
        "services",
        "police",
        "government",
        "agency",
        "company",
        "bank",
        "union",
        "court",
        "parliament",
        "committee",
        "embassy",
        "military",
        "army",
        "navy",
        "guard",
        "administration",
        "house",
        "cabinet",
        "team",
        "group",
        "spokesperson",
        "spokesman",
        "board",
        "federation",
        "organization",
        "organisation",
        "party",
        "campaign",
        "coalition",
        "alliance",
        "forces",
        "official",
        "officials",
        "regulator",
        "watchdog",
        "institute",
    ]
)
STATES = {
    "china": "China",
    "beijing": "China",
    "japan": "Japan",
    "tokyo": "Japan",
    "united states": "United States",
    "the united states": "United States",
    "the us": "United States",
    "the u.s.": "United States",
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "the u.s": "United States",
    "u.k": "United Kingdom",
    "the u.k": "United Kingdom",
    "washington": "United States",
    "russia": "Russia",
    "moscow": "Russia",
    "ukraine": "Ukraine",
    "kyiv": "Ukraine",
    "india": "India",
    "south korea": "South Korea",
    "seoul": "South Korea",
    "north korea": "North Korea",
    "taiwan": "Taiwan",
    "taipei": "Taiwan",
    "france": "France",
    "paris": "France",
    "germany": "Germany",
    "berlin": "Germany",
    "britain": "United Kingdom",
    "the uk": "United Kingdom",
    "london": "United Kingdom",
    "iran": "Iran",
    "israel": "Israel",
    "turkey": "Turkey",
    "brazil": "Brazil",
    "canada": "Canada",
}
ADJECTIVES = {
    "chinese": "China",
    "china's": "China",
    "china\u2019s": "China",
    "japanese": "Japan",
    "japan's": "Japan",
    "japan\u2019s": "Japan",
    "u.s.": "United States",
    "us": "United States",
    "american": "United States",
    "russian": "Russia",
    "indian": "India",
    "french": "France",
    "german": "Germany",
    "british": "United Kingdom",
    "korean": "South Korea",
    "european": "European Union",
    "turkish": "Turkey",
    "iranian": "Iran",
}
_WORD = r"[A-Z][\w.\u2019'-]*"
_NAME = rf"{_WORD}(?:\s+(?:of|to|for|de|van|von|al|bin|the)?\s*{_WORD})*"
_AUX = r"(?:has|have|had|is|was|were|will|would|could|should|did|does|do|may|might|must)"
_THE_PHRASE = (
    rf"(?:[Tt]he|[Aa]n?)\s+(?:(?!{_AUX}\b)[\w.\u2019'-]+\s+){{0,4}}?(?!{_AUX}\b)[\w.\u2019'-]+"
)
_POSSESSIVE_PHRASE = rf"{_WORD}[\u2019']s\s+(?:[\w-]+\s+){{0,3}}?[\w-]+"
SPEAKER = rf"(?:{_POSSESSIVE_PHRASE}|{_THE_PHRASE}|{_NAME}|he|she|they|it|we|He|She|They|It|We)"
AFTER = re.compile(
    rf"^[\s,.!?\u2026-]*(?:{_VERB})\s+(?P<s1>{SPEAKER})(?P<app1>,\s+[^,.]+(?:,|\.|$))?"
    rf"|^[\s,.!?\u2026-]*(?P<s2>{SPEAKER})(?P<app2>,\s+[^,.\u201c\"]+,)?\s+(?:\w+ly\s+)?(?:{_VERB})\b"
)
_BETWEEN = rf"(?:(?:{_AUX}|not|also|then|later|publicly|again)\s+|\w+ly\s+)*"
BEFORE = re.compile(
    rf"(?P<s>{SPEAKER})(?P<app>,\s+[^,\u201c\"]+,)?\s+{_BETWEEN}"
    rf"(?:{_VERB})\b(?:\s+(?:that|reporters|journalists|supporters|the\s+\w+))?[^\u201c\"]*$"
)
ACCORDING = re.compile(r"[Aa]ccording to (?P<s>[^,\u201c\"]{2,80}?)\s*,")
COLON = re.compile(rf"(?P<s>{SPEAKER})(?:\s+{_BETWEEN}(?:{_VERB}))?\s*:\s*$")
_INTRO = re.compile(
    r"^(?:\d+\.\s+[^:.]{1,40}:\s*|[A-Z][\w ]{0,30}:\s+|"
    r"(?:In|On|At|After|Before|Later|Earlier|Meanwhile|But|And|However|Still|Yet|This|That)"
    r"\b[^,]{0,60},\s*(?:\d{4},\s*)?)+"
)
_PREPOSITIONS = set(
    ["by", "in", "on", "at", "for", "with", "of", "to", "from", "into", "about", "after", "before"]
)


@dataclass
class Speaker:
    """A speaker as the text names it, and what the text says about them."""

    name: str
    kind: str  # person, institution or state
    role: str = ""
    affiliation: str = ""
    pronoun: bool = False


def _clean(phrase: str) -> str:
    phrase = phrase.strip(" ,.;:")
    return re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", phrase)


def name_index(text: str) -> dict[str, Speaker]:
    """Full names the text gives anywhere (``Governor Elena Cruz``), by surname and name.

    So ``Cruz said`` finds Elena Cruz even when she was first named without a quote.
    """
    index: dict[str, Speaker] = {}
    for match in _FULL_NAME.finditer(text):
        speaker = classify(match.group(0))
        words = {w.lower().strip("\u2019's") for w in speaker.name.split()}
        places = words & (set(STATES) | set(ADJECTIVES))
        if speaker.kind == "person" and len(speaker.name.split()) >= 2 and not places:
            index.setdefault(speaker.name.split()[-1].lower(), speaker)
            index.setdefault(speaker.name.lower(), speaker)
    return index


def classify(phrase: str, appositive: str = "") -> Speaker:
    """A speaker from the words that name it: title and name split, kind judged."""
    raw = phrase.strip(" ,.;:")
    lower = raw.lower()
    if lower in PRONOUNS:
        return Speaker(lower, PRONOUNS[lower], pronoun=True)
    if lower in STATES or _clean(lower) in STATES:
        return Speaker(STATES.get(lower) or STATES[_clean(lower)], "state")
    words = _clean(raw).split()
    heads = {w.lower().strip("\u2019's") for w in words}
    affiliation = next((ADJECTIVES[w.lower()] for w in words if w.lower() in ADJECTIVES), "")
    name_words = _trailing_name(words)
    if len(name_words) >= 2 or (name_words and not heads & INSTITUTION_HEADS and len(words) == 1):
        role = " ".join(words[: len(words) - len(name_words)])
        app = appositive.strip(" ,.")
        if app and not role:
            role = _clean(app)
        found = affiliation or next(
            (ADJECTIVES[w.lower()] for w in app.split() if w.lower() in ADJECTIVES), ""
        )
        return Speaker(" ".join(name_words), "person", role, found)
    if heads & INSTITUTION_HEADS or raw[:1].islower() or lower.startswith(("the ", "a ", "an ")):
        return Speaker(_clean(raw), "institution", affiliation=affiliation)
    title_end = 0
    for i, word in enumerate(words):
        if word.lower().strip(",") in TITLE_WORDS or word.lower() in ADJECTIVES:
            title_end = i + 1
        elif word in ("to", "of", "for") and i + 1 < len(words):
            title_end = i + 2 if title_end else title_end
    if title_end >= len(words):
        title_end = max(0, len(words) - 2)
    name = " ".join(words[title_end:]) or raw
    role = " ".join(words[:title_end])
    app = appositive.strip(" ,.")
    if app:
        role = role or _clean(app)
        affiliation = affiliation or next(
            (ADJECTIVES[w.lower()] for w in app.split() if w.lower() in ADJECTIVES), ""
        )
    return Speaker(name, "person", role, affiliation)


def _trailing_name(words: list[str]) -> list[str]:
    """The capitalised words at the end that are a personal name, not a title or body."""
    name: list[str] = []
    for word in reversed(words):
        bare = word.strip(",.").lower()
        if not word[:1].isupper() or bare in TITLE_WORDS or bare in INSTITUTION_HEADS:
            break
        if bare in ADJECTIVES or bare.rstrip("\u2019's") in STATES or "." in word.rstrip("."):
            break
        name.insert(0, word.strip(","))
    return name


def after_quote(tail: str) -> Speaker | None:
    """``," said Jane Doe, the director.`` or ``," Doe told reporters.``"""
    match = AFTER.match(tail)
    if match is None:
        return None
    phrase = match.group("s1") or match.group("s2")
    app = match.group("app1") or match.group("app2") or ""
    return classify(phrase, app)


def before_quote(head: str) -> Speaker | None:
    """``Doe said:``, ``According to the ministry,``, ``X called the remarks``."""
    if (match := COLON.search(head)) is not None:
        found = classify(match.group("s"))
        said = re.search(rf"\b{_VERB}\s*:\s*$", head) is not None
        # "Ann Lee:" or "the ministry said:"; never "A note on the door:"
        if said or (found.kind == "person" and len(found.name.split()) >= 2):
            return found
    if (match := ACCORDING.search(head)) is not None:
        return classify(match.group("s"))
    body = _INTRO.sub("", head)
    candidates = [m for m in BEFORE.finditer(body)]
    for match in reversed(candidates):
        phrase = match.group("s")
        if _is_speaker_phrase(phrase) and phrase.split()[-1].lower() not in _PREPOSITIONS:
            return classify(phrase, match.group("app") or "")
    return None


def subject_of(sentence: str) -> Speaker | None:
    """The sentence's subject, when the sentence is about someone's words."""
    body = _INTRO.sub("", sentence.lstrip())
    match = _SUBJECT.match(body)
    if match is None or not _is_speaker_phrase(match.group("s")):
        return None
    if not re.search(rf"\b{_VERB}\b|\b(?:its|their|his|her)\s+[\u201c\"]", body):
        return None
    return classify(match.group("s"), match.group("app") or "")


_SUBJECT = re.compile(
    rf"^(?P<s>{SPEAKER})(?P<app>,\s+[^,]+,)?\s+{_BETWEEN}(?=(?P<v>[\w\u2019'-]+))"
    rf"(?:(?:made|took|gave|came|went|said|told|wrote|spoke|has|had|is|was|will|would|could)\b"
    rf"|\w+(?:ed|es)\b|(?:{_VERB})\b)"
)
_FULL_NAME = re.compile(
    r"\b(?:[A-Z][\w.]*\s+){0,4}[A-Z][a-z\u00e0-\u00ff'-]+\s+[A-Z][a-z\u00e0-\u00ff'-]+\b"
)
_NOT_SPEAKERS = {"this", "that", "these", "those", "there", "here", "the", "a", "an"}


def _is_speaker_phrase(phrase: str) -> bool:
    first = phrase.split()[0].lower() if phrase.split() else ""
    return first not in _NOT_SPEAKERS or (len(phrase.split()) > 1 and first in ("the", "a", "an"))
