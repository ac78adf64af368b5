"""The PDF handout read back with pypdf: page counts, real text, page numbers."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
from export_packs import many_quotes_dict, write_pack
from pypdf import PdfReader
from PySide6.QtGui import QFontDatabase

from briefing_app.core.cards import build_cards
from briefing_app.core.exam import exam_sheet
from briefing_app.core.models import Pack
from briefing_app.core.pack import load_pack
from briefing_app.export.atomic import ExportCancelled, ExportError
from briefing_app.export.pdf import CARDS_PER_PAGE, expected_page_count, export_pdf

pytestmark = pytest.mark.gui


def _pages(path: Path) -> list[str]:
    """Each page's text: whitespace collapsed (pypdf reads word gaps as tabs) and
    ligatures such as "ﬀ" spelled out (NFKC), as PDF viewers do when searching."""
    return [
        re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p.extract_text()))
        for p in PdfReader(path).pages
    ]


def test_grid_handout(qapp: object, pack: Pack, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    pages = export_pdf(pack, out)
    cards = build_cards(pack)
    assert pages == 1 + -(-len(cards) // CARDS_PER_PAGE) == expected_page_count(pack, "grid")
    texts = _pages(out)
    assert len(texts) == pages
    cover = texts[0]
    for expected in ("Tariffs & <Trade>: a test brief", "Café talks", "First line of the summary"):
        assert expected in cover
    assert "As of 2025-11-20" in cover and "Wire report" in cover and "example.org" in cover
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in text
    body = " ".join(texts[1:])
    assert "Stars *are* #1 <b>bold</b> &" in body
    assert "We will respond in kind." in body
    assert "Alice Émile" in body and "Minister of Trade" in body


def test_every_page_repeats_the_title_and_the_footer_note(
    qapp: object, pack: Pack, tmp_path: Path
) -> None:
    """The header's title and the footer's note are laid out once and drawn on each page."""
    out = tmp_path / "handout.pdf"
    export_pdf(pack, out)
    texts = _pages(out)
    assert len(texts) >= 3
    for number, text in enumerate(texts, 1):
        assert "Briefing App" in text and "as of 2025-11-20" in text, number
        assert number == 1 or "Tariffs & <Trade>: a test brief" in text, number


def test_text_is_searchable_without_ligatures(qapp: object, pack: Pack, tmp_path: Path) -> None:
    """A viewer's search for "Tariffs" must find it: no "ﬀ" glyph in the text layer."""
    out = tmp_path / "handout.pdf"
    export_pdf(pack, out)
    raw = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Tariffs" in raw
    assert not any("\ufb00" <= ch <= "\ufb06" for ch in raw)


def test_one_card_per_page(qapp: object, pack: Pack, tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    pages = export_pdf(pack, out, "one-per-page")
    assert pages == 1 + len(build_cards(pack)) == len(PdfReader(out).pages)
    texts = _pages(out)
    assert "Card 1 of 7" in texts[1] and "Alice Émile" in texts[1]
    assert "Tariff on widgets" in texts[6]


def test_exam_sheet_with_answer_key_last(qapp: object, pack: Pack, tmp_path: Path) -> None:
    out = tmp_path / "exam.pdf"
    pages = export_pdf(pack, out, "exam", seed=7)
    texts = _pages(out)
    assert pages == len(texts) == 2
    sheet, key = texts
    assert "Who said it?" in sheet and "Name" in sheet
    assert "Stars *are* #1 <b>bold</b>" in sheet
    assert "seed 7" in sheet  # the order can be printed again
    bank = sheet.split("Names to choose from:")[1]
    assert "Alice Émile" in bank and "Bob" in bank  # the bank, not the answers
    assert "Answer key" in key
    order = exam_sheet(pack, seed=7).order
    for position, index in enumerate(order, 1):
        actor = pack.actor(pack.quotes[index].actor)
        assert actor is not None
        assert f"{position}. {actor.name}" in key
    assert "Page 2 of 2" in key


def test_the_exam_is_shuffled_by_its_seed(qapp: object, tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path, many_quotes_dict(12)))
    first, again = tmp_path / "a.pdf", tmp_path / "b.pdf"
    export_pdf(pack, first, "exam", seed=3)
    export_pdf(pack, again, "exam", seed=3)
    assert _pages(first) == _pages(again)
    sheet = " ".join(_pages(first))
    positions = [sheet.index(f"Quote number {i}:") for i in range(12)]
    assert positions != sorted(positions)  # not in pack order


def test_long_exam_flows_and_keeps_the_key_last(qapp: object, tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path, many_quotes_dict(40)))
    out = tmp_path / "exam.pdf"
    pages = export_pdf(pack, out, "exam", seed=1)
    texts = _pages(out)
    assert pages == len(texts) > 2
    last = pack.actor(pack.quotes[exam_sheet(pack, seed=1).order[-1]].actor)
    assert last is not None
    assert "Answer key" in texts[-1] and f"40. {last.name}" in texts[-1]
    assert all("Answer key" not in t for t in texts[:-2])
    sheets = " ".join(t for t in texts if "Answer key" not in t)
    for i in range(40):
        assert f"Quote number {i}:" in sheets


