"""Our own Anki TSV (``export --to tsv``) read back: its quote and actor cards as rows.

The export writes one card per line: a GUID, the front, the back and a tag
naming the card's category (``#guid column:1``, ``#tags column:4``). With
``#html:true`` a face is ``<b>headline</b><br>subline`` then labelled details
``<b>Context:</b> text``, every pack text HTML-escaped with ``<br>`` for its
line breaks; a quote's back starts with the quote in ``<i>``. Reading undoes
exactly that: the headline, subline and labelled texts come back as plain text,
line breaks kept. An older export without HTML wrote `` / `` between parts.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .table import Table

_BLOCK = re.compile(r"<br>(?=<[bi]>)")
_BOLD = re.compile(r"^<b>(.*?)</b>(?:<br>)?", re.S)
_ITALIC = re.compile(r"^<i>.*?</i>", re.S)
_TAG = re.compile(r"<[^>]*>")
KINDS = ("person", "institution", "state")


@dataclass
class Face:
    """One side of a card as plain text: headline, subline and labelled details."""

    headline: str = ""
    subline: str = ""
    details: dict[str, str] = field(default_factory=dict)


def plain(fragment: str) -> str:
    """HTML we wrote back to the pack's text: ``<br>`` a line break, entities decoded."""
    return "\n".join(html.unescape(_TAG.sub("", part)) for part in fragment.split("<br>")).strip()


def read_face(value: str, as_html: bool) -> Face:
    """The parts of a face; without HTML, `` / `` separates the headline from the rest."""
    if not as_html:
        head, _, rest = value.partition(" / ")
        return Face(head.strip(), rest.split(" / ")[0].strip())
    blocks = _BLOCK.split(value)
    if blocks and _ITALIC.match(blocks[0]) and _ITALIC.sub("", blocks[0]) == "":
        blocks = blocks[1:]  # a quote's back opens with the quote itself
    face = Face()
    for n, block in enumerate(blocks):
        bold = _BOLD.match(block)
        if bold is None:
            continue
        rest = block[bold.end() :]
        if n == 0:
            face.headline, face.subline = plain(bold.group(1)), plain(rest)
        elif bold.group(1).endswith(":"):
            face.details[plain(bold.group(1)[:-1])] = plain(rest)
    return face


@dataclass
class AnkiRows:
    """Rows for the table importer: ``quote``, ``speaker``... and actors' own fields."""

    quotes: list[tuple[int, dict[str, str]]]
    actors: dict[str, dict[str, str]]  # name -> role, kind, affiliation, summary


def anki_rows(table: Table) -> AnkiRows | None:
    """The quotes and actors in our TSV export, or None when ``table`` is not one."""
    header = [h.strip().lower() for h in table.header]
    if "front" not in header or "back" not in header:
        return None
    front_at, back_at = header.index("front"), header.index("back")
    tags_at = table.anki_column("tags")
    if tags_at is None and "tags" in header:
        tags_at = header.index("tags")
    as_html = table.anki.get("html", "false").strip().lower() == "true"
    out = AnkiRows([], {})
    for line, row in table.rows:
        if len(row) <= max(front_at, back_at):
            continue
        tags = row[tags_at].split() if tags_at is not None and tags_at < len(row) else []
        front, back = read_face(row[front_at], as_html), read_face(row[back_at], as_html)
        if "actor" in tags and front.headline:
            kind = back.subline.lower()
            out.actors.setdefault(
                front.headline,
                {
                    "role": front.subline,
                    "kind": kind if kind in KINDS else "",
                    "affiliation": back.details.get("Affiliation", ""),
                    "summary": back.details.get("Summary", ""),
                },
            )
        elif "quote" in tags and front.headline and back.headline:
            cells = {
                "quote": front.headline,
                "speaker": back.headline,
                "role": back.subline,
                "context": back.details.get("Context", ""),
                "date": back.details.get("Date", ""),
                "source": back.details.get("Source", ""),
            }
            out.quotes.append((line, cells))
    return out
