"""The hostile-input suite: every case ends in a clear error or a correct result, in time.

Slow cases (a folder of 10,000 packs, concurrent quizzes with kills) are marked
``slow``; ``make bench`` runs them all through ``benchmarks/hostile.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cases import MALFORMED_JSON, PROCESS_CASES, SLOW_PROCESS_CASES, Case, cases, judge

ALL = cases()


def _param(case: Case) -> object:
    marks = [pytest.mark.slow] if case.slow else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in ALL])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    outcome = case.run(tmp_path)
    verdict = judge(case, outcome)
    expected = "clear error" if case.expect == "error" else "correct"
    assert verdict == expected, (verdict, outcome.stdout[-400:], outcome.stderr[-400:])
    assert "\x1b" not in outcome.stdout + outcome.stderr  # nothing raw reaches a terminal
    if case.check is not None:
        case.check(tmp_path, outcome)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=[pytest.mark.slow] if n in SLOW_PROCESS_CASES else [])
        for n in PROCESS_CASES
    ],
)
def test_hostile_process(name: str, tmp_path: Path) -> None:
    outcome = PROCESS_CASES[name](tmp_path)
    assert outcome.answers_lost == 0


@pytest.mark.parametrize("label", list(MALFORMED_JSON))
def test_the_windows_opening_code_reports_instead_of_raising(label: str, tmp_path: Path) -> None:
    """What the study window calls to open a file: a located problem, never an exception."""
    from briefing_app.core.errors import PackError
    from briefing_app.core.loaded_pack import load_full

    path = tmp_path / "pack.json"
    path.write_bytes(MALFORMED_JSON[label])
    result = load_full(path)
    assert isinstance(result, PackError) and result.problems
    assert all(len(str(p)) < 400 for p in result.problems)
