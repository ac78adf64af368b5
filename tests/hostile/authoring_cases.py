"""Hostile input for the commands that write packs: ``draft`` (an article) and ``import`` (a table).

What they write must pass ``validate``: a drafted or imported pack never holds
what a hand-written one may not. Cases marked ``todo`` are known bugs in those
commands (owned elsewhere); they are expected to fail until fixed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from cli_runner import run_cli
from kit import Case, Outcome, write

ARTICLE = (
    "Minister Ann Lee said: \u201cWe will not back down.\u201d\n\n"
    'Bob Ray, the city\'s finance director, said "This is a grave mistake."\n'
)
TABLE = 'quote,speaker\n"We will not back down.",Ann Lee\n"This is a grave mistake.",Bob Ray\n'


def _draft(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        article = write(d, name, data)
        return ["draft", str(article), "-o", str(d / "draft.json")]

    return make


def _import(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        table = write(d, name, data)
        return ["import", str(table), "-o", str(d / "imported.json")]

    return make


def _linked_to_dev_zero(command: str, name: str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        (d / name).symlink_to("/dev/zero")
        return [command, str(d / name), "-o", str(d / "out.json")]

    return make


def _a_folder(command: str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        (d / "input.txt").mkdir()
        return [command, str(d / "input.txt"), "-o", str(d / "out.json")]

    return make


def _big_article(d: Path) -> list[str]:
    path = d / "big.txt"
    with path.open("w", encoding="utf-8") as f:
        for _ in range(25 * 1024):
            f.write(ARTICLE * 8 + "x" * (1024 - 8 * len(ARTICLE.encode()) % 1024) + "\n")
    return ["draft", str(path), "-o", str(d / "draft.json")]


def _many_rows(d: Path) -> list[str]:
    path = d / "many.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        rows = csv.writer(f)
        rows.writerow(["quote", "speaker"])
        rows.writerows([f"Quote {i}", f"Speaker {i % 7}"] for i in range(50_001))
    return ["import", str(path), "-o", str(d / "imported.json")]


def _output_validates(name: str) -> Callable[[Path, Outcome], None]:
    def check(d: Path, out: Outcome) -> None:
        done = run_cli("validate", d / name)
        assert done.returncode == 0, done.stdout + done.stderr

    return check


def _nothing_written(name: str) -> Callable[[Path, Outcome], None]:
    def check(d: Path, out: Outcome) -> None:
        assert not (d / name).exists(), f"{name} was written"

    return check


def authoring_cases() -> list[Case]:
    escapes = "Ann Lee said: \u201cWe will \x1b[2J not back down.\u201d\n\x1b]0;pwned\x07\n"
    return [
        Case("draft: invalid UTF-8", _draft("a.txt", b"caf\xe9 \xff said"), "error"),
        Case("draft: UTF-16", _draft("a.txt", ARTICLE.encode("utf-16")), "error"),
        Case("draft: an empty article", _draft("a.txt", b""), "error"),
        Case("draft: a folder", _a_folder("draft"), "error"),
        Case(
            "draft: /dev/zero linked as the article", _linked_to_dev_zero("draft", "a.txt"), "error"
        ),
        Case("draft: a 25 MiB article", _big_article, "error"),
        Case(
            "draft: escape sequences in the article",
            _draft("a.txt", escapes),
            "ok",
            check=_output_validates("draft.json"),
        ),
        Case(
            "draft: NUL bytes in the article",
            _draft("a.txt", ARTICLE.replace("not back", "not\x00back")),
            "ok",
            check=_output_validates("draft.json"),
        ),
        Case(
            "draft: a plain article (the control case)",
            _draft("a.txt", ARTICLE),
            "ok",
            check=_output_validates("draft.json"),
        ),
        Case("import: invalid UTF-8", _import("t.csv", b"quote,speaker\n\xe9,Ann\n"), "error"),
        Case("import: UTF-16", _import("t.csv", TABLE.encode("utf-16")), "error"),
        Case("import: an empty file", _import("t.csv", b""), "error"),
        Case("import: a folder", _a_folder("import"), "error"),
        Case(
            "import: escape sequences in the cells",
            _import("t.csv", 'quote,speaker\n"We \x1b[2J will",Ann \x1b]0;x\x07Lee\n"No.",Bob\n'),
            "error",
            check=_nothing_written("imported.json"),
        ),
        Case("import: 50,001 rows", _many_rows, "error", check=_nothing_written("imported.json")),
        Case(
            "import: a 300,000-character cell",
            _import("t.csv", 'quote,speaker\n"' + "a" * 300_000 + '",Ann\n"b",Bob\n'),
            "error",
        ),
        Case(
            "import: a plain table (the control case)",
            _import("t.csv", TABLE),
            "ok",
            check=_output_validates("imported.json"),
        ),
    ]
