"""A card as Anki sees it: stable identity, HTML fields with every pack text escaped.

Shared by the ``.apkg`` and the TSV exports, so a card has the same GUID and the
same fields whichever way it reaches Anki. The GUID is derived from the pack id
and the item id only: rewording a title or renaming an actor changes the fields,
not the note, and Anki updates the note in place, keeping its review history.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

from ..core.cards import Card, Category, Face
from ..core.text_rules import make_visible

FIELDS = ("Front", "Back", "Category", "Context", "Source", "Date", "PackId", "ItemId")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_HAS_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_TAG_UNSAFE = re.compile(r"[^\w:.-]+")


def note_guid(pack_id: str, item_id: str) -> str:
    """A stable note id: the same pack and item give the same GUID in every export."""
    digest = hashlib.sha256(f"briefing-app\x1f{pack_id}\x1f{item_id}".encode()).hexdigest()
    return f"ba{digest[:20]}"


def text_html(text: str) -> str:
    """Pack text as HTML that shows it literally: escaped, line breaks as ``<br>``.

    Besides ``& < > "`` (a TSV field then never needs CSV quoting; "'" stays
    readable), ``[`` becomes ``&#91;``: Anki looks for ``[sound:...]``,
    ``[latex]`` and ``[$]`` in a field's HTML, and pack text must not play a file
    or typeset. Most texts are one line, so the line-break split is skipped then.
    """
    text = make_visible(text).replace("\t", " ")
    lines = _LINE_BREAKS.split(text) if _HAS_LINE_BREAK.search(text) else (text,)
    return "<br>".join(_escape_line(line) for line in lines)


def _escape_line(line: str) -> str:
    return html.escape(line, quote=False).replace('"', "&quot;").replace("[", "&#91;")


def deck_name(title: str) -> str:
    """A deck name from the title: one line, control characters shown, no ``::``.

    Anki reads ``::`` as a sub-deck, so a title holding it keeps one colon.
    """
    return " ".join(make_visible(title).replace("::", ":").split()) or "Briefing"


def face_html(face: Face, *, quote: bool = False) -> str:
    """A face: headline, subline, labelled details and lists, each in its own element."""
    head = text_html(face.headline)
    parts = [f'<div class="bc-kicker">{text_html(face.kicker)}</div>'] if face.kicker else []
    parts.append(f'<div class="bc-head{" bc-quote" if quote else ""}">{head}</div>')
    if face.subline:
        parts.append(f'<div class="bc-sub">{text_html(face.subline)}</div>')
    for detail in face.details:
        parts.append(
            f'<div class="bc-label">{text_html(detail.label)}</div>'
            f'<div class="bc-text">{text_html(detail.text)}</div>'
        )
    for listing in face.listings:
        items = "".join(f"<li>{text_html(entry)}</li>" for entry in listing.entries)
        parts.append(f'<div class="bc-label">{text_html(listing.label)}</div><ul>{items}</ul>')
    return "".join(parts)


def face_plain_html(face: Face) -> str:
    """A face for Anki's Basic note type (no stylesheet): bold labels and line breaks only."""
    parts = [f"<i>{text_html(face.kicker)}</i>"] if face.kicker else []
    parts.append(f"<b>{text_html(face.headline)}</b>")
    if face.subline:
        parts.append(text_html(face.subline))
    parts += [f"<b>{text_html(d.label)}:</b> {text_html(d.text)}" for d in face.details]
    for listing in face.listings:
        entries = "<br>".join(f"\u2022 {text_html(e)}" for e in listing.entries)
        parts.append(f"<b>{text_html(listing.label)}:</b><br>{entries}")
    return "<br>".join(parts)


def tag(text: str) -> str:
    """An Anki tag: no spaces (Anki splits tags on them)."""
    return _TAG_UNSAFE.sub("_", text).strip("_") or "untagged"


@dataclass(frozen=True)
class AnkiNote:
    """One card's note: its GUID, its fields in ``FIELDS`` order, and its tags."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    category: Category


def anki_note(pack_id: str, card: Card) -> AnkiNote:
    details = {d.label: d.text for d in card.back.details}
    fields = (
        face_html(card.front, quote=card.category is Category.QUOTE),
        face_html(card.back),
        html.escape(card.category.value),
        text_html(details.get("Context", "")),
        text_html(details.get("Source", "")),
        text_html(details.get("Date", "")),
        html.escape(pack_id),
        html.escape(card.id),
    )
    tags = (tag(card.category.value), tag(pack_id))
    return AnkiNote(note_guid(pack_id, card.id), fields, tags, card.category)
