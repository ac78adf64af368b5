"""How the app scales: figures for packs of 1,000, 10,000 and 50,000 items (printed only).

For each size, every command runs as its own process, as a user runs it:

* ``quiz --text`` to its first question, against ``validate`` (goal at 50k: <= 2x);
* ``stats --json`` with 0, 20,000 and 200,000 reviews in the progress file
  (goal: 200k <= 1.5x empty);
* ``export --to tsv`` and ``--to pdf`` (the grid handout): time and peak RSS of the
  process (goal at 50k: the handout in <= 60 s, peak RSS <= 250 MiB);
* ``render``'s cost per image (drawing plus PNG encoding; goal <= 35 ms), at 1k.

``--code DIR`` runs another checkout's ``briefing_app`` (for before/after figures
in one sitting); the packs and databases are the same for both.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/scale.py [--sizes 1k,10k,50k] [--runs N]
[--pdf-sizes 1k,10k] (the 50k handout alone takes over a minute)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import build_pack  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "50k": 50_000}
REVIEWS = (0, 20_000, 200_000)

# Run with the code under test: a store of its own schema, filled straight through SQL.
FILL_PROGRESS = """
import random, sqlite3, sys
from datetime import UTC, datetime, timedelta
from briefing_app.core.progress import ProgressStore
db, pack_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(sys.argv[4], encoding="utf-8") as f:
    items = f.read().split()
with ProgressStore(db):
    pass
rng = random.Random(count)
now = datetime.now(UTC)
def at(days):
    moment = now - timedelta(seconds=rng.randrange(int(days * 86400)))
    return moment.isoformat(timespec="microseconds")
card = '{"due": "%s"}' % now.isoformat()
reviews = [
    (pack_id, rng.choice(items), rng.randint(1, 4), rng.choice(["study", "quiz"]), at(400), card)
    for _ in range(count)
]
conn = sqlite3.connect(db)
conn.executemany(
    "INSERT INTO reviews (pack_id, item_id, rating, source, reviewed_at, card_after)"
    " VALUES (?, ?, ?, ?, ?, ?)", reviews)
conn.executemany(
    "INSERT INTO answers (pack_id, item_id, kind, correct, answered_at) VALUES (?, ?, ?, ?, ?)",
    [(p, i, "who-said", rng.randint(0, 1), t) for p, i, _, s, t, _ in reviews if s == "quiz"])
seen = sorted({r[1] for r in reviews})
conn.executemany(
    "INSERT INTO cards (pack_id, item_id, card, due) VALUES (?, ?, ?, ?)",
    [(pack_id, i, card, (now + timedelta(days=rng.randint(-3, 30))).isoformat(
        timespec="microseconds")) for i in seen])
conn.commit()
"""

RENDER = """
import sys, time
from PySide6.QtCore import QSize
from briefing_app.commands.render import save_png
from briefing_app.core.loaded_pack import load_full
from briefing_app.paint.card_painter import render_card_image
from briefing_app.paint.headless import ensure_gui_application
from briefing_app.paint.theme import theme_named
from pathlib import Path
ensure_gui_application()
loaded = load_full(Path(sys.argv[1]))
out = Path(sys.argv[2])
theme = theme_named("light")
cards = loaded.cards[1:41]
draw = encode = 0.0
for card in cards:
    for face in ("front", "back"):
        start = time.perf_counter()
        image = render_card_image(card, face, QSize(1280, 720), theme, language="en")
        middle = time.perf_counter()
        assert save_png(image, out / f"{card.id}-{face}.png") is None
        draw += middle - start
        encode += time.perf_counter() - middle
