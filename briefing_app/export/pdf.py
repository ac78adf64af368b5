"""The PDF handout, drawn with Qt's own PDF writer.

Layouts: ``grid`` (a cover page, then three cards a page, front beside back),
``one-per-page`` (a cover, then each card with its front above its back) and
``exam`` (numbered quotes with blank "Who said it?" lines, the answer key last).

Every word is drawn as text (``QTextLayout``), so the PDF is selectable and
searchable. The whole document is laid out before painting starts, so each
footer can say "Page 3 of 9"; it is rendered into memory and written with
``atomic_write_bytes``, so a failed or cancelled export leaves no file behind.
Needs a ``QGuiApplication`` (offscreen is fine) for fonts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from ..core.cards import Card, Category, Face, build_cards
from ..core.models import Pack
from .atomic import ExportCancelled, ExportError, atomic_write_bytes

Layout = Literal["grid", "one-per-page", "exam"]
LAYOUTS: tuple[Layout, ...] = ("grid", "one-per-page", "exam")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

CARDS_PER_PAGE = 3
RESOLUTION = 300  # device pixels per inch; the PDF itself is vector
SANS = ["Inter", "Helvetica Neue", "Helvetica", "Arial", "DejaVu Sans", "Noto Sans", "sans-serif"]
SERIF = ["Georgia", "Charter", "DejaVu Serif", "Noto Serif", "Times New Roman", "serif"]

_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2029]")

INK = QColor("#1f2430")
MUTED = QColor("#5d6472")
FAINT = QColor("#9aa1ad")
RULE = QColor("#d9dce2")
PAPER_TINT = QColor("#f6f7f9")
ACCENTS = {
    Category.TITLE: QColor("#27324a"),
    Category.ACTOR: QColor("#2f6db5"),
    Category.QUOTE: QColor("#c0641a"),
    Category.MEASURE: QColor("#2e8a57"),
    Category.IMPLICATION: QColor("#7a4cc2"),
}


def _tint(color: QColor, strength: float) -> QColor:
    """``color`` mixed with white; ``strength`` 0 is white, 1 the colour."""
    return QColor(
        round(255 - (255 - color.red()) * strength),
        round(255 - (255 - color.green()) * strength),
        round(255 - (255 - color.blue()) * strength),
    )


# --- text ------------------------------------------------------------------


@dataclass
class Style:
    """A font and colour for one kind of text, in points."""

    size: float
    weight: QFont.Weight = QFont.Weight.Normal
    italic: bool = False
    serif: bool = False
    color: QColor = field(default_factory=lambda: QColor(INK))
    spacing: float = 1.25  # line height as a multiple of the font size
    letter_spacing: float = 0.0  # percent extra, for small caps labels

    def font(self, scale: float = 1.0) -> QFont:
        font = QFont()
        font.setFamilies(SERIF if self.serif else SANS)
        font.setPointSizeF(self.size * scale)
        font.setWeight(self.weight)
        font.setItalic(self.italic)
        font.setFeature(QFont.Tag("liga"), 0)  # keep "ffi" searchable in the PDF
        if self.letter_spacing:
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100 + self.letter_spacing)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        # no ligatures: "ﬀ" would stop a search for "ff" in some PDF viewers
        for feature in ("liga", "clig"):
            font.setFeature(QFont.Tag(feature), 0)
        return font


KICKER = Style(7.5, QFont.Weight.Bold, letter_spacing=8)
HEADLINE = Style(13, QFont.Weight.DemiBold, spacing=1.2)
QUOTE = Style(13, italic=True, serif=True, spacing=1.3)
SUBLINE = Style(9.5, color=QColor(MUTED))
LABEL = Style(7.5, QFont.Weight.Bold, color=QColor(MUTED), letter_spacing=4)
BODY = Style(9, spacing=1.3)
SMALL = Style(7.5, color=QColor(MUTED))


class Text:
    """A paragraph laid out at a width, ready to measure and draw."""

    def __init__(
        self,
        device: QPaintDevice,
        text: str,
        style: Style,
        width: float,
        scale: float = 1.0,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        max_lines: int | None = None,
    ) -> None:
        self.style = style
        self.font = style.font(scale)
        text = _LINE_BREAKS.sub("\u2028", text).replace("\t", " ")
        self.layout = QTextLayout(text, self.font, device)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        dpi = device.logicalDpiY()
        line_height = style.size * scale * style.spacing * dpi / 72
        self.layout.beginLayout()
        y = 0.0
        while True:
            line = self.layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            # centre the glyphs in the line box, so spacing adds air above and below
            line.setPosition(QPointF(0, y + (line_height - line.height()) / 2))
            y += line_height
            if max_lines is not None and self.layout.lineCount() >= max_lines:
                break
        self.layout.endLayout()
        self.height = y

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.setPen(self.style.color)
        self.layout.draw(painter, QPointF(x, y))


# --- page geometry -----------------------------------------------------------


@dataclass
class Page:
    """What to draw on one page, decided before painting starts."""

    kind: Literal["cover", "cards", "card", "exam", "key"]
    cards: Sequence[tuple[int, Card]] = ()
    items: Sequence[int] = ()  # exam: quote numbers (0-based) on this page
    first: bool = False  # exam/key: the first page of its section
    column_break: int = 0  # key: how many of ``items`` go in the left column


class _Doc:
    """The device, its units and the page frame shared by every page."""

    def __init__(self, writer: QPdfWriter, pack: Pack) -> None:
        self.device = writer
        self.pack = pack
        rect = writer.pageLayout().fullRectPixels(writer.resolution())
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.margin = self.mm(16)
        self.paint_card, self.accents = _window_painter()
        self.content = QRectF(
            self.margin,
            self.mm(24),
            self.width - 2 * self.margin,
            self.height - self.mm(24) - self.mm(20),
        )

    def mm(self, value: float) -> float:
        return value * self.device.resolution() / 25.4

    def pt(self, value: float) -> float:
        return value * self.device.resolution() / 72

    def text(self, text: str, style: Style, width: float, **kw: object) -> Text:
        return Text(self.device, text, style, width, **kw)  # type: ignore[arg-type]


# --- drawing helpers ---------------------------------------------------------


def _rounded(
    painter: QPainter, rect: QRectF, radius: float, fill: QColor, pen: QPen | None
) -> None:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.fillPath(path, fill)
    if pen is not None:
        painter.strokePath(path, pen)


def _pen(doc: _Doc, color: QColor, width_pt: float) -> QPen:
    pen = QPen(color)
    pen.setWidthF(doc.pt(width_pt))
    return pen


def _face_blocks(card: Card, face: Face, side: str) -> list[tuple[str, Style, float]]:
    """A face as (text, style, points of space above) blocks, in reading order."""
    accent = ACCENTS.get(card.category, INK)
    kicker = Style(KICKER.size, KICKER.weight, color=accent, letter_spacing=KICKER.letter_spacing)
    blocks: list[tuple[str, Style, float]] = [
        (f"{card.category.label.upper()} \u00b7 {side.upper()}", kicker, 0)
    ]
    if card.category is Category.QUOTE and side == "front":
        blocks.append((f"\u201c{face.headline}\u201d", QUOTE, 5))
    else:
        blocks.append((face.headline, HEADLINE, 5))
    if face.subline:
        blocks.append((face.subline, SUBLINE, 2))
    for detail in face.details:
        blocks.append((detail.label.upper(), LABEL, 7))
        blocks.append((detail.text, BODY, 1.5))
    for listing in face.listings:
        blocks.append((listing.label.upper(), LABEL, 7))
        for entry in listing.entries:
            blocks.append((f"\u2022\u2002{entry}", BODY, 1.5))
    return blocks


def _draw_face_fallback(
    doc: _Doc,
    painter: QPainter,
    rect: QRectF,
    card: Card,
    side: Literal["front", "back"],
    text_scale: float = 1.0,
) -> None:
    """One card face in a box: tinted front, plain back, the category's colour."""
    accent = ACCENTS.get(card.category, INK)
    radius = doc.mm(2.5)
    if side == "front":
        _rounded(painter, rect, radius, _tint(accent, 0.07), _pen(doc, _tint(accent, 0.35), 0.6))
        bar = QRectF(rect.left(), rect.top(), doc.mm(1.6), rect.height())
        clip = QPainterPath()
        clip.addRoundedRect(rect, radius, radius)
        painter.save()
        painter.setClipPath(clip)
        painter.fillRect(bar, accent)
        painter.restore()
    else:
        _rounded(painter, rect, radius, QColor("white"), _pen(doc, RULE, 0.6))
    pad = doc.mm(4.5)
    inner = rect.adjusted(pad + (doc.mm(1.6) if side == "front" else 0), pad, -pad, -pad)
    face = card.front if side == "front" else card.back
    blocks = _face_blocks(card, face, side)
    # shrink until everything fits; past the floor, cut at the box with an ellipsis
    scale = text_scale
    while True:
        laid = [
            (doc.text(t, s, inner.width(), scale=scale), doc.pt(gap * scale))
            for t, s, gap in blocks
        ]
        total = sum(t.height + gap for t, gap in laid)
        if total <= inner.height() or scale <= 0.55 * text_scale:
            break
        scale *= 0.92
    vertical_centre = side == "front" and total < inner.height()
    y = inner.top()
    if vertical_centre:
        # the kicker stays on top; the rest sits in the middle of the box
        head, head_gap = laid[0]
        rest = total - head.height - head_gap
        head.draw(painter, inner.left(), y)
        y = max(y + head.height, inner.top() + (inner.height() - rest) / 2 - laid[1][1])
        laid = laid[1:]
    for text, gap in laid:
        y += gap
        if y + text.height > inner.bottom() + 0.5:
            more = doc.text("\u2026", BODY, inner.width(), scale=scale)
            if y + more.height <= inner.bottom() + 0.5:
                more.draw(painter, inner.left(), y)
            break
        text.draw(painter, inner.left(), y)
        y += text.height


