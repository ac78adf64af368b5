"""A small valid pack to damage in tests, and helpers to see what loading says."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from briefing_app.core.errors import PackError
from briefing_app.core.models import Pack
from briefing_app.core.pack import parse_pack

VALID: dict[str, Any] = {
    "format": "briefing-pack",
    "version": 1,
    "id": "sample-pack",
    "title": "A sample pack",
    "subtitle": "For tests",
    "summary": "Two actors, two quotes, one measure, one implication.",
    "as_of": "2025-11-20",
    "language": "en",
    "tags": ["Japan", "China"],
    "sources": [
        {
            "id": "article",
            "title": "An article",
            "publisher": "A paper",
            "url": "https://example.com/article",
            "date": "2025-11-19",
            "note": "The only source.",
        }
    ],
    "actors": [
        {
            "id": "takaichi",
            "name": "Sanae Takaichi",
            "kind": "person",
            "role": "Prime Minister of Japan",
            "affiliation": "Japan",
            "summary": "Her remarks started the row.",
            "aliases": ["Takaichi"],
        },
        {"id": "china-mfa", "name": "Chinese Foreign Ministry", "kind": "institution"},
        {"id": "japan", "name": "Japan", "kind": "state"},
    ],
    "quotes": [
        {
            "id": "q-survival",
            "actor": "takaichi",
            "text": "It could constitute a survival-threatening situation.",
            "context": "In parliament.",
            "date": "2025-11-07",
            "source": "article",
        },
        {"id": "q-retract", "actor": "china-mfa", "text": "Retract the remarks."},
    ],
    "measures": [
        {
            "id": "m-seafood",
            "actor": "china-mfa",
            "title": "Seafood ban reinstated",
            "category": "economic",
            "detail": "Imports of Japanese seafood stopped again.",
            "date": "2025-11-19",
            "source": "article",
        }
    ],
    "implications": [
        {
            "id": "i-deterrence",
            "title": "Deterrence is tested",
            "detail": "Both sides watch the other.",
            "actors": ["takaichi", "china-mfa"],
            "source": "article",
        }
    ],
    "events": [
        {
            "id": "e-remarks",
            "date": "2025-11-07",
            "title": "Remarks in parliament",
            "actors": ["takaichi"],
        }
    ],
}


def valid() -> dict[str, Any]:
    """A fresh deep copy of the valid sample pack, to change at will."""
    return copy.deepcopy(VALID)


def encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def parse(value: Any) -> Pack:
    return parse_pack(encode(value))


def problems(value: Any) -> list[str]:
    """The problems loading reports for a pack given as a dict (or raw bytes)."""
    data = value if isinstance(value, bytes) else encode(value)
    with pytest.raises(PackError) as info:
        parse_pack(data)
    return [str(p) for p in info.value.problems]
