"""Every export format in one table, and the one function the CLI and the window call.

``export_pack`` does format -> exporter -> atomic write -> summary, so the
export dialog and ``briefing-app export`` cannot drift apart. Adding a format
is one ``ExportFormat`` line and one branch in ``_write``. Each format lists
the ``ExportOptions`` it takes (``options``), so the dialog can show exactly
those and the command line can refuse an option its format ignores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from .atomic import ExportCancelled, ExportError

if TYPE_CHECKING:
    from ..core.cards import Card
    from ..core.models import Pack

PdfLayout = Literal["grid", "one-per-page", "exam"]
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class ExportFormat:
    """One way to export: its key, its label in the dialog, its file name ending and filter."""

    key: str
    label: str
    suffix: str  # appended to the pack id for a suggested file name
    file_filter: str
    pdf_layout: PdfLayout | None = None  # for the PDF formats
    options: tuple[str, ...] = ()  # the ``ExportOptions`` fields this format takes

    @property
    def extension(self) -> str:
        """``.pdf``, ``.tsv`` or ``.md``: what the file name must end with."""
        return "." + self.suffix.rsplit(".", 1)[1]


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("pdf", "PDF handout (cover, 3 cards a page)", ".pdf", "PDF files (*.pdf)", "grid"),
    ExportFormat(
        "pdf-one-per-page",
        "PDF, one card a page",
        "-cards.pdf",
        "PDF files (*.pdf)",
        "one-per-page",
    ),
    ExportFormat(
        "pdf-exam",
        "PDF \u201cwho said it?\u201d exam sheet",
        "-exam.pdf",
        "PDF (*.pdf)",
        "exam",
        options=("seed",),
    ),
    ExportFormat(
        "apkg",
        "Anki package (.apkg, updates in place)",
        ".apkg",
        "Anki (*.apkg)",
        options=("subdecks",),
    ),
    ExportFormat("tsv", "Anki deck (TSV text file)", ".tsv", "Anki text files (*.tsv *.txt)"),
    ExportFormat("md", "Markdown brief", ".md", "Markdown files (*.md)"),
)
BY_KEY = {f.key: f for f in FORMATS}


@dataclass(frozen=True)
class ExportOptions:
    """Choices beyond the format; each applies only to the formats that list it."""

    subdecks: bool = False  # apkg: one sub-deck per category
    seed: int | None = None  # exam sheet: the question order (printed on the sheet)

    def chosen(self) -> tuple[str, ...]:
        """The names of the options set to something other than their default."""
        default = ExportOptions()
        return tuple(
            f.name for f in fields(self) if getattr(self, f.name) != getattr(default, f.name)
        )


# What the export dialog shows beside each option a format takes.
OPTION_LABELS = {
    "subdecks": "One sub-deck per category",
    "seed": "Question order (seed)",
}


@dataclass(frozen=True)
class ExportSummary:
    """What was written: the file and a short count ("3 pages", "24 cards")."""

    path: Path
    summary: str


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def export_pack(
    pack: Pack,
    fmt: ExportFormat | str,
    out_path: str | Path,
    options: ExportOptions | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportSummary:
    """Write ``pack`` as ``fmt`` to ``out_path`` atomically; raises ``ExportError``.

    A PDF needs a running ``QGuiApplication`` (``paint.headless`` makes one); the
    text formats need no Qt. ``progress(done, total)`` is called per PDF page.
    ``cancelled()`` returning True stops the export with ``ExportCancelled`` and
    nothing is written. An option the format does not take is an ``ExportError``
    rather than silently ignored.
    """
    chosen = BY_KEY.get(fmt) if isinstance(fmt, str) else fmt
    if chosen is None:
        raise ExportError(f"unknown export format {fmt!r} (choose {', '.join(BY_KEY)})")
    options = options or ExportOptions()
    ignored = [name for name in options.chosen() if name not in chosen.options]
    if ignored:
        raise ExportError(f"the {chosen.key} export takes no {', '.join(ignored)} option")
    out = Path(out_path)
    summary = _write(pack, chosen, out, progress, cancelled, options.subdecks, options.seed)
    return ExportSummary(out, summary)


def _write(
    pack: Pack,
    fmt: ExportFormat,
    out: Path,
    progress: Progress | None,
    cancelled: Cancelled | None,
    subdecks: bool = False,
    seed: int | None = None,
) -> str:
    if fmt.pdf_layout is not None:
        from .pdf import export_pdf

        pages = export_pdf(
            pack, out, fmt.pdf_layout, progress=progress, cancelled=cancelled, seed=seed
        )
        return _plural(pages, "page")
    from ..core.cards import build_cards
    from .atomic import atomic_write_bytes

    cards = build_cards(pack)
    if fmt.key == "apkg":
        return _write_apkg(pack, cards, out, cancelled, subdecks)
    if fmt.key == "tsv":
        from .tsv import tsv_lines

        parts: Iterable[str] = tsv_lines(pack, cards)
    else:
        from .markdown import markdown_blocks

        parts = _joined(markdown_blocks(pack), "\n\n", "\n")
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    atomic_write_bytes(out, lambda handle: _write_chunks(handle, parts))
    return _plural(len(cards), "card")


def _write_apkg(
    pack: Pack, cards: list[Card], out: Path, cancelled: Cancelled | None, subdecks: bool
) -> str:
    import sqlite3

    from .apkg import write_apkg
    from .atomic import check_writable_target, temp_beside

    check_writable_target(out)
    with temp_beside(out) as (_handle, tmp):
        try:
            write_apkg(pack, cards, tmp, subdecks=subdecks)
        except sqlite3.Error as exc:  # genanki's database, on a full disk
            raise ExportError(f"cannot write {out}: {exc}") from None
        if cancelled is not None and cancelled():
            raise ExportCancelled()
    return _plural(len(cards), "card")


def _joined(parts: Iterable[str], separator: str, end: str) -> Iterator[str]:
    """``separator.join(parts) + end``, piece by piece."""
    for n, part in enumerate(parts):
        yield separator + part if n else part
    yield end


def _write_chunks(handle: BinaryIO, parts: Iterable[str], size: int = 1 << 16) -> None:
    """Encode and write text in blocks of about ``size`` characters: memory stays flat."""
    buffer: list[str] = []
    held = 0
    for part in parts:
        buffer.append(part)
        held += len(part)
        if held >= size:
            handle.write("".join(buffer).encode("utf-8"))
            buffer, held = [], 0
    handle.write("".join(buffer).encode("utf-8"))