def _window_painter() -> tuple[Callable[..., None] | None, dict[Category, QColor]]:
    """The window's card drawing (``ui.card_painter``) and colours, when available."""
    try:
        from ..ui.card_painter import paint_card
        from ..ui.theme import light_theme
    except ImportError:  # the UI package is optional for this module
        return None, dict(ACCENTS)
    theme = light_theme()

    def paint(painter: QPainter, rect: QRectF, card: Card, side: str, scale: float) -> None:
        paint_card(painter, rect, card, side, theme, scale)

    accents = {c: theme.category_color(c) for c in theme.category_colors}
    return paint, {**ACCENTS, **accents}


def draw_face(
    doc: _Doc,
    painter: QPainter,
    rect: QRectF,
    card: Card,
    side: Literal["front", "back"],
    layout: Layout,
) -> None:
    """One face of a card: drawn as the window draws it, so print and screen agree."""
    if doc.paint_card is not None:
        painter.save()
        doc.paint_card(painter, rect, card, side, WINDOW_TEXT_SCALE[layout, side])
        painter.restore()
    else:
        _draw_face_fallback(doc, painter, rect, card, side, FALLBACK_TEXT_SCALE[layout, side])


# The window sizes text for a wide card on a screen; on paper it needs to be larger
# (the painter still shrinks text that would not fit).
WINDOW_TEXT_SCALE: dict[tuple[str, str], float] = {
    ("grid", "front"): 1.25,
    ("grid", "back"): 1.8,
    ("one-per-page", "front"): 1.2,
    ("one-per-page", "back"): 1.4,
}
FALLBACK_TEXT_SCALE: dict[tuple[str, str], float] = {
    ("grid", "front"): 1.0,
    ("grid", "back"): 1.0,
    ("one-per-page", "front"): 1.5,
    ("one-per-page", "back"): 1.3,
}


