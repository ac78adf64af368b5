"""``briefing-app stats PATH [--json] [--check]``: the statistics view, for the terminal
and scripts; ``--check`` also runs SQLite's whole-file check of the progress file
(opening skips it: it reads every page)."""

from __future__ import annotations

import argparse
import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from ..core.pack_stats import HISTORY_DAYS, Accuracy, PackStats
from ..core.progress import DB_NAME, ProgressStore, TalliesAhead, data_dir
from ..core.quick_pack import guess_pack_id
from ..terminal import error_line, write_line
from .pack_input import add_pack_option, load_or_report

logger = logging.getLogger(__name__)
BARS = "▁▂▃▄▅▆▇█"  # an empty day is the lowest block, so the line never has holes
HELP = "progress and what is due, per pack"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH")
    add_pack_option(parser)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--check",
        action="store_true",
        help="check the whole progress file for damage first (a damaged one is moved aside)",
    )


def run(args: argparse.Namespace) -> int:
    return run_stats(args.path, as_json=args.json, pack_id=args.pack, check=args.check)


def run_stats(
    path: str,
    as_json: bool = False,
    now: datetime | None = None,
    pack_id: str | None = None,
    check: bool = False,
) -> int:
    """Print one pack's progress; 1 for a bad pack, never a traceback.

    Unless checking, the store's rows are read ahead on a thread while the pack
    loads (``TalliesAhead``); the store is opened only once the pack proves good.
    """
    moment = now or datetime.now().astimezone()
    ahead = None if check else _read_ahead(Path(path), moment)
    pack = load_or_report(path, pack_id=pack_id)
    if ahead is not None:
        ahead.wait()  # before the store opens the file (or a bad pack returns)
    if pack is None:
        return 1
    try:
        with ProgressStore.open_default() as store:
            sound = store.check() if check else False
            # 30 days shown, not the year
            stats = store.stats(pack, moment, year=False, ahead=ahead)
            if store.recovery_message:  # found on opening, by the check or by a read
                error_line(store.recovery_message)
            if sound:
                error_line(f"{store.path}: checked, no damage found")
    except Exception as exc:  # a damaged or locked store: say so in one line
        logger.exception("progress could not be read")
        error_line(f"{path}: progress could not be read: {exc}")
        return 1
    if as_json:
        write_line(indented_json(stats.to_dict()))
    else:
        write_line("\n".join(format_text(stats)))
    return 0


def _read_ahead(path: Path, now: datetime) -> TalliesAhead | None:
    """Start reading the progress of the pack file ``path`` seems to be (not a folder)."""
    if path.is_dir():
        return None
    guess = guess_pack_id(path)
    return TalliesAhead.start(data_dir() / DB_NAME, guess, now, HISTORY_DAYS)


def indented_json(data: Any) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, byte for byte, made in C.

    With an indent the json module encodes in Python, node by node (a big pack's
    thousands of actors); the C encoder's compact text is only re-spaced here.
    """
    return msgspec.json.format(json.dumps(data, ensure_ascii=False), indent=2)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def _accuracy_line(label: str, a: Accuracy, width: int) -> str:
    if not a.total:
        return f"  {label:<{width}}  {'–':>4}  (not yet)"
    return f"  {label:<{width}}  {_percent(a.rate):>4}  ({a.right}/{a.total})"


def sparkline(values: list[int]) -> str:
    """Reviews per day as block characters, so the trend shows at a glance."""
    top = max(values, default=0)
    if top == 0:
        return BARS[0] * len(values)
    steps = len(BARS) - 1
    return "".join(BARS[max(1, round(v / top * steps))] if v else BARS[0] for v in values)


def format_text(stats: PackStats) -> list[str]:
    """The plain-text report, one line per fact."""
    correct = ""
    if stats.answered:
        correct = f", {stats.correct} correct ({_percent(stats.correct / stats.answered)})"
    lines = [
        f"{stats.title} ({stats.pack_id})",
        f"Cards seen:    {stats.cards_seen} of {stats.total_cards} ({stats.new_cards} new)",
        f"Quiz answers:  {stats.answered}{correct}",
        f"Card reviews:  {stats.reviews}",
        f"Quiz accuracy: {_percent(stats.accuracy)}",
        f"Recall rate:   {_percent(stats.recall_rate)} (your own ratings: not Again)",
        f"Due now:       {stats.due_now} ({stats.due_reviews_now} to review, "
        f"{stats.due_now - stats.due_reviews_now} new); {stats.due_today} reviews due today",
        "Next 7 days:   " + ", ".join(f"{d.day:%a} {d.total}" for d in stats.due_forecast[1:]),
    ]
    lines.append("By category:")
    width = max(len(a.label) + 1 for a in stats.by_category)
    lines += [_accuracy_line(a.label + "s", a, width) for a in stats.by_category]
    if stats.by_actor:
        lines.append("By actor:")
        width = max(len(a.label) for a in stats.by_actor)
        lines += [_accuracy_line(a.label, a, width) for a in stats.by_actor]
    per_day = [d.total for d in stats.per_day]
    first, last = stats.per_day[0].day, stats.per_day[-1].day
    lines.append(
        f"Reviews per day, {first:%b %d} – {last:%b %d}: {sparkline(per_day)} "
        f"({sum(per_day)} in all)"
    )
    return lines
