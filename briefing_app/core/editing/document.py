"""An editable pack: the author's JSON with its key order, ``x-`` keys and indentation kept.

The Qt editor only binds widgets to this object. Every operation returns a
``Change`` holding the values before and after of the top-level keys it
touched, so an undo stack can apply and revert it exactly; ``validate`` checks
the document as it stands with the core's own rules; ``save`` writes it
atomically in the file's own layout, so a one-field edit is a one-line diff.
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

from ..errors import PackError, Problem
from .layout import Layout, dumps, read_layout

ITEM_LISTS = ("sources", "actors", "quotes", "measures", "implications", "events")
REFERENCES = {  # which fields of which lists hold ids of which list
    "quotes": {"actor": "actors", "source": "sources"},
    "measures": {"actor": "actors", "source": "sources"},
    "implications": {"actors": "actors", "source": "sources"},
    "events": {"actors": "actors", "source": "sources"},
}
NAME_FIELDS = {"actors": "name", "quotes": "text", "sources": "title"}


class EditError(Exception):
    """An edit that cannot be made; the message says why, in one line."""


@dataclass
class StillReferenced(EditError):
    """Deleting an actor (or source) that other items still use; ``dependants`` names them."""

    item_id: str
    dependants: list[tuple[str, int]]

    def __str__(self) -> str:
        return f"{self.item_id!r} is still used by {len(self.dependants)} item(s)"


@dataclass
class Change:
    """One edit: the top-level values before and after, and a few words for the undo menu."""

    text: str
    keys: tuple[str, ...]
    before: dict[str, Any]
    after: dict[str, Any]
    focus: tuple[str, int] | None = None  # the item to show after the change

    def apply(self, doc: PackDocument) -> None:
        doc.replace_values(self.keys, copy.deepcopy(self.after))

    def revert(self, doc: PackDocument) -> None:
        doc.replace_values(self.keys, copy.deepcopy(self.before))


def slug(text: str, fallback: str = "item") -> str:
    from ..drafting.packing import slug as make_slug

    return make_slug(text, fallback)


@dataclass
class PackDocument:
    """A pack being edited (``data`` is the parsed JSON, in the author's key order)."""

    data: dict[str, Any]
    path: Path | None = None
    layout: Layout = field(default_factory=lambda: Layout(inline_lists=True))
    saved: dict[str, Any] = field(default_factory=dict)
    listeners: list[Callable[[], None]] = field(default_factory=list)

    # --- opening and creating ------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> PackDocument:
        """The pack file (or ``pack.json`` of a folder), as its author wrote it."""
        from ..pack import resolve_pack_file

        file = resolve_pack_file(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
            data = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackError([Problem("", f"cannot open for editing: {exc}")], str(path)) from None
        if not isinstance(data, dict):
            raise PackError([Problem("", "the file does not hold a pack object")], str(path))
        doc = cls(data, file, read_layout(text))
        doc.saved = copy.deepcopy(data)
        return doc

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
        return self.data != self.saved

    def items(self, list_name: str) -> list[dict[str, Any]]:
        value = self.data.get(list_name)
        return value if isinstance(value, list) else []

    def all_ids(self) -> set[str]:
        return {
            item["id"]
            for name in ITEM_LISTS
            for item in self.items(name)
            if isinstance(item, dict) and isinstance(item.get("id"), str)
        }

    def find(self, item_id: str) -> tuple[str, int] | None:
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
                for key in fields:
                    value = item.get(key)
                    if value == item_id or (isinstance(value, list) and item_id in value):
                        found.append((list_name, index))
                        break
        return found

    def unique_id(self, base: str) -> str:
        taken = self.all_ids()
        candidate, n = base, 2
        while candidate in taken:
            candidate = f"{base[:76]}-{n}"
            n += 1
        return candidate

    # --- changing ------------------------------------------------------------------------

    def _touch(
        self,
        text: str,
        keys: tuple[str, ...],
        edit: Callable[[dict[str, Any]], None],
        focus: tuple[str, int] | None = None,
    ) -> Change:
        before = {k: copy.deepcopy(self.data[k]) for k in keys if k in self.data}
        working = copy.deepcopy(before)  # only the touched keys: cheap on a big pack
        edit(working)
        change = Change(text, keys, before, working, focus)
        change.apply(self)
        return change

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
        """Set (or, with ``None``/"", remove) one field of the pack or of an item."""
        if list_name is None:

            def edit_pack(data: dict[str, Any]) -> None:
                _assign(data, key, value)

            return self._touch(f"Edit {key}", (key,), edit_pack)
        self._check_index(list_name, index)

        def edit_item(data: dict[str, Any]) -> None:
            _assign(data[list_name][index], key, value)

        return self._touch(f"Edit {key}", (list_name,), edit_item, (list_name, index))

    def add_item(self, list_name: str, fields: dict[str, Any], index: int | None = None) -> Change:
        """Add an item; an id is made from its name or title (unique pack-wide) if missing."""
        if list_name not in ITEM_LISTS:
            raise EditError(f"{list_name!r} is not a list of the pack")
        item = dict(fields)
        if not item.get("id"):
            basis = str(item.get(NAME_FIELDS.get(list_name, "title"), "") or list_name[:-1])
            item = {"id": self.unique_id(slug(" ".join(basis.split()[:6]), list_name[:-1])), **item}
        elif item["id"] in self.all_ids():
            raise EditError(f"the id {item['id']!r} is already used")
        at = len(self.items(list_name)) if index is None else index

        def edit(data: dict[str, Any]) -> None:
            data.setdefault(list_name, []).insert(at, item)

        return self._touch(f"Add {list_name[:-1]}", (list_name,), edit, (list_name, at))

    def delete_item(self, list_name: str, index: int, *, cascade: bool = False) -> Change:
        """Delete an item; one still referenced is refused, or deleted with its users."""
        self._check_index(list_name, index)
        found = self.items(list_name)[index].get("id")
        item_id = found if isinstance(found, str) else ""
        users = self.users_of(item_id) if item_id else []
        if users and not cascade:
            raise StillReferenced(item_id, users)
        keys = tuple(dict.fromkeys([list_name, *(name for name, _ in users)]))

        def edit(data: dict[str, Any]) -> None:
            doomed = set(users)
            for name in keys:
                kept = []
                for i, other in enumerate(data.get(name, [])):
                    if (name, i) == (list_name, index):
                        continue
                    if (name, i) in doomed and _depends_only_on(other, item_id, name):
                        continue
                    kept.append(_without_reference(other, item_id, name))
                data[name] = kept

        return self._touch(f"Delete {list_name[:-1]}", keys, edit)

    def rename_id(self, old: str, new: str) -> Change:
        """Give an item a new id and update every reference to it."""
        new = new.strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", new):
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
                    for key in fields:
                        value = item.get(key)
                        if value == old:
                            item[key] = new
                        elif isinstance(value, list):
                            item[key] = [new if v == old else v for v in value]

        return self._touch("Rename id", keys, edit, where)

    def move_item(self, list_name: str, index: int, new_index: int) -> Change:
        """Move an item within its list (the order cards are shown in)."""
        self._check_index(list_name, index)
        target = max(0, min(new_index, len(self.items(list_name)) - 1))

        def edit(data: dict[str, Any]) -> None:
            data[list_name].insert(target, data[list_name].pop(index))

        return self._touch(f"Move {list_name[:-1]}", (list_name,), edit, (list_name, target))

    def _check_index(self, list_name: str, index: int) -> None:
        if not 0 <= index < len(self.items(list_name)):
            raise EditError(f"{list_name}[{index}] does not exist")

    # --- checking and saving --------------------------------------------------------------

    def text(self) -> str:
        """The file as it would be saved, in its author's layout."""
        return dumps(self.data, self.layout)

    def problems(self) -> list[Problem]:
        """What ``validate`` would say of the document now (empty when it is valid)."""
        from ..pack import parse_pack

        base = self.path.parent if self.path is not None else None
        try:
            parse_pack(self.text().encode("utf-8"), base_dir=base)
        except PackError as exc:
            return exc.problems
        return []

    def save(self, path: Path | None = None, *, anyway: bool = False) -> Path:
        """Write atomically; a pack with problems only as an explicit draft (``anyway``)."""
        from ...export.atomic import ExportError, atomic_write_text

        target = path or self.path
        if target is None:
            raise EditError("choose where to save the pack first")
        problems = self.problems()
        if problems and not anyway:
            raise EditError(f"the pack has {len(problems)} problem(s); save anyway as a draft?")
        try:
            atomic_write_text(target, self.text())
        except ExportError as exc:
            raise EditError(str(exc)) from None
        self.path = target
        self.saved = copy.deepcopy(self.data)
        return target

    def save_as(self, path: Path, *, anyway: bool = False) -> Path:
        """A new pack: a new id (from the file name), the same content."""
        new_id = slug(path.stem if path.suffix else path.name, "pack")
        self.data["id"] = new_id if new_id not in ("pack",) else f"{self.data.get('id')}-copy"
        target = path / "pack.json" if path.suffix.lower() != ".json" else path
        target.parent.mkdir(parents=True, exist_ok=True)
        return self.save(target, anyway=anyway)

    def add_picture(self, actor_index: int, picture: Path) -> Change:
        """Copy a picture into the pack folder's ``images/`` and point the actor at it.

        A single-file pack becomes a folder pack first (``name/pack.json``).
        """
        import shutil

        if self.path is None:
            raise EditError("save the pack before adding pictures")
        if self.path.name != "pack.json":
            folder = self.path.with_suffix("")
            folder.mkdir(exist_ok=True)
            old = self.path
            self.save(folder / "pack.json", anyway=True)
            old.unlink(missing_ok=True)
        images = self.path.parent / "images"
        images.mkdir(exist_ok=True)
        name = f"{slug(picture.stem, 'picture')}{picture.suffix.lower()}"
        shutil.copyfile(picture, images / name)
        return self.set_field("actors", actor_index, "image", f"images/{name}")

    def location_of(self, problem: Problem) -> tuple[str | None, int, str]:
        """Where a problem stands: (list or None for the pack, index, field)."""
        match = re.match(r"^(\w+)\[(\d+)\](?:\.(\w+))?", problem.location)
        if match:
            return match.group(1), int(match.group(2)), match.group(3) or ""
        return None, -1, problem.location.split(".")[0]


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