def _header(doc: _Doc, painter: QPainter, right: str) -> None:
    top = doc.mm(11)
    half = doc.content.width() / 2
    title = doc.text(doc.pack.title, SMALL, half * 1.3, max_lines=1)
    title.draw(painter, doc.margin, top)
    label = doc.text(right, SMALL, half * 0.6, align=Qt.AlignmentFlag.AlignRight)
    label.draw(painter, doc.width - doc.margin - half * 0.6, top)
    y = top + max(title.height, label.height) + doc.mm(1.5)
    painter.setPen(_pen(doc, RULE, 0.5))
    painter.drawLine(QPointF(doc.margin, y), QPointF(doc.width - doc.margin, y))


def _footer(doc: _Doc, painter: QPainter, number: int, total: int) -> None:
    y = doc.height - doc.mm(13)
    painter.setPen(_pen(doc, RULE, 0.5))
    painter.drawLine(QPointF(doc.margin, y), QPointF(doc.width - doc.margin, y))
    width = doc.content.width() / 2
    left = "Briefing App" + (f" \u00b7 as of {doc.pack.as_of}" if doc.pack.as_of else "")
    doc.text(left, SMALL, width).draw(painter, doc.margin, y + doc.mm(2))
    page = doc.text(f"Page {number} of {total}", SMALL, width, align=Qt.AlignmentFlag.AlignRight)
    page.draw(painter, doc.width - doc.margin - width, y + doc.mm(2))


