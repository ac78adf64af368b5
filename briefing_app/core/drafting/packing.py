"""A draft pack from the accepted suggestions: actors once each, quotes with evidence.

Ids are slugs made from names and first words, unique pack-wide. Every quote
carries ``x-evidence`` (its offsets in the article, its line and the confidence),
so the editor can show it in the article and ``check`` can prove it verbatim.
A quote's text is never altered beyond joining its whitespace: one that a pack
cannot hold (a control character, over 2,000 characters) is left out and said
why (``left_out``). Names, roles and titles are cleaned of control characters.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from ..text_rules import text_problem

if TYPE_CHECKING:
    from .draft import Draft, Suggestion
    from .speakers import Speaker

MAX_TEXT = 2000
NO_SPEAKER = "no speaker found"
MAX_NAME = 200
MAX_ROLE = 300
MAX_ALIAS = 200
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def slug(text: str, fallback: str = "item") -> str:
    """``"Sanae Takaichi"`` -> ``sanae-takaichi``: lowercase ASCII, digits and '-'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")
    return out or fallback


def one_line(text: str, limit: int) -> str:
    """Text for a name, role or title: no control characters, one line, within ``limit``."""
    return " ".join(_CONTROLS.sub(" ", text).split())[:limit].strip()


def quote_text(suggestion: Suggestion) -> str:
    """The words of a quote as the pack holds them: the span with its whitespace joined."""
    return " ".join(suggestion.text.split())


def why_left_out(suggestion: Suggestion) -> str | None:
    """Why an accepted quote cannot go into the pack, or None when it can."""
    if suggestion.speaker is None:
        return NO_SPEAKER
    if not one_line(suggestion.speaker.name, MAX_NAME):
        return "the speaker has no name"
    text = quote_text(suggestion)
    if len(text) > MAX_TEXT:
        return f"longer than {MAX_TEXT} characters"
    return text_problem(text)


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[:76]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _actor(speaker: Speaker, actor_id: str) -> dict[str, Any]:
    name = one_line(speaker.name, MAX_NAME)
    actor: dict[str, Any] = {"id": actor_id, "name": name, "kind": speaker.kind}
    if role := one_line(speaker.role, MAX_ROLE):
        actor["role"] = role
    if affiliation := one_line(speaker.affiliation, MAX_ROLE):
        actor["affiliation"] = affiliation
    if aliases := _aliases(speaker, name):
        actor["aliases"] = aliases
    return actor


def _aliases(speaker: Speaker, name: str) -> list[str]:
    """The surname and the short forms the text used, each once, never the name itself."""
    surname = name.split()[-1] if speaker.kind == "person" and name else ""
    out: list[str] = []
    for alias in [surname, *speaker.aliases]:
        alias = one_line(alias, MAX_ALIAS)
        if alias and alias.lower() != name.lower() and alias not in out:
            out.append(alias)
    return out


def draft_pack(draft: Draft, chosen: list[Suggestion], title: str) -> dict[str, Any]:
    """A pack that ``validate`` accepts, from the quotes ``why_left_out`` lets through."""
    taken: set[str] = set()
    title = one_line(title, 200) or "Draft pack"
    pack_id = _unique(slug(title, "draft"), taken)
    actors: dict[str, dict[str, Any]] = {}
    quotes = []
    for suggestion in chosen:
        speaker = suggestion.speaker
        if speaker is None or why_left_out(suggestion) is not None:
            continue
        key = one_line(speaker.name, MAX_NAME).lower()
        if key not in actors:
            actors[key] = _actor(speaker, _unique(slug(speaker.name, "actor"), taken))
        text = quote_text(suggestion)
        first_words = " ".join(text.split()[:5])
        quote_id = _unique(slug(f"{actors[key]['id'][:30]} {first_words}", "quote"), taken)
        evidence = {
            "start": suggestion.start,
            "end": suggestion.end,
            "line": suggestion.line,
            "confidence": round(suggestion.confidence, 2),
        }
        quotes.append(
            {"id": quote_id, "actor": actors[key]["id"], "text": text, "x-evidence": evidence}
        )
    pack: dict[str, Any] = {"format": "briefing-pack", "version": 1, "id": pack_id, "title": title}
    days = sorted({d.day for d in draft.dates})
    if days:
        pack["as_of"] = days[-1].isoformat()
    pack["actors"] = list(actors.values())
    pack["quotes"] = quotes
    pack["measures"] = []
    pack["implications"] = []
    events = []
    for i, dated in enumerate(draft.dates):
        events.append(
            {
                "id": _unique(f"event-{dated.day.isoformat()}-{i + 1}", taken),
                "date": dated.day.isoformat(),
                "title": one_line(dated.sentence, 300) or dated.day.isoformat(),
            }
        )
    if events:
        pack["events"] = events
    return pack
