"""Read an Anki package the way Anki's importer sees it, with zipfile and sqlite3 only.

Nothing here imports the app or genanki, so a test reading a package through it
checks the file, not our own idea of it.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIELD_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class AnkiNote:
    guid: str
    model_id: int
    modified: int  # seconds; Anki updates a note only from a newer one
    fields: dict[str, str]
    tags: tuple[str, ...]
    deck_names: tuple[str, ...]  # of the note's cards


@dataclass(frozen=True)
class AnkiPackage:
    notes: list[AnkiNote]
    models: dict[int, dict[str, Any]]
    decks: dict[int, str]  # id -> name
    card_count: int

    def by_guid(self) -> dict[str, AnkiNote]:
        return {note.guid: note for note in self.notes}


def read_apkg(path: Path) -> AnkiPackage:
    """Every note with its named fields, tags and decks; the note types and decks."""
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(path) as archive:
            archive.extract("collection.anki2", tmp)
        db = sqlite3.connect(Path(tmp) / "collection.anki2")
        try:
            return _read(db)
        finally:
            db.close()


def _read(db: sqlite3.Connection) -> AnkiPackage:
    models_json, decks_json = db.execute("SELECT models, decks FROM col").fetchone()
    models = {int(k): v for k, v in json.loads(models_json).items()}
    decks = {int(k): v["name"] for k, v in json.loads(decks_json).items()}
    card_decks: dict[int, list[str]] = {}
    cards = db.execute("SELECT nid, did FROM cards").fetchall()
    for nid, did in cards:
        card_decks.setdefault(nid, []).append(decks[did])
    notes = []
    for nid, guid, mid, mod, tags, flds in db.execute(
        "SELECT id, guid, mid, mod, tags, flds FROM notes"
    ):
        names = [f["name"] for f in sorted(models[mid]["flds"], key=lambda f: f["ord"])]
        values = flds.split(FIELD_SEPARATOR)
        assert len(values) == len(names), "a note's field count differs from its note type"
        notes.append(
            AnkiNote(
                guid,
                mid,
                mod,
                dict(zip(names, values, strict=True)),
                tuple(tags.split()),
                tuple(card_decks.get(nid, ())),
            )
        )
    return AnkiPackage(notes, models, decks, len(cards))
