"""One export entry point for the CLI and the dialog: same bytes, same errors, no partial file."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.core.models import Pack
from briefing_app.export.atomic import ExportCancelled, ExportError
from briefing_app.export.formats import BY_KEY, FORMATS, export_pack
from briefing_app.export.markdown import pack_to_markdown


def test_markdown_is_written_in_chunks_but_byte_for_byte_the_brief(
    pack: Pack, tmp_path: Path
) -> None:
    out = tmp_path / "brief.md"
    written = export_pack(pack, "md", out)
    assert out.read_text(encoding="utf-8") == pack_to_markdown(pack)
    assert written.path == out and written.summary.endswith("cards")


def test_an_unknown_format_is_a_clear_error(pack: Pack, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'docx'"):
        export_pack(pack, "docx", tmp_path / "x.docx")


def test_a_cancelled_export_leaves_no_file(pack: Pack, tmp_path: Path) -> None:
    out = tmp_path / "brief.tsv"
    with pytest.raises(ExportCancelled):
        export_pack(pack, BY_KEY["tsv"], out, cancelled=lambda: True)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_every_format_names_a_file_extension() -> None:
    assert {f.extension for f in FORMATS} == {".pdf", ".apkg", ".tsv", ".md"}
    assert all(f.suffix.endswith(f.extension) for f in FORMATS)


def test_every_option_a_format_takes_has_a_label_and_a_field() -> None:
    from dataclasses import fields

    from briefing_app.export.formats import OPTION_LABELS, ExportOptions

    names = {f.name for f in fields(ExportOptions)}
    taken = {option for f in FORMATS for option in f.options}
    assert taken == names == set(OPTION_LABELS)
    assert BY_KEY["apkg"].options == ("subdecks",) and BY_KEY["pdf-exam"].options == ("seed",)


def test_an_option_the_format_does_not_take_is_refused_before_writing(
    pack: Pack, tmp_path: Path
) -> None:
    from briefing_app.export.formats import ExportOptions

    assert ExportOptions().chosen() == ()
    assert ExportOptions(subdecks=True, seed=0).chosen() == ("subdecks", "seed")
    with pytest.raises(ExportError, match="the md export takes no seed option"):
        export_pack(pack, "md", tmp_path / "brief.md", ExportOptions(seed=3))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".brief", "brief"))]
