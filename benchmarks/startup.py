"""Start-up and next-card figures for the study window (printed, never asserted).

1. Alternates ``briefing-app --measure-startup`` (the whole process, timed from
   outside) with a bare PySide6 window that quits on its first paint, and prints
   the median ratio, on the bundled briefs and on a 50,000-item pack (the one
   ``load.py`` builds). Goals (issue 16): at most 1.5x and 1.8x.
2. Alternates ``briefing-app --measure-loaded`` on the 50,000-item pack, the same on
   the bundled briefs, and the bare window. The first is the app's own figure from
   process start to the checked pack's filter counts on the chips (the window's
   ``pack_opened``, after validation and card building on the worker thread), as a
   ratio to the bare window's first paint (goal: at most 3x); the resident memory
   (VmRSS) at that moment, the 50,000-item pack's above the bundled briefs', per card
   (goal: at most 1.2 KB a card).
3. Times showing the next card (deck step plus a synchronous repaint) on a
   50,000-item pack and on a small one. Goal: under 3 ms, independent of size.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import os, sys, time
def process_start_ms():
    with open("/proc/self/stat", encoding="ascii") as f:
        start = int(f.read().rsplit(")", 1)[1].split()[19])
    return (time.clock_gettime(time.CLOCK_BOOTTIME) - start / os.sysconf("SC_CLK_TCK")) * 1000
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    painted = False
    def paintEvent(self, event):
        if not self.painted:
            self.painted = True
            print(round(process_start_ms()), flush=True)
            QTimer.singleShot(0, QApplication.quit)
app = QApplication(sys.argv[:1])
w = W()
w.resize(1280, 800)
w.show()
sys.exit(app.exec())
"""


NO_BYTECODE = False


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Measure as users run it: with cached bytecode. Some shells set this, which makes
    # every run recompile the app's modules (tens of ms) while PySide6's stay compiled.
    if NO_BYTECODE:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed ({done.returncode}): {done.stderr[-800:]}")
    return elapsed, done.stdout.strip()


def startup(runs: int, path: str | None, goal: float) -> None:
    app_cmd = [sys.executable, "-m", "briefing_app", "--measure-startup"]
    if path:
        app_cmd.append(path)
    bare_cmd = [sys.executable, "-c", BARE]
    _timed(app_cmd)  # warm the file cache once
    _timed(bare_cmd)
    apps, bares, ratios, reported, bare_reported = [], [], [], [], []
    for _ in range(runs):
        a, out = _timed(app_cmd)
        b, bare_out = _timed(bare_cmd)
        apps.append(a)
        bares.append(b)
        ratios.append(a / b)
        reported.append(float(out.splitlines()[-1]) if out else float("nan"))
        bare_reported.append(float(bare_out.splitlines()[-1]) if bare_out else float("nan"))
    print(f"start-up, {path or 'bundled briefs'}, {runs} alternating runs (wall clock):")
    print(
        f"  app  --measure-startup : median {statistics.median(apps):7.1f} ms"
        f"  (app's own first-paint figure: median {statistics.median(reported):.0f} ms)"
    )
    print(
        f"  bare PySide6 window    : median {statistics.median(bares):7.1f} ms"
        f"  (its first paint: median {statistics.median(bare_reported):.0f} ms)"
    )
    print(f"  median ratio app/bare  : {statistics.median(ratios):.2f}x  (goal <= {goal}x)")


def _loaded_figures(out: str) -> tuple[float, float, int, int]:
    """``--measure-loaded``'s line: first paint ms, counts ms, RSS KiB, cards."""
    paint, counts, kib, cards = out.splitlines()[-1].split()
    return float(paint), float(counts), int(kib), int(cards)


def loaded(runs: int, big: str, goal: float = 3.0, kb_goal: float = 1.2) -> None:
    base = [sys.executable, "-m", "briefing_app", "--measure-loaded"]
    big_cmd, small_cmd, bare_cmd = [*base, big], base, [sys.executable, "-c", BARE]
    with tempfile.TemporaryDirectory() as data:
        # The progress store the features open: a scratch one, never the user's.
        os.environ["BRIEFING_APP_DATA_DIR"] = data
        try:
            _timed(big_cmd)  # warm the file cache once
            big_runs, small_runs, bares = [], [], []
            for _ in range(runs):
                big_runs.append(_loaded_figures(_timed(big_cmd)[1]))
                bares.append(float(_timed(bare_cmd)[1].splitlines()[-1]))
                small_runs.append(_loaded_figures(_timed(small_cmd)[1]))
        finally:
            del os.environ["BRIEFING_APP_DATA_DIR"]
    ratios = [b[1] / bare for b, bare in zip(big_runs, bares, strict=True)]
    med = statistics.median
    cards_big, cards_small = big_runs[0][3], small_runs[0][3]
    rss_big, rss_small = med(b[2] for b in big_runs), med(s[2] for s in small_runs)
    per_card = (rss_big - rss_small) * 1024 / 1000 / (cards_big - cards_small)
    print(f"filter counts ready and memory, {runs} alternating runs (app's own figures):")
    print(
        f"  {big}: first paint median {med(b[0] for b in big_runs):.0f} ms,"
        f" filter counts median {med(b[1] for b in big_runs):.0f} ms ({cards_big:,} cards)"
    )
    print(f"  bare PySide6 window first paint: median {med(bares):.0f} ms")
    print(f"  median ratio counts/bare : {med(ratios):.2f}x  (goal <= {goal}x)")
    print(
        f"  bundled briefs: filter counts median {med(s[1] for s in small_runs):.0f} ms"
        f" ({cards_small:,} cards)"
    )
    print(
        f"  RSS then: {rss_big / 1024:.1f} MiB vs {rss_small / 1024:.1f} MiB bundled ="
        f" {per_card:.2f} KB a card above  (goal <= {kb_goal} KB)"
    )


