"""How long ``briefing-app import`` takes on the 500 real quotations, and a one-field save.

Times, in-process: reading the CSV into a validated pack (``import_table``), the
whole command (read, import, check, write the file), and opening the written
pack in the editor's document, changing one field and saving it; then the
command as a fresh process (Python start-up and imports included). Also one
field edit of a 50,000-item pack (``benchmarks/load.py``'s) spliced into its text. Prints the
median and fastest of N runs. Figures only; nothing asserts a timing (the
issue asks for the import in under a second).

Run: ``.venv/bin/python benchmarks/import_table.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.load import build_pack
from briefing_app.cli import main
from briefing_app.core.editing import PackDocument
from briefing_app.core.editing.importing import import_table

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "quotations-500.csv"


def timed(label: str, run: Callable[[], object], repeat: int) -> None:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        runs.append(time.perf_counter() - start)
    median, best = statistics.median(runs) * 1000, min(runs) * 1000
    print(f"{label:<44} median {median:7.1f} ms   best {best:7.1f} ms")


def main_benchmark() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    repeat = parser.parse_args().repeat
    text = DATA.read_text(encoding="utf-8-sig")
    result = import_table(text, DATA.name, None)
    print(f"{DATA.name}: {result.rows} quotes, {len(result.pack['actors'])} speakers")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "quotes.json"

        def command() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert main(["import", str(DATA), "-o", str(out), "--force"]) == 0

        def edit_and_save() -> None:
            doc = PackDocument.open(out)
            doc.set_field("quotes", 250, "context", f"Edited at {time.perf_counter()}")
            doc.save()

        timed("import_table (CSV to validated pack)", lambda: import_table(text, "q", None), repeat)
        timed("briefing-app import (in-process, writes)", command, repeat)
        timed("open, change one field, validate, save", edit_and_save, repeat)
        big = Path(folder) / "big.json"
        big.write_text(json.dumps(build_pack(), indent=2, ensure_ascii=False), encoding="utf-8")
        doc = PackDocument.open(big)
        edits = [0]

        def big_edit() -> None:
            edits[0] += 1
            doc.set_field("quotes", 10_000, "context", f"Edit {edits[0]}")
            doc.text()

        timed("50,000-item pack: one edit, text to save", big_edit, max(3, repeat // 5))
        command_line = [sys.executable, "-m", "briefing_app", "import", str(DATA)]
        command_line += ["-o", str(out), "--force"]
        timed(
            "a fresh process: python -m briefing_app import",
            lambda: subprocess.run(command_line, check=True, capture_output=True),
            max(3, repeat // 5),
        )


if __name__ == "__main__":
    main_benchmark()
