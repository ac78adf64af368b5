"""A long handout drawn by several processes at once, then joined into one file.

Qt's painter holds Python's interpreter lock through every call, so threads
cannot share the drawing; processes can. The pages are cut into runs of about
equal text (actors, quotes, measures and implications differ in length), this
process draws the first run and helpers (``python -m briefing_app.export.pdf_parts``)
the others, each into its own file in a hidden folder beside the target;
``pdf_merge`` then joins them into the target. A helper checks that the pack it
reads is the one being exported (its content's fingerprint); a helper that cannot
start, fails, refuses the pack or stops making progress has its run drawn here; a
join that fails means the whole handout is drawn here, as a short one is.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.machine import cores
from .atomic import ExportCancelled, ExportError
from .pdf_merge import PdfMergeError, merge_parts
from .pdf_parts import fingerprint

if TYPE_CHECKING:
    from ..core.cards import Card
    from ..core.models import Pack
    from .pdf import Cancelled, Layout, Progress

logger = logging.getLogger(__name__)

PARALLEL_MIN_PAGES = 300  # below this, starting helpers costs more than it saves
MAX_PROCESSES = 4
CARD_COST = 300  # a card's drawing beyond its text, in characters' worth
CARD_TEXT_CAP = 2000  # an actor's back lists a few of its quotes, not every one
STALLED_SECONDS = 120.0  # a helper that draws no page for this long is stopped
POLL_SECONDS = 0.2


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
    if os.name != "posix" or getattr(sys, "frozen", False):
        return None  # helpers' progress comes through pipes that must not block; a frozen
        # app's executable cannot run ``-m``
    source = pack.__dict__.get("_path")
    processes = min(MAX_PROCESSES, cores())
    if not isinstance(source, Path) or processes < 2:
        return None
    from .pdf import card_page_count

    if (card_page_count(len(cards), layout) or 0) < PARALLEL_MIN_PAGES:
        return None
    runs = split_runs(page_costs(cards, layout), processes)
    folder = Path(tempfile.mkdtemp(prefix=".briefing-pdf-", dir=target.parent))
    job = _Job(pack, cards, layout, runs, folder, progress, cancelled, shown or target)
    try:
        return job.draw(source, fingerprint(pack), target)
    except PdfMergeError as exc:
        logger.warning("joining the handout's parts failed (%s); drawing it in one go", exc)
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
    total = sum(map(len, card.front.texts())) + sum(map(len, card.back.texts()))
    return min(total, CARD_TEXT_CAP)


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


def helper_command(arguments: list[str]) -> list[str]:
    """The command line of a helper drawing one run of pages."""
    return [sys.executable, "-m", "briefing_app.export.pdf_parts", *arguments]


@dataclass
class _Helper:
    """A helper process, its run's file, and the pages it has said it drew."""

    process: subprocess.Popen[bytes]
    log: Path
    pages: int = 0
    heard: float = field(default_factory=time.monotonic)

    def listen(self) -> None:
        """Count the lines it wrote, without waiting (so its pipe never fills)."""
        stream = self.process.stdout
        if stream is None:
            return
        with contextlib.suppress(BlockingIOError):
            while chunk := stream.read(65536):
                self.pages += chunk.count(b"\n")
                self.heard = time.monotonic()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


@dataclass
class _Job:
    pack: Pack
    cards: list[Card]
    layout: Layout
    runs: list[tuple[int, int]]
    folder: Path
    progress: Progress | None
    cancelled: Cancelled | None
    name: str | Path
    helpers: dict[int, _Helper] = field(default_factory=dict)
    here: int = 0  # pages this process has drawn
    finished: int = 0  # pages of the helpers' runs that are done
    reported: int = 0

    @property
    def total(self) -> int:
        return self.runs[-1][1]

    def part(self, index: int) -> Path:
        return self.folder / f"part-{index}.pdf"

    def draw(self, source: Path, key: str, target: Path) -> int:
        try:
            for index in range(1, len(self.runs)):
                self._start(index, source, key)
            self._draw_here(0)
            for index in range(1, len(self.runs)):
                if not self._finished(index):
                    self._draw_here(index)
            with target.open("wb") as out:
                pages = merge_parts([self.part(i) for i in range(len(self.runs))], out)
        except OSError as exc:
            raise ExportError(f"cannot write {self.name}: {exc.strerror or exc}") from None
        finally:
            for helper in self.helpers.values():
                helper.stop()
        if pages != self.total:
            raise PdfMergeError(f"{pages} pages joined, {self.total} planned")
        self._report()
        return pages

    def _start(self, index: int, source: Path, key: str) -> None:
        start, stop = self.runs[index]
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        env["QT_QPA_PLATFORM"] = "offscreen"  # helpers draw; they show nothing
        arguments = [str(source), key, self.layout, str(start), str(stop), str(self.part(index))]
        log = self.folder / f"part-{index}.log"
        try:
            with log.open("wb") as errors:
                process = subprocess.Popen(
                    helper_command(arguments),
                    stdout=subprocess.PIPE,
                    stderr=errors,
                    env=env,
                    bufsize=0,
                )
        except OSError as exc:  # no such program, no process left: this run is drawn here
            logger.warning("a handout helper could not start (%s); drawing its pages here", exc)
            return
        if process.stdout is not None:
            os.set_blocking(process.stdout.fileno(), False)
        self.helpers[index] = _Helper(process, log)

    def _draw_here(self, index: int) -> None:
        from .pdf import draw_page_range

        before = self.here

        def drawn(done: int, _total: int) -> None:
            self.here = before + done
            self._report()

        start, stop = self.runs[index]
        draw_page_range(
            self.pack,
            self.part(index),
            self.layout,
            start,
            stop,
            drawn,
            self.cancelled,
            self.cards,
            self.name,
        )

    def _finished(self, index: int) -> bool:
        """Wait for helper ``index``; True if it drew its run, False to draw it here."""
        helper = self.helpers.get(index)
        if helper is None:
            return False
        try:
            while True:
                if self.cancelled is not None and self.cancelled():
                    raise ExportCancelled()
                try:
                    code = helper.process.wait(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    self._report()
                    if time.monotonic() - helper.heard > STALLED_SECONDS:
                        logger.warning("a handout helper stopped drawing; drawing its pages here")
                        return False
            if code != 0:
                said = _last_line(helper.log)
                logger.warning("a handout helper failed (%s: %s); drawing here", code, said)
                return False
            start, stop = self.runs[index]
            self.finished += stop - start
            return True
        finally:
            del self.helpers[index]  # heard no more: done, or its run is drawn here
            helper.stop()

    def _report(self) -> None:
        """Every helper's pages heard so far (always read: a full pipe would stall it)."""
        for helper in self.helpers.values():
            helper.listen()
        if self.progress is not None:  # never back: a failed helper's pages are redrawn
            heard = sum(h.pages for h in self.helpers.values())
            self.reported = max(self.reported, min(self.here + self.finished + heard, self.total))
            self.progress(self.reported, self.total)


def _last_line(log: Path) -> str:
    try:
        lines = log.read_text("utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""
