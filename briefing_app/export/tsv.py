"""Cards as a tab-separated file for Anki's File > Import (Anki 2.1.55 or later).

Columns: Front, Back, Tags (the card's category). The ``#`` header lines are
Anki's file headers; the deck is preset only if a deck of that name exists.

With ``#html:false`` Anki escapes ``<``, ``>`` and ``&`` itself, so HTML in a
pack shows literally, and a field cannot hold a line break. So each field is
flattened to one line:

* a line break (``\\n``, ``\\r\\n``, ``\\r`` or any other Unicode line end)
  becomes `` / ``, the same separator that joins the parts of a card face;
* a tab becomes one space;
* a field that holds a double quote or starts with ``#`` (which Anki would
  read as a comment line) is wrapped in double quotes with inner quotes
  doubled, the CSV rule Anki's reader follows.

Every card is therefore exactly one line of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.cards import Card, Face
from ..core.models import Pack

SEPARATOR = " / "
COLUMNS = ("Front", "Back", "Tags")
TAGS_COLUMN = COLUMNS.index("Tags") + 1
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")


def flatten(text: str) -> str:
    """One line: line breaks become `` / ``, tabs a space."""
    parts = [p.strip().replace("\t", " ") for p in _LINE_BREAKS.split(text)]
    return SEPARATOR.join(p for p in parts if p)


def quote_field(text: str) -> str:
    """CSV-quote a field only when Anki would misread it otherwise."""
    if '"' in text or text.startswith("#"):
        return '"' + text.replace('"', '""') + '"'
    return text


def face_text(face: Face) -> str:
    """A card face as one line: headline, subline, ``Label: text`` details, lists."""
    parts = [face.headline, face.subline]
    parts += [f"{d.label}: {d.text}" for d in face.details]
    parts += [f"{lst.label}: {'; '.join(lst.entries)}" for lst in face.listings]
    return SEPARATOR.join(flatten(p) for p in parts if p.strip())


def _header_value(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def tsv_header(pack: Pack) -> list[str]:
    return [
        "#separator:tab",
        "#html:false",
        "#notetype:Basic",
        f"#deck:{_header_value(pack.title)}",
        f"#tags:{pack.id}",
        "#columns:" + "\t".join(COLUMNS),
        f"#tags column:{TAGS_COLUMN}",
    ]


def card_row(card: Card) -> str:
    fields = [face_text(card.front), face_text(card.back), card.category.value]
    return "\t".join(quote_field(f) for f in fields)


def cards_to_tsv(pack: Pack, cards: Iterable[Card]) -> str:
    """The whole file: Anki's headers, then one line per card."""
    lines = tsv_header(pack) + [card_row(c) for c in cards]
    return "\n".join(lines) + "\n"
