"""``briefing-app new`` and ``briefing-app import``, in-process."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_runner import run_cli

from briefing_app.core.editing.importing import parse_date
from briefing_app.core.pack import load_pack

DATA = Path(__file__).parent / "data" / "quotations-500.csv"


@pytest.mark.parametrize("name", ["brief.json", "brief-folder"])
def test_new_writes_a_minimal_valid_pack(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    done = run_cli("new", "--title", "Harbour talks", "-o", target)
    assert done.returncode == 0, done.stderr
    pack = load_pack(target)
    assert pack.title == "Harbour talks" and pack.as_of == date.today().isoformat()
    assert (target / "pack.json").exists() if not name.endswith(".json") else target.is_file()
    again = run_cli("new", "--title", "x", "-o", target)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_import_reads_any_column_order_bom_and_excel_quoting(tmp_path: Path) -> None:
    table = tmp_path / "quotes.csv"
    table.write_text(
        "\ufeffDate;SPEAKER;Role;Text\n"
        '2025-11-07;Ann Lee;Mayor;"We said ""no"", and we meant it."\n'
        "7 November 2025;Bob Ray;;Fine.\n"
        "Nov 8, 2025;Ann Lee;Mayor;Again.\n",
        encoding="utf-8",
    )
    out = tmp_path / "pack.json"
    done = run_cli("import", table, "-o", out, "--title", "Imported")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {out} (3 quotes from 2 speakers)"
    pack = load_pack(out)
    assert [q.text for q in pack.quotes] == ['We said "no", and we meant it.', "Fine.", "Again."]
    assert [a.name for a in pack.actors] == ["Ann Lee", "Bob Ray"]  # the same name is one actor
    assert pack.actors[0].role == "Mayor"
    assert [q.date for q in pack.quotes] == ["2025-11-07", "2025-11-07", "2025-11-08"]


def test_bad_rows_are_named_and_nothing_is_written_unless_skip_bad(tmp_path: Path) -> None:
    rows = ["quote,speaker,date"] + [f"Line {i},Ann Lee,2025-01-0{1 + i % 9}" for i in range(12)]
    rows.append("Bad day,Bob Ray,31/02/2025")
    rows.append("Unsure,Bob Ray,03/04/2025")
    table = tmp_path / "quotes.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "pack.json"
    done = run_cli("import", table, "-o", out)
    assert done.returncode == 1 and not out.exists()
    lines = done.stderr.splitlines()
    assert lines[0] == "quotes.csv: line 14: column 'date': '31/02/2025' is not a date"
    assert lines[1].startswith("quotes.csv: line 15: column 'date': '03/04/2025' is ambiguous")
    done = run_cli("import", table, "-o", out, "--skip-bad")
    assert done.returncode == 0 and len(load_pack(out).quotes) == 12


def test_a_table_without_the_needed_columns_and_usage_errors(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("who,what\nAnn,Hi\n", encoding="utf-8")
    done = run_cli("import", table, "-o", tmp_path / "p.json")
    assert done.returncode == 1 and "no 'quote' and 'speaker' column" in done.stderr
    assert run_cli("import", table).returncode == 2
    assert run_cli("import", tmp_path / "missing.csv", "-o", tmp_path / "p.json").returncode == 1


def test_500_real_quotations_import_and_the_anki_tsv_imports_back(tmp_path: Path) -> None:
    out = tmp_path / "q.json"
    assert run_cli("import", DATA, "-o", out).returncode == 0
    first = load_pack(out)
    assert len(first.quotes) == 500
    tsv = tmp_path / "q.tsv"
    assert run_cli("export", out, "--to", "tsv", "-o", tsv).returncode == 0
    back = tmp_path / "back.json"
    assert run_cli("import", tsv, "-o", back).returncode == 0
    second = load_pack(back)

    def pairs(pack: object) -> list[tuple[str, str]]:
        names = {a.id: a.name for a in pack.actors}  # type: ignore[attr-defined]
        return [(" ".join(q.text.split()), names[q.actor]) for q in pack.quotes]  # type: ignore[attr-defined]

    assert pairs(second) == pairs(first)


def test_dates_in_every_common_form() -> None:
    assert parse_date("2025-11-07") == date(2025, 11, 7)
    assert parse_date("31/12/2025") == date(2025, 12, 31)  # only one reading is a date
    assert parse_date("12/31/2025") == date(2025, 12, 31)
    assert parse_date("7 Nov 2025") == date(2025, 11, 7)
    assert parse_date("November 7, 2025") == date(2025, 11, 7)
    assert "ambiguous" in str(parse_date("03/04/2025"))
    assert parse_date("soon") == "is not a date"
    assert json.dumps(str(parse_date("31/02/2025"))) == '"is not a date"'
    assert parse_date("2025/11/7") == date(2025, 11, 7)
    assert parse_date("7-Nov-2025") == date(2025, 11, 7)
    assert parse_date("Sept 3rd, 2025") == date(2025, 9, 3)
    assert parse_date("31.12.25", today=date(2026, 1, 1)) == date(2025, 12, 31)
    assert parse_date("31.12.99", today=date(2026, 1, 1)) == date(1999, 12, 31)
    assert parse_date("Mayday 3 2025") == "is not a date"
    assert parse_date("3 Ma 2025") == "is not a date"
    assert "ambiguous" in str(parse_date("3/4/25"))
    assert parse_date("20251107") == "is not a date"  # digits alone are not read as a date


def test_the_delimiter_is_the_one_that_splits_the_header(tmp_path: Path) -> None:
    table = tmp_path / "quotes.csv"
    table.write_text(
        "Speaker,Quote\n"
        'Ann Lee,"Yes; no; maybe; perhaps; later; never; again; and again"\n'
        'Bob Ray,"One; two; three; four; five"\n',
        encoding="utf-8",
    )
    out = tmp_path / "pack.json"
    assert run_cli("import", table, "-o", out).returncode == 0
    assert load_pack(out).quotes[0].text.startswith("Yes; no; maybe")


def test_lines_are_counted_where_a_row_starts_across_line_breaks(tmp_path: Path) -> None:
    table = tmp_path / "quotes.csv"
    table.write_text(
        'quote,speaker,date\n"First line\nsecond line\nthird line",Ann Lee,2025-01-02\n'
        "Short,Bob Ray,2025-13-01\n",
        encoding="utf-8",
    )
    done = run_cli("import", table, "-o", tmp_path / "pack.json")
    assert done.returncode == 1
    assert done.stderr == "quotes.csv: line 5: column 'date': '2025-13-01' is not a date\n"


def test_the_packs_own_rules_are_reported_on_the_row_and_column(tmp_path: Path) -> None:
    table = tmp_path / "quotes.csv"
    table.write_text(
        "quote,speaker,source,url\n"
        "Fine words,Ann Lee,The Daily,https://example.org/a\n"
        "More words,Bob Ray,The Weekly,www.example.org/b\n"
        f"{'x' * 2001},Cy Doe,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "pack.json"
    done = run_cli("import", table, "-o", out)
    assert done.returncode == 1 and not out.exists()
    lines = done.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("quotes.csv: line 3: column 'url': 'www.example.org/b' is not")
    assert lines[1].startswith("quotes.csv: line 4: column 'quote': ")
    done = run_cli("import", table, "-o", out, "--skip-bad")
    assert done.returncode == 0 and done.stdout.endswith("2 rows left out)\n")
    pack = load_pack(out)
    assert [q.text for q in pack.quotes] == ["Fine words"]
    assert [(s.title, s.url) for s in pack.sources] == [("The Daily", "https://example.org/a")]


def test_nothing_left_is_no_pack_and_an_existing_pack_needs_force(tmp_path: Path) -> None:
    table = tmp_path / "quotes.csv"
    table.write_text("quote,speaker\n,Ann Lee\n", encoding="utf-8")
    done = run_cli("import", table, "-o", tmp_path / "p.json", "--skip-bad")
    assert done.returncode == 1 and "no quotes to import" in done.stderr
    table.write_text("quote,speaker\nHello,Ann Lee\n", encoding="utf-8")
    folder = tmp_path / "brief"
    assert run_cli("import", table, "-o", folder).returncode == 0
    assert load_pack(folder).quotes[0].text == "Hello"
    done = run_cli("import", table, "-o", folder)
    assert done.returncode == 1 and "already exists" in done.stderr
    assert run_cli("import", table, "-o", folder, "--force").returncode == 0


def test_the_shipped_packs_tsv_imports_back_with_quotes_speakers_and_details(
    tmp_path: Path,
) -> None:
    from briefing_app.paths import bundled_briefs_dir

    shipped = load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025")
    tsv = tmp_path / "cards.tsv"
    assert run_cli("export", shipped.folder, "--to", "tsv", "-o", tsv).returncode == 0
    back = tmp_path / "back.json"
    done = run_cli("import", tsv, "-o", back)
    assert done.returncode == 0, done.stderr
    again = load_pack(back)
    assert again.title == shipped.title  # from the deck name

    def said(pack: Any) -> list[tuple[str, ...]]:
        who = {a.id: a for a in pack.actors}
        return [
            (q.text, who[q.actor].name, who[q.actor].role or "", q.context or "", q.date or "")
            for q in pack.quotes
        ]

    assert said(again) == said(shipped)
    kinds = {a.name: (a.kind, a.affiliation) for a in shipped.actors}
    assert all(kinds[a.name] == (a.kind, a.affiliation) for a in again.actors)


def test_pack_text_that_looks_like_html_comes_back_as_written(tmp_path: Path) -> None:
    pack = tmp_path / "odd.json"
    assert run_cli("new", "--title", "Odd <b>text</b> & more", "-o", pack).returncode == 0
    data = json.loads(pack.read_text(encoding="utf-8"))
    data["actors"] = [{"id": "ann", "name": "Ann <i>Lee</i> & Co", "kind": "person"}]
    texts = ['Use <br> & "quotes"', "Line one\nLine two", "#hash first; tab\tinside", "&amp; 1 < 2"]
    data["quotes"] = [{"id": f"q{i}", "actor": "ann", "text": t} for i, t in enumerate(texts)]
    pack.write_text(json.dumps(data), encoding="utf-8")
    tsv = tmp_path / "odd.tsv"
    assert run_cli("export", pack, "--to", "tsv", "-o", tsv).returncode == 0
    back = tmp_path / "back.json"
    assert run_cli("import", tsv, "-o", back).returncode == 0
    again = load_pack(back)
    expected = [t.replace("\t", " ") for t in texts]  # a TSV cell holds no tab
    assert [q.text for q in again.quotes] == expected
    assert [a.name for a in again.actors] == ["Ann <i>Lee</i> & Co"]


def test_anki_header_lines_are_settings_not_rows(tmp_path: Path) -> None:
    table = tmp_path / "hand.txt"
    table.write_text(
        "#separator:semicolon\n#html:false\n#deck:Hand made\n"
        "#columns:Guid;Front;Back;Tags\n#guid column:1\n#tags column:4\n"
        "g1;Be brief;Ann Lee / Mayor;quote\n"
        "g2;Ann Lee;Person;actor\n",
        encoding="utf-8",
    )
    out = tmp_path / "pack.json"
    done = run_cli("import", table, "-o", out)
    assert done.returncode == 0, done.stderr
    pack = load_pack(out)
    assert pack.title == "Hand made"
    assert [(q.text, pack.actors[0].name, pack.actors[0].role) for q in pack.quotes] == [
        ("Be brief", "Ann Lee", "Mayor")
    ]


def test_new_names_a_title_the_format_refuses_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "brief"
    done = run_cli("new", "--title", "T" * 201, "-o", target)
    assert done.returncode == 1 and not target.exists()
    assert done.stderr.startswith("--title: title: ") and "200" in done.stderr


def test_the_readme_example_imports_as_the_readme_says(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing a pack") :]
    example = section[
        section.index("```csv\n") + 7 : section.index("```", section.index("```csv") + 6)
    ]
    said = section[section.index("# Wrote ") + 2 : section.index("\n", section.index("# Wrote "))]
    (tmp_path / "quotes.csv").write_text(example, encoding="utf-8")
    done = run_cli(
        "import",
        tmp_path / "quotes.csv",
        "-o",
        tmp_path / "summit.json",
        "--title",
        "Summit quotes",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == said.replace("summit.json", str(tmp_path / "summit.json"))
    pack = load_pack(tmp_path / "summit.json")
    assert pack.sources[0].url == "https://example.org/summit" and len(pack.sources) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('quote,speaker\n"' + "x" * 200_000 + '",Ann\n', "line 2: a cell is longer than"),
        ('quote,speaker\nfine,Ann\n"never closed,Bob\nmore,Cy\n', 'line 3: a cell opened with "'),
        ("quote,speaker\nhello\x1b[31m,Ann\n", "line 2: column 'quote': control character U+001B"),
        ("quote,speaker\n", "no quotes to import"),
        ("", "line 1: no 'quote' and 'speaker' column"),
    ],
)
def test_broken_tables_get_one_line_saying_where(
    tmp_path: Path, content: str, message: str
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(content, encoding="utf-8")
    done = run_cli("import", table, "-o", tmp_path / "p.json")
    assert done.returncode == 1 and not (tmp_path / "p.json").exists()
    assert done.stderr.startswith(f"t.csv: {message}") and done.stderr.count("\n") == 1
