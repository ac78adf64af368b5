"""An editable pack: the author's JSON with its key order, ``x-`` keys and layout kept.

The Qt editor only binds widgets to this object. Every operation returns a
``Change`` holding the values before and after of the top-level keys it
touched, so an undo stack can apply and revert it exactly; ``problems`` checks
the document as it stands with the core's own rules (``located_problems`` says
which item and field each is about); ``save`` writes it atomically as the
author's own text with only the changed values rewritten (``splice.py``), so a
one-field edit is a one-line diff.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jiter

from ..errors import PackError, Problem
from ..models import Pack
from . import files
from .changes import Address, Change, ChangeKind, EditError, StillReferenced
from .layout import Layout, dumps, read_layout
from .locating import ITEM_LISTS, LocatedProblem, locate
from .splice import Span, parse_spans, splice

REFERENCES = {  # which fields of which lists hold ids of which list
    "quotes": {"actor": "actors", "source": "sources"},
    "measures": {"actor": "actors", "source": "sources"},
    "implications": {"actors": "actors", "source": "sources"},
    "events": {"actors": "actors", "source": "sources"},
}
NAME_FIELDS = {"actors": "name", "quotes": "text", "sources": "title"}  # others: "title"
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")

__all__ = ["Change", "EditError", "PackDocument", "StillReferenced", "slug"]


def slug(text: str, fallback: str = "item") -> str:
    """``"Sanae Takaichi"`` -> ``sanae-takaichi``: the id made from a name or title."""
    from ..drafting.packing import slug as make_slug

    return make_slug(text, fallback)


@dataclass
class PackDocument:
    """A pack being edited: ``data`` is the parsed JSON, in the author's key order.

    ``path`` is the pack file (None until a new pack is first saved);
    ``source_text`` the file as last read or saved, which saving splices into.
    ``listeners`` are called after every change, undo and redo.
    """

    data: dict[str, Any]
    path: Path | None = None
    layout: Layout = field(default_factory=lambda: Layout(inline_lists=True))
    saved: dict[str, Any] = field(default_factory=dict)
    listeners: list[Callable[[], None]] = field(default_factory=list)
    source_text: str | None = None
    _spans: tuple[str, Span | None] | None = field(default=None, repr=False, compare=False)

    # --- opening and creating ------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> PackDocument:
        """The pack file (or ``pack.json`` of a folder), as its author wrote it."""
        from ..pack import resolve_pack_file

        file = resolve_pack_file(path)
        try:
            raw = file.read_bytes()
            text = raw.decode("utf-8")
            data = json.loads(text[1:] if text.startswith("\ufeff") else text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackError([Problem("", f"cannot open for editing: {exc}")], str(path)) from None
        if not isinstance(data, dict):
            raise PackError([Problem("", "the file does not hold a pack object")], str(path))
        # A key written twice: json.loads kept the last; the first save writes the file
        # whole (in its layout), so the duplicate goes instead of being spliced around.
        source = text if _no_duplicate_keys(raw) else None
        return cls(data, file, read_layout(text), copy.deepcopy(data), source_text=source)

    @classmethod
    def new(cls, title: str, path: Path | None = None, today: date | None = None) -> PackDocument:
        """A minimal valid pack: a title, today's date, empty lists."""
        data: dict[str, Any] = {
            "format": "briefing-pack",
            "version": 1,
            "id": slug(title, "new-pack"),
            "title": " ".join(title.split()) or "New pack",
            "as_of": (today or date.today()).isoformat(),
            "actors": [],
            "quotes": [],
            "measures": [],
            "implications": [],
        }
        return cls(data, path)

    # --- reading ----------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """True when the document differs from the file as last opened or saved."""
        return self.data != self.saved

    def items(self, list_name: str) -> list[dict[str, Any]]:
        """The items of one list (``"quotes"``); empty when the pack has none."""
        value = self.data.get(list_name)
        return value if isinstance(value, list) else []

    def item(self, address: Address) -> dict[str, Any]:
        """The item at ``address``, or the pack's own fields for ``(None, _)``."""
        list_name, index = address
        if list_name is None:
            return self.data
        self._check_index(list_name, index)
        return self.items(list_name)[index]

    def all_ids(self) -> set[str]:
        """Every item id in the pack (ids are unique pack-wide, across lists)."""
        return {
            item["id"]
            for name in ITEM_LISTS
            for item in self.items(name)
            if isinstance(item, dict) and isinstance(item.get("id"), str)
        }

    def find(self, item_id: str) -> tuple[str, int] | None:
        """Where the item with ``item_id`` stands."""
        for name in ITEM_LISTS:
            for index, item in enumerate(self.items(name)):
                if isinstance(item, dict) and item.get("id") == item_id:
                    return name, index
        return None

    def users_of(self, item_id: str) -> list[tuple[str, int]]:
        """The items whose references name ``item_id`` (quotes of an actor, ...)."""
        found = []
        for list_name, fields in REFERENCES.items():
            for index, item in enumerate(self.items(list_name)):
                if isinstance(item, dict) and any(_names(item.get(k), item_id) for k in fields):
                    found.append((list_name, index))
        return found

    def unique_id(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``... whichever no item has yet."""
        taken = self.all_ids()
        candidate, n = base, 2
        while candidate in taken:
            candidate = f"{base[:76]}-{n}"
            n += 1
        return candidate

    # --- changing ------------------------------------------------------------------------

    def replace_values(self, keys: tuple[str, ...], values: dict[str, Any]) -> None:
        """Set the top-level ``keys`` to ``values`` (absent = removed) and tell the listeners."""
        for key in keys:
            if key in values:
                self.data[key] = values[key]
            else:
                self.data.pop(key, None)
        for listener in list(self.listeners):
            listener()

    def set_field(self, list_name: str | None, index: int, key: str, value: Any) -> Change:
        """Set (or, with ``None``/""/[], remove) one field of the pack or of an item.

        An item's ``id`` goes through ``rename_id``, so its references follow.
        """
        if list_name is None:

            def edit_pack(data: dict[str, Any]) -> None:
                _assign(data, key, value)

            return self._touch(f"Edit {key}", (key,), edit_pack, None, "set", key)
        self._check_index(list_name, index)
        if key == "id":
            old = self.items(list_name)[index].get("id")
            return self.rename_id(old if isinstance(old, str) else "", str(value or ""))

        def edit_item(data: dict[str, Any]) -> None:
            _assign(data[list_name][index], key, value)

        return self._touch(f"Edit {key}", (list_name,), edit_item, (list_name, index), "set", key)

    def add_item(self, list_name: str, fields: dict[str, Any], index: int | None = None) -> Change:
        """Add an item; an id is made from its name or title (unique pack-wide) if missing.

        The id comes first in the new item, as in every item of our packs.
        """
        if list_name not in ITEM_LISTS:
            raise EditError(f"{list_name!r} is not a list of the pack")
        item = dict(fields)
        if not item.get("id"):
            basis = str(item.get(NAME_FIELDS.get(list_name, "title"), "") or list_name[:-1])
            new_id = self.unique_id(slug(" ".join(basis.split()[:6]), list_name[:-1]))
            item = {"id": new_id, **{k: v for k, v in item.items() if k != "id"}}
        elif item["id"] in self.all_ids():
            raise EditError(f"the id {item['id']!r} is already used")
        size = len(self.items(list_name))
        at = size if index is None else max(0, min(index, size))

        def edit(data: dict[str, Any]) -> None:
            data.setdefault(list_name, []).insert(at, item)

        return self._touch(f"Add {list_name[:-1]}", (list_name,), edit, (list_name, at), "add")

    def delete_item(self, list_name: str, index: int, *, cascade: bool = False) -> Change:
        """Delete an item; one still referenced is refused (``StillReferenced``), or with
        ``cascade`` deleted with the quotes and measures that need it, and taken off the
        ``actors`` lists (and ``source`` fields) of the others. Never a dangling reference.
        """
        self._check_index(list_name, index)
        found = self.items(list_name)[index].get("id")
        item_id = found if isinstance(found, str) else ""
        users = self.users_of(item_id) if item_id else []
        if users and not cascade:
            ids = [str(self.items(name)[i].get("id", "")) for name, i in users]
            raise StillReferenced(item_id, users, ids)
        keys = tuple(dict.fromkeys([list_name, *(name for name, _ in users)]))
        removed = [item_id] if item_id else []

        def edit(data: dict[str, Any]) -> None:
            doomed = set(users)
            for name in keys:
                kept = []
                for i, other in enumerate(data.get(name, [])):
                    if (name, i) == (list_name, index):
                        continue
                    if (name, i) in doomed and _depends_only_on(other, item_id, name):
                        removed.append(str(other.get("id", "")))
                        continue
                    kept.append(_without_reference(other, item_id, name))
                data[name] = kept

        change = self._touch(f"Delete {list_name[:-1]}", keys, edit, None, "delete")
        change.removed = tuple(removed)
        return change

    def rename_id(self, old: str, new: str) -> Change:
        """Give an item a new id and update every reference to it (``actor``, ``actors``,
        ``source``)."""
        new = new.strip()
        if not ID_PATTERN.fullmatch(new):
            raise EditError(f"{new!r} is not a valid id (lowercase letters, digits and '-')")
        if new != old and new in self.all_ids():
            raise EditError(f"the id {new!r} is already used")
        where = self.find(old)
        if where is None:
            raise EditError(f"no item has the id {old!r}")
        keys = tuple(name for name in ITEM_LISTS if name in self.data)

        def edit(data: dict[str, Any]) -> None:
            data[where[0]][where[1]]["id"] = new
            for list_name, fields in REFERENCES.items():
                for item in data.get(list_name, []):
                    if not isinstance(item, dict):
                        continue
                    for key in fields:
                        value = item.get(key)
                        if value == old:
                            item[key] = new
                        elif isinstance(value, list) and old in value:
                            item[key] = [new if v == old else v for v in value]

        return self._touch("Rename id", keys, edit, where, "rename", "id")

    def move_item(self, list_name: str, index: int, new_index: int) -> Change:
        """Move an item within its list (the order its cards are shown in)."""
        self._check_index(list_name, index)
        target = max(0, min(new_index, len(self.items(list_name)) - 1))

        def edit(data: dict[str, Any]) -> None:
            data[list_name].insert(target, data[list_name].pop(index))

        return self._touch(
            f"Move {list_name[:-1]}", (list_name,), edit, (list_name, target), "move"
        )

    def add_picture(self, actor_index: int, picture: Path) -> Change:
        """Copy a picture into the pack folder's ``images/`` and point the actor at it.

        A single-file pack ``name.json`` first becomes a folder pack
        ``name/pack.json`` (see ``make_folder_pack``). The copy stays on undo;
        the actor's ``image`` field is the change.
        """
        self._check_index("actors", actor_index)
        if self.path is None:
            raise EditError("save the pack before adding pictures")
        if self.path.name != "pack.json":
            self.make_folder_pack()
        assert self.path is not None
        relative = files.copy_picture(picture, self.path.parent)
        change = self.set_field("actors", actor_index, "image", relative)
        change.kind, change.text = "picture", "Choose picture"
        return change

    def make_folder_pack(self) -> Path:
        """Turn the single-file pack ``name.json`` into ``name/pack.json``; the new path.

        The file is moved as it was last saved (unsaved edits stay unsaved), the
        pictures it names are copied along, and the pack id is kept, so progress
        and the library entry (by id) survive. Refused if ``name/`` exists and is
        not an empty folder.
        """
        if self.path is None:
            raise EditError("save the pack first")
        if self.path.name == "pack.json":
            return self.path
        pictures = [str(a.get("image")) for a in self.items("actors") if a.get("image")]
        if self.path.exists():
            self.path = files.move_into_folder(self.path, pictures)
        else:
            self.path = files.folder_for(self.path)
            self.path.parent.mkdir(exist_ok=True)
        return self.path

    # --- checking and saving --------------------------------------------------------------

    def text(self) -> str:
        """The file as it would be saved: the author's text, only changed values rewritten."""
        if self.source_text is not None:
            if self._spans is None or self._spans[0] is not self.source_text:
                self._spans = (self.source_text, parse_spans(self.source_text))
            spans = self._spans[1]
            if spans is not None:
                return splice(self.source_text, spans, self.data, self.layout)
        return dumps(self.data, self.layout)

    def problems(self, base_dir: Path | None = None) -> list[Problem]:
        """What ``validate`` would say of the document now (empty when it is valid).

        Picture paths are checked against ``base_dir``, by default the pack file's folder.
        """
        return self.checked(base_dir)[1]

    def checked(self, base_dir: Path | None = None) -> tuple[Pack | None, list[Problem]]:
        """The pack as the app would load it (None when it has problems), and its problems.

        One parse for both, so an editor can check a big pack and draw its cards at once.
        """
        if base_dir is None and self.path is not None:
            base_dir = self.path.parent
        return _checked(self.text(), base_dir)

    def located_problems(self) -> list[LocatedProblem]:
        """``problems`` with the (list, index, field) each is about, for marking fields."""
        return [locate(problem) for problem in self.problems()]

    def location_of(self, problem: Problem) -> tuple[str | None, int, str]:
        """Where a problem stands: (list or None for the pack, index or -1, field or "")."""
        spot = locate(problem)
        return spot.list_name, spot.index, spot.field

    def save(self, path: Path | None = None, *, anyway: bool = False) -> Path:
        """Write atomically (temp file + rename); a pack with problems only as a draft
        (``anyway``). ``path`` may be a folder: its ``pack.json``. Returns the file written."""
        from ...export.atomic import ExportError, atomic_write_text

        target = Path(path) if path is not None else self.path
        if target is None:
            raise EditError("choose where to save the pack first")
        if target.is_dir():
            target = target / "pack.json"
        text = self.text()
        problems = _problems_of(text, target.parent)
        if problems and not anyway:
            raise EditError(f"the pack has {len(problems)} problem(s); save anyway as a draft?")
        try:
            atomic_write_text(target, text)
        except ExportError as exc:
            raise EditError(str(exc)) from None
        self.path, self.source_text = target, text
        self.saved = copy.deepcopy(self.data)
        return target

    def save_as(self, path: Path, *, anyway: bool = False) -> Path:
        """A new pack: a new id (from the file or folder name), the same content.

        ``path`` ending in ``.json`` is a single file, anything else a folder
        with ``pack.json``. The pictures the pack names are copied along. The
        new id always differs from the old one, so the two packs keep separate
        progress; on failure the document is as it was.
        """
        path = Path(path)
        target = path if path.suffix.lower() == ".json" else path / "pack.json"
        old_id, old_path = self.data.get("id"), self.path
        name = target.parent.name if target.name == "pack.json" else target.stem
        new_id = slug(name, f"{old_id}-copy")
        if new_id == old_id:
            new_id = f"{str(old_id)[:75]}-copy"
        self.data["id"] = new_id
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if old_path is not None:
                pictures = [str(a.get("image")) for a in self.items("actors") if a.get("image")]
                files.copy_pictures(pictures, old_path.parent, target.parent)
            return self.save(target, anyway=anyway)
        except (OSError, EditError) as exc:
            self.data["id"] = old_id
            if isinstance(exc, EditError):
                raise
            raise EditError(f"cannot save as {target}: {exc.strerror or exc}") from None

    # --- helpers ----------------------------------------------------------------------------

    def _touch(
        self,
        text: str,
        keys: tuple[str, ...],
        edit: Callable[[dict[str, Any]], None],
        focus: Address | None,
        kind: ChangeKind,
        key: str | None = None,
    ) -> Change:
        """Run ``edit`` on copies of the touched top-level keys, then apply it as a Change."""
        before = {k: copy.deepcopy(self.data[k]) for k in keys if k in self.data}
        working = copy.deepcopy(before)  # only the touched keys: cheap on a big pack
        edit(working)
        change = Change(text, keys, before, working, focus, kind, key)
        change.apply(self)
        return change

    def _check_index(self, list_name: str, index: int) -> None:
        if list_name not in ITEM_LISTS:
            raise EditError(f"{list_name!r} is not a list of the pack")
        if not 0 <= index < len(self.items(list_name)):
            raise EditError(f"{list_name}[{index}] does not exist")


def _problems_of(text: str, base_dir: Path | None) -> list[Problem]:
    return _checked(text, base_dir)[1]


def _checked(text: str, base_dir: Path | None) -> tuple[Pack | None, list[Problem]]:
    from ..pack import parse_pack

    try:
        return parse_pack(text.encode("utf-8"), base_dir=base_dir), []
    except PackError as exc:
        return None, exc.problems


def _no_duplicate_keys(raw: bytes) -> bool:
    try:
        jiter.from_json(raw.removeprefix(b"\xef\xbb\xbf"), catch_duplicate_keys=True)
    except ValueError:
        return False
    return True


def _names(value: Any, item_id: str) -> bool:
    return value == item_id or (isinstance(value, list) and item_id in value)


def _assign(target: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == "" or value == []:
        target.pop(key, None)
    else:
        target[key] = value


def _depends_only_on(item: dict[str, Any], item_id: str, list_name: str) -> bool:
    """An item that cannot stand without ``item_id`` (a quote's or measure's actor)."""
    return item.get("actor") == item_id and list_name in ("quotes", "measures")


def _without_reference(item: dict[str, Any], item_id: str, list_name: str) -> dict[str, Any]:
    """An item that merely lists ``item_id`` (implications, events) keeps the others."""
    out = dict(item)
    for key in REFERENCES.get(list_name, {}):
        value = out.get(key)
        if isinstance(value, list) and item_id in value:
            out[key] = [v for v in value if v != item_id]
        elif value == item_id and key == "source":
            out.pop(key)
    return out
