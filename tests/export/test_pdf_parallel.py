"""A long handout drawn by several processes and joined reads as one drawn in one go.

Read back with pypdf (a parser of its own): the same pages with the same text in the
same order, "Page n of N" footers numbered in the whole, nothing left beside the
target. The helpers are real processes; the threshold is lowered so that a pack of
a few dozen cards is cut into runs.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from export_packs import many_quotes_dict, write_pack
from pypdf import PdfReader

from briefing_app.core.pack import load_pack
from briefing_app.export import pdf_parallel
from briefing_app.export.atomic import ExportCancelled
from briefing_app.export.pdf import export_pdf
from briefing_app.export.pdf_merge import PdfMergeError, merge_parts

pytestmark = pytest.mark.gui


def _texts(path: Path) -> list[str]:
    return [
        re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text()))
        for page in PdfReader(path).pages
    ]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".briefing-pdf-"))


@pytest.fixture
def long_pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path, many_quotes_dict(40), "long.json")


def _in_one_go(path: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with monkeypatch.context() as one:
        one.setattr(pdf_parallel, "cores", lambda: 1)
        export_pdf(load_pack(path), out)
    return _texts(out)


def _cut_into_runs(monkeypatch: pytest.MonkeyPatch, processes: int = 3) -> None:
    monkeypatch.setattr(pdf_parallel, "PARALLEL_MIN_PAGES", 2)
    monkeypatch.setattr(pdf_parallel, "cores", lambda: processes)


def test_drawn_in_runs_it_reads_as_drawn_in_one_go(
    qapp: object, long_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _in_one_go(long_pack, tmp_path / "one.pdf", monkeypatch)
    _cut_into_runs(monkeypatch)
    seen: list[tuple[int, int]] = []
    out = tmp_path / "runs.pdf"
    pages = export_pdf(load_pack(long_pack), out, progress=lambda d, t: seen.append((d, t)))
    assert pages == len(expected) >= 10
    assert _texts(out) == expected
    assert f"Page {pages} of {pages}" in expected[-1]
    assert seen[-1] == (pages, pages) and all(t == pages for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)  # never goes back
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("helper", ["fails", "cannot start"])
def test_a_helper_that_fails_or_cannot_start_has_its_pages_drawn_here(
    qapp: object, long_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helper: str
) -> None:
    expected = _in_one_go(long_pack, tmp_path / "one.pdf", monkeypatch)
    _cut_into_runs(monkeypatch)
    failing = [sys.executable, "-c", "raise SystemExit(1)"]
    missing = [str(tmp_path / "no-such-program")]
    command = failing if helper == "fails" else missing
    monkeypatch.setattr(pdf_parallel, "helper_command", lambda _args: command)
    out = tmp_path / "runs.pdf"
    assert export_pdf(load_pack(long_pack), out) == len(expected)
    assert _texts(out) == expected
    assert _leftovers(tmp_path) == []


def test_a_pack_changed_on_disk_is_drawn_as_loaded(
    qapp: object, long_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helpers read the file: if it no longer holds the pack being exported, the
    handout is drawn here, from the pack in memory, not from a mix of the two."""
    pack = load_pack(long_pack)
    long_pack.write_text(long_pack.read_text("utf-8").replace("Quote number 7", "Changed"))
    _cut_into_runs(monkeypatch)
    out = tmp_path / "runs.pdf"
    export_pdf(pack, out)
    body = " ".join(_texts(out))
    assert "Quote number 7:" in body and "Changed" not in body


def test_cancelling_stops_the_helpers_and_leaves_nothing(
    qapp: object, long_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cut_into_runs(monkeypatch)
    drawn: list[int] = []
    out = tmp_path / "runs.pdf"
    with pytest.raises(ExportCancelled):
        export_pdf(
            load_pack(long_pack),
            out,
            progress=lambda done, _total: drawn.append(done),
            cancelled=lambda: len(drawn) >= 2,
        )
    assert not out.exists()
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.json"]


def test_runs_cover_every_page_in_order_in_about_equal_shares() -> None:
    costs = [5, 100, 100, 100, 10, 10, 10, 10, 300, 5]
    for parts in (1, 2, 3, 4):
        runs = pdf_parallel.split_runs(costs, parts)
        assert runs[0][0] == 0 and runs[-1][1] == len(costs)
        assert all(a[1] == b[0] for a, b in pairwise(runs))
        assert len(runs) <= parts and all(stop > start for start, stop in runs)
        shares = [sum(costs[start:stop]) for start, stop in runs]
        assert max(shares) <= sum(costs) / parts + max(costs)


def test_joining_refuses_a_file_qt_did_not_write(tmp_path: Path) -> None:
    stranger = tmp_path / "stranger.pdf"
    stranger.write_bytes(b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n")
    with (tmp_path / "out.pdf").open("wb") as out, pytest.raises(PdfMergeError):
        merge_parts([stranger], out)


def test_a_helper_is_heard_even_with_no_progress_shown(
    qapp: object, long_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line shows no progress, but a helper's lines must still be read: a
    pipe holds 64 KiB, about 13,000 pages, and a helper writing into a full one waits
    for ever. This one writes 256 KiB, then says it got to the end."""
    _cut_into_runs(monkeypatch, processes=2)
    marker = tmp_path / "helper-finished"
    script = (
        "import sys; sys.stdout.write('page\\n' * 52429); sys.stdout.flush(); "
        f"open({str(marker)!r}, 'w').close(); raise SystemExit(1)"
    )
    monkeypatch.setattr(
        pdf_parallel, "helper_command", lambda _args: [sys.executable, "-c", script]
    )
    monkeypatch.setattr(pdf_parallel, "STALLED_SECONDS", 30.0)
    out = tmp_path / "runs.pdf"
    export_pdf(load_pack(long_pack), out)
    assert marker.exists()
    assert len(_texts(out)) > 10


def test_an_actors_long_list_of_quotes_does_not_weigh_its_page_down(
    qapp: object, tmp_path: Path
) -> None:
    """An actor card's back names a few of its quotes, however many it has."""
    from briefing_app.core.cards import build_cards

    data = many_quotes_dict(300)
    pack = load_pack(write_pack(tmp_path, data))
    costs = pdf_parallel.page_costs(build_cards(pack), "one-per-page")
    limit = pdf_parallel.CARD_COST + pdf_parallel.CARD_TEXT_CAP
    assert max(costs) <= limit
