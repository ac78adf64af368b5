"""Run every hostile-input case (the slow ones too) and print the figures.

Cases tried, clear errors, correct results, tracebacks, hangs, answers lost, and
the slowest cases. The same cases the test suite asserts (tests/hostile/).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/hostile.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "hostile")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BRIEFING_APP_DATA_DIR", tempfile.mkdtemp(prefix="hostile-data-"))

from cases import PROCESS_CASES, cases, judge  # noqa: E402


def main() -> int:
    verdicts: Counter[str] = Counter()
    timings: list[tuple[float, str]] = []
    lost = 0
    for case in cases():
        with tempfile.TemporaryDirectory() as folder:
            outcome = case.run(Path(folder))
        verdict = judge(case, outcome)
        verdicts[verdict.split(" (")[0]] += 1
        timings.append((outcome.seconds, case.name))
        if verdict not in ("clear error", "correct"):
            print(f"  !! {case.name}: {verdict}")
    for name, run in PROCESS_CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            try:
                outcome = run(Path(folder))
            except AssertionError as exc:
                verdicts["wrong"] += 1
                print(f"  !! {name}: {exc}")
                continue
        lost += outcome.answers_lost
        verdicts["correct"] += 1
        timings.append((outcome.seconds, name))
    total = sum(verdicts.values())
    print(f"hostile inputs: {total} cases tried")
    for key in ("clear error", "correct", "traceback", "hang", "wrong"):
        print(f"  {key:<12} {verdicts.get(key, 0)}")
    print(f"  answers lost {lost}")
    print("slowest:")
    for seconds, name in sorted(timings, reverse=True)[:5]:
        print(f"  {seconds * 1000:8.0f} ms  {name}")
    return 0 if verdicts.get("clear error", 0) + verdicts.get("correct", 0) == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
