"""A draft pack from the accepted suggestions: actors once each, quotes with evidence.

Ids are slugs made from names and first words, unique pack-wide. Every quote
carries ``x-evidence`` (its offsets in the article and the confidence), so the
editor can show it in the article and ``check`` can prove it verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .draft import Draft, Suggestion
    from .speakers import Speaker

MAX_TEXT = 2000
MAX_ALIAS = 200


def slug(text: str, fallback: str = "item") -> str:
    """``"Sanae Takaichi"`` -> ``sanae-takaichi``: lowercase ASCII, digits and '-'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")
    return out or fallback


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[:76]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _actor(speaker: Speaker, actor_id: str, aliases: list[str]) -> dict[str, Any]:
    actor: dict[str, Any] = {"id": actor_id, "name": speaker.name[:200], "kind": speaker.kind}
    if speaker.role:
        actor["role"] = speaker.role[:300]
    if speaker.affiliation:
        actor["affiliation"] = speaker.affiliation
    if aliases:
        actor["aliases"] = aliases
    return actor


def _aliases(speaker: Speaker, surname: str) -> list[str]:
    """The surname and the short forms the text used, each once, never the name itself."""
    out: list[str] = []
    for alias in [surname, *speaker.aliases]:
        alias = " ".join(alias.split())[:MAX_ALIAS]
        if alias and alias.lower() != speaker.name.lower() and alias not in out:
            out.append(alias)
    return out


def draft_pack(draft: Draft, chosen: list[Suggestion], title: str) -> dict[str, Any]:
    taken: set[str] = set()
    pack_id = _unique(slug(title, "draft"), taken)
    actors: dict[str, dict[str, Any]] = {}
    quotes = []
    for suggestion in chosen:
        speaker = suggestion.speaker
        if speaker is None:
            continue
        key = speaker.name.lower()
        if key not in actors:
            surname = speaker.name.split()[-1] if speaker.kind == "person" else ""
            aliases = _aliases(speaker, surname)
            actors[key] = _actor(speaker, _unique(slug(speaker.name, "actor"), taken), aliases)
        text = " ".join(suggestion.text.split())[:MAX_TEXT]
        first_words = " ".join(text.split()[:5])
        quote_id = _unique(slug(f"{actors[key]['id'][:30]} {first_words}", "quote"), taken)
        quotes.append(
            {
                "id": quote_id,
                "actor": actors[key]["id"],
                "text": text,
                "x-evidence": {
                    "start": suggestion.start,
                    "end": suggestion.end,
                    "line": suggestion.line,
                    "confidence": round(suggestion.confidence, 2),
                },
            }
        )
    pack: dict[str, Any] = {
        "format": "briefing-pack",
        "version": 1,
        "id": pack_id,
        "title": " ".join(title.split())[:200] or "Draft pack",
    }
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
                "title": " ".join(dated.sentence.split())[:300] or dated.day.isoformat(),
            }
        )
    if events:
        pack["events"] = events
    return pack
