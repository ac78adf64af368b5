"""What an edit did, kept so an undo stack can apply and revert it exactly.

An operation changes a few top-level keys of the pack (``"quotes"``, or every
list for a rename); its ``Change`` holds their values before and after, so
``apply`` and ``revert`` are plain assignments (no replaying of logic, no
drift). A Qt ``QUndoCommand`` wraps one ``Change``: ``redo`` is ``apply``,
``undo`` is ``revert``; ``inverse`` gives the opposite change as a value.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

Address = tuple[str | None, int]
"""Where an edit happened: (list name, index), or (None, -1) for the pack's own fields."""

ChangeKind = Literal["set", "add", "delete", "rename", "move", "picture"]


class EditError(Exception):
    """An edit that cannot be made; the message says why, in one line."""


@dataclass
class StillReferenced(EditError):
    """Deleting an actor (or source) that other items still use.

    ``dependants`` are their addresses, ``dependant_ids`` their ids, in pack
    order; ``delete_item(..., cascade=True)`` deletes the quotes and measures
    among them and takes the id off the others' lists.
    """

    item_id: str
    dependants: list[tuple[str, int]]
    dependant_ids: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        shown = ", ".join(self.dependant_ids[:5])
        more = f" and {len(self.dependant_ids) - 5} more" if len(self.dependant_ids) > 5 else ""
        names = f" ({shown}{more})" if shown else ""
        return f"{self.item_id!r} is still used by {len(self.dependants)} item(s){names}"


class Editable(Protocol):
    """What a change is applied to (``PackDocument``)."""

    def replace_values(self, keys: tuple[str, ...], values: dict[str, Any]) -> None: ...


@dataclass
class Change:
    """One edit: the top-level values before and after, and what it was, for the undo menu.

    ``text`` is the undo menu's words (``Edit title``); ``focus`` is the item to
    show after the edit (None when it no longer exists, as after a delete);
    ``kind``, ``field`` and ``removed`` say what happened: the field set, the
    ids a delete removed (its cascade included).
    """

    text: str
    keys: tuple[str, ...]
    before: dict[str, Any]
    after: dict[str, Any]
    focus: Address | None = None
    kind: ChangeKind = "set"
    field: str | None = None
    removed: tuple[str, ...] = ()

    def apply(self, doc: Editable) -> None:
        doc.replace_values(self.keys, copy.deepcopy(self.after))

    def revert(self, doc: Editable) -> None:
        doc.replace_values(self.keys, copy.deepcopy(self.before))

    def inverse(self) -> Change:
        """The change that undoes this one (applying it is ``revert``)."""
        return replace(self, before=self.after, after=self.before, text=f"Undo {self.text.lower()}")
