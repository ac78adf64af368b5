"""The cover page of the PDF handout: title, summary, sources, timeline and legend."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from ..core.cards import Card, Category
from .pdf_frame import _Doc, _rounded
from .pdf_text import ACCENTS, LABEL, MUTED, SMALL, Style


def _cover(doc: _Doc, painter: QPainter, cards: Sequence[Card]) -> None:
    pack = doc.pack
    accent = doc.accents[Category.TITLE]
    band = QRectF(0, 0, doc.width, doc.mm(8))
    painter.fillRect(band, accent)
    x, width = doc.margin, doc.content.width()
    bottom = doc.height - doc.mm(20)
    y = doc.mm(30)
    kicker = Style(9, QFont.Weight.Bold, color=doc.accents[Category.QUOTE], letter_spacing=10)
    doc.text("BRIEFING HANDOUT", kicker, width).draw(painter, x, y)
    y += doc.mm(8)
    title = doc.text(pack.title, Style(26, QFont.Weight.Bold, spacing=1.15), width)
    title.draw(painter, x, y)
    y += title.height + doc.mm(3)
    if pack.subtitle:
        sub = doc.text(pack.subtitle, Style(13, color=QColor(MUTED), spacing=1.3), width)
        sub.draw(painter, x, y)
        y += sub.height + doc.mm(3)
    painter.fillRect(QRectF(x, y + doc.mm(2), doc.mm(22), doc.mm(1.2)), doc.accents[Category.QUOTE])
    y += doc.mm(8)
    meta = []
    if pack.as_of:
        meta.append(f"As of {pack.as_of}")
    counts = {c: sum(1 for card in cards if card.category is c) for c in ACCENTS}
    meta.append(
        f"{len(cards)} cards: "
        + ", ".join(
            f"{counts[c]} {c.label.lower()}{'' if counts[c] == 1 else 's'}"
            for c in (Category.ACTOR, Category.QUOTE, Category.MEASURE, Category.IMPLICATION)
        )
    )
    info = doc.text(
        "   \u00b7   ".join(meta), Style(9.5, QFont.Weight.DemiBold, color=QColor(MUTED)), width
    )
    info.draw(painter, x, y)
    y += info.height + doc.mm(8)
    if pack.summary:
        doc.text("SUMMARY", LABEL, width).draw(painter, x, y)
        y += doc.mm(5)
        summary = doc.text(pack.summary, Style(11, spacing=1.45), width)
        summary.draw(painter, x, y)
        y += summary.height + doc.mm(8)
    legend_y = bottom - doc.mm(6)
    if pack.sources:
        y = _cover_sources(doc, painter, y, legend_y - doc.mm(6))
    if pack.events:
        _cover_timeline(doc, painter, y, legend_y - doc.mm(6))
    lx = x
    for category in (Category.ACTOR, Category.QUOTE, Category.MEASURE, Category.IMPLICATION):
        dot = QRectF(lx, legend_y + doc.mm(0.6), doc.mm(2.6), doc.mm(2.6))
        _rounded(painter, dot, doc.mm(0.6), doc.accents[category], None)
        label = doc.text(f"{category.label}s \u00b7 {counts[category]}", SMALL, doc.mm(36))
        label.draw(painter, lx + doc.mm(4), legend_y)
        lx += doc.mm(36)


SOURCE_TITLE = Style(9, QFont.Weight.DemiBold, spacing=1.3)
SOURCE_META = Style(8.5, color=QColor(MUTED), spacing=1.3)


def _cover_sources(doc: _Doc, painter: QPainter, y: float, bottom: float) -> float:
    """The numbered source list; returns where the next section may start."""
    pack = doc.pack
    x, width = doc.margin, doc.content.width()
    indent = doc.mm(6)
    doc.text("SOURCES", LABEL, width).draw(painter, x, y)
    y += doc.mm(5)
    for index, source in enumerate(pack.sources, 1):
        blocks = [doc.text(source.title, SOURCE_TITLE, width - indent)]
        meta = ", ".join(p for p in (source.publisher, source.date) if p)
        for line in (meta, source.url, source.note):
            if line:
                blocks.append(doc.text(line, SOURCE_META, width - indent))
        height = sum(b.height for b in blocks)
        if y + height > bottom:
            rest = len(pack.sources) - index + 1
            doc.text(f"\u2026 and {rest} more", SMALL, width).draw(painter, x + indent, y)
            return y + doc.mm(6)
        doc.text(f"{index}.", SOURCE_TITLE, indent).draw(painter, x, y)
        for block in blocks:
            block.draw(painter, x + indent, y)
            y += block.height
        y += doc.mm(2.5)
    return y + doc.mm(5)


def _cover_timeline(doc: _Doc, painter: QPainter, y: float, bottom: float) -> None:
    """Key dates, as many as fit above the legend."""
    x, width = doc.margin, doc.content.width()
    date_w = doc.mm(24)
    events = sorted(doc.pack.events, key=lambda e: e.date)
    if y + doc.mm(12) > bottom:
        return
    doc.text("TIMELINE", LABEL, width).draw(painter, x, y)
    y += doc.mm(5)
    for shown, event in enumerate(events):
        title = doc.text(event.title, Style(9, spacing=1.3), width - date_w)
        if y + title.height > bottom:
            rest = len(events) - shown
            doc.text(f"\u2026 and {rest} more", SMALL, width).draw(painter, x + date_w, y)
            return
        doc.text(event.date, SOURCE_META, date_w).draw(painter, x, y)
        title.draw(painter, x + date_w, y)
        y += title.height + doc.mm(1)
