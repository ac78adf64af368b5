"""How long loading a 50,000-item pack takes, against plain ``json.loads``.

Builds a realistic pack at the contract's item limit (actors, quotes, measures,
implications, events and sources with news-brief text lengths), writes it to a
temporary file and prints median and fastest timings. Both sides read the file
each time: ``load_pack(path)`` against ``json.loads(path.read_bytes())``, and,
since ``load_pack`` pauses the garbage collector, also against ``json.loads``
with the collector paused the same way. Then the same for a pack whose quotes and
measures carry ``x-`` extension keys. Goals (issue 16): 1.3x, and 1.5x with
extensions. Figures only; nothing asserts a timing.

Run: ``.venv/bin/python benchmarks/load.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import gc
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


def build_pack(seed: int = 1, total: int = 50_000) -> dict[str, Any]:
    """A valid pack with exactly 50,000 items (or about ``total``, in the same proportions)."""
    rng = random.Random(seed)
    counts = {k: max(2, round(n * total / 50_000)) for k, n in COUNTS.items()}
    sources = [
        {
            "id": f"source-{i}",
            "title": _text(rng, 30, 90),
            "publisher": rng.choice(["Reuters", "Kyodo", "AP", "Nikkei Asia", "Xinhua"]),
            "url": f"https://news.example.com/{_date(rng)}/story-{i}",
            "date": _date(rng),
        }
        for i in range(counts["sources"])
    ]
    actor_ids = [f"actor-{i}" for i in range(counts["actors"])]
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
        return f"source-{rng.randrange(counts['sources'])}"

    quotes = [
        {
            "id": f"quote-{i}",
            "actor": rng.choice(actor_ids),
            "text": _text(rng, 40, 300),
            **_optional(rng, "context", 100, 600),
            "date": _date(rng),
            "source": source(),
        }
        for i in range(counts["quotes"])
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
        for i in range(counts["measures"])
    ]
    implications = [
        {
            "id": f"implication-{i}",
            "title": _text(rng, 20, 120),
            **_optional(rng, "detail", 100, 600),
            "actors": rng.sample(actor_ids, rng.randint(0, 3)),
            "source": source(),
        }
        for i in range(counts["implications"])
    ]
    events = [
        {
            "id": f"event-{i}",
            "date": _date(rng),
            "title": _text(rng, 20, 120),
            **_optional(rng, "detail", 100, 600),
            "actors": rng.sample(actor_ids, rng.randint(1, 2)),
        }
        for i in range(counts["events"])
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


def with_extensions(pack: dict[str, Any]) -> dict[str, Any]:
    """The pack with ``x-`` keys on every quote and measure, as a tool would leave them."""
    out = json.loads(json.dumps(pack))
    for i, quote in enumerate(out["quotes"]):
        quote["x-verified"] = i % 3 != 0
    for i, measure in enumerate(out["measures"]):
        measure["x-review"] = {"by": "desk", "score": i % 5, "tags": ["checked"]}
    out["x-generator"] = {"tool": "benchmarks/load.py", "version": [1, 0]}
    return out


def interleaved_ms(
    fns: dict[str, Callable[[], object]], repeat: int
) -> dict[str, tuple[float, float]]:
    """(median, fastest) milliseconds per function.

    Runs are interleaved so that load from other processes hits every function
    alike, and each result is dropped before the next run.
    """
    for fn in fns.values():
        fn()  # warm-up: imports, validator build, file cache
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def json_loads_gc_paused(path: Path) -> object:
    """``json.loads`` with the collector paused, as ``load_pack`` pauses it."""
    gc.disable()
    try:
        return json.loads(path.read_bytes())
    finally:
        gc.enable()


def compare(label: str, pack: dict[str, Any], repeat: int) -> tuple[float, Any]:
    """Print load_pack against json.loads for ``pack``; the ratio of medians and the pack."""
    data = json.dumps(pack, ensure_ascii=False).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pack.json"
        path.write_bytes(data)
        items = load_pack(path).item_count
        print(f"{label}: {items:,} items, {len(data) / 1048576:.1f} MiB, {repeat} runs each")
        ms = interleaved_ms(
            {
                "json.loads": lambda: json.loads(path.read_bytes()),
                "json.loads, GC paused": lambda: json_loads_gc_paused(path),
                "load_pack": lambda: load_pack(path),
            },
            repeat,
        )
        loaded = load_pack(path)
    print(f"{'':24}{'median':>10}{'fastest':>10}")
    for name, (median, fastest) in ms.items():
        print(f"{name:24}{median:8.1f}ms{fastest:8.1f}ms")
    load, base, paused = ms["load_pack"][0], ms["json.loads"][0], ms["json.loads, GC paused"][0]
    print(f"load_pack / json.loads (medians): {load / base:.2f}x")
    print(f"load_pack / json.loads with GC paused (medians): {load / paused:.2f}x")
    return load / base, loaded


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    print("every run reads the file: json.loads(path.read_bytes()) vs load_pack(path)")
    plain = build_pack()
    ratio, pack = compare("pack", plain, args.repeat)
    print()
    extended, _ = compare("pack with x- keys", with_extensions(plain), args.repeat)
    print()
    ms = interleaved_ms({"build_cards": lambda: build_cards(pack)}, args.repeat)
    print(f"build_cards made {len(build_cards(pack)):,} cards in {ms['build_cards'][0]:.1f}ms")
    print(
        f"goals: load_pack <= 1.3x json.loads ({ratio:.2f}x),"
        f" <= 1.5x with x- keys ({extended:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
