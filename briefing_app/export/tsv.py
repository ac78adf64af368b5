"""Cards as a tab-separated file for Anki's File > Import (Anki 2.1.55 or later).

Columns: GUID, Front, Back, Tags. The ``#`` header lines are Anki's file
headers: ``#guid column:1`` makes Anki match notes on a GUID derived from the
pack and item ids (the same as in the ``.apkg``), so re-importing an edited pack
updates the same notes; ``#html:true`` lets the back keep its line breaks and
labels. Pack text is HTML-escaped (never interpreted as HTML), line breaks
become ``<br>``, tabs a space; a field that holds a double quote or starts with
``#`` is wrapped in double quotes with inner quotes doubled (the CSV rule Anki's
reader follows). Every card is exactly one line of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..core.cards import Card
from ..core.models import Pack
from ..core.text_rules import make_visible
from .anki_card import face_plain_html, note_guid, tag

SEPARATOR = " / "
COLUMNS = ("GUID", "Front", "Back", "Tags")
GUID_COLUMN = COLUMNS.index("GUID") + 1
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


def _header_value(text: str) -> str:
    """One line, control characters shown (a pack that skipped validation, say a draft)."""
    return make_visible(_SPACES.sub(" ", text).strip())


def tsv_header(pack: Pack) -> list[str]:
    return [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        # the .apkg's deck name (anki_card.deck_name): "::" would make a sub-deck
        f"#deck:{_header_value(pack.title).replace('::', ':')}",
        f"#tags:{tag(pack.id)}",
        "#columns:" + "\t".join(COLUMNS),
        f"#guid column:{GUID_COLUMN}",
        f"#tags column:{TAGS_COLUMN}",
    ]


def card_row(pack_id: str, card: Card) -> str:
    front, back = face_plain_html(card.front), face_plain_html(card.back)
    fields = [note_guid(pack_id, card.id), front, back, tag(card.category.value)]
    return "\t".join(quote_field(f.replace("\t", " ")) for f in fields)


def tsv_lines(pack: Pack, cards: Iterable[Card]) -> Iterator[str]:
    """The file line by line: Anki's headers, then one line per card."""
    for line in tsv_header(pack):
        yield line + "\n"
    for card in cards:
        yield card_row(pack.id, card) + "\n"


def cards_to_tsv(pack: Pack, cards: Iterable[Card]) -> str:
    """The whole file as one string (``tsv_lines`` streams it)."""
    return "".join(tsv_lines(pack, cards))
