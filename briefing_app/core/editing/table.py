"""Reading a spreadsheet saved as CSV or TSV: Anki's header lines, the delimiter, the rows.

Anki's text files may start with ``#key:value`` lines (``#separator:tab``,
``#html:true``, ``#columns:...``, ``#guid column:1``, ``#tags column:4``...);
they are read as settings, never as data. The delimiter is the one that splits
the header row into the columns we know (``quote``, ``speaker``...), else the
one ``csv.Sniffer`` finds. Every row keeps the line it starts on, so a cell
with line breaks inside quotes still gives the right line in a message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

ANKI_KEYS = frozenset(
    {
        "separator",
        "html",
        "tags",
        "columns",
        "notetype",
        "deck",
        "guid column",
        "notetype column",
        "deck column",
        "tags column",
        "if matches",
    }
)
SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "colon": ":", "space": " "}
DELIMITERS = (",", "\t", ";", "|")


class TableError(Exception):
    """The file cannot be read as a table: where (a line) and why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class Table:
    """A header, the rows under it with the line each starts on, and Anki's settings."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    anki: dict[str, str] = field(default_factory=dict)

    @property
    def is_anki(self) -> bool:
        return bool(self.anki)

    def anki_column(self, key: str) -> int | None:
        """The 0-based column Anki's ``#<key> column:N`` names, if any."""
        value = self.anki.get(f"{key} column", "")
        return int(value) - 1 if value.isdigit() and int(value) > 0 else None


def read_table(text: str, known: Iterable[str] = ()) -> Table:
    """The table in ``text``; ``known`` are header labels that decide the delimiter."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    anki: dict[str, str] = {}
    body_start = 0
    for line in lines:
        key, colon, value = line[1:].partition(":")
        if not line.startswith("#") or not colon or key.strip().lower() not in ANKI_KEYS:
            break
        anki[key.strip().lower()] = value.strip()
        body_start += 1
    body = "".join(lines[body_start:])
    delimiter = _delimiter(body, anki, set(known))
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for row in reader:
            rows.append((body_start + last + 1, row))
            last = reader.line_num
    except csv.Error as exc:  # a cell over the csv module's limit
        limit = f"a cell is longer than {csv.field_size_limit():,} characters"
        reason = limit if "field limit" in str(exc) else str(exc)
        raise TableError(body_start + last + 1, reason) from None
    spans_lines = rows and body_start + reader.line_num > rows[-1][0]
    if spans_lines and body.count('"') % 2:  # the last row ran to the end of the file
        raise TableError(rows[-1][0], 'a cell opened with " is never closed')
    if "columns" in anki:
        names = anki["columns"].split("\t" if "\t" in anki["columns"] else delimiter)
        return Table([n.strip() for n in names], rows, anki)
    if not rows:
        return Table([], [], anki)
    return Table(rows[0][1], rows[1:], anki)


def _delimiter(body: str, anki: dict[str, str], known: set[str]) -> str:
    if "separator" in anki:
        name = anki["separator"].strip()
        return SEPARATORS.get(name.lower(), name[:1] or "\t")
    first = body.split("\n", 1)[0]
    best, found = "", 0
    for candidate in DELIMITERS:
        cells = next(csv.reader([first], delimiter=candidate), [])
        hits = sum(cell.strip().lower() in known for cell in cells)
        if hits > found:
            best, found = candidate, hits
    if best:
        return best
    try:
        return csv.Sniffer().sniff(body[:8192], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return "\t" if first.count("\t") > first.count(",") else ","
