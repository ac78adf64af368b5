"""Score the article drafter on the evaluation texts (dev and held-out, reported apart).

For each text: quote recall (key quotes found), precision (found quotes that are key
quotes), speaker accuracy (matched quotes with the key's speaker) and how many quoted
labels were taken as speech. Also times drafting a 5,000-word article.

Run: python benchmarks/draft_eval.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_app.core.drafting import draft_article  # noqa: E402

EVAL = ROOT / "benchmarks" / "draft_eval"
_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def norm(text: str) -> str:
    text = " ".join(text.translate(_MARKS).split()).strip(" .,;:!?'\"")
    return text.casefold()


def same_speaker(found: str | None, wanted: str) -> bool:
    if not found:
        return False
    a, b = norm(found), norm(wanted)
    return a == b or a in b or b in a


def score(folder: Path) -> dict[str, float]:
    keys = found_n = matched = right = label_hits = 0
    found_total = 0
    for text_file in sorted(folder.glob("*.txt")):
        key = json.loads(text_file.with_suffix(".json").read_text(encoding="utf-8"))
        draft = draft_article(text_file.read_text(encoding="utf-8"))
        quotes = {norm(s.text): s.speaker_name for s in draft.quotes}
        found_total += len(quotes)
        keys += len(key["quotes"])
        for q in key["quotes"]:
            if norm(q["text"]) in quotes:
                matched += 1
                right += same_speaker(quotes[norm(q["text"])], q["speaker"])
        wanted = {norm(q["text"]) for q in key["quotes"]}
        found_n += sum(1 for t in quotes if t in wanted)
        label_hits += sum(1 for label in key["labels"] if norm(label) in quotes)
    return {
        "texts": len(list(folder.glob("*.txt"))),
        "recall": matched / keys if keys else 1.0,
        "precision": found_n / found_total if found_total else 1.0,
        "speaker accuracy": right / matched if matched else 1.0,
        "labels taken as speech": label_hits,
    }


def timing() -> float:
    article = ROOT.parent / "shared" / "sources" / "unshakable-alliance.txt"
    base = article.read_text(encoding="utf-8") if article.exists() else 'A said "x." '
    words = len(base.split())
    text = (base + "\n\n") * max(1, round(5000 / words))
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        draft_article(text)
        runs.append((time.perf_counter() - start) * 1000)
    return sorted(runs)[len(runs) // 2]


def main() -> int:
    for name in ("dev", "heldout"):
        figures = score(EVAL / name)
        shown = ", ".join(
            f"{k} {v:.0%}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
        )
        print(f"{name:>8}: {shown}")
    print(f"drafting a 5,000-word article: median {timing():.0f} ms (goal < 200 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
