"""All card drawing: the window, ``render``, presentation and the PDF export use this.

Sizes are fractions of the card rectangle (the unit ``u`` is about 1/110 of its
width), never pixels, so the same code draws on a widget, a ``QImage`` or a
``QPdfWriter`` page. Pack text is laid out with ``QTextLayout`` as plain text:
nothing is ever interpreted as HTML. When text does not fit, every font on the
face shrinks together (binary search) so long text is never clipped; only
beyond the smallest readable size is the last block elided with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)

from ..core.cards import Card, Category, Face
from .theme import Theme, draw_icon

FRONT = "front"
BACK = "back"
MAX_LIST_ENTRIES = 8
MIN_FIT = 0.42
LINE_SEPARATOR = "\u2028"


@dataclass
class Block:
    """One run of plain text on a face, before and after layout."""

    text: str
    role: str
    color: QColor
    size: float  # in units of u, before fitting
    bold: bool = False
    serif: bool = False
    italic: bool = False
    space_before: float = 0.0  # in units of u
    indent: float = 0.0  # in units of u
    bullet: bool = False
    letter_spacing: float = 0.0
    chip: QColor | None = None  # a pill behind the text, in this colour
    line_spacing: float = 1.0
    families: tuple[str, ...] = ()
    layout: QTextLayout | None = field(default=None, repr=False)
    height: float = 0.0
    width: float = 0.0


@dataclass
class FaceLayout:
    """A face laid out in a card rectangle: blocks with positions, ready to draw."""

    card: Card
    face: str
    rect: QRectF
    u: float
    band: QRectF
    content: QRectF
    blocks: list[tuple[Block, QPointF]]
    avatar: QRectF | None = None
    quote_bar: QRectF | None = None
    fit: float = 1.0
    elided: bool = False

    def texts(self) -> list[str]:
        """What the face shows, in reading order (used for accessibility and tests)."""
        return [b.text for b, _ in self.blocks]


# --- public API ------------------------------------------------------------------


def paint_card(
    painter: QPainter,
    rect: QRectF,
    card: Card,
    face: str,
    theme: Theme,
    text_scale: float = 1.0,
) -> None:
    """Draw one face of ``card`` filling ``rect`` (rounded card, colour band, text)."""
    layout = layout_face(card, face, rect, theme, text_scale, painter.device())
    draw_layout(painter, layout, theme)


def paint_stage(
    painter: QPainter,
    rect: QRectF,
    card: Card | None,
    face: str,
    theme: Theme,
    text_scale: float = 1.0,
) -> None:
    """The window's picture: background, shadow, and the card inset within ``rect``."""
    painter.fillRect(rect, theme.color("background"))
    if card is None:
        return
    inner = card_rect(rect)
    paint_shadow(painter, inner, theme)
    paint_card(painter, inner, card, face, theme, text_scale)


def render_card_image(
    card: Card, face: str, size: QSize, theme: Theme, text_scale: float = 1.0
) -> QImage:
    """A face as the window draws it, at ``size`` pixels (used by ``render`` and tests)."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.color("background"))
    painter = QPainter(image)
    _hints(painter)
    paint_stage(painter, QRectF(0, 0, size.width(), size.height()), card, face, theme, text_scale)
    painter.end()
    return image


def card_rect(stage: QRectF) -> QRectF:
    """Where the card sits on a stage of this size (a margin for its shadow)."""
    m = max(6.0, min(stage.width(), stage.height()) * 0.045)
    return stage.adjusted(m, m, -m, -m * 1.15)


def paint_shadow(painter: QPainter, rect: QRectF, theme: Theme) -> None:
    """A soft drop shadow under a card: a few translucent rounded rectangles."""
    radius = corner_radius(rect)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    base = QColor(theme.shadow)
    steps = 5
    spread = max(2.0, min(rect.width(), rect.height()) * 0.012)
    for i in range(steps, 0, -1):
        c = QColor(base)
        c.setAlphaF((0.05 if not theme.is_dark else 0.12) * (steps - i + 1) / steps)
        grow = spread * i / steps * 1.6
        r = rect.adjusted(-grow, -grow + spread * 0.6, grow, grow + spread * 1.2)
        painter.setBrush(c)
        painter.drawRoundedRect(r, radius + grow, radius + grow)
    painter.restore()


def corner_radius(rect: QRectF) -> float:
    return max(4.0, min(rect.width(), rect.height()) * 0.035)


def unit(rect: QRectF) -> float:
    """The layout unit: about 1/110 of a 16:9 card's width."""
    return max(1.0, min(rect.width(), rect.height() * 16 / 9) / 110)


