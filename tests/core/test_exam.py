"""The exam sheet's order: seeded, shuffled, speakers spread; a bank of every speaker."""

from __future__ import annotations

from itertools import pairwise

from briefing_app.core.exam import exam_sheet
from briefing_app.core.pack import load_pack
from briefing_app.paths import bundled_briefs_dir


def test_the_same_seed_gives_the_same_sheet_and_another_seed_another() -> None:
    pack = load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025")
    first = exam_sheet(pack, seed=42)
    assert first == exam_sheet(pack, seed=42)
    assert sorted(first.order) == list(range(len(pack.quotes)))
    assert first.order != tuple(range(len(pack.quotes)))
    assert any(exam_sheet(pack, seed=s).order != first.order for s in range(5))


def test_no_speaker_answers_two_questions_in_a_row() -> None:
    pack = load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025")
    for seed in range(50):
        sheet = exam_sheet(pack, seed=seed)
        speakers = [pack.quotes[i].actor for i in sheet.order]
        assert all(a != b for a, b in pairwise(speakers)), seed


def test_the_name_bank_lists_every_speaker_once() -> None:
    pack = load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025")
    sheet = exam_sheet(pack, seed=1)
    speakers = {a.name for q in pack.quotes if (a := pack.actor(q.actor))}
    assert set(sheet.names) == speakers and len(sheet.names) == len(speakers)
    assert list(sheet.names) == sorted(sheet.names, key=str.casefold)
    assert 0 <= exam_sheet(pack).seed < 10_000
