"""The TSV carries the package's identity: the same GUIDs, across edits and across formats.

Anki's text importer (rslib ``import_export/text``) looks a note up by the GUID
column when there is one, and with "update existing notes" (its default)
rewrites that note's fields in place. The file is read here with ``csv`` only.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from anki_reader import read_apkg
from export_packs import edit_three_items, many_quotes_dict, pack_dict, write_pack

from briefing_app.core.cards import build_cards
from briefing_app.core.pack import load_pack
from briefing_app.export.formats import export_pack
from briefing_app.export.tsv import cards_to_tsv


def read_tsv(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header lines and rows, as Anki reads the file (tab separated, CSV quoting)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    headers = [line for line in lines if line.startswith("#")]
    body = "\n".join(line for line in lines if not line.startswith("#"))
    return headers, list(csv.reader(io.StringIO(body), delimiter="\t", quotechar='"'))


def export(tmp_path: Path, data: dict[str, Any], name: str, fmt: str) -> Path:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    out = tmp_path / f"{name}.{fmt}"
    export_pack(load_pack(write_pack(folder, data)), fmt, out)
    return out


def test_export_edit_export_keeps_every_guid_and_changes_only_the_edited_rows(
    tmp_path: Path,
) -> None:
    before_data = pack_dict()
    after_data, edited = edit_three_items(before_data)
    headers, before = read_tsv(export(tmp_path, before_data, "before", "tsv"))
    _, after = read_tsv(export(tmp_path, after_data, "after", "tsv"))
    column = int(next(h for h in headers if h.startswith("#guid column:")).split(":")[1]) - 1
    guids = [row[column] for row in before]
    assert guids == [row[column] for row in after]
    assert len(set(guids)) == len(guids)
    changed = [b[column] for b, a in zip(before, after, strict=True) if b != a]
    assert len(changed) == len(edited)
    # the changed rows are the edited items' notes in the package
    package = read_apkg(export(tmp_path, after_data, "after", "apkg")).by_guid()
    assert {package[guid].fields["ItemId"] for guid in changed} == edited


@pytest.mark.parametrize("title", ["Tariffs & <Trade>: a\ttest brief", "Trade::talks"])
def test_the_tsv_and_the_package_give_the_same_guids_and_deck(tmp_path: Path, title: str) -> None:
    data = pack_dict(title=title)
    headers, rows = read_tsv(export(tmp_path, data, "a", "tsv"))
    package = read_apkg(export(tmp_path, data, "a", "apkg"))
    assert [row[0] for row in rows] == [note.guid for note in package.notes]
    assert headers[headers.index("#html:true") - 1] == "#separator:tab"
    deck = next(h for h in headers if h.startswith("#deck:")).removeprefix("#deck:")
    assert {d for note in package.notes for d in note.deck_names} == {deck}


def test_a_large_deck_is_written_in_chunks_to_the_same_bytes(tmp_path: Path) -> None:
    data = many_quotes_dict(600)  # about 240 kB: several 64 k chunks
    out = export(tmp_path, data, "big", "tsv")
    pack = load_pack(tmp_path / "big" / "pack.json")
    assert out.read_bytes() == cards_to_tsv(pack, build_cards(pack)).encode("utf-8")
    _, rows = read_tsv(out)
    assert out.stat().st_size > 3 * 65536
    assert len(rows) == len(build_cards(pack)) and all(len(row) == 4 for row in rows)
