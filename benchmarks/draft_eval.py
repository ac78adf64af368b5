"""Score the article drafter on the evaluation texts (dev and held-out, reported apart).

For each set: quote recall (key quotes found), quote precision (found quotes that are
key quotes), speaker accuracy (matched quotes given the key's speaker), speaker
precision (of the matched quotes given any speaker, those given the right one: a
wrong name is worse than "speaker unknown") and how many quoted labels were taken as
speech. Also times drafting a 5,000-word article.

Run: python benchmarks/draft_eval.py [--set dev|heldout] [--misses]
(``--misses`` lists what went wrong, text by text: use it on dev only; see
benchmarks/draft_eval/README.md for why the held-out set is only ever scored.)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_app.core.drafting import draft_article, kind_of, read_article  # noqa: E402

EVAL = ROOT / "benchmarks" / "draft_eval"
SHARED_ARTICLE = ROOT / ".." / "shared" / "sources" / "unshakable-alliance.txt"
SUFFIXES = (".txt", ".md", ".html")
_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def norm(text: str) -> str:
    """Marks made plain, whitespace runs one space, edge punctuation gone, case folded."""
    text = " ".join(text.translate(_MARKS).split()).strip(" .,;:!?'\"")
    return text.casefold()


def same_speaker(found: str | None, wanted: str) -> bool:
    """The same name, or one contains the other ("Glass" / "George Glass")."""
    if not found:
        return False
    a, b = norm(found), norm(wanted)
    return a == b or a in b or b in a


@dataclass
class Tally:
    texts: int = 0
    keys: int = 0
    found: int = 0
    matched: int = 0
    found_right: int = 0
    attributed: int = 0
    right: int = 0
    labels_as_speech: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        return {
            "texts": self.texts,
            "quotes": self.keys,
            "recall": self.matched / self.keys if self.keys else 1.0,
            "precision": self.found_right / self.found if self.found else 1.0,
            "speaker accuracy": self.right / self.matched if self.matched else 1.0,
            "speaker precision": self.right / self.attributed if self.attributed else 1.0,
            "labels taken as speech": self.labels_as_speech,
        }


def texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)


def score(folder: Path) -> Tally:
    tally = Tally()
    for path in texts(folder):
        tally.texts += 1
        key = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        article = read_article(path.read_text(encoding="utf-8"), kind_of(path.name))
        draft = draft_article(article.text, article.title)
        found = {norm(s.text): s.speaker_name for s in draft.quotes}
        wanted = {norm(q["text"]): q["speaker"] for q in key["quotes"]}
        tally.keys += len(wanted)
        tally.found += len(found)
        tally.found_right += sum(1 for t in found if t in wanted)
        for text, speaker in wanted.items():
            if text not in found:
                tally.misses.append(f"{path.name}: not found: {text!r}")
                continue
            tally.matched += 1
            got = found[text]
            tally.attributed += got is not None
            if same_speaker(got, speaker):
                tally.right += 1
            else:
                tally.misses.append(f"{path.name}: {text!r}: {got!r}, not {speaker!r}")
        for text in found:
            if text not in wanted:
                tally.misses.append(f"{path.name}: not a key quote: {text!r}")
        for label in key["labels"]:
            if norm(label) in found:
                tally.labels_as_speech += 1
                tally.misses.append(f"{path.name}: label taken as speech: {label!r}")
    return tally


def timing() -> float:
    """Median milliseconds to draft about 5,000 words (the shared article, repeated)."""
    article = SHARED_ARTICLE
    base = article.read_text(encoding="utf-8") if article.exists() else 'A said "x." '
    words = len(base.split())
    text = (base + "\n\n") * max(1, round(5000 / words))
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        draft_article(text)
        runs.append((time.perf_counter() - start) * 1000)
    return sorted(runs)[len(runs) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["dev", "heldout"], action="append")
    parser.add_argument("--misses", action="store_true", help="list what went wrong")
    args = parser.parse_args(argv)
    for name in args.set or ["dev", "heldout"]:
        tally = score(EVAL / name)
        shown = ", ".join(
            f"{k} {v:.0%}" if isinstance(v, float) else f"{k} {v}"
            for k, v in tally.figures().items()
        )
        print(f"{name:>8}: {shown}")
        if args.misses:
            for line in tally.misses:
                print(f"          {line}")
    print(f"drafting a 5,000-word article: median {timing():.0f} ms (goal < 200 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
