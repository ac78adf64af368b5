"""The packs we ship: valid, and faithful to their source article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing_app import load_pack
from briefing_app.core.discovery import find_packs
from briefing_app.paths import bundled_briefs_dir

ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "sources" / "unshakable-alliance.txt"
PACK_DIR = bundled_briefs_dir() / "us-japan-taiwan-2025"


def test_every_bundled_pack_is_valid() -> None:
    packs = find_packs(bundled_briefs_dir())
    assert packs, "no packs found in briefs/"
    for path in packs:
        load_pack(path)


def test_first_pack_meets_the_brief() -> None:
    pack = load_pack(PACK_DIR)
    assert len(pack.actors) >= 6
    assert {a.kind for a in pack.actors} == {"person", "institution", "state"}
    assert len(pack.quotes) >= 7
    assert len({q.actor for q in pack.quotes}) >= 4
    assert len(pack.measures) >= 6
    measure_sides = {pack.actor(m.actor).affiliation for m in pack.measures}  # type: ignore[union-attr]
    assert {"China", "United States"} <= measure_sides
    assert len(pack.implications) >= 6
    assert any(i.title.startswith("What could happen next") for i in pack.implications)
    assert pack.events and all(e.date for e in pack.events)
    assert pack.sources
    aliases = {alias for a in pack.actors for alias in a.aliases}
    assert {"Takaichi", "Glass"} <= aliases


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives in ../shared")
def test_quotes_are_verbatim_from_the_article() -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    quoted = set(re.findall(r"\u201c([^\u201d]+?)[.,]?\u201d", article))
    pack = load_pack(PACK_DIR)
    for quote in pack.quotes:
        assert quote.text in quoted, f"{quote.id}: {quote.text!r} is not quoted in the article"


def _folded(text: str) -> str:
    """Curly apostrophes and quotes straightened, spacing collapsed, case folded."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": "", "\u201d": "", '"': ""})
    return " ".join(text.translate(table).split()).casefold()


# Phrases the article's summary and conclusion state, each of which the pack must carry.
ARTICLE_POINTS = [
    "defended Japan's right to self-defense",
    "growing volatility of East Asia's security landscape",
    "broader geopolitical recalibration in the Indo-Pacific",
    "broader challenge to the post-war regional order",
    "Will China step back, or double down?",
]


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives in ../shared")
@pytest.mark.parametrize("point", ARTICLE_POINTS)
def test_the_article_s_main_points_are_in_the_pack(point: str) -> None:
    article = _folded(ARTICLE.read_text(encoding="utf-8"))
    assert _folded(point) in article  # the phrase really is the article's
    pack = load_pack(PACK_DIR)
    texts = [f"{m.title} {m.detail or ''}" for m in pack.measures]
    texts += [f"{i.title} {i.detail or ''}" for i in pack.implications]
    assert any(_folded(point) in _folded(t) for t in texts), point


def test_measures_and_implications_say_who_is_speaking_and_add_nothing() -> None:
    pack = load_pack(PACK_DIR)
    retraction = next(m for m in pack.measures if "retraction" in m.title.casefold())
    # The article: "demanding an immediate retraction"; it never says "she".
    assert not re.search(r"\bshe\b", retraction.detail or "", re.IGNORECASE)
    resolve = next(i for i in pack.implications if "collective resolve" in i.title)
    assert "U.S." in resolve.title  # whose message it is, on the front
