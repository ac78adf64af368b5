"""The Anki package, read back with sqlite3 and zipfile (not with genanki).

Anki's importer (rslib ``import_export/package/apkg/import``) matches an incoming
note to an existing one by GUID, and updates it in place when the note type has
the same id and the same field and template names and the incoming note is
newer; the existing cards, with their review history, are kept. So these tests
check, at the file level, what that relies on: one note per card, GUIDs and the
note type stable across exports, edited fields changed, nothing else changed,
nothing duplicated, notes stamped with the export time.
"""

from __future__ import annotations

import html
import math
import time
from pathlib import Path
from typing import Any

import pytest
from anki_reader import AnkiPackage, read_apkg
from export_packs import TRICKY_QUOTE, edit_three_items, pack_dict, write_pack

from briefing_app.core.pack import load_pack
from briefing_app.export.formats import ExportOptions, export_pack

FIELDS = ["Front", "Back", "Category", "Context", "Source", "Date", "PackId", "ItemId"]


def export(tmp_path: Path, data: dict[str, Any], name: str, **options: Any) -> AnkiPackage:
    folder = tmp_path / name
    folder.mkdir()
    out = tmp_path / f"{name}.apkg"
    export_pack(load_pack(write_pack(folder, data)), "apkg", out, ExportOptions(**options))
    return read_apkg(out)


def item_ids(data: dict[str, Any]) -> set[str]:
    kinds = ("actors", "quotes", "measures", "implications")
    return {item["id"] for kind in kinds for item in data[kind]}


def test_one_deck_one_note_type_one_note_and_one_card_per_item(tmp_path: Path) -> None:
    data = pack_dict()
    package = export(tmp_path, data, "a")
    assert sorted(n.fields["ItemId"] for n in package.notes) == sorted(item_ids(data))
    assert len({n.guid for n in package.notes}) == len(package.notes)  # no duplicate
    assert package.card_count == len(package.notes)
    (model,) = package.models.values()
    assert model["name"] == "Briefing card"
    assert [f["name"] for f in model["flds"]] == FIELDS
    assert len(model["tmpls"]) == 1
    assert ".nightMode" in model["css"] and ".cat-quote .bc-band" in model["css"]
    title = " ".join(data["title"].split())  # one line: the tab in the title goes
    assert {d for n in package.notes for d in n.deck_names} == {title}
    assert all(n.fields["PackId"] == data["id"] for n in package.notes)
    assert all(set(n.tags) == {n.fields["Category"], data["id"]} for n in package.notes)


def test_the_fields_hold_the_item(tmp_path: Path) -> None:
    quote = export(tmp_path, pack_dict(), "a").by_guid()
    (stars,) = [n for n in quote.values() if n.fields["ItemId"] == "q-stars"]
    assert stars.fields["Category"] == "quote"
    assert stars.fields["Context"] == "At a press conference.<br>Later repeated."
    assert stars.fields["Source"] == "Wire report (Example News)"
    assert stars.fields["Date"] == "2025-11-18"
    assert "Alice Émile" in stars.fields["Back"] and "Context" in stars.fields["Back"]


def test_pack_text_is_escaped_never_html_sound_or_latex(tmp_path: Path) -> None:
    data = pack_dict()
    data["quotes"][2]["text"] = "Play [sound:alarm.mp3] and [latex]x[/latex] & [$]y[/$]"
    notes = export(tmp_path, data, "a").notes
    fronts = {n.fields["ItemId"]: n.fields["Front"] for n in notes}
    assert "&lt;b&gt;bold&lt;/b&gt;" in fronts["q-stars"] and "<b>bold" not in fronts["q-stars"]
    everything = " ".join(v for n in notes for v in n.fields.values())
    assert "[sound:" not in everything and "[latex]" not in everything and "[$]" not in everything
    shown = html.unescape(fronts["q-hash"].split(">", 1)[1].rsplit("<", 1)[0])
    assert shown == data["quotes"][2]["text"]  # Anki shows the text as written
    assert TRICKY_QUOTE in html.unescape(fronts["q-stars"])


def test_the_templates_keep_mathjax_off_pack_text(tmp_path: Path) -> None:
    (model,) = export(tmp_path, pack_dict(), "a").models.values()
    (template,) = model["tmpls"]
    for side in (template["qfmt"], template["afmt"]):
        assert side.startswith('<div class="') and "mathjax_ignore" in side.split(">", 1)[0]


def test_an_edited_pack_updates_the_same_notes_and_only_the_edited_ones(tmp_path: Path) -> None:
    before_data = pack_dict()
    after_data, edited = edit_three_items(before_data)
    started = math.floor(time.time())
    before = export(tmp_path, before_data, "before")
    after = export(tmp_path, after_data, "after")
    finished = math.ceil(time.time())
    old, new = before.by_guid(), after.by_guid()
    assert set(old) == set(new)  # same GUIDs: Anki updates, nothing duplicated
    changed = {new[g].fields["ItemId"] for g in new if new[g].fields != old[g].fields}
    assert changed == edited
    assert {n.model_id for n in after.notes} == {n.model_id for n in before.notes}
    assert _schema(after) == _schema(before)  # else Anki would import a second note type
    assert set(after.decks) == set(before.decks)
    # Anki takes an incoming note only when it is newer than the one it has
    assert all(started <= n.modified <= finished for n in after.notes)


def test_renaming_an_actor_keeps_every_note(tmp_path: Path) -> None:
    before_data = pack_dict()
    after_data = pack_dict()
    after_data["actors"][1]["name"] = "Robert Yamada"
    old = export(tmp_path, before_data, "before").by_guid()
    new = export(tmp_path, after_data, "after").by_guid()
    assert set(old) == set(new)
    for guid, note in old.items():
        shows_the_name = any("Bob 山田" in value for value in note.fields.values())
        assert (new[guid].fields != note.fields) == shows_the_name, note.fields["ItemId"]


def test_guids_differ_between_packs_and_never_depend_on_the_text(tmp_path: Path) -> None:
    one = export(tmp_path, pack_dict(), "one")
    other = export(tmp_path, pack_dict(id="other-pack", title="Another title"), "other")
    assert not {n.guid for n in one.notes} & {n.guid for n in other.notes}


def test_sub_decks_per_category(tmp_path: Path) -> None:
    data = pack_dict()
    package = export(tmp_path, data, "a", subdecks=True)
    root = " ".join(data["title"].split())
    expected = {
        "actor": "Actors",
        "quote": "Quotes",
        "measure": "Measures",
        "implication": "Implications",
    }
    for note in package.notes:
        assert note.deck_names == (f"{root}::{expected[note.fields['Category']]}",)


def test_a_title_holding_a_deck_separator_stays_one_deck(tmp_path: Path) -> None:
    package = export(tmp_path, pack_dict(title="Trade::talks"), "a")
    assert {d for n in package.notes for d in n.deck_names} == {"Trade:talks"}


@pytest.mark.parametrize("fmt", ["tsv", "md"])
def test_sub_decks_are_for_the_package_only(tmp_path: Path, fmt: str) -> None:
    from briefing_app.export.atomic import ExportError

    pack = load_pack(write_pack(tmp_path, pack_dict()))
    with pytest.raises(ExportError, match="takes no subdecks option"):
        export_pack(pack, fmt, tmp_path / f"x.{fmt}", ExportOptions(subdecks=True))
    assert not (tmp_path / f"x.{fmt}").exists()


def _schema(package: AnkiPackage) -> list[tuple[list[str], list[str]]]:
    return [
        ([f["name"] for f in m["flds"]], [t["name"] for t in m["tmpls"]])
        for m in package.models.values()
    ]
