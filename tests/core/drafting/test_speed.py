"""Drafting stays fast: a 5,000-word article, and text built to make it slow."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing_app.core.drafting import draft_article

ARTICLE = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "sources" / "unshakable-alliance.txt"
)
NEWS = (
    "Governor Elena Cruz spoke on Monday.\n\n"
    '"Prices are high," Cruz said. "They will fall." She added that the plan was "fair."\n\n'
    "The health ministry called the remarks \u201cegregious\u201d and urged calm.\n\n"
)


def _median_ms(text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        draft_article(text)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def test_a_5000_word_article_drafts_in_under_200_ms() -> None:
    base = ARTICLE.read_text(encoding="utf-8") if ARTICLE.exists() else NEWS
    text = (base + "\n\n") * (5000 // len(base.split()) + 1)
    assert len(text.split()) >= 5000
    assert len(draft_article(text).quotes) > 10
    assert _median_ms(text) < 200


@pytest.mark.parametrize(
    "text",
    [
        '"x," ' + "  ".join(["Word"] * 40) + " .",  # hung: backtracking over double spaces
        '"a" ' * 5000,  # 5,000 quotes in one paragraph
        "'a' " * 5000,
        "Ann's " * 3000 + '"x"',
        "A." * 5000 + ' "x"',
        "the cat sat on the mat and " * 4000 + '"x"',
        "\u201c" * 3000 + "a " * 5000,  # quotes that never close
        ('"a\n\n' * 3000),
        ("Ann Lee said it. " * 2000) + '"x" she said.',
    ],
)
def test_hostile_text_drafts_in_linear_time(text: str) -> None:
    assert _median_ms(text, runs=1) < 2000  # each took 2 to over 10 seconds before
