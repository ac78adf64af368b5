"""The editable pack document, without Qt: operations, undo, validation, saving in place."""

from __future__ import annotations

import difflib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from briefing_app.core.editing import EditError, PackDocument, StillReferenced
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
