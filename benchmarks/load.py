"""How long loading a 50,000-item pack takes, against plain ``json.loads``.

Builds a realistic pack at the contract's item limit (actors, quotes, measures,
implications, events and sources with news-brief text lengths), writes it to a
temporary file and prints median timings. Both sides read the file each time:
``load_pack(path)`` against ``json.loads(path.read_bytes())``. Figures only;
nothing here asserts a timing.

Run: ``.venv/bin/python benchmarks/load.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing_app.core.cards import build_cards
from briefing_app.core.pack import load_pack

_PROSE = """
the minister said government alliance security talks trade tariffs coast guard
patrols islands seafood ban travel advisory retraction remarks parliament defense
commitment deterrence region stability dialogue sanctions exports summit embassy
spokesperson statement response pressure economic diplomatic military officials
week agreement partners strait vessels airspace exercise ministry visit tourism
"""
WORDS = tuple(_PROSE.split())
COUNTS = {
    "sources": 500,
    "actors": 2_500,
    "quotes": 20_000,
    "measures": 12_000,
    "implications": 7_000,
    "events": 8_000,
}


def _text(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    out: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(WORDS)
        out.append(word)
        length += len(word) + 1
    text = " ".join(out)[:target].strip()
    return text[0].upper() + text[1:] + "."


def _optional(rng: random.Random, key: str, low: int, high: int) -> dict[str, str]:
    """A long text in 40% of items, as in real briefs where most items are short."""
    return {key: _text(rng, low, high)} if rng.random() < 0.4 else {}


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def build_pack(seed: int = 1) -> dict[str, Any]:
    """A valid pack with exactly 50,000 items."""
    rng = random.Random(seed)
    sources = [
        {
            "id": f"source-{i}",
            "title": _text(rng, 30, 90),
            "publisher": rng.choice(["Reuters", "Kyodo", "AP", "Nikkei Asia", "Xinhua"]),
            "url": f"https://news.example.com/{_date(rng)}/story-{i}",
            "date": _date(rng),
        }
        for i in range(COUNTS["sources"])
    ]
    actor_ids = [f"actor-{i}" for i in range(COUNTS["actors"])]
    actors = []
    for i, actor_id in enumerate(actor_ids):
        actor: dict[str, Any] = {
            "id": actor_id,
            "name": f"{rng.choice(['Sanae', 'George', 'Lin', 'Tommy', 'Wang'])} Person{i}",
            "kind": rng.choice(["person", "person", "institution", "state"]),
            "role": _text(rng, 15, 60),
            "affiliation": rng.choice(["Japan", "China", "United States", "Taiwan"]),
            **_optional(rng, "summary", 100, 600),
        }
        if rng.random() < 0.4:
            actor["aliases"] = [f"Person{i}", f"P{i}"]
        actors.append(actor)

    def source() -> str:
        return f"source-{rng.randrange(COUNTS['sources'])}"

    quotes = [
        {
            "id": f"quote-{i}",
            "actor": rng.choice(actor_ids),
            "text": _text(rng, 40, 300),
            **_optional(rng, "context", 100, 600),
            "date": _date(rng),
            "source": source(),
        }
        for i in range(COUNTS["quotes"])
    ]
    measures = [
        {
            "id": f"measure-{i}",
            "actor": rng.choice(actor_ids),
            "title": _text(rng, 20, 100),
            "category": rng.choice(["economic", "diplomatic", "military", "travel"]),
            **_optional(rng, "detail", 100, 600),
            "date": _date(rng),
            "source": source(),
        }
        for i in range(COUNTS["measures"])
    ]
    implications = [
        {
            "id": f"implication-{i}",
            "title": _text(rng, 20, 120),
            **_optional(rng, "detail", 100, 600),
            "actors": rng.sample(actor_ids, rng.randint(0, 3)),
            "source": source(),
        }
        for i in range(COUNTS["implications"])
    ]
    events = [
        {
            "id": f"event-{i}",
            "date": _date(rng),
            "title": _text(rng, 20, 120),
            **_optional(rng, "detail", 100, 600),
            "actors": rng.sample(actor_ids, rng.randint(1, 2)),
        }
        for i in range(COUNTS["events"])
    ]
    return {
        "format": "briefing-pack",
        "version": 1,
        "id": "benchmark-pack",
        "title": "A benchmark pack at the item limit",
        "summary": _text(rng, 300, 1500),
        "as_of": "2025-11-20",
        "tags": ["benchmark"],
        "sources": sources,
        "actors": actors,
        "quotes": quotes,
        "measures": measures,
        "implications": implications,
        "events": events,
    }


def interleaved_ms(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median milliseconds per function, runs interleaved so that load from other
    processes on the machine hits every function alike. Results are dropped
    before the next run, so no run pays for garbage left by another."""
    for fn in fns.values():
        fn()  # warm-up: imports, validator build, file cache
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    data = json.dumps(build_pack(), ensure_ascii=False).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pack.json"
        path.write_bytes(data)
        items = load_pack(path).item_count
        print(f"pack: {items:,} items, {len(data) / 1048576:.1f} MiB; median of {args.repeat} runs")
        print("both read the file each run: json.loads(path.read_bytes()) vs load_pack(path)")
        ms = interleaved_ms(
            {
                "json": lambda: json.loads(path.read_bytes()),
                "load": lambda: load_pack(path),
            },
            args.repeat,
        )
        pack = load_pack(path)
    cards_ms = interleaved_ms({"cards": lambda: build_cards(pack)}, args.repeat)["cards"]
    cards = len(build_cards(pack))
    print(f"json.loads   {ms['json']:8.1f} ms")
    print(f"load_pack    {ms['load']:8.1f} ms   ratio {ms['load'] / ms['json']:.2f}x")
    print(f"build_cards  {cards_ms:8.1f} ms   ({cards:,} cards)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