n = 2 * len(cards)
size = sum(p.stat().st_size for p in out.glob("*.png")) / n
print(f"{(draw + encode) * 1000 / n:.1f} {draw * 1000 / n:.1f} {encode * 1000 / n:.1f} {size:.0f}")
"""


def env_for(code: Path, data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code) + os.pathsep + env.get("PYTHONPATH", "")
    env["BRIEFING_APP_DATA_DIR"] = str(data)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


TIME = Path("/usr/bin/time")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process, which must succeed.

    The peak comes from ``/usr/bin/time`` where there is one: Linux hands a child
    the high-water mark of the process that forked it, so ``getrusage`` of a child
    of this (large) benchmark process would report this process's peak instead.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [str(TIME), "-q", "-f", "%M", "-o", rss.name, *cmd] if TIME.exists() else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd[2:5])} failed ({proc.returncode}): {err[-600:]}")
        peak_kib = int(rss.read().split()[-1]) if TIME.exists() else usage.ru_maxrss
    return seconds, peak_kib / 1024


def median_seconds(cmd: list[str], env: dict[str, str], runs: int) -> float:
    return statistics.median(timed(cmd, env)[0] for _ in range(runs))


def first_question(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds until the terminal quiz prints its first option line."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if re.match(rb"\s*1\) ", line):
                return time.perf_counter() - start
        raise SystemExit("the quiz printed no question")
    finally:
        proc.kill()
        proc.wait()


def app(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing_app", *args]


def measure(
    size: str, pack: Path, code: Path, tmp: Path, runs: int, pdf: bool
) -> dict[str, object]:
    data = tmp / f"data-{size}"
    data.mkdir()
    env = env_for(code, data)
    out: dict[str, object] = {}
    app_pack = json.loads(pack.read_text(encoding="utf-8"))
    timed(app("validate", str(pack)), env)  # warm the file cache and bytecode
    out["validate"] = median_seconds(app("validate", str(pack)), env, runs)
    quiz = app("quiz", str(pack), "--text", "--questions", "50", "--seed", "1")
    out["quiz"] = statistics.median(first_question(quiz, env) for _ in range(runs))
    items = [i["id"] for k in ("actors", "quotes", "measures") for i in app_pack[k]]
    for count in REVIEWS:
        db = data / "progress.db"
        for leftover in data.glob("progress.db*"):
            leftover.unlink()
        ids = data / "item-ids.txt"
        ids.write_text("\n".join(items), encoding="utf-8")
        fill = [sys.executable, "-c", FILL_PROGRESS, str(db), app_pack["id"], str(count)]
        subprocess.run([*fill, str(ids)], env=env, check=True)
        out[f"stats {count}"] = median_seconds(app("stats", str(pack), "--json"), env, runs)
    out["pdf"] = (float("nan"), float("nan"))
    for fmt in ("tsv", "pdf") if pdf else ("tsv",):
        target = tmp / f"{size}.{fmt}"
        out[fmt] = timed(app("export", str(pack), "--to", fmt, "-o", str(target)), env)
    return out


def render_figures(pack: Path, code: Path, tmp: Path) -> str:
    folder = tmp / "render"
    folder.mkdir()
    env = env_for(code, tmp)
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(pack), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    total, draw, encode, size = done.stdout.split()
    return f"{total} ms an image ({draw} drawing, {encode} PNG encoding; {int(size):,} bytes)"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,50k")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to measure")
    parser.add_argument(
        "--pdf-sizes",
        default="1k,10k,50k",
        help="sizes whose PDF handout is made (the 50k one takes over a minute)",
    )
    args = parser.parse_args()
    sizes = [s for s in args.sizes.split(",") if s in SIZES]
    code = args.code.resolve()
    print(f"code: {code}; medians of {args.runs} runs; every command is its own process")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        packs = {}
        for size in sizes:
            packs[size] = tmp / f"pack-{size}.json"
            packs[size].write_text(json.dumps(build_pack(total=SIZES[size])), encoding="utf-8")
        header = f"{'items':>6} {'validate':>9} {'quiz 1st':>9} {'ratio':>6}"
        header += "".join(f" {f'stats {n // 1000}k':>10}" for n in REVIEWS)
        header += f" {'200k/0':>7} {'tsv s':>7} {'tsv MiB':>8} {'pdf s':>7} {'pdf MiB':>8}"
        print(header)
        for size in sizes:
            pdf = size in args.pdf_sizes.split(",")
            f = measure(size, packs[size], code, tmp, args.runs, pdf)
            validate, quiz = float(f["validate"]), float(f["quiz"])  # type: ignore[arg-type]
            stats = [float(f[f"stats {n}"]) for n in REVIEWS]  # type: ignore[arg-type]
            tsv, pdf = f["tsv"], f["pdf"]
            row = f"{size:>6} {validate:8.2f}s {quiz:8.2f}s {quiz / validate:5.2f}x"
            row += "".join(f" {s:9.2f}s" for s in stats)
            row += f" {stats[-1] / stats[0]:6.2f}x"
            row += f" {tsv[0]:6.2f}s {tsv[1]:7.0f}M {pdf[0]:6.1f}s {pdf[1]:7.0f}M"  # type: ignore[index]
            print(row, flush=True)
        first = packs[sizes[0]]
        print(f"render ({sizes[0]} pack, 1280x720, 80 images): {render_figures(first, code, tmp)}")
    print("goals: quiz <= 2x validate at 50k; stats 200k <= 1.5x empty;")
    print("       50k pdf <= 60 s and <= 250 MiB peak; render <= 35 ms an image")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