def make_pack(folder: Path, items: int) -> Path:
    """A valid pack with about ``items`` items, spread over the four categories."""
    actors_n = max(2, items // 25)
    rest = items - actors_n - 1
    quotes_n = rest * 4 // 10
    measures_n = rest * 3 // 10
    implications_n = rest - quotes_n - measures_n
    actors = [
        {
            "id": f"a{i}",
            "name": f"Actor number {i}",
            "role": "Spokesperson",
            "summary": "Speaks for the ministry on matters of regional security.",
        }
        for i in range(actors_n)
    ]
    quotes = [
        {
            "id": f"q{i}",
            "actor": f"a{i % actors_n}",
            "text": f"Statement {i}: we will defend our interests with every means we have.",
            "context": "At a press conference in the capital.",
            "source": "s",
        }
        for i in range(quotes_n)
    ]
    measures = [
        {
            "id": f"m{i}",
            "actor": f"a{i % actors_n}",
            "title": f"Measure {i}: tariffs",
            "category": "economic",
            "detail": "Raised duties on imports.",
        }
        for i in range(measures_n)
    ]
    implications = [
        {
            "id": f"i{i}",
            "title": f"Implication {i}: tension may rise",
            "detail": "Markets react; allies recalibrate.",
            "actors": [f"a{i % actors_n}"],
        }
        for i in range(implications_n)
    ]
    pack = {
        "format": "briefing-pack",
        "version": 1,
        "id": f"bench-{items}",
        "title": f"Benchmark pack with {items:,} items",
        "as_of": "2025-11-20",
        "sources": [{"id": "s", "title": "Benchmark source"}],
        "actors": actors,
        "quotes": quotes,
        "measures": measures,
        "implications": implications,
    }
    path = folder / f"bench-{items}.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    return path


def next_card(samples: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from briefing_app.ui.settings import Settings, SettingsStore
    from briefing_app.ui.study.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = SettingsStore(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        for items in (50_000, 60):
            path = make_pack(Path(tmp), items)
            window = MainWindow(Settings(), store)
            window.resize(1280, 800)
            t0 = time.perf_counter()
            ok = window.open_path(path)
            load_ms = (time.perf_counter() - t0) * 1000
            assert ok, "benchmark pack did not load"
            window.show()
            app.processEvents()
            # Step from five evenly spaced places, so both packs are sampled across all
            # four kinds of card (an actor's front, with its portrait, costs the most).
            times = []
            total = len(window.deck)
            for part in range(5):
                window.deck.go_to(total * part // 5)
                window.show_current()
                window.card_view.repaint()
                for _ in range(samples // 5):
                    start = time.perf_counter()
                    if not window.deck.next():
                        window.deck.first()
                    window.show_current()
                    window.card_view.repaint()
                    times.append((time.perf_counter() - start) * 1000)
            print(
                f"next card, {len(window.deck.cards):>6,} cards (open took {load_ms:,.0f} ms):"
                f" median {statistics.median(times):.2f} ms, p90 "
                f"{sorted(times)[int(len(times) * 0.9)]:.2f} ms  (goal < 3 ms)"
            )
            window.close()
            window.deleteLater()
            app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--path", default=None, help="pack to open (default: bundled briefs)")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-next", action="store_true")
    parser.add_argument("--skip-loaded", action="store_true")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="start-up without cached bytecode (PYTHONDONTWRITEBYTECODE=1)",
    )
    args = parser.parse_args()
    global NO_BYTECODE
    NO_BYTECODE = args.no_bytecode
    if args.path:
        if not args.skip_startup:
            startup(args.runs, args.path, 1.8)
        if not args.skip_loaded:
            loaded(args.runs, args.path)
    elif not (args.skip_startup and args.skip_loaded):
        if not args.skip_startup:
            startup(args.runs, None, 1.5)
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from load import build_pack

        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "pack-50k.json"
            big.write_text(json.dumps(build_pack()), encoding="utf-8")
            if not args.skip_startup:
                startup(args.runs, str(big), 1.8)
            if not args.skip_loaded:
                loaded(args.runs, str(big))
    if not args.skip_next:
        next_card(args.samples)


if __name__ == "__main__":
    main()
