"""The Anki package, read back with sqlite3 and zipfile (not with genanki).

Anki matches imported notes by GUID: the same GUID updates the note in place
and keeps its review history. So these tests check, at the file level, what
Anki's importer relies on: one note per card, GUIDs stable across exports,
changed fields changed, nothing duplicated.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import zipfile
from pathlib import Path

from export_packs import pack_dict, write_pack

from briefing_app.core.cards import build_cards
from briefing_app.core.pack import load_pack
from briefing_app.export.anki_card import FIELDS, note_guid
from briefing_app.export.formats import export_pack

FIELD_SEP = "\x1f"


def read_apkg(path: Path, tmp: Path) -> tuple[dict[str, list[str]], list[str], dict]:
    """Notes by GUID (their fields), tags per note, and the models of the collection."""
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp)
    db = sqlite3.connect(tmp / "collection.anki2")
    notes = {
        guid: flds.split(FIELD_SEP) for guid, flds in db.execute("SELECT guid, flds FROM notes")
    }
    tags = [t.strip() for (t,) in db.execute("SELECT tags FROM notes")]
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    db.close()
    return notes, tags, {"models": models, "decks": decks}


def export(tmp_path: Path, data: dict, name: str, **options: bool) -> Path:
    (tmp_path / name).mkdir()
    pack = load_pack(write_pack(tmp_path / name, data))
    out = tmp_path / f"{name}.apkg"
    export_pack(pack, "apkg", out, **options)
    return out


def test_one_note_per_card_with_the_briefing_note_type(tmp_path: Path) -> None:
    data = pack_dict()
    out = export(tmp_path, data, "a")
    notes, tags, col = read_apkg(out, tmp_path / "x")
    cards = build_cards(load_pack(tmp_path / "a" / "pack.json"))
    assert len(notes) == len(cards)
    assert set(notes) == {note_guid(data["id"], c.id) for c in cards}
    (model,) = col["models"].values()
    assert model["name"] == "Briefing card"
    assert [f["name"] for f in model["flds"]] == list(FIELDS)
    assert ".nightMode" in model["css"] and "cat-quote" in model["css"]
    names = {d["name"] for d in col["decks"].values()}
    assert " ".join(data["title"].split()) in names  # one line: the tab in the title goes
    assert any("quote" in t.split() and data["id"] in t.split() for t in tags)


def test_pack_text_is_escaped_never_html(tmp_path: Path) -> None:
    data = pack_dict()
    out = export(tmp_path, data, "a")
    notes, _, _ = read_apkg(out, tmp_path / "x")
    fronts = " ".join(fields[0] for fields in notes.values())
    assert "&lt;b&gt;bold&lt;/b&gt;" in fronts and "<b>bold</b>" not in fronts


def test_re_exporting_an_edited_pack_updates_the_same_notes(tmp_path: Path) -> None:
    before = pack_dict()
    after = copy.deepcopy(before)
    after["actors"][0]["name"] = "Renamed Person"
    after["quotes"][0]["text"] = "A reworded quote"
    after["measures"][0]["title"] = "A retitled measure"
    first, _, _ = read_apkg(export(tmp_path, before, "before"), tmp_path / "x1")
    second, _, _ = read_apkg(export(tmp_path, after, "after"), tmp_path / "x2")
    assert set(first) == set(second)  # same GUIDs: Anki updates, no duplicates
    changed = {g for g in first if first[g] != second[g]}
    item_ids = {second[g][FIELDS.index("ItemId")] for g in changed}
    assert {after["quotes"][0]["id"], after["measures"][0]["id"]} <= item_ids
    assert after["actors"][0]["id"] in item_ids
    # everything else is byte for byte the same (the actor's name also shows on its quotes)
    assert len(changed) < len(first)


def test_sub_decks_per_category(tmp_path: Path) -> None:
    data = pack_dict()
    out = export(tmp_path, data, "a", subdecks=True)
    _, _, col = read_apkg(out, tmp_path / "x")
    names = {d["name"] for d in col["decks"].values()}
    root = " ".join(data["title"].split())
    assert f"{root}::Quotes" in names and f"{root}::Actors" in names