# --- layout -------------------------------------------------------------------------


def face_blocks(card: Card, face: str, theme: Theme) -> list[Block]:
    """The text blocks of a face, in reading order, with their roles and unscaled sizes."""
    f: Face = card.front if face == FRONT else card.back
    cat = card.category
    color = theme.category_color(cat)
    text = theme.color("text")
    muted = theme.color("muted")
    blocks: list[Block] = []
    if face == FRONT:
        if cat is Category.QUOTE:
            n = len(f.headline)
            size = 6.2 if n < 60 else 4.8 if n < 160 else 3.8
            blocks.append(Block(f.headline, "quote", text, size, serif=True, italic=True,
                                line_spacing=1.14))
        else:
            size = 5.6 if cat in (Category.TITLE, Category.ACTOR) else 4.7
            blocks.append(Block(f.headline, "headline", text, size, bold=True, line_spacing=1.02))
        if f.subline:
            if cat is Category.MEASURE:
                blocks.append(Block(f.subline, "chip", color, 1.9, bold=True, space_before=3.0,
                                    chip=theme.category_tint(cat)))
            else:
                blocks.append(Block(f.subline, "subline", muted, 2.6, space_before=1.6))
        for d in f.details:
            blocks.append(Block(f"{d.label} {d.text}", "chip", color, 1.8, bold=True,
                                space_before=3.0, chip=theme.category_tint(cat)))
        return _with_families(blocks, theme)
    blocks.append(Block(f.headline, "headline", text, 3.6 if cat is not Category.TITLE else 3.9,
                        bold=True))
    if f.subline:
        blocks.append(Block(f.subline, "subline", muted, 2.1, space_before=0.7))
    first = True
    for d in f.details:
        gap = 3.0 if first else 2.2
        first = False
        blocks.append(Block(d.label.upper(), "label", color, 1.45, bold=True, space_before=gap,
                            letter_spacing=0.12))
        blocks.append(Block(d.text, "body", text, 2.3, space_before=0.5, line_spacing=1.12))
    for listing in f.listings:
        gap = 3.0 if first else 2.2
        first = False
        blocks.append(Block(listing.label.upper(), "label", color, 1.45, bold=True,
                            space_before=gap, letter_spacing=0.12))
        entries = list(listing.entries[:MAX_LIST_ENTRIES])
        for entry in entries:
            blocks.append(Block(entry, "item", text, 2.05, space_before=0.7, indent=2.4,
                                bullet=True, line_spacing=1.08))
        extra = len(listing.entries) - len(entries)
        if extra > 0:
            blocks.append(Block(f"and {extra:,} more", "item", muted, 1.7, space_before=0.7,
                                indent=2.4, italic=True))
    return _with_families(blocks, theme)


def _with_families(blocks: list[Block], theme: Theme) -> list[Block]:
    for b in blocks:
        b.families = theme.serif if b.serif else theme.sans
    return blocks


