"""``briefing-app new`` and ``briefing-app import``, in-process."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

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
