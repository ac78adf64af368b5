"""A long handout drawn by several processes at once, then joined into one file.

Qt's painter holds Python's interpreter lock through every call, so threads
cannot share the drawing; processes can. The pages are cut into runs of about
equal text (the pack's own order: actors, quotes, measures, implications differ
in length), this process draws the first run and helpers
(``python -m briefing_app.export.pdf_parts``) the others, each into its own file
in a temporary folder beside the target; ``pdf_merge`` then joins them into the
target. Helpers read the pack's file and refuse it if its bytes changed; a
helper that fails has its run drawn here instead; a merge that fails means the
whole handout is drawn here, in one process, as for a short one.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import ExportCancelled, ExportError
from .pdf_merge import PdfMergeError, merge_parts
from .pdf_parts import digest

if TYPE_CHECKING:
    from ..core.cards import Card
    from ..core.models import Pack
    from .pdf import Cancelled, Layout, Progress

logger = logging.getLogger(__name__)

PARALLEL_MIN_PAGES = 300  # below this, starting helpers costs more than it saves
MAX_PROCESSES = 4
CARD_COST = 300  # a card's drawing beyond its text, in characters' worth


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def write_in_parallel(
    pack: Pack,
    cards: list[Card],
    target: Path,
    layout: Layout,
    progress: Progress | None,
    cancelled: Cancelled | None,
    shown: str | Path | None = None,
) -> int | None:
    """The page count once written to ``target``, or None: draw it in one process.
    Errors name ``shown`` (the file the user asked for), not the parts."""
    from ..core.pack import file_stamp

    source = pack.__dict__.get("_path")
    pages = _page_count(len(cards), layout)
    processes = min(MAX_PROCESSES, cores())
    if os.name != "posix" or processes < 2 or pages < PARALLEL_MIN_PAGES:
        return None  # (helpers' progress is read from pipes that must not block)
    if not isinstance(source, Path) or pack.__dict__.get("_stamp") != file_stamp(source):
        return None  # not from a file, or the file changed since: draw what is shown
    try:
        key = digest(source.read_bytes())  # the helpers refuse a file that changes now
    except OSError:
        return None
    runs = split_runs(page_costs(cards, layout), processes)
    folder = Path(tempfile.mkdtemp(prefix=".briefing-pdf-", dir=target.parent))
    try:
        return _draw_runs(
            pack, cards, source, key, layout, runs, folder, target, progress, cancelled, shown
        )
    except PdfMergeError as exc:
        logger.warning("joining the handout's parts failed (%s); drawing it in one go", exc)
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _page_count(cards: int, layout: Layout) -> int:
    from .pdf_cards import CARDS_PER_PAGE

    return 1 + (math.ceil(cards / CARDS_PER_PAGE) if layout == "grid" else cards)


def page_costs(cards: Sequence[Card], layout: Layout) -> list[int]:
    """What each page costs to draw, about: the cover, then the cards' text."""
    from .pdf_cards import CARDS_PER_PAGE

    per_page = CARDS_PER_PAGE if layout == "grid" else 1
    costs = [CARD_COST * per_page]  # the cover
    for start in range(0, len(cards), per_page):
        run = cards[start : start + per_page]
        costs.append(sum(CARD_COST + _text_length(card) for card in run))
    return costs


def _text_length(card: Card) -> int:
    return sum(map(len, card.front.texts())) + sum(map(len, card.back.texts()))


def split_runs(costs: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """``parts`` runs of pages (start, stop) covering ``costs`` in order, each about an
    equal share of the total (none empty)."""
    total = sum(costs)
    bounds = [0]
    spent = 0
    for index, cost in enumerate(costs):
        spent += cost
        if len(bounds) < parts and spent >= total * len(bounds) / parts:
            bounds.append(index + 1)
    bounds.append(len(costs))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _draw_runs(
    pack: Pack,
    cards: list[Card],
    source: Path,
    key: str,
    layout: Layout,
    runs: list[tuple[int, int]],
    folder: Path,
    target: Path,
    progress: Progress | None,
    cancelled: Cancelled | None,
    shown: str | Path | None,
) -> int:
    from .pdf import draw_page_range

    name = shown or target

    total = runs[-1][1]
    parts = [folder / f"part-{i}.pdf" for i in range(len(runs))]
    helpers = [
        _start(source, key, layout, run, part, folder)
        for run, part in zip(runs[1:], parts[1:], strict=True)
    ]
    counted = _Counter(helpers)
    try:

        def own(done: int, _total: int) -> None:
            if progress is not None:
                progress(done + counted.read(), total)

        start, stop = runs[0]
        draw_page_range(pack, parts[0], layout, start, stop, own, cancelled, cards, name)
        mine = stop - start
        for index, helper in enumerate(helpers, 1):
            code = _wait(helper, cancelled, lambda: own(mine, total))
            if code != 0:
                said = _last_line(folder / f"{parts[index].stem}.log")
                logger.warning("a handout helper failed (%s: %s); drawing here", code, said)
                draw_page_range(
                    pack, parts[index], layout, *runs[index], None, cancelled, cards, name
                )
        with target.open("wb") as out:
            pages = merge_parts(parts, out)
    except OSError as exc:
        raise ExportError(f"cannot write {name}: {exc.strerror or exc}") from None
    finally:
        for helper in helpers:
            if helper.poll() is None:
                helper.kill()
            helper.wait()
            if helper.stdout is not None:
                helper.stdout.close()
    if pages != total:
        raise PdfMergeError(f"{pages} pages joined, {total} planned")
    if progress is not None:
        progress(total, total)
    return total


def _start(
    source: Path, key: str, layout: Layout, run: tuple[int, int], part: Path, folder: Path
) -> subprocess.Popen[bytes]:
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"  # helpers draw; they show nothing
    command = helper_command([str(source), key, layout, str(run[0]), str(run[1]), str(part)])
    log = (folder / f"{part.stem}.log").open("wb")
    with log:
        helper = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, env=env, bufsize=0)
    if helper.stdout is not None:
        os.set_blocking(helper.stdout.fileno(), False)
    return helper


def _last_line(log: Path) -> str:
    try:
        lines = log.read_text("utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


def helper_command(arguments: list[str]) -> list[str]:
    """The command line of a helper drawing one run of pages."""
    return [sys.executable, "-m", "briefing_app.export.pdf_parts", *arguments]


class _Counter:
    """Pages the helpers say they drew, read without waiting."""

    def __init__(self, helpers: list[subprocess.Popen[bytes]]) -> None:
        self.helpers = helpers
        self.lines = 0

    def read(self) -> int:
        for helper in self.helpers:
            if helper.stdout is None:
                continue
            with contextlib.suppress(BlockingIOError):
                while chunk := helper.stdout.read(65536):
                    self.lines += chunk.count(b"\n")
        return self.lines


def _wait(helper: subprocess.Popen[bytes], cancelled: Cancelled | None, tick: object) -> int:
    while True:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        try:
            return helper.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            if callable(tick):
                tick()