def layout_face(
    card: Card,
    face: str,
    rect: QRectF,
    theme: Theme,
    text_scale: float = 1.0,
    device: QPaintDevice | None = None,
) -> FaceLayout:
    """Lay the face out in ``rect``: the largest font scale (≤ ``text_scale``) that fits."""
    u = unit(rect)
    band_h = max(6.4 * u, min(28.0, rect.height() * 0.14))
    band = QRectF(rect.left(), rect.top(), rect.width(), band_h)
    pad_x, pad_top, pad_bottom = 6.0 * u, 4.0 * u, 4.2 * u
    content = QRectF(
        rect.left() + pad_x,
        band.bottom() + pad_top,
        rect.width() - 2 * pad_x,
        rect.height() - band_h - pad_top - pad_bottom,
    )
    text_box = QRectF(content)
    avatar: QRectF | None = None
    if card.category is Category.ACTOR:
        front = face == FRONT
        d = min(content.height() * (0.78 if front else 0.3), (24 if front else 9) * u)
        if face == FRONT:
            avatar = QRectF(content.left(), content.center().y() - d / 2, d, d)
            text_box.setLeft(avatar.right() + 4.5 * u)
        else:
            avatar = QRectF(content.right() - d, content.top(), d, d)
            text_box.setRight(avatar.left() - 3 * u)
    quote_bar: QRectF | None = None
    if card.category is Category.QUOTE and face == FRONT:
        text_box.setLeft(content.left() + 9.0 * u)
        text_box.setBottom(content.bottom() - 3.0 * u)
    blocks = face_blocks(card, face, theme)
    fit, total, elided = _fit(blocks, text_box, u, text_scale, device)
    centred = face == FRONT
    y = text_box.top()
    if centred and total < text_box.height():
        y += (text_box.height() - total) / 2
    placed: list[tuple[Block, QPointF]] = []
    for i, b in enumerate(blocks):
        if b.layout is None:
            continue
        if i:
            y += b.space_before * u * fit
        placed.append((b, QPointF(text_box.left() + b.indent * u * fit, y)))
        y += b.height
    if card.category is Category.QUOTE and face == FRONT and placed:
        last, pos = placed[-1]
        quote_bar = QRectF(text_box.left(), pos.y() + last.height + 2.6 * u, 9 * u, 0.5 * u)
    return FaceLayout(card, face, rect, u, band, content, placed, avatar, quote_bar, fit, elided)


def _font_for(b: Block, u: float, scale: float) -> QFont:
    f = QFont()
    f.setFamilies(list(b.families))
    f.setPixelSize(max(9, round(b.size * u * scale)))
    f.setWeight(QFont.Weight.Bold if b.bold else QFont.Weight.Normal)
    f.setItalic(b.italic)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if b.letter_spacing:
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, b.letter_spacing * b.size * u * scale)
    return f


def _lay(b: Block, width: float, u: float, scale: float, device: QPaintDevice | None) -> float:
    font = _font_for(b, u, scale)
    if b.chip is not None:
        fm = QFontMetricsF(font)
        pad = fm.height() * 0.55
        width = min(width, fm.horizontalAdvance(b.text) + 2 * pad + 2)
        width = max(width - 2 * pad, fm.height())
    elif b.bullet:
        width -= b.indent * u * scale
    layout = QTextLayout(b.text.replace("\n", LINE_SEPARATOR), font, device)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, y))
        widest = max(widest, line.naturalTextWidth())
        y += line.height() * b.line_spacing
    layout.endLayout()
    if b.line_spacing > 1 and y:
        y -= layout.lineAt(layout.lineCount() - 1).height() * (b.line_spacing - 1)
    b.layout = layout
    b.width = widest
    b.height = y + (QFontMetricsF(font).height() * 0.6 if b.chip is not None else 0.0)
    return b.height


def _total(blocks: list[Block], box: QRectF, u: float, scale: float,
           device: QPaintDevice | None) -> float:
    total = 0.0
    for i, b in enumerate(blocks):
        total += _lay(b, box.width(), u, scale, device)
        if i:
            total += b.space_before * u * scale
    return total


def _fit(blocks: list[Block], box: QRectF, u: float, text_scale: float,
         device: QPaintDevice | None) -> tuple[float, float, bool]:
    """Lay out at the largest scale that fits; returns (fit factor, height, elided)."""
    total = _total(blocks, box, u, text_scale, device)
    if total <= box.height() or not blocks:
        return 1.0, total, False
    lo, hi = MIN_FIT, 1.0
    best: float | None = None
    for _ in range(7):
        mid = (lo + hi) / 2
        if _total(blocks, box, u, text_scale * mid, device) <= box.height():
            best, lo = mid, mid
        else:
            hi = mid
    if best is not None:
        total = _total(blocks, box, u, text_scale * best, device)
        return best, total, False
    # Still too long at the smallest readable size: keep what fits, elide the rest.
    total = _total(blocks, box, u, text_scale * MIN_FIT, device)
    return MIN_FIT, _elide(blocks, box, u, text_scale * MIN_FIT, device), True


