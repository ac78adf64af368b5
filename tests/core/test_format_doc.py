"""The example in docs/pack-format.md is a valid pack, and says what the doc says."""

from __future__ import annotations

import re
from pathlib import Path

from briefing_app.core.cards import build_cards
from briefing_app.core.pack import parse_pack

DOC = Path(__file__).resolve().parents[2] / "docs" / "pack-format.md"


def _json_blocks() -> list[str]:
    return re.findall(r"^```json\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.M | re.S)


def test_the_doc_has_one_example_pack() -> None:
    assert len(_json_blocks()) == 1


def test_the_example_pack_is_valid() -> None:
    pack = parse_pack(_json_blocks()[0].encode("utf-8"))
    assert pack.id == "seafood-row-2025"
    assert {a.kind for a in pack.actors} == {"person", "institution", "state"}
    assert pack.extensions == {"x-generator": {"tool": "hand-written", "reviewed": True}}
    assert pack.quotes[1].extensions == {"x-verified": False}
    assert len(build_cards(pack)) == 7
