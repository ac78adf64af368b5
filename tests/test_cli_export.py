"""``briefing-app export`` end to end, in a subprocess as a user would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from anki_reader import read_apkg
from cli_runner import Done, run_cli
from pack_builder import actor, measure, quote, write_pack
from pack_builder import pack as build_pack
from pypdf import PdfReader

PACK = build_pack(
    id="cli-demo",
    title="CLI demo <brief>",
    summary="Two actors\tand a tab.",
    actors=[actor("ann", "Ann Émile"), actor("bob", "Bob Example")],
    quotes=[quote("q1", "ann", "We stand *firm*.\nAlways."), quote("q2", "bob", "We object.")],
    measures=[measure("m1", "bob", "Travel advisory")],
)
CARDS = 5


def _run(*args: str | Path) -> Done:
    return run_cli("export", *args)


def _run_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """A real process with no display and no platform set: it must go offscreen by itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", "export", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    return write_pack(tmp_path, PACK, "demo.json", ensure_ascii=False)


@pytest.mark.parametrize(
    ("options", "pages"),
    [((), 1 + 2), (("--one-per-page",), 1 + CARDS), (("--exam",), 2)],
)
def test_pdf(pack_file: Path, tmp_path: Path, options: tuple[str, ...], pages: int) -> None:
    out = tmp_path / "out.pdf"
    result = _run(pack_file, "--to", "pdf", "-o", out, *options)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out} ({pages} pages)"
    assert result.stderr == ""
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "We object." in text and f"Page {pages} of {pages}" in text


def test_a_real_process_without_a_display_goes_offscreen_by_itself(
    pack_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "smoke.pdf"
    result = _run_process(pack_file, "--to", "pdf", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out} (3 pages)"
    assert len(PdfReader(out).pages) == 3


def test_tsv(pack_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.tsv"
    result = _run(pack_file, "--to", "tsv", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out} ({CARDS} cards)"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "#deck:CLI demo <brief>" in lines
    rows = [line for line in lines if not line.startswith("#")]
    assert len(rows) == CARDS
    assert any("\t<b>We stand *firm*.<br>Always.</b>\t<i>" in row for row in rows)
    assert any("</i><br><b>Ann Émile</b>" in row for row in rows)


def test_markdown(pack_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = _run(pack_file, "--to", "md", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# CLI demo \\<brief\\>\n")
    assert "> We stand \\*firm\\*.\\\n> Always.\n>\n> \u2014 **Ann Émile**" in text


def test_unwritable_output(pack_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "out.pdf"
    result = _run(pack_file, "--to", "pdf", "-o", out)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"briefing-app export: cannot write {out}: folder {out.parent} does not exist"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not out.parent.exists()


def test_output_is_a_folder(pack_file: Path, tmp_path: Path) -> None:
    result = _run(pack_file, "--to", "md", "-o", tmp_path)
    assert result.returncode == 1
    assert "it is a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.json"]


def test_old_file_survives_a_failed_export(tmp_path: Path) -> None:
    out = tmp_path / "deck.tsv"
    out.write_text("previous deck\n")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "briefing-pack", "version": 1', encoding="utf-8")
    result = _run(bad, "--to", "tsv", "-o", out)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}: line 1")
    assert out.read_text() == "previous deck\n"


def test_bad_pack_lists_located_problems(tmp_path: Path) -> None:
    data = dict(PACK, quotes=[quote("q1", "nobody", "x")])
    bad = write_pack(tmp_path, data, "bad.json")
    result = _run(bad, "--to", "md", "-o", tmp_path / "x.md")
    assert result.returncode == 1
    assert f"{bad}: quotes[0].actor: unknown actor 'nobody'" in result.stderr
    assert not (tmp_path / "x.md").exists()


def test_pdf_options_need_pdf(pack_file: Path, tmp_path: Path) -> None:
    result = _run(pack_file, "--to", "tsv", "--exam", "-o", tmp_path / "x.tsv")
    assert result.returncode == 2
    assert "--exam only applies to --to pdf" in result.stderr
    result = _run(pack_file, "--to", "pdf", "--exam", "--one-per-page", "-o", tmp_path / "x.pdf")
    assert result.returncode == 2
    result = _run(pack_file, "--to", "pdf", "--seed", "4", "-o", tmp_path / "x.pdf")
    assert result.returncode == 2
    assert "--seed only applies to --exam" in result.stderr


def test_an_exam_with_a_seed_prints_it_on_the_sheet(pack_file: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "exam.pdf"
    result = _run(pack_file, "--to", "pdf", "--exam", "--seed", "4321", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "seed 4321" in " ".join(PdfReader(out).pages[0].extract_text().split())


QT_FREE = """
import sys
from briefing_app.cli import main
pack, out = sys.argv[1:]
assert main(["export", pack, "--to", "tsv", "-o", out + ".tsv"]) == 0
assert main(["export", pack, "--to", "md", "-o", out + ".md"]) == 0
assert "PySide6" not in sys.modules, "Qt was imported"
"""


def test_text_exports_do_not_load_qt(pack_file: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", QT_FREE, str(pack_file), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.tsv").is_file() and (tmp_path / "out.md").is_file()


def test_apkg(pack_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    result = _run(pack_file, "--to", "apkg", "-o", out, "--subdecks")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out} ({CARDS} cards)"
    assert result.stderr == ""
    package = read_apkg(out)
    assert len(package.notes) == CARDS
    assert {d for n in package.notes for d in n.deck_names} == {
        "CLI demo <brief>::Actors",
        "CLI demo <brief>::Quotes",
        "CLI demo <brief>::Measures",
    }


def test_subdecks_need_apkg(pack_file: Path, tmp_path: Path) -> None:
    result = _run(pack_file, "--to", "tsv", "--subdecks", "-o", tmp_path / "x.tsv")
    assert result.returncode == 2
    assert result.stderr.strip() == "briefing-app export: --subdecks only applies to --to apkg"
    assert not (tmp_path / "x.tsv").exists()
