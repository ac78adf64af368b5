"""A pack from a spreadsheet of quotes (CSV or TSV), or from our own Anki TSV export.

A header row names the columns, in any order and any case: ``quote`` (or
``text``), ``speaker`` (or ``actor``), and optionally ``role``, ``affiliation``,
``date``, ``context``, ``source``, ``url``. One quote per row; the same speaker
twice is one actor. Dates may be ISO or day-month-year / month-day-year; a date
that could be either (``03/04/2025``) is refused rather than guessed. Every bad
row is reported as ``FILE: line N: column 'C': what``.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import Problem
from .document import PackDocument, slug

ALIASES = {
    "quote": "quote",
    "text": "quote",
    "speaker": "speaker",
    "actor": "speaker",
    "role": "role",
    "affiliation": "affiliation",
    "date": "date",
    "context": "context",
    "source": "source",
    "url": "url",
}
_TAGS = re.compile(r"<[^>]+>")
_FIRST_BOLD = re.compile(r"<b>(.*?)</b>", re.S)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


@dataclass
class ImportResult:
    """The pack made, the rows it came from, and the problems of the rows left out."""

    pack: dict[str, Any]
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)


def parse_date(text: str) -> date | str:
    """A date, or the reason it is not one (``is not a date``, ``is ambiguous``)."""
    value = text.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if match:
        a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        options = {_try(year, b, a), _try(year, a, b)} - {None}
        if len(options) == 1:
            return options.pop()  # type: ignore[return-value]
        return (
            "is ambiguous (day-month or month-day?); write it as YYYY-MM-DD"
            if options
            else ("is not a date")
        )
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", value) or re.fullmatch(
        r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", value
    )
    if match:
        first, second, year = match.group(1), match.group(2), int(match.group(3))
        day, month = (first, second) if first.isdigit() else (second, first)
        found = _try(year, _MONTHS.get(month[:3].lower(), 0), int(day))
        if found is not None:
            return found
    return "is not a date"


def _try(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]], dict[str, str]]:
    """Header, rows with their line numbers, and Anki header settings (``#html:true``...)."""
    anki: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    body_start = 0
    for index, line in enumerate(lines):
        if line.startswith("#") and ":" in line:
            key, value = line[1:].split(":", 1)
            anki[key.strip().lower()] = value.strip()
            body_start = index + 1
        else:
            break
    body = "".join(lines[body_start:])
    if "separator" in anki:
        delimiter = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}.get(
            anki["separator"].lower(), "\t"
        )
    else:
        try:
            delimiter = csv.Sniffer().sniff(body[:4096], delimiters=",\t;|").delimiter
        except csv.Error:
            delimiter = "\t" if body.count("\t") > body.count(",") else ","
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append((body_start + reader.line_num, row))
    except csv.Error as exc:  # a cell over csv's field limit, a NUL byte...
        raise csv.Error(f"line {body_start + reader.line_num}: {exc}") from None
    if "columns" in anki:
        header = [
            c.strip() for c in anki["columns"].split("\t" if "\t" in anki["columns"] else delimiter)
        ]
        return header, rows, anki
    if not rows:
        return [], [], anki
    (_, header), rest = rows[0], rows[1:]
    return header, rest, anki


class _PackBuilder:
    """Collects actors, sources and quotes with unique slug ids, in one pass (no copies)."""

    def __init__(self, title: str) -> None:
        self.data = PackDocument.new(title).data
        self.taken: set[str] = {self.data["id"]}
        self.actors: dict[str, str] = {}
        self.sources: dict[str, str] = {}

    def _id(self, text: str, fallback: str) -> str:
        base = slug(" ".join(text.split()[:6]), fallback)
        candidate, n = base, 2
        while candidate in self.taken:
            candidate = f"{base[:76]}-{n}"
            n += 1
        self.taken.add(candidate)
        return candidate

    def actor(self, name: str, **fields: str) -> str:
        key = name.lower()
        if key not in self.actors:
            actor_id = self._id(name, "actor")
            entry: dict[str, Any] = {"id": actor_id, "name": name, "kind": "person"}
            entry.update({k: v for k, v in fields.items() if v})
            self.data["actors"].append(entry)
            self.actors[key] = actor_id
        return self.actors[key]

    def source(self, title: str, url: str) -> str:
        key = url or title
        if key not in self.sources:
            entry: dict[str, Any] = {"id": self._id(title or url, "source"), "title": title or url}
            if url:
                entry["url"] = url
            self.data.setdefault("sources", []).append(entry)
            self.sources[key] = entry["id"]
        return self.sources[key]

    def quote(self, actor_id: str, text: str, **fields: str) -> None:
        entry: dict[str, Any] = {"id": self._id(text, "quote"), "actor": actor_id, "text": text}
        entry.update({k: v for k, v in fields.items() if v})
        self.data["quotes"].append(entry)


