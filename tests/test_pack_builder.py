"""tests/pack_builder.py: what it builds is a pack the app's own loader accepts, and
whatever a test passes in lands where the test put it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pack_builder import (
    DEFAULT_ID,
    DEFAULT_TITLE,
    TOP_LEVEL_ORDER,
    actor,
    encode,
    event,
    implication,
    measure,
    pack,
    parse,
    quote,
    source,
    write_pack,
)

from briefing_app.core.errors import PackError
from briefing_app.core.pack import load_pack, parse_pack


def full() -> dict[str, Any]:
    """Every builder once, with every optional key the contract has."""
    return pack(
        id="full-pack",
        title="Everything once",
        subtitle="A subtitle",
        summary="A summary.",
        as_of="2025-11-20",
        language="pt-BR",
        tags=["trade"],
        notes="Say hello.",
        sources=[
            source(
                "wire",
                "Wire report",
                publisher="Example News",
                url="https://example.org/a",
                date="2025-11-19",
                note="Paraphrased.",
            )
        ],
        actors=[
            actor(
                "ann",
                "Ann Émile",
                kind="person",
                role="Minister",
                affiliation="Freedonia",
                summary="Leads the talks.",
                aliases=["Ann"],
                notes="Pronounced ah-n.",
            ),
            actor("office", "Trade Office", kind="institution"),
            actor("land", "Freedonia", kind="state"),
        ],
        quotes=[
            quote(
                "q1",
                "ann",
                "We stand firm.",
                context="In parliament.",
                date="2025-11-18",
                source="wire",
                **{"x-verified": True},
            ),
            quote("q2", "office", "We object."),
        ],
        measures=[
            measure(
                "m1",
                "office",
                "Tariff on widgets",
                category="economic",
                detail="25%.",
                date="2025-11-19",
                source="wire",
            )
        ],
        implications=[
            implication("i1", "Higher prices", detail="Widgets cost more.", actors=["ann", "land"])
        ],
        events=[event("e1", "2025-11-19", "Tariff announced", actors=["office"], source="wire")],
        **{"x-generator": {"tool": "pack_builder"}},
    )


BUILT = {
    "minimal": pack,
    "full": full,
    "one actor": lambda: pack(actors=[actor("a", "A")]),
    "a quote": lambda: pack(actors=[actor("a", "A")], quotes=[quote("q", "a", "words")]),
    "a measure": lambda: pack(actors=[actor("a", "A")], measures=[measure("m", "a", "Did it")]),
    "an implication": lambda: pack(implications=[implication("i", "It matters")]),
    "an event": lambda: pack(events=[event("e", "2025-02-28", "It happened")]),
    "a source": lambda: pack(sources=[source("s", "A source")]),
}


@pytest.mark.parametrize("build", BUILT.values(), ids=BUILT.keys())
def test_every_builder_output_is_a_valid_pack(build: Any, tmp_path: Path) -> None:
    data = build()
    assert parse(data).id == data["id"]
    assert parse_pack(encode(data, indent=2, ensure_ascii=False)).id == data["id"]
    assert load_pack(write_pack(tmp_path, data)).id == data["id"]


def test_the_minimal_pack_is_the_required_keys_only() -> None:
    assert pack() == {
        "format": "briefing-pack",
        "version": 1,
        "id": DEFAULT_ID,
        "title": DEFAULT_TITLE,
        "actors": [],
        "quotes": [],
        "measures": [],
        "implications": [],
    }
    loaded = parse(pack())
    assert (loaded.id, loaded.title, loaded.sources, loaded.events) == (
        DEFAULT_ID,
        DEFAULT_TITLE,
        [],
        [],
    )


def test_every_value_given_lands_in_the_loaded_pack() -> None:
    loaded = parse(full())
    assert (loaded.id, loaded.title, loaded.subtitle, loaded.summary) == (
        "full-pack",
        "Everything once",
        "A subtitle",
        "A summary.",
    )
    assert (loaded.as_of, loaded.language, loaded.tags, loaded.notes) == (
        "2025-11-20",
        "pt-BR",
        ["trade"],
        "Say hello.",
    )
    assert loaded.extensions == {"x-generator": {"tool": "pack_builder"}}
    (wire,) = loaded.sources
    assert (wire.id, wire.title, wire.publisher, wire.url, wire.date, wire.note) == (
        "wire",
        "Wire report",
        "Example News",
        "https://example.org/a",
        "2025-11-19",
        "Paraphrased.",
    )
    ann, office, land = loaded.actors
    assert (ann.name, ann.kind, ann.role, ann.affiliation, ann.summary, ann.aliases) == (
        "Ann Émile",
        "person",
        "Minister",
        "Freedonia",
        "Leads the talks.",
        ["Ann"],
    )
    assert ann.notes == "Pronounced ah-n."
    assert (office.kind, land.kind) == ("institution", "state")
    q1, q2 = loaded.quotes
    assert (q1.actor, q1.text, q1.context, q1.date, q1.source) == (
        "ann",
        "We stand firm.",
        "In parliament.",
        "2025-11-18",
        "wire",
    )
    assert q1.extensions == {"x-verified": True}
    assert (q2.id, q2.actor, q2.text, q2.context) == ("q2", "office", "We object.", None)
    (m1,) = loaded.measures
    assert (m1.actor, m1.title, m1.category, m1.detail, m1.date, m1.source) == (
        "office",
        "Tariff on widgets",
        "economic",
        "25%.",
        "2025-11-19",
        "wire",
    )
    (i1,) = loaded.implications
    assert (i1.title, i1.detail, i1.actors) == (
        "Higher prices",
        "Widgets cost more.",
        ["ann", "land"],
    )
    (e1,) = loaded.events
    assert (e1.date, e1.title, e1.actors, e1.source) == (
        "2025-11-19",
        "Tariff announced",
        ["office"],
        "wire",
    )


def test_items_hold_their_keys_in_the_order_given() -> None:
    assert list(actor("a", "A", role="R", kind="person", aliases=["x"])) == [
        "id",
        "name",
        "role",
        "kind",
        "aliases",
    ]
    assert list(quote("q", "a", "t", source="s", date="2025-01-01")) == [
        "id",
        "actor",
        "text",
        "source",
        "date",
    ]
    assert list(measure("m", "a", "T", category="c")) == ["id", "actor", "title", "category"]
    assert list(implication("i", "T", actors=[])) == ["id", "title", "actors"]
    assert list(event("e", "2025-01-01", "T")) == ["id", "date", "title"]
    assert list(source("s", "T", url="https://x.org")) == ["id", "title", "url"]


def test_top_level_keys_follow_the_contract_order_then_the_rest() -> None:
    data = pack(events=[], **{"x-b": 1}, sources=[], subtitle="S", **{"x-a": 2}, id="late")
    assert list(data) == [
        "format",
        "version",
        "id",
        "title",
        "subtitle",
        "sources",
        "actors",
        "quotes",
        "measures",
        "implications",
        "events",
        "x-b",
        "x-a",
    ]
    assert [k for k in data if k in TOP_LEVEL_ORDER] == sorted(
        (k for k in data if k in TOP_LEVEL_ORDER), key=TOP_LEVEL_ORDER.index
    )
    assert data["id"] == "late"


@pytest.mark.parametrize(
    ("override", "problem"),
    [
        ({"version": 2}, "pack format version 2 is newer than this app supports (1)"),
        ({"format": "other"}, "format"),
        ({"id": "Not An Id"}, "id"),
        ({"quotes": [quote("q", "nobody", "x")]}, "quotes[0].actor: unknown actor 'nobody'"),
    ],
)
def test_overrides_land_even_when_they_break_the_pack(
    override: dict[str, Any], problem: str
) -> None:
    data = pack(**override)
    for key, value in override.items():
        assert data[key] == value
    with pytest.raises(PackError) as info:
        parse(data)
    assert problem in str(info.value)


def test_the_pack_shares_nothing_with_what_was_passed_in() -> None:
    actors = [actor("a", "A", aliases=["x"])]
    data = pack(actors=actors)
    data["actors"][0]["aliases"].append("y")
    data["actors"].append(actor("b", "B"))
    assert actors == [{"id": "a", "name": "A", "aliases": ["x"]}]
    assert pack() is not pack() and pack()["actors"] is not pack()["actors"]


def test_write_pack_bytes_and_names(tmp_path: Path) -> None:
    data = pack(title="Café 日本")
    default = write_pack(tmp_path, data)
    assert default == tmp_path / "pack.json"
    assert default.read_bytes() == json.dumps(data).encode()
    nested = write_pack(tmp_path / "a" / "b", data, "p.json", indent=2, ensure_ascii=False)
    assert nested == tmp_path / "a" / "b" / "p.json"
    assert nested.read_text(encoding="utf-8") == json.dumps(data, indent=2, ensure_ascii=False)
    assert load_pack(default).title == load_pack(nested).title == "Café 日本"
    assert encode(data) == default.read_bytes()


def test_parse_checks_image_paths_against_a_folder(tmp_path: Path) -> None:
    folder, outside = tmp_path / "pack", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "face.png").write_bytes(b"png")
    (outside / "secret.png").write_bytes(b"png")
    (folder / "link.png").symlink_to(outside / "secret.png")
    assert parse(pack(actors=[actor("a", "A", image="face.png")]), folder).actors[0].image
    leaving = pack(actors=[actor("a", "A", image="link.png")])
    assert parse(leaving).actors[0].image == "link.png"  # no folder: nothing to resolve
    with pytest.raises(PackError) as info:
        parse(leaving, folder)
    assert "actors[0].image: 'link.png' is a link that leads outside" in str(info.value)
