"""The editable pack document, without Qt: operations, undo, validation, saving in place."""

from __future__ import annotations

import copy
import difflib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from briefing_app.core.editing import EditError, PackDocument, StillReferenced
from briefing_app.core.errors import Problem
from briefing_app.core.pack import load_pack
from briefing_app.paths import bundled_briefs_dir

SHIPPED = bundled_briefs_dir() / "us-japan-taiwan-2025"


@pytest.fixture
def shipped(tmp_path: Path) -> PackDocument:
    folder = tmp_path / "pack"
    shutil.copytree(SHIPPED, folder)
    return PackDocument.open(folder)


def test_one_field_edit_of_the_shipped_pack_changes_one_line(shipped: PackDocument) -> None:
    assert shipped.path is not None
    before = shipped.path.read_text(encoding="utf-8")
    assert shipped.text() == before  # opening and saving untouched changes nothing
    index = next(
        i for i, q in enumerate(shipped.items("quotes")) if q["id"] == "glass-very-unhelpful"
    )
    shipped.set_field("quotes", index, "context", "Said in Tokyo, to reporters.")
    shipped.save()
    after = shipped.path.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert len(changed) == 2 and changed[1][1:].strip().startswith('"context": "Said in Tokyo')
    pack = load_pack(shipped.path)
    assert [q.id for q in pack.quotes] == [q["id"] for q in shipped.items("quotes")]  # ids kept


def test_undo_and_redo_restore_exactly(shipped: PackDocument) -> None:
    original = json.dumps(shipped.data)
    change = shipped.set_field(None, 0, "title", "A new title")
    assert shipped.data["title"] == "A new title" and shipped.dirty
    change.revert(shipped)
    assert json.dumps(shipped.data) == original and not shipped.dirty
    change.apply(shipped)
    assert shipped.data["title"] == "A new title"


def test_new_items_get_unique_slug_ids(tmp_path: Path) -> None:
    doc = PackDocument.new("Budget talks", tmp_path / "b.json", today=date(2026, 1, 2))
    doc.add_item("actors", {"name": "Ann Lee", "kind": "person"})
    doc.add_item("actors", {"name": "Ann Lee", "kind": "person"})
    assert [a["id"] for a in doc.items("actors")] == ["ann-lee", "ann-lee-2"]
    doc.add_item("quotes", {"actor": "ann-lee", "text": "We start today, and we finish on time."})
    assert doc.items("quotes")[0]["id"] == "we-start-today-and-we-finish"
    assert doc.problems() == []
    assert doc.data["as_of"] == "2026-01-02"
    with pytest.raises(EditError):
        doc.add_item("quotes", {"id": "ann-lee", "actor": "ann-lee", "text": "x"})


def test_renaming_an_id_updates_every_reference(shipped: PackDocument) -> None:
    shipped.rename_id("glass", "george-glass")
    assert all(q["actor"] != "glass" for q in shipped.items("quotes"))
    assert sum(q["actor"] == "george-glass" for q in shipped.items("quotes")) == 2
    assert shipped.problems() == []
    with pytest.raises(EditError):
        shipped.rename_id("george-glass", "takaichi")  # taken
    with pytest.raises(EditError):
        shipped.rename_id("george-glass", "Not An Id")


def test_deleting_a_used_actor_asks_and_never_leaves_a_dangling_reference(
    shipped: PackDocument,
) -> None:
    index = next(i for i, a in enumerate(shipped.items("actors")) if a["id"] == "glass")
    with pytest.raises(StillReferenced) as info:
        shipped.delete_item("actors", index)
    assert len(info.value.dependants) >= 2
    shipped.delete_item("actors", index, cascade=True)
    assert all(q["actor"] != "glass" for q in shipped.items("quotes"))
    assert all("glass" not in i.get("actors", []) for i in shipped.items("implications"))
    assert shipped.problems() == []


def test_move_and_validation_with_locations(shipped: PackDocument) -> None:
    first = shipped.items("quotes")[0]["id"]
    shipped.move_item("quotes", 0, 3)
    assert shipped.items("quotes")[3]["id"] == first
    shipped.set_field("quotes", 1, "actor", "nobody-at-all")
    (problem,) = shipped.problems()
    assert shipped.location_of(problem) == ("quotes", 1, "actor")


def test_a_pack_with_problems_saves_only_as_an_explicit_draft(tmp_path: Path) -> None:
    doc = PackDocument.new("Draft", tmp_path / "d.json")
    doc.add_item("quotes", {"actor": "missing", "text": "x"})
    with pytest.raises(EditError, match="save anyway"):
        doc.save()
    assert not (tmp_path / "d.json").exists()
    doc.save(anyway=True)
    assert (tmp_path / "d.json").exists()