def import_table(
    text: str, name: str, title: str | None, *, skip_bad: bool = False
) -> ImportResult:
    """Build a pack from a table; ``problems`` lists each bad row (all rows are checked)."""
    try:
        header, rows, anki = read_rows(text)
    except csv.Error as exc:
        return ImportResult({}, 0, [Problem(name, f"the table cannot be read: {exc}")])
    if "columns" in anki and "Front" in header and "Back" in header:
        return _import_anki(header, rows, anki, name, title)
    columns = _columns(header)
    missing = [k for k in ("quote", "speaker") if k not in columns]
    if missing:
        wanted = " and ".join(f"'{m}'" for m in missing)
        return ImportResult({}, 0, [Problem(name, f"line 1: no {wanted} column in the header")])
    pack = _PackBuilder(title or _title_of(name))
    problems: list[Problem] = []
    count = 0
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = {k: (row[i].strip() if i < len(row) else "") for k, i in columns.items()}
        row_problems = _row_problems(cells, name, line)
        if row_problems:
            problems += row_problems
            continue
        count += 1
        _add_row(pack, cells)
    if problems and not skip_bad:
        return ImportResult({}, count, problems)
    return ImportResult(pack.data, count, problems)


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, label in enumerate(header):
        key = ALIASES.get(label.strip().lower().lstrip("\ufeff"))
        if key and key not in columns:
            columns[key] = index
    return columns


def _add_row(pack: _PackBuilder, cells: dict[str, str]) -> None:
    speaker = " ".join(cells["speaker"].split())
    actor_id = pack.actor(
        speaker, role=cells.get("role", ""), affiliation=cells.get("affiliation", "")
    )
    day = parse_date(cells["date"]) if cells.get("date") else None
    source_id = ""
    if cells.get("url") or cells.get("source"):
        source_id = pack.source(cells.get("source", ""), cells.get("url", ""))
    pack.quote(
        actor_id,
        cells["quote"],
        date=day.isoformat() if isinstance(day, date) else "",
        context=cells.get("context", ""),
        source=source_id,
    )


def _row_problems(cells: dict[str, str], name: str, line: int) -> list[Problem]:
    out = []
    for key in ("quote", "speaker"):
        if not cells.get(key):
            out.append(Problem(name, f"line {line}: column '{key}': is empty"))
    if cells.get("date"):
        parsed = parse_date(cells["date"])
        if isinstance(parsed, str):
            out.append(Problem(name, f"line {line}: column 'date': {cells['date']!r} {parsed}"))
    return out


def _import_anki(
    header: list[str],
    rows: list[tuple[int, list[str]]],
    anki: dict[str, str],
    name: str,
    title: str | None,
) -> ImportResult:
    """Our own TSV export back into a pack: the quote cards' fronts and their speakers."""
    as_html = anki.get("html", "false").lower() == "true"
    front_at, back_at = header.index("Front"), header.index("Back")
    tags_at = int(anki["tags column"]) - 1 if "tags column" in anki else None
    pack = _PackBuilder(title or anki.get("deck") or _title_of(name))
    count = 0
    for _line, row in rows:
        if len(row) <= max(front_at, back_at):
            continue
        tags = row[tags_at].split() if tags_at is not None and tags_at < len(row) else []
        if "quote" not in tags:
            continue
        front, back = row[front_at], row[back_at]
        bold = _FIRST_BOLD.search(front) if as_html else None
        text = _plain(bold.group(1) if bold else front)
        first = _FIRST_BOLD.search(back) if as_html else None
        speaker = _plain(first.group(1)) if first else _plain(back.split(" / ")[0])
        if not text or not speaker:
            continue
        pack.quote(pack.actor(speaker), text)
        count += 1
    return ImportResult(pack.data, count, [])


def _plain(value: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", value.replace("<br>", "\n"))).split())


def _title_of(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split()).capitalize() or "Imported"


__all__ = ["ImportResult", "import_table", "parse_date", "slug"]