# --- pages -------------------------------------------------------------------


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


def _card_grid(doc: _Doc, painter: QPainter, page: Page, total_cards: int) -> None:
    first, last = page.cards[0][0] + 1, page.cards[-1][0] + 1
    shown = f"Card {first}" if first == last else f"Cards {first}\u2013{last}"
    _header(doc, painter, f"{shown} of {total_cards}")
    gap = doc.mm(6)
    col_gap = doc.mm(4)
    area = doc.content
    row_h = (area.height() - gap * (CARDS_PER_PAGE - 1)) / CARDS_PER_PAGE
    col_w = (area.width() - col_gap) / 2
    for slot, (_index, card) in enumerate(page.cards):
        top = area.top() + slot * (row_h + gap)
        front = QRectF(area.left(), top, col_w, row_h)
        back = QRectF(area.left() + col_w + col_gap, top, col_w, row_h)
        draw_face(doc, painter, front, card, "front", "grid")
        draw_face(doc, painter, back, card, "back", "grid")


def _one_card(doc: _Doc, painter: QPainter, page: Page, total_cards: int) -> None:
    index, card = page.cards[0]
    _header(doc, painter, f"Card {index + 1} of {total_cards}")
    area = doc.content
    gap = doc.mm(8)
    half = (area.height() - gap) / 2
    front = QRectF(area.left(), area.top(), area.width(), half)
    draw_face(doc, painter, front, card, "front", "one-per-page")
    back = QRectF(area.left(), area.top() + half + gap, area.width(), half)
    draw_face(doc, painter, back, card, "back", "one-per-page")
    # a dashed fold line between the two halves
    pen = _pen(doc, FAINT, 0.5)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    mid = area.top() + half + gap / 2
    painter.drawLine(QPointF(doc.margin / 2, mid), QPointF(doc.width - doc.margin / 2, mid))


# --- the exam ------------------------------------------------------------------

EXAM_QUOTE = Style(11, italic=True, serif=True, spacing=1.35)
EXAM_PROMPT = Style(9, color=QColor(MUTED))


EXAM_SUBTITLE = Style(11, color=QColor(MUTED), spacing=1.3)


def _exam_title(doc: _Doc) -> Text:
    return doc.text(doc.pack.title, EXAM_SUBTITLE, doc.content.width())


def _exam_intro_height(doc: _Doc) -> float:
    """Heading, the pack's title, instructions and the name line on the first sheet."""
    return doc.mm(36) + _exam_title(doc).height


def _exam_item(doc: _Doc, number: int, text: str) -> tuple[Text, float]:
    """The quote's text block and the item's full height (quote, answer line, gap)."""
    indent = doc.mm(10)
    quote = doc.text(f"\u201c{text}\u201d", EXAM_QUOTE, doc.content.width() - indent)
    return quote, quote.height + doc.mm(13)


def _key_plan_page(columns: list[list[int]], first: bool) -> Page:
    flat = [i for column in columns for i in column]
    return Page("key", items=flat, first=first, column_break=len(columns[0]))