def test_long_text_is_not_lost(qapp: object, tmp_path: Path) -> None:
    """A long quote shrinks to fit its box rather than running off it."""
    long_text = " ".join(f"word{i}" for i in range(260))
    data = many_quotes_dict(1)
    data["quotes"][0]["text"] = long_text
    pack = load_pack(write_pack(tmp_path, data))
    out = tmp_path / "long.pdf"
    export_pdf(pack, out)
    assert "word259" in " ".join(_pages(out))


def test_japanese_text(qapp: object, pack: Pack, tmp_path: Path) -> None:
    if QFontDatabase.WritingSystem.Japanese not in QFontDatabase.writingSystems():
        pytest.skip("no Japanese font installed")
    out = tmp_path / "ja.pdf"
    export_pdf(pack, out)
    assert "Bob 山田" in " ".join(_pages(out))


def test_progress_is_reported_per_page(qapp: object, pack: Pack, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    pages = export_pdf(pack, tmp_path / "p.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, pages) for i in range(1, pages + 1)]


def test_cancel_leaves_nothing(qapp: object, pack: Pack, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    out.write_bytes(b"previous export")
    calls = 0

    def cancel_on_second_page() -> bool:
        nonlocal calls
        calls += 1
        return calls >= 2

    with pytest.raises(ExportCancelled):
        export_pdf(pack, out, cancelled=cancel_on_second_page)
    assert out.read_bytes() == b"previous export"
    assert os.listdir(tmp_path) == ["cancelled.pdf", "pack.json"] or sorted(
        os.listdir(tmp_path)
    ) == ["cancelled.pdf", "pack.json"]


def test_a_full_disk_is_an_error_not_a_truncated_pdf(
    qapp: object, pack: Pack, tmp_path: Path
) -> None:
    """Qt's PDF writer drops failed writes silently; the export must notice them."""
    resource = pytest.importorskip("resource")  # POSIX

    out = tmp_path / "handout.pdf"
    out.write_bytes(b"previous export")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))  # files stop growing at 4 KiB
    try:
        with pytest.raises(ExportError) as raised:
            export_pdf(pack, out)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert str(raised.value) == f"cannot write {out}: File too large"
    assert out.read_bytes() == b"previous export"
    assert sorted(os.listdir(tmp_path)) == ["handout.pdf", "pack.json"]


def test_missing_folder(qapp: object, pack: Pack, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_pdf(pack, tmp_path / "nope" / "x.pdf")


def test_unknown_layout(qapp: object, pack: Pack, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown PDF layout"):
        export_pdf(pack, tmp_path / "x.pdf", "poster")  # type: ignore[arg-type]


def test_bundled_pack(qapp: object, tmp_path: Path) -> None:
    from briefing_app.paths import bundled_briefs_dir

    pack = load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025")
    out = tmp_path / "bundled.pdf"
    pages = export_pdf(pack, out)
    assert pages == expected_page_count(pack, "grid") == len(PdfReader(out).pages)
    text = " ".join(_pages(out))
    assert "survival-threatening situation" in text and "ironclad" in text


def test_a_pack_without_cards(qapp: object, tmp_path: Path) -> None:
    data = many_quotes_dict(0)
    data["actors"] = []
    pack = load_pack(write_pack(tmp_path, data))
    assert export_pdf(pack, tmp_path / "grid.pdf") == 1  # the cover alone
    assert export_pdf(pack, tmp_path / "exam.pdf", "exam") == 1
    assert "This pack has no quotes." in _pages(tmp_path / "exam.pdf")[0]


def _script_pack(tmp_path: Path, language: str, quotes: list[str]) -> Pack:
    data = many_quotes_dict(len(quotes))
    data["language"] = language
    for quote, text in zip(data["quotes"], quotes, strict=True):
        quote["text"] = text
    return load_pack(write_pack(tmp_path, data))


def test_exam_quotes_in_arabic_and_japanese_have_real_glyphs(qapp: object, tmp_path: Path) -> None:
    """Set as the cards set them: CJK in a CJK face and 「」, Arabic upright and right to left."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from briefing_app.export.pdf_exam import EXAM_QUOTE
    from briefing_app.export.pdf_text import Text
    from briefing_app.paint.fonts import covers, ensure_cjk_font

    device = QImage(10, 10, QImage.Format.Format_RGB32)
    japanese = "原子力を最大限活用することが不可欠だ。"
    arabic = "الحوار هو الطريق الوحيد."
    ja = Text(device, japanese, EXAM_QUOTE, 400)
    assert not ja.font.italic()
    assert set(ensure_cjk_font()) <= set(ja.font.families())
    ar = Text(device, arabic, EXAM_QUOTE, 400, rtl=True)
    assert not ar.font.italic() or covers(ar.font, arabic)
    assert ar.layout.textOption().textDirection() == Qt.LayoutDirection.RightToLeft

    out = tmp_path / "ja.pdf"
    pack = _script_pack(tmp_path, "ja", [japanese, "安全神話に戻ってはならない。"])
    export_pdf(pack, out, "exam")
    sheet = re.sub(r"\s+", "", _pages(out)[0])
    assert f"「{japanese}」" in sheet