def test_save_as_makes_a_new_pack_and_pictures_turn_a_file_into_a_folder(
    tmp_path: Path,
) -> None:
    doc = PackDocument.new("Talks", tmp_path / "talks.json")
    doc.add_item("actors", {"name": "Ann Lee"})
    doc.save()
    picture = tmp_path / "face.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    doc.add_picture(0, picture)
    assert doc.path == tmp_path / "talks" / "pack.json"
    assert (tmp_path / "talks" / "images" / "face.png").exists()
    assert doc.items("actors")[0]["image"] == "images/face.png"
    doc.save(anyway=True)
    copy_path = doc.save_as(tmp_path / "talks-copy.json", anyway=True)
    assert json.loads(copy_path.read_text())["id"] == "talks-copy"


def test_progress_on_a_card_survives_an_edit(shipped: PackDocument, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from briefing_app.core.progress import ProgressStore

    now = datetime(2026, 1, 5, tzinfo=UTC)
    with ProgressStore(tmp_path / "p.db") as store:
        store.record_rating("us-japan-taiwan-2025", "glass-very-unhelpful", 3, now)
        index = next(
            i for i, q in enumerate(shipped.items("quotes")) if q["id"] == "glass-very-unhelpful"
        )
        shipped.set_field("quotes", index, "text", "very unhelpful")
        shipped.set_field("quotes", index, "context", "An edited context.")
        shipped.save()
        assert shipped.path is not None
        pack = load_pack(shipped.path)
        assert store.card_state(pack.id, "glass-very-unhelpful") is not None


def index_of(doc: PackDocument, list_name: str, item_id: str) -> int:
    return next(i for i, item in enumerate(doc.items(list_name)) if item["id"] == item_id)


def test_change_records_say_what_changed_and_their_inverse_undoes_it(
    shipped: PackDocument,
) -> None:
    original = copy.deepcopy(shipped.data)
    index = index_of(shipped, "quotes", "glass-very-unhelpful")
    change = shipped.set_field("quotes", index, "context", "New context.")
    assert (change.kind, change.field, change.focus) == ("set", "context", ("quotes", index))
    assert change.keys == ("quotes",)
    change.inverse().apply(shipped)
    assert shipped.data == original and not shipped.dirty
    change.inverse().revert(shipped)
    assert shipped.items("quotes")[index]["context"] == "New context."
    added = shipped.add_item("events", {"date": "2025-11-08", "title": "Talks resume"}, index=0)
    assert (added.kind, added.focus) == ("add", ("events", 0))
    assert list(shipped.items("events")[0]) == ["id", "date", "title"]  # the id comes first


def test_a_cascade_delete_names_its_dependants_and_undoes_whole(shipped: PackDocument) -> None:
    original = copy.deepcopy(shipped.data)
    index = index_of(shipped, "actors", "glass")
    with pytest.raises(StillReferenced) as info:
        shipped.delete_item("actors", index)
    quoted = [q["id"] for q in shipped.items("quotes") if q["actor"] == "glass"]
    assert set(quoted) <= set(info.value.dependant_ids) and "glass" in str(info.value)
    assert shipped.data == original  # a refused delete changes nothing
    change = shipped.delete_item("actors", index, cascade=True)
    assert change.kind == "delete" and change.removed[0] == "glass"
    assert set(quoted) <= set(change.removed)
    assert not set(change.removed) & shipped.all_ids()
    change.revert(shipped)
    assert shipped.data == original


def test_renaming_a_source_or_an_id_field_moves_every_reference(shipped: PackDocument) -> None:
    users = len(shipped.users_of("unshakable-alliance"))
    assert users > 0
    shipped.rename_id("unshakable-alliance", "article")
    assert len(shipped.users_of("article")) == users and not shipped.users_of("unshakable-alliance")
    change = shipped.set_field("actors", index_of(shipped, "actors", "glass"), "id", "g-glass")
    assert change.kind == "rename"
    assert [q["actor"] for q in shipped.items("quotes")].count("g-glass") == 2
    assert shipped.problems() == []


def test_problems_are_located_on_their_item_and_field(shipped: PackDocument) -> None:
    shipped.set_field("implications", 1, "actors", ["japan", "nobody"])
    shipped.set_field(None, -1, "as_of", "2025-02-30")
    shipped.set_field("actors", 0, "x-desk", "Asia")  # an extension is no problem
    spots = {(p.list_name, p.index, p.field) for p in shipped.located_problems()}
    assert spots == {("implications", 1, "actors"), (None, -1, "as_of")}
    shipped.set_field("quotes", 2, "txt", "a typo of text")  # shape problems come first
    shipped.set_field(None, -1, "tags", ["Japan", " "])
    located = shipped.located_problems()
    assert {(p.list_name, p.index, p.field) for p in located} == {
        ("quotes", 2, "txt"),
        (None, -1, "tags"),
    }
    assert "did you mean 'text'" in next(p.message for p in located if p.field == "txt")


def test_pictures_are_copied_once_and_never_overwrite_another(tmp_path: Path) -> None:
    doc = PackDocument.new("Talks", tmp_path / "talks.json")
    doc.add_item("actors", {"name": "Ann Lee", "kind": "person"})
    doc.add_item("actors", {"name": "Bob Ray", "kind": "person"})
    doc.save()
    doc.set_field(None, -1, "subtitle", "Not saved yet")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ann, bob = tmp_path / "a" / "Face.PNG", tmp_path / "b" / "Face.PNG"
    ann.write_bytes(b"\x89PNG\r\n\x1a\nann")
    bob.write_bytes(b"\x89PNG\r\n\x1a\nbob")
    change = doc.add_picture(0, ann)
    assert change.kind == "picture" and doc.path == tmp_path / "talks" / "pack.json"
    assert not (tmp_path / "talks.json").exists()
    on_disk = json.loads(doc.path.read_text(encoding="utf-8"))
    assert "subtitle" not in on_disk and doc.dirty  # moved as saved; the edit stays unsaved
    doc.add_picture(1, bob)
    doc.add_picture(0, ann)
    assert [a["image"] for a in doc.items("actors")] == ["images/face.png", "images/face-2.png"]
    assert (doc.path.parent / "images" / "face-2.png").read_bytes().endswith(b"bob")
    assert doc.problems() == []
    text_file = tmp_path / "notes.txt"
    text_file.write_text("x")
    with pytest.raises(EditError, match="png"):
        doc.add_picture(0, text_file)


def test_a_single_file_pack_never_clobbers_a_folder_beside_it(tmp_path: Path) -> None:
    doc = PackDocument.new("Talks", tmp_path / "talks.json")
    doc.add_item("actors", {"name": "Ann Lee", "kind": "person"})
    doc.save()
    (tmp_path / "talks").mkdir()
    (tmp_path / "talks" / "pack.json").write_text("{}")
    picture = tmp_path / "face.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(EditError, match="already exists"):
        doc.add_picture(0, picture)
    assert (tmp_path / "talks" / "pack.json").read_text() == "{}"
    assert doc.path == tmp_path / "talks.json" and doc.path.exists()


def test_save_as_always_gives_a_new_id_and_takes_the_pictures(tmp_path: Path) -> None:
    doc = PackDocument.new("Talks", tmp_path / "talks" / "pack.json")
    (tmp_path / "talks").mkdir()
    doc.add_item("actors", {"name": "Ann Lee", "kind": "person"})
    doc.save()
    picture = tmp_path / "face.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    doc.add_picture(0, picture)
    doc.save()
    first = doc.save_as(tmp_path / "elsewhere" / "talks")  # a folder named as the old id
    assert first == tmp_path / "elsewhere" / "talks" / "pack.json"
    assert doc.data["id"] == "talks-copy" and doc.path == first
    assert (first.parent / "images" / "face.png").exists() and doc.problems() == []
    assert json.loads((tmp_path / "talks" / "pack.json").read_text())["id"] == "talks"
    (tmp_path / "blocker").write_text("a file, not a folder")
    with pytest.raises(EditError):
        doc.save_as(tmp_path / "blocker" / "x.json")
    assert doc.data["id"] == "talks-copy" and doc.path == first and not doc.dirty


@pytest.mark.parametrize(
    ("location", "spot"),
    [
        ("quotes[3].actor", ("quotes", 3, "actor")),
        ("implications[0].actors[2]", ("implications", 0, "actors")),
        ("actors[1].x-note", ("actors", 1, "x-note")),
        ("events[4]", ("events", 4, "")),
        ("tags[0]", (None, -1, "tags")),
        ("sources", (None, -1, "sources")),
        ("line 4, column 8", (None, -1, "")),
        ("", (None, -1, "")),
    ],
)
def test_every_kind_of_location_maps_to_list_index_and_field(
    location: str, spot: tuple[str | None, int, str]
) -> None:
    doc = PackDocument.new("Any")
    assert doc.location_of(Problem(location, "something")) == spot
