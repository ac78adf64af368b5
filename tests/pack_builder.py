"""Build briefing packs for tests: the envelope once, each test's own content on top.

A test states only what its assertions depend on; ``pack()`` supplies the rest of a
valid format-version-1 pack (see docs/pack-format.md)::

    from pack_builder import actor, pack, quote, write_pack

    data = pack(
        id="cli-demo",
        actors=[actor("ann", "Ann Example", role="Minister")],
        quotes=[quote("q1", "ann", "We object.", date="2025-11-10")],
    )
    path = write_pack(tmp_path, data)  # tmp_path / "pack.json"

* Every builder returns a plain ``dict``: change it afterwards as you like (to damage
  it, say). Nothing checks it until the app's loader does, so a test may build an
  invalid pack on purpose with the same functions.
* Keyword arguments land as keys unchanged; keys that are not Python names go
  through ``**{"x-note": ...}``.
* ``pack()`` writes the top-level keys in the order of the contract's table
  (``format``, ``version``, ``id``, ``title``, ``subtitle`` ... ``sources``,
  ``actors``, ``quotes``, ``measures``, ``implications``, ``events``, ``notes``),
  then any other key in the order given. Optional keys, ``sources`` included, are
  left out unless given.
* ``write_pack`` and ``encode`` serialise like ``json.dumps`` by default (one line,
  non-ASCII escaped); pass ``indent`` or ``ensure_ascii=False`` for other bytes.

Deliberately broken JSON (truncated, duplicate keys, wrong encodings) is not built
here: write those bytes out by hand in the test that needs them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from briefing_app.core.models import FORMAT_NAME, SUPPORTED_VERSION, Pack
from briefing_app.core.pack import parse_pack

Item = dict[str, Any]

#: The top-level keys of a pack, in the order docs/pack-format.md lists them.
TOP_LEVEL_ORDER = (
    "format",
    "version",
    "id",
    "title",
    "subtitle",
    "summary",
    "as_of",
    "language",
    "tags",
    "sources",
    "actors",
    "quotes",
    "measures",
    "implications",
    "events",
    "notes",
)

DEFAULT_ID = "test-pack"
DEFAULT_TITLE = "Test pack"


def pack(**fields: Any) -> dict[str, Any]:
    """A valid minimal pack, with ``fields`` set on top (any of them may be replaced).

    Without arguments: ``format``, ``version``, ``id`` (``"test-pack"``), ``title``
    (``"Test pack"``) and the four required lists, empty. Lists given are copied, so
    the pack never shares an item with the caller.
    """
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": SUPPORTED_VERSION,
        "id": DEFAULT_ID,
        "title": DEFAULT_TITLE,
        "actors": [],
        "quotes": [],
        "measures": [],
        "implications": [],
    }
    data.update(copy.deepcopy(fields))
    known = {key: data.pop(key) for key in TOP_LEVEL_ORDER if key in data}
    return {**known, **data}


def source(id: str, title: str, **extra: Any) -> Item:
    """A source: ``publisher``, ``url``, ``date``, ``note`` may go in ``extra``."""
    return {"id": id, "title": title, **extra}


def actor(id: str, name: str, **extra: Any) -> Item:
    """An actor: ``kind``, ``role``, ``affiliation``, ``summary``, ``aliases``, ``image``..."""
    return {"id": id, "name": name, **extra}


def quote(id: str, actor: str, text: str, **extra: Any) -> Item:
    """A quote by the actor whose id is ``actor``: ``context``, ``date``, ``source``..."""
    return {"id": id, "actor": actor, "text": text, **extra}


def measure(id: str, actor: str, title: str, **extra: Any) -> Item:
    """A measure taken by ``actor``: ``category``, ``detail``, ``date``, ``source``..."""
    return {"id": id, "actor": actor, "title": title, **extra}


def implication(id: str, title: str, **extra: Any) -> Item:
    """An implication: ``detail``, ``actors`` (a list of actor ids), ``source``..."""
    return {"id": id, "title": title, **extra}


def event(id: str, date: str, title: str, **extra: Any) -> Item:
    """A dated event: ``detail``, ``actors``, ``source``..."""
    return {"id": id, "date": date, "title": title, **extra}


def encode(
    data: Mapping[str, Any], *, indent: int | None = None, ensure_ascii: bool = True
) -> bytes:
    """``data`` as the UTF-8 bytes of a pack file (``json.dumps`` with these options)."""
    return json.dumps(data, indent=indent, ensure_ascii=ensure_ascii).encode("utf-8")


def write_pack(
    folder: Path,
    data: Mapping[str, Any],
    name: str = "pack.json",
    *,
    indent: int | None = None,
    ensure_ascii: bool = True,
) -> Path:
    """Write ``data`` to ``folder / name`` (making the folders) and return that path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(encode(data, indent=indent, ensure_ascii=ensure_ascii))
    return path


def parse(data: Mapping[str, Any], base_dir: Path | None = None) -> Pack:
    """Load ``data`` with the app's own loader, as if read from a file in ``base_dir``."""
    return parse_pack(encode(data), base_dir)