def _elide(blocks: list[Block], box: QRectF, u: float, scale: float,
           device: QPaintDevice | None) -> float:
    used = 0.0
    for i, b in enumerate(blocks):
        gap = b.space_before * u * scale if i else 0.0
        if used + gap + b.height <= box.height():
            used += gap + b.height
            continue
        room = box.height() - used - gap
        text = b.text
        layout = b.layout
        kept = 0
        if layout is not None and room > 0:
            y = 0.0
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                if y + line.height() > room:
                    break
                y += line.height() * b.line_spacing
                kept = line.textStart() + line.textLength()
        for later in blocks[i:]:
            later.layout = None
        if kept > 0:
            cut = text[: max(0, kept - 2)].rstrip()
            while cut:
                b.text = cut + "\u2026"
                if _lay(b, box.width(), u, scale, device) <= room:
                    used += gap + b.height
                    break
                cut = cut[: -max(1, len(cut) // 20)].rstrip()
            if not cut:
                b.layout = None
        break
    return used


# --- drawing ------------------------------------------------------------------------


def _hints(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)


def paint_blank_card(painter: QPainter, rect: QRectF, theme: Theme) -> None:
    """The card without a face: rounded surface and its hairline border."""
    radius = corner_radius(rect)
    painter.save()
    _hints(painter)
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.fillPath(path, theme.color("surface"))
    painter.setPen(QPen(theme.color("border"), max(1.0, 0.1 * unit(rect))))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect, radius, radius)
    painter.restore()


def draw_layout(painter: QPainter, layout: FaceLayout, theme: Theme, blank: bool = True) -> None:
    """Draw a laid-out face: card surface, band, avatar, quote mark and text.

    ``blank=False`` skips the surface and border, for callers that cached them
    (``paint_blank_card``) under the face; the result is the same picture.
    """
    card, rect, u = layout.card, layout.rect, layout.u
    cat = card.category
    front = layout.face == FRONT
    color = theme.category_color(cat)
    radius = corner_radius(rect)
    if blank:
        paint_blank_card(painter, rect, theme)
    painter.save()
    _hints(painter)
    band_color = color if front else theme.category_tint(cat)
    band_path = QPainterPath()
    band_path.addRoundedRect(layout.band.adjusted(0, 0, 0, radius), radius, radius)
    painter.fillPath(band_path, band_color)
    painter.fillRect(QRectF(rect.left(), layout.band.bottom(), rect.width(), radius + 1),
                     theme.color("surface"))
    if not front:
        painter.fillRect(QRectF(rect.left(), layout.band.bottom() - 0.3 * u, rect.width(),
                                0.3 * u), color)
    on_band = QColor(theme.on_category) if front else color
    _draw_band(painter, layout, theme, on_band)
    if layout.avatar is not None:
        _draw_avatar(painter, layout.avatar, card, theme)
    if layout.quote_bar is not None:
        painter.fillRect(layout.quote_bar, color)
        mark = QFont()
        mark.setFamilies(list(theme.serif))
        mark.setPixelSize(max(8, round(16 * u)))
        mark.setWeight(QFont.Weight.Bold)
        painter.setFont(mark)
        painter.setPen(color)
        fm = QFontMetricsF(mark)
        top = layout.blocks[0][1].y() if layout.blocks else layout.content.top()
        painter.drawText(QPointF(layout.content.left() - 0.8 * u, top + fm.capHeight() * 0.98),
                         "\u201c")
    for block, pos in layout.blocks:
        if block.layout is None:
            continue
        if block.chip is not None:
            fm = QFontMetricsF(block.layout.font())
            pad = fm.height() * 0.55
            pill = QRectF(pos.x(), pos.y(), block.width + 2 * pad, block.height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(block.chip)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(block.color)
            block.layout.draw(painter, QPointF(pos.x() + pad, pos.y() + fm.height() * 0.3))
            continue
        painter.setPen(block.color)
        if block.bullet:
            d = block.layout.font().pixelSize() * 0.32
            first = block.layout.lineAt(0) if block.layout.lineCount() else None
            cy = pos.y() + (first.ascent() * 0.62 if first else d)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(QPointF(pos.x() - block.layout.font().pixelSize() * 0.9, cy), d / 2,
                                d / 2)
            painter.setPen(block.color)
        block.layout.draw(painter, pos)
    painter.restore()


def _draw_band(painter: QPainter, layout: FaceLayout, theme: Theme, ink: QColor) -> None:
    band, u = layout.band, layout.u
    icon = min(band.height() * 0.62, max(3.0 * u, 14.0))
    x = layout.content.left()
    draw_icon(painter, QRectF(x, band.center().y() - icon / 2, icon, icon), layout.card.category,
              ink.name())
    font = QFont()
    font.setFamilies(list(theme.sans))
    font.setPixelSize(max(10, round(1.6 * u)))
    font.setWeight(QFont.Weight.Bold)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.28 * u)
    painter.setFont(font)
    painter.setPen(ink)
    fm = QFontMetricsF(font)
    label = layout.card.category.label.upper()
    painter.drawText(QPointF(x + icon + 1.4 * u, band.center().y() + fm.capHeight() / 2), label)
    # Two dots at the right: which face this is.
    r = 0.55 * u
    cx = band.right() - 6.0 * u
    cy = band.center().y()
    for i, filled in enumerate((layout.face == FRONT, layout.face == BACK)):
        c = QColor(ink)
        if not filled:
            c.setAlphaF(0.35)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(c)
        painter.drawEllipse(QPointF(cx - (1 - i) * 2.2 * u, cy), r, r)
    side = "FRONT" if layout.face == FRONT else "BACK"
    small = QFont(font)
    small.setPixelSize(max(9, round(1.25 * u)))
    painter.setFont(small)
    painter.setPen(ink)
    sfm = QFontMetricsF(small)
    painter.drawText(
        QPointF(cx - 2.2 * u - r - 1.2 * u - sfm.horizontalAdvance(side),
                cy + sfm.capHeight() / 2),
        side,
    )


def _draw_avatar(painter: QPainter, rect: QRectF, card: Card, theme: Theme) -> None:
    image = load_picture(str(card.image)) if card.image is not None else None
    path = QPainterPath()
    path.addEllipse(rect)
    painter.save()
    if image is not None and not image.isNull():
        painter.setClipPath(path, Qt.ClipOperation.IntersectClip)
        scaled = image.size().scaled(
            rect.size().toSize(), Qt.AspectRatioMode.KeepAspectRatioByExpanding
        )
        target = QRectF(0, 0, scaled.width(), scaled.height())
        target.moveCenter(rect.center())
        painter.drawImage(target, image)
    else:
        painter.fillPath(path, theme.category_tint(card.category))
        initials = "".join(w[0] for w in card.front.headline.split()[:2] if w).upper() or "?"
        font = QFont()
        font.setFamilies(list(theme.sans))
        font.setPixelSize(max(7, round(rect.height() * 0.34)))
        font.setWeight(QFont.Weight.Bold)
        painter.setFont(font)
        painter.setPen(theme.category_color(card.category))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), initials)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(theme.category_color(card.category), max(1.0, rect.width() * 0.025)))
    painter.drawEllipse(rect)
    painter.restore()


