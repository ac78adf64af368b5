"""Run every hostile-input case (the slow ones too) and print the figures.

Cases tried, clear errors, correct results, tracebacks, hangs, wrong results,
answers lost, and the slowest cases. The same cases the test suite asserts
(tests/hostile/), each with its own check (a file left behind, an answer not
kept, a picture from outside the pack drawn). Known bugs in code owned
elsewhere (``todo``) are run and listed apart; cases this machine cannot set up
are counted as skipped.

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

from cases import PROCESS_CASES, cases  # noqa: E402
from kit import Case, Outcome, Unavailable, judge  # noqa: E402


def _verdict(case: Case, folder: Path) -> tuple[str, Outcome | None]:
    try:
        outcome = case.run(folder)
    except Unavailable:
        return "skipped", None
    verdict = judge(case, outcome).split(" (")[0]
    if verdict in ("clear error", "correct") and case.check is not None:
        try:
            case.check(folder, outcome)
        except AssertionError as exc:
            if case.todo is None:
                print(f"  !! {case.name}: check failed: {exc}")
            verdict = "wrong"
    return verdict, outcome


def main() -> int:
    verdicts: Counter[str] = Counter()
    known: list[str] = []
    timings: list[tuple[float, str]] = []
    lost = 0
    for case in cases():
        with tempfile.TemporaryDirectory() as folder:
            verdict, outcome = _verdict(case, Path(folder))
        if outcome is not None:
            timings.append((outcome.seconds, case.name))
            lost += outcome.answers_lost
        if case.todo is not None and verdict not in ("clear error", "correct"):
            known.append(f"{case.name} ({verdict}): {case.todo}")
            verdict = "known bug"
        elif verdict not in ("clear error", "correct", "skipped"):
            print(f"  !! {case.name}: {verdict}")
        verdicts[verdict] += 1
    for name, run in PROCESS_CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            try:
                process_outcome = run(Path(folder))
            except AssertionError as exc:
                verdicts["wrong"] += 1
                print(f"  !! {name}: {exc}")
                continue
        lost += process_outcome.answers_lost
        verdicts["correct"] += 1
        timings.append((process_outcome.seconds, name))
    total = sum(verdicts.values())
    print(f"hostile inputs: {total} cases tried")
    for key in ("clear error", "correct", "traceback", "hang", "wrong", "known bug", "skipped"):
        print(f"  {key:<12} {verdicts.get(key, 0)}")
    print(f"  answers lost {lost}")
    for line in known:
        print(f"  known bug, owned elsewhere: {line}")
    print("slowest:")
    for seconds, name in sorted(timings, reverse=True)[:5]:
        print(f"  {seconds * 1000:8.0f} ms  {name}")
    good = sum(verdicts.get(k, 0) for k in ("clear error", "correct", "known bug", "skipped"))
    return 0 if good == total and lost == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