def _plan_exam(doc: _Doc, pack: Pack) -> list[Page]:
    pages: list[Page] = []
    current: list[int] = []
    key_head = doc.mm(22)  # the key's title and its note
    y = _exam_intro_height(doc)
    for index, quote in enumerate(pack.quotes):
        _, height = _exam_item(doc, index + 1, quote.text)
        if current and y + height > doc.content.height():
            pages.append(Page("exam", items=current, first=not pages))
            current, y = [], 0.0
        current.append(index)
        y += height
    pages.append(Page("exam", items=current, first=not pages))
    if not pack.quotes:
        return pages  # nothing to ask, so no key
    # the key: two columns, so that it usually fits on the last page
    key_pages: list[Page] = []
    columns: list[list[int]] = [[]]
    y = key_head
    for index, quote in enumerate(pack.quotes):
        height = _key_entry(doc, pack, index, quote.actor).height + doc.mm(1.5)
        if columns[-1] and y + height > doc.content.height():
            if len(columns) == 2:
                key_pages.append(_key_plan_page(columns, first=not key_pages))
                columns = [[]]
            else:
                columns.append([])
            y = key_head if not key_pages else 0.0
        columns[-1].append(index)
        y += height
    if not key_pages and len(columns) == 2:
        # one page: balance the columns when both halves fit
        flat = columns[0] + columns[1]
        half = (len(flat) + 1) // 2
        heights = [
            _key_entry(doc, pack, i, pack.quotes[i].actor).height + doc.mm(1.5) for i in flat
        ]
        room = doc.content.height() - key_head
        if sum(heights[:half]) <= room and sum(heights[half:]) <= room:
            columns = [flat[:half], flat[half:]]
    key_pages.append(_key_plan_page(columns, first=not key_pages))
    return pages + key_pages


def _exam_page(doc: _Doc, painter: QPainter, page: Page) -> None:
    pack = doc.pack
    _header(doc, painter, "Who said it? \u00b7 exam")
    x, width = doc.margin, doc.content.width()
    y = doc.content.top()
    if page.first:
        doc.text("Who said it?", Style(20, QFont.Weight.Bold), width).draw(painter, x, y)
        y += doc.mm(10)
        title = _exam_title(doc)
        title.draw(painter, x, y)
        y += title.height + doc.mm(3)
        intro = (
            "Write the name of the person or body who said each quote. "
            "The answers are on the last page."
        )
        doc.text(intro, Style(9.5, color=QColor(MUTED)), width).draw(painter, x, y)
        y += doc.mm(9)
        line_pen = _pen(doc, INK, 0.5)
        for label, offset, length in (("Name", 0.0, 0.55), ("Date", 0.62, 0.38)):
            lx = x + width * offset
            text = doc.text(label, EXAM_PROMPT, doc.mm(14))
            text.draw(painter, lx, y)
            painter.setPen(line_pen)
            base = y + text.height
            painter.drawLine(
                QPointF(lx + doc.mm(11), base), QPointF(lx + width * length - doc.mm(3), base)
            )
        y = doc.content.top() + _exam_intro_height(doc)
        if not pack.quotes:
            doc.text("This pack has no quotes.", BODY, width).draw(painter, x, y)
    indent = doc.mm(10)
    for index in page.items:
        quote, height = _exam_item(doc, index + 1, pack.quotes[index].text)
        number = Style(11, QFont.Weight.Bold, color=doc.accents[Category.QUOTE])
        doc.text(f"{index + 1}.", number, indent).draw(painter, x, y)
        quote.draw(painter, x + indent, y)
        prompt_y = y + quote.height + doc.mm(3)
        prompt = doc.text("Who said it?", EXAM_PROMPT, doc.mm(30))
        prompt.draw(painter, x + indent, prompt_y)
        painter.setPen(_pen(doc, FAINT, 0.5))
        base = prompt_y + prompt.height
        painter.drawLine(QPointF(x + indent + doc.mm(22), base), QPointF(x + width * 0.75, base))
        y += height


