"""Small packs for the export tests: dicts with awkward text, written as JSON."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from pack_builder import actor, event, implication, measure, pack, quote, source
from pack_builder import write_pack as write_pack_file

TRICKY_QUOTE = "Stars *are* #1 <b>bold</b> & [links](x) `code` | pipes ~ tildes_"


def pack_dict(**overrides: Any) -> dict[str, Any]:
    """A small pack with awkward text: tabs, newlines, HTML, Markdown, non-ASCII."""
    data = pack(
        id="test-pack",
        title="Tariffs & <Trade>: a test\tbrief",
        subtitle="Café talks, 日本語 and more",
        summary="First line of the summary.\nSecond line, with a\ttab.",
        as_of="2025-11-20",
        sources=[
            source(
                "wire",
                "Wire report",
                publisher="Example News",
                url="https://example.org/report",
                date="2025-11-19",
                note="Paraphrased.",
            )
        ],
        actors=[
            actor(
                "alice",
                "Alice Émile",
                role="Minister of Trade",
                affiliation="Freedonia",
                summary="Leads the talks.",
                aliases=["Alice"],
            ),
            actor("bob", "Bob 山田", kind="institution", role="Trade office"),
        ],
        quotes=[
            quote(
                "q-stars",
                "alice",
                TRICKY_QUOTE,
                context="At a press conference.\nLater repeated.",
                date="2025-11-18",
                source="wire",
            ),
            quote("q-tab", "bob", "We will\trespond\nin kind.", date="2025-11-19"),
            quote("q-hash", "alice", '# not a heading, "quoted"'),
        ],
        measures=[
            measure(
                "m-tariff",
                "bob",
                "Tariff on widgets",
                category="economic",
                detail="A 25% tariff.\n\nSecond paragraph.",
                date="2025-11-19",
                source="wire",
            )
        ],
        implications=[
            implication(
                "i-prices", "Higher prices", detail="Widgets cost more.", actors=["alice", "bob"]
            )
        ],
        events=[
            event("e-later", "2025-11-19", "Tariff announced", actors=["bob"]),
            event("e-first", "2025-11-18", "Press conference", detail="Tense."),
        ],
    )
    data.update(overrides)
    return data


def write_pack(folder: Path, data: dict[str, Any], name: str = "pack.json") -> Path:
    """``data`` as indented UTF-8 JSON (non-ASCII kept as is) in ``folder / name``."""
    return write_pack_file(folder, data, name, indent=2, ensure_ascii=False)


def many_quotes_dict(count: int) -> dict[str, Any]:
    """A pack with ``count`` quotes from three actors (long exams, long handouts)."""
    actors = [actor(f"actor-{i}", f"Speaker {i}", role=f"Role {i}") for i in range(3)]
    quotes = [
        quote(
            f"quote-{i}",
            f"actor-{i % 3}",
            f"Quote number {i}: " + "a fairly long sentence that wraps " * (1 + i % 4),
        )
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
