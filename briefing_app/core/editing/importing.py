"""A pack from a spreadsheet of quotes (CSV or TSV), or from our own Anki TSV export.

A header row names the columns, in any order and any case: ``quote`` (or
``text``), ``speaker`` (or ``actor``), and optionally ``role``, ``affiliation``,
``date``, ``context``, ``source``, ``url``. One quote per row; the same speaker
twice is one actor. Dates may be ISO or day-month-year / month-day-year; a date
that could be either (``03/04/2025``) is refused rather than guessed. The pack
made is checked with the core's own rules, and every problem is reported on
the row and column it came from: ``FILE: line N: column 'C': what``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import PackError, Problem
from .anki_tsv import anki_rows
from .dates import parse_date
from .document import PackDocument, slug
from .locating import locate
from .table import TableError, read_table

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
COLUMN_OF = {  # a field of the pack made -> the column it came from
    ("quotes", "text"): "quote",
    ("quotes", "date"): "date",
    ("quotes", "context"): "context",
    ("actors", "name"): "speaker",
    ("actors", "role"): "role",
    ("actors", "affiliation"): "affiliation",
    ("sources", "title"): "source",
    ("sources", "url"): "url",
}
Row = tuple[int, dict[str, str]]

__all__ = ["ImportResult", "import_table", "parse_date", "slug"]


@dataclass
class ImportResult:
    """The pack made (empty when nothing may be written), its quote count, the problems.

    With ``skip_bad`` the problems are those of the rows left out (``left_out``).
    """

    pack: dict[str, Any]
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    left_out: int = 0  # rows left out with ``skip_bad``


def import_table(
    text: str, name: str, title: str | None, *, skip_bad: bool = False
) -> ImportResult:
    """Build a pack from a table; every bad row is reported (all rows are checked)."""
    try:
        table = read_table(text, ALIASES)
    except TableError as exc:
        return _failed(name, str(exc))
    actors: dict[str, dict[str, str]] = {}
    anki = anki_rows(table) if table.is_anki else None
    if anki is not None:
        rows, actors = anki.quotes, anki.actors
        title = title or table.anki.get("deck")
        if not rows:
            return _failed(name, "no quote cards in this Anki file (tagged 'quote')")
    else:
        columns = _columns(table.header)
        missing = [k for k in ("quote", "speaker") if k not in columns]
        if missing:
            wanted = " and ".join(f"'{m}'" for m in missing)
            return _failed(
                name,
                f"line {table.rows[0][0] - 1 if table.rows else 1}: "
                f"no {wanted} column in the header",
            )
        rows = [
            (line, {k: (row[i].strip() if i < len(row) else "") for k, i in columns.items()})
            for line, row in table.rows
            if any(cell.strip() for cell in row)
        ]
    problems: list[Problem] = []
    good: list[Row] = []
    left_out: set[int] = set()
    for row in rows:
        row_problems = _row_problems(row, name)
        problems += row_problems
        if row_problems:
            left_out.add(row[0])
        else:
            good.append(row)
    built = _Built(title or _title_of(name), good, actors)
    refused = built.problems(name, problems)
    for _ in range(3):  # shapes are checked before references and links: check again
        if not refused or -1 in refused:
            break
        left_out |= refused
        built = _Built(built.title, [r for r in good if r[0] not in left_out], actors)
        refused = built.problems(name, problems)
    problems.sort(key=_line_of)
    if refused or (problems and not skip_bad):
        return ImportResult({}, 0, problems)
    if not built.quote_lines:
        return ImportResult({}, 0, [*problems, Problem(name, "no quotes to import")])
    return ImportResult(built.data, len(built.quote_lines), problems, len(left_out))


def _failed(name: str, message: str) -> ImportResult:
    return ImportResult({}, 0, [Problem(name, message)])


def _line_of(problem: Problem) -> int:
    words = problem.message.split(":", 1)[0].split()
    return int(words[1]) if len(words) == 2 and words[1].isdigit() else 0


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, label in enumerate(header):
        key = ALIASES.get(label.strip().lower())
        if key and key not in columns:
            columns[key] = index
    return columns


def _row_problems(row: Row, name: str) -> list[Problem]:
    line, cells = row
    out = []
    for key in ("quote", "speaker"):
        if not cells.get(key):
            out.append(Problem(name, f"line {line}: column '{key}': is empty"))
    if cells.get("date"):
        parsed = parse_date(cells["date"])
        if isinstance(parsed, str):
            out.append(Problem(name, f"line {line}: column 'date': {cells['date']!r} {parsed}"))
    return out


class _Built:
    """A pack made from good rows, remembering which rows each item came from."""

    def __init__(self, title: str, rows: Iterable[Row], actors: dict[str, dict[str, str]]) -> None:
        self.title = title
        self.data = PackDocument.new(title).data
        self.taken: set[str] = {self.data["id"]}
        self.actor_ids: dict[str, int] = {}  # name (any case) -> index in actors
        self.source_ids: dict[str, int] = {}
        self.quote_lines: list[int] = []
        self.actor_lines: list[list[int]] = []
        self.source_lines: list[list[int]] = []
        self.known = {k.lower(): v for k, v in actors.items()}
        for row in rows:
            self._add(row)

    def _id(self, text: str, fallback: str) -> str:
        base = slug(" ".join(text.split()[:6]), fallback)
        candidate, n = base, 2
        while candidate in self.taken:
            candidate = f"{base[:76]}-{n}"
            n += 1
        self.taken.add(candidate)
        return candidate

    def _actor(self, line: int, cells: dict[str, str]) -> str:
        name = " ".join(cells["speaker"].split())
        index = self.actor_ids.get(name.lower())
        if index is None:
            index = self.actor_ids[name.lower()] = len(self.actor_lines)
            more = self.known.get(name.lower(), {})
            entry: dict[str, Any] = {"id": self._id(name, "actor"), "name": name}
            entry["kind"] = more.get("kind") or "person"
            for key in ("role", "affiliation", "summary"):
                if value := cells.get(key) or more.get(key):
                    entry[key] = value
            self.data["actors"].append(entry)
            self.actor_lines.append([])
        self.actor_lines[index].append(line)
        return str(self.data["actors"][index]["id"])

    def _source(self, line: int, title: str, url: str) -> str:
        key = url or title
        index = self.source_ids.get(key)
        if index is None:
            index = self.source_ids[key] = len(self.source_lines)
            entry: dict[str, Any] = {"id": self._id(title or url, "source"), "title": title or url}
            if url:
                entry["url"] = url
            self.data.setdefault("sources", []).append(entry)
            self.source_lines.append([])
        self.source_lines[index].append(line)
        return str(self.data["sources"][index]["id"])

    def _add(self, row: Row) -> None:
        line, cells = row
        entry: dict[str, Any] = {
            "id": "",
            "actor": self._actor(line, cells),
            "text": cells["quote"],
        }
        entry["id"] = self._id(cells["quote"], "quote")
        day = parse_date(cells["date"]) if cells.get("date") else None
        if isinstance(day, date):
            entry["date"] = day.isoformat()
        if cells.get("context"):
            entry["context"] = cells["context"]
        if cells.get("url") or cells.get("source"):
            entry["source"] = self._source(line, cells.get("source", ""), cells.get("url", ""))
        self.data["quotes"].append(entry)
        self.quote_lines.append(line)

    def problems(self, name: str, out: list[Problem]) -> set[int]:
        """Check the pack with the core's rules; add each problem on its row; the bad lines."""
        from ..pack import parse_pack

        try:
            parse_pack(json.dumps(self.data, ensure_ascii=False).encode("utf-8"))
        except PackError as exc:
            lines: set[int] = set()
            for problem in exc.problems:
                found = self._place(problem)
                if not found:
                    out.append(Problem(name, str(problem)))
                    lines.add(-1)  # nothing to leave out can fix it
                    continue
                column = COLUMN_OF.get(found[0])
                where = f"column '{column}': " if column else ""
                out.append(Problem(name, f"line {found[1][0]}: {where}{problem.message}"))
                lines.update(found[1])
            return lines
        return set()

    def _place(self, problem: Problem) -> tuple[tuple[str, str], list[int]] | None:
        spot = locate(problem)
        rows = {"quotes": [[n] for n in self.quote_lines], "actors": self.actor_lines}
        rows["sources"] = self.source_lines
        found = rows.get(spot.list_name or "")
        if found is None or not 0 <= spot.index < len(found):
            return None
        return (spot.list_name or "", spot.field), found[spot.index]


def _title_of(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split()).capitalize() or "Imported"