def _key_entry(doc: _Doc, pack: Pack, index: int, actor_id: str) -> Text:
    actor = pack.actor(actor_id)
    who = actor.name if actor else actor_id
    if actor is not None and actor.role:
        who += f" \u2014 {actor.role}"
    width = (doc.content.width() - doc.mm(8)) / 2
    return doc.text(f"{index + 1}.\u2002{who}", Style(9.5, spacing=1.3), width)


def _key_page(doc: _Doc, painter: QPainter, page: Page) -> None:
    _header(doc, painter, "Who said it? \u00b7 answer key")
    x, width = doc.margin, doc.content.width()
    y = doc.content.top()
    if page.first:
        doc.text("Answer key", Style(20, QFont.Weight.Bold), width).draw(painter, x, y)
        y += doc.mm(10)
        note = "Cut or fold this page away before you start."
        doc.text(note, EXAM_PROMPT, width).draw(painter, x, y)
        y = doc.content.top() + doc.mm(22)
    top = y
    for position, index in enumerate(page.items):
        if position == page.column_break:
            x, y = doc.margin + (width + doc.mm(8)) / 2, top
        entry = _key_entry(doc, doc.pack, index, doc.pack.quotes[index].actor)
        entry.draw(painter, x, y)
        y += entry.height + doc.mm(1.5)


# --- the document --------------------------------------------------------------


def plan_pages(doc: _Doc, cards: Sequence[Card], layout: Layout) -> list[Page]:
    """Every page, in order, before anything is drawn (so footers know the total)."""
    if layout == "exam":
        return _plan_exam(doc, doc.pack)
    numbered = list(enumerate(cards))
    if layout == "one-per-page":
        return [Page("cover")] + [Page("card", cards=[c]) for c in numbered]
    pages = [Page("cover")]
    for start in range(0, len(numbered), CARDS_PER_PAGE):
        pages.append(Page("cards", cards=numbered[start : start + CARDS_PER_PAGE]))
    return pages


def expected_page_count(pack: Pack, layout: Layout) -> int | None:
    """Pages of a grid or one-per-page handout (None for the exam, which flows)."""
    cards = len(build_cards(pack))
    if layout == "grid":
        return 1 + math.ceil(cards / CARDS_PER_PAGE)
    if layout == "one-per-page":
        return 1 + cards
    return None


def render_pdf(
    pack: Pack,
    layout: Layout = "grid",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[bytes, int]:
    """The PDF's bytes and its page count; raises ``ExportCancelled`` if cancelled."""
    if layout not in LAYOUTS:
        raise ExportError(f"unknown PDF layout {layout!r} (choose {', '.join(LAYOUTS)})")
    if QGuiApplication.instance() is None:
        raise ExportError("the PDF export needs a QGuiApplication (Qt) to be running")
    cards = build_cards(pack)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(pack.title if layout != "exam" else f"{pack.title}: who said it?")
    writer.setCreator("Briefing App")
    doc = _Doc(writer, pack)
    pages = plan_pages(doc, cards, layout)
    total = len(pages)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("could not start the PDF writer")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for number, page in enumerate(pages, 1):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if number > 1:
                writer.newPage()
            if page.kind == "cover":
                _cover(doc, painter, cards)
            elif page.kind == "cards":
                _card_grid(doc, painter, page, len(cards))
            elif page.kind == "card":
                _one_card(doc, painter, page, len(cards))
            elif page.kind == "exam":
                _exam_page(doc, painter, page)
            else:
                _key_page(doc, painter, page)
            _footer(doc, painter, number, total)
            if progress is not None:
                progress(number, total)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data()), total


def export_pdf(
    pack: Pack,
    out_path: str | Path,
    layout: Layout = "grid",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write the handout to ``out_path`` atomically; returns the number of pages.

    ``progress(done, total)`` is called after each page; when ``cancelled()``
    returns True the export stops with ``ExportCancelled`` and writes nothing.
    """
    from .atomic import check_writable_target

    check_writable_target(Path(out_path))  # fail before the work, not after it
    data, pages = render_pdf(pack, layout, progress, cancelled)
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    atomic_write_bytes(out_path, data)
    return pages
