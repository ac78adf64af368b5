"""Small packs for the export tests: dicts with awkward text, written as JSON."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

TRICKY_QUOTE = "Stars *are* #1 <b>bold</b> & [links](x) `code` | pipes ~ tildes_"


def pack_dict(**overrides: Any) -> dict[str, Any]:
    """A small pack with awkward text: tabs, newlines, HTML, Markdown, non-ASCII."""
    data: dict[str, Any] = {
        "format": "briefing-pack",
        "version": 1,
        "id": "test-pack",
        "title": "Tariffs & <Trade>: a test\tbrief",
        "subtitle": "Café talks, 日本語 and more",
        "summary": "First line of the summary.\nSecond line, with a\ttab.",
        "as_of": "2025-11-20",
        "sources": [
            {
                "id": "wire",
                "title": "Wire report",
                "publisher": "Example News",
                "url": "https://example.org/report",
                "date": "2025-11-19",
                "note": "Paraphrased.",
            }
        ],
        "actors": [
            {
                "id": "alice",
                "name": "Alice Émile",
                "role": "Minister of Trade",
                "affiliation": "Freedonia",
                "summary": "Leads the talks.",
                "aliases": ["Alice"],
            },
            {"id": "bob", "name": "Bob 山田", "kind": "institution", "role": "Trade office"},
        ],
        "quotes": [
            {
                "id": "q-stars",
                "actor": "alice",
                "text": TRICKY_QUOTE,
                "context": "At a press conference.\nLater repeated.",
                "date": "2025-11-18",
                "source": "wire",
            },
            {
                "id": "q-tab",
                "actor": "bob",
                "text": "We will\trespond\nin kind.",
                "date": "2025-11-19",
            },
            {"id": "q-hash", "actor": "alice", "text": '# not a heading, "quoted"'},
        ],
        "measures": [
            {
                "id": "m-tariff",
                "actor": "bob",
                "title": "Tariff on widgets",
                "category": "economic",
                "detail": "A 25% tariff.\n\nSecond paragraph.",
                "date": "2025-11-19",
                "source": "wire",
            }
        ],
        "implications": [
            {
                "id": "i-prices",
                "title": "Higher prices",
                "detail": "Widgets cost more.",
                "actors": ["alice", "bob"],
            }
        ],
        "events": [
            {"id": "e-later", "date": "2025-11-19", "title": "Tariff announced", "actors": ["bob"]},
            {
                "id": "e-first",
                "date": "2025-11-18",
                "title": "Press conference",
                "detail": "Tense.",
            },
        ],
    }
    data.update(overrides)
    return data


def write_pack(folder: Path, data: dict[str, Any], name: str = "pack.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def many_quotes_dict(count: int) -> dict[str, Any]:
    """A pack with ``count`` quotes from three actors (long exams, long handouts)."""
    actors = [{"id": f"actor-{i}", "name": f"Speaker {i}", "role": f"Role {i}"} for i in range(3)]
    quotes = [
        {
            "id": f"quote-{i}",
            "actor": f"actor-{i % 3}",
            "text": f"Quote number {i}: " + "a fairly long sentence that wraps " * (1 + i % 4),
        }
        for i in range(count)
    ]
    return pack_dict(actors=actors, quotes=quotes, measures=[], implications=[], events=[])


def edit_three_items(data: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """A copy of ``data`` with three items reworded (text shown on their own cards only)."""
    edited = copy.deepcopy(data)
    edited["quotes"][1]["context"] = "Said on television."
    edited["measures"][0]["detail"] = "A 30% tariff, not 25%."
    edited["implications"][0]["detail"] = "Widgets cost a lot more."
    ids = {edited["quotes"][1]["id"], edited["measures"][0]["id"], edited["implications"][0]["id"]}
    return edited, ids
