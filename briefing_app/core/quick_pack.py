"""A first look at a pack with the stdlib only: its title card and library line.

The window paints the title card from this before pydantic is even imported
(pydantic costs about as much to import as Qt); full validation follows right
after the first paint and replaces what is shown here if the pack is invalid.
Nothing here trusts the data: any missing or mistyped field just shows less.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

from .cards import STUDY_CATEGORIES, Card, Category, Detail, Face, Listing
from .limits import MAX_FILE_BYTES, read_capped, too_large

COUNT_KEYS = ("actors", "quotes", "measures", "implications")
HEAD_FIELDS = ("id", "title", "subtitle", "summary", "as_of", "sources")  # the title card's
logger = logging.getLogger(__name__)
# Below this a full json.loads is quicker than importing msgspec before the first paint.
HEAD_MIN_BYTES = 512 * 1024
ID_GUESS_BYTES = 64 * 1024  # the top-level keys before "id" must fit in these
_SPACE = re.compile(r"[ \t\n\r]*")


@dataclass
class PackSummary:
    """One line of the library: what the pack is, and whether it is usable."""

    path: Path
    title: str
    as_of: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    problem: str | None = None
    validated: bool = False

    @property
    def card_total(self) -> int:
        return sum(self.counts.values())

    def counts_text(self) -> str:
        parts = [f"{self.counts.get(k, 0):,} {k}" for k in COUNT_KEYS]
        return ", ".join(parts)

    def category_counts(self) -> dict[Category, int]:
        """Cards per study category (the lists' lengths), in the contract's order."""
        return {
            category: self.counts.get(key, 0)
            for category, key in zip(STUDY_CATEGORIES, COUNT_KEYS, strict=True)
        }


def pack_file(path: Path) -> Path:
    return path / "pack.json" if path.is_dir() else path


def read_raw(path: Path) -> dict[str, Any]:
    """The pack's JSON object; raises ``ValueError`` with a short reason otherwise."""
    return _parse_raw(_read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, unless it is over the format's size limit (then not one is read)."""
    try:
        return read_capped(pack_file(path))
    except OSError as exc:
        raise ValueError(f"cannot read the file: {exc.strerror or exc}") from None


def _parse_raw(data: bytes) -> dict[str, Any]:
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"invalid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise ValueError("the file does not hold a briefing pack object")
    return raw


@cache
def _head_decoder() -> Any:
    """A decoder of the fields a first look uses (msgspec is imported on first use)."""
    import msgspec

    # Items are decoded as empty structs (their fields skipped): only lengths count.
    # Untracked by the collector (they hold nothing): 50,000 of them decode ~10% faster.
    skipped = list[msgspec.defstruct("Skipped", [], gc=False)] | msgspec.UnsetType  # type: ignore[misc,valid-type]
    head = msgspec.defstruct(
        "Head",
        [(name, Any, msgspec.UNSET) for name in HEAD_FIELDS]
        + [(name, skipped, msgspec.UNSET) for name in COUNT_KEYS],
    )
    return msgspec.json.Decoder(head)


def prepare_first_look(path: Path) -> None:
    """Import the decoder a first look at ``path`` takes, if it takes one (a big file).

    The window calls this before importing Qt, whose import hook would read the
    source of every module msgspec imports (``ui.import_scan`` now stops that too).
    """
    try:
        big = pack_file(path).stat().st_size >= HEAD_MIN_BYTES
    except OSError:
        return
    if big:
        _head_decoder()


def read_head(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """``read_raw``'s answer for the fields a first look uses, without building the items.

    On a 50,000-item pack this is a fraction of a full ``json.loads``, which the
    window would otherwise pay before its first paint. Anything this decoder
    does not take as it is (a byte order mark aside: NaN, items that are not
    objects, bad UTF-8) goes to ``read_raw``, so the result and its errors are
    the same as a full read's; the item lists hold placeholders of the right length.
    ``data`` is the file's bytes when they were read already (``core.prefetch``).
    """
    if data is None:
        data = _read_bytes(path)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(too_large(len(data)))
    if len(data) < HEAD_MIN_BYTES:
        return _parse_raw(data)
    import msgspec

    try:
        if not data.isascii():
            data.decode("utf-8")  # msgspec does not look inside the text it skips
        head = _head_decoder().decode(data.removeprefix(b"\xef\xbb\xbf"))
    except (UnicodeDecodeError, msgspec.DecodeError) as exc:
        logger.debug("first look at %s takes the full read: %s", path, exc)
        return _parse_raw(data)
    return {
        name: value
        for name in head.__struct_fields__
        if (value := getattr(head, name)) is not msgspec.UNSET
    }


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    return value.strip() if isinstance(value, str) else ""


def quick_summary(path: Path) -> PackSummary:
    """A library line from the raw JSON (not yet validated)."""
    try:
        raw = read_head(path)
    except ValueError as exc:
        return PackSummary(path, path.stem if path.is_file() else path.name, problem=str(exc))
    return summary_from_raw(path, raw)


def summary_from_raw(path: Path, raw: dict[str, Any]) -> PackSummary:
    counts = {k: len(v) for k in COUNT_KEYS if isinstance(v := raw.get(k), list)}
    title = _text(raw, "title") or (path.stem if path.is_file() else path.name)
    return PackSummary(path, title, _text(raw, "as_of"), counts)


def quick_title_card(raw: dict[str, Any]) -> Card:
    """The pack's title card, built as ``core.cards.title_card`` builds it."""
    pack_id = _text(raw, "id") or "pack"
    title = _text(raw, "title") or "Untitled pack"
    subtitle = _text(raw, "subtitle")
    summary = _text(raw, "summary")
    as_of = _text(raw, "as_of")
    sources: list[str] = []
    raw_sources = raw.get("sources")
    for s in raw_sources if isinstance(raw_sources, list) else []:
        if isinstance(s, dict) and isinstance(s.get("title"), str):
            publisher = s.get("publisher")
            extra = f" \u2014 {publisher.strip()}" if isinstance(publisher, str) else ""
            sources.append(s["title"].strip() + extra)
    front_details = (Detail("As of", as_of),) if as_of else ()
    back_details = tuple(
        Detail(label, text) for label, text in (("Summary", summary), ("As of", as_of)) if text
    )
    return Card(
        id=f"{pack_id}-title",
        category=Category.TITLE,
        front=Face(title, subtitle, front_details),
        back=Face(
            title,
            subtitle,
            back_details,
            (Listing("Sources", tuple(sources)),) if sources else (),
        ),
    )


def guess_pack_id(path: Path, limit: int = ID_GUESS_BYTES) -> str | None:
    """The top-level ``"id"`` of the JSON object in the file's first ``limit`` bytes,
    found by scanning its keys in order (the values before it skipped whole, nested
    ids included); None if the file is not such an object or its id is further on.

    Only a guess: the first ``"id"`` key is taken where a parser may take the last,
    and nothing else is checked. Whoever uses it compares it with the loaded pack's.
    """
    try:
        with path.open("rb") as f:
            head = f.read(limit)
    except OSError:
        return None
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    scan = cast(Any, json.JSONDecoder()).scan_once  # the C scanner; typeshed omits it
    at = _SPACE.match(text).end()  # type: ignore[union-attr]
    if not text.startswith("{", at):
        return None
    at += 1
    try:
        while True:
            at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
            if not text.startswith('"', at):
                return None
            key, at = scan(text, at)
            at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
            if not text.startswith(":", at):
                return None
            at = _SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
            value, at = scan(text, at)
            if key == "id":
                return value if isinstance(value, str) else None
            at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
            if not text.startswith(",", at):
                return None
            at += 1
    except (ValueError, StopIteration, RecursionError):  # cut off, not JSON, too deep
        return None