@lru_cache(maxsize=64)
def _load_picture(path: str, mtime: float) -> QImage | None:
    if path.lower().endswith(".svg"):
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(path)
        if not renderer.isValid():
            return None
        size = renderer.defaultSize().scaled(QSize(512, 512), Qt.AspectRatioMode.KeepAspectRatio)
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        renderer.render(p)
        p.end()
        return image
    image = QImage(path)
    return None if image.isNull() else image


def load_picture(path: str) -> QImage | None:
    """An actor's picture, or None when the file is missing or unreadable."""
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return None
    return _load_picture(path, mtime)


def paint_message(painter: QPainter, rect: QRectF, theme: Theme, title: str, message: str) -> None:
    """An empty-state panel (no pack open yet): a title and a hint, centred."""
    painter.save()
    _hints(painter)
    painter.fillRect(rect, theme.color("background"))
    u = unit(rect)
    title_font = theme.font(3.2 * u, bold=True)
    body_font = theme.font(1.9 * u)
    painter.setPen(theme.color("text"))
    painter.setFont(title_font)
    box = rect.adjusted(8 * u, 0, -8 * u, 0)
    painter.drawText(QRectF(box.left(), rect.center().y() - 6 * u, box.width(), 5 * u),
                     int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), title)
    painter.setPen(theme.color("muted"))
    painter.setFont(body_font)
    painter.drawText(QRectF(box.left(), rect.center().y() + 0.5 * u, box.width(), 10 * u),
                     int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap), message)
    painter.restore()


__all__ = [
    "BACK",
    "FRONT",
    "FaceLayout",
    "card_rect",
    "draw_layout",
    "layout_face",
    "paint_card",
    "paint_stage",
    "render_card_image",
]
