"""All card drawing: the window, ``render``, presentation and the PDF export use this.

Sizes are fractions of the card rectangle (the unit ``u`` is about 1/110 of its
width), never pixels, so the same code draws on a widget, a ``QImage`` or a
``QPdfWriter`` page. Pack text is laid out (in ``card_layout``) with
``QTextLayout`` as plain text: nothing is ever interpreted as HTML, and long
text shrinks to fit instead of being clipped.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

from ..core.cards import Card
from .card_layout import (
    BACK,
    FRONT,
    Block,
    FaceLayout,
    corner_radius,
    layout_face,
    text_font,
    unit,
)
from .fonts import families_for
from .theme import Theme, draw_icon

# --- public API ------------------------------------------------------------------


def paint_card(
    painter: QPainter,
    rect: QRectF,
    card: Card,
    face: str,
    theme: Theme,
    text_scale: float = 1.0,
    min_px: float = 0.0,
    language: str | None = None,
) -> None:
    """Draw one face of ``card`` filling ``rect`` (rounded card, colour band, text)."""
    layout = layout_face(card, face, rect, theme, text_scale, painter.device(), min_px, language)
    draw_layout(painter, layout, theme)


def paint_stage(
    painter: QPainter,
    rect: QRectF,
    card: Card | None,
    face: str,
    theme: Theme,
    text_scale: float = 1.0,
    language: str | None = None,
) -> None:
    """The window's picture: background, shadow, and the card inset within ``rect``."""
    painter.fillRect(rect, theme.color("background"))
    if card is None:
        return
    inner = card_rect(rect)
    paint_shadow(painter, inner, theme)
    paint_card(painter, inner, card, face, theme, text_scale, language=language)


def render_card_image(
    card: Card,
    face: str,
    size: QSize,
    theme: Theme,
    text_scale: float = 1.0,
    language: str | None = None,
) -> QImage:
    """A face as the window draws it, at ``size`` pixels (used by ``render`` and tests)."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.color("background"))
    painter = QPainter(image)
    _hints(painter)
    stage = QRectF(0, 0, size.width(), size.height())
    paint_stage(painter, stage, card, face, theme, text_scale, language)
    painter.end()
    return image


def paint_focus_ring(painter: QPainter, rect: QRectF, theme: Theme) -> None:
    """The keyboard focus ring around a card: the accent colour, just outside its edge."""
    radius = corner_radius(rect)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(theme.color("accent"), 2.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), radius + 3, radius + 3)
    painter.restore()


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


@lru_cache(maxsize=16)
def _band_shape(
    left: float, top: float, width: float, height: float, band_h: float, radius: float
) -> QPainterPath:
    card = QPainterPath()
    card.addRoundedRect(QRectF(left, top, width, height), radius, radius)
    band = QPainterPath()
    band.addRect(QRectF(left, top, width, band_h))
    return card.intersected(band)


def _band_path(rect: QRectF, band: QRectF, radius: float) -> QPainterPath:
    """The top of the rounded card, exactly: rounded above, square where it meets the body."""
    return _band_shape(rect.left(), rect.top(), rect.width(), rect.height(), band.height(), radius)


def draw_layout(
    painter: QPainter, layout: FaceLayout, theme: Theme, blank: bool = True, scroll: float = 0.0
) -> None:
    """Draw a laid-out face: card surface, band, avatar, quote mark and text.

    ``blank=False`` skips the surface and border, for callers that cached them
    (``paint_blank_card``) under the face; the result is the same picture.
    A face whose text runs on (``layout.overflow``) is drawn ``scroll`` pixels
    down, clipped to its text area, with a fade and an arrow where more text is.
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
    painter.fillPath(_band_path(rect, layout.band, radius), band_color)
    if not front:
        painter.fillRect(
            QRectF(rect.left(), layout.band.bottom() - 0.3 * u, rect.width(), 0.3 * u), color
        )
    on_band = QColor(theme.on_category) if front else color
    _draw_band(painter, layout, theme, on_band)
    if layout.avatar is not None:
        _draw_avatar(painter, layout.avatar, card, theme)
    if layout.quote_bar is not None:
        _draw_quote_mark(painter, layout, theme, color)
    if layout.overflow > 0:
        _draw_scrolled(painter, layout, theme, color, max(0.0, min(scroll, layout.overflow)))
    else:
        for block, pos in layout.blocks:
            _draw_block(painter, block, pos, color)
    painter.restore()


def _draw_scrolled(
    painter: QPainter, layout: FaceLayout, theme: Theme, accent: QColor, scroll: float
) -> None:
    """Text that runs on: clipped to its box, shifted by ``scroll``, with cues at the edges."""
    box = QRectF(layout.text_box or layout.content)
    clip = QRectF(layout.rect.left(), box.top(), layout.rect.width(), box.height())
    painter.save()
    painter.setClipRect(clip)
    painter.translate(0, -scroll)
    for block, pos in layout.blocks:
        if pos.y() + block.height >= clip.top() + scroll and pos.y() <= clip.bottom() + scroll:
            _draw_block(painter, block, pos, accent)
    painter.restore()
    fade = min(6.0 * layout.u, box.height() / 4)
    surface = theme.color("surface")
    if scroll > 0.5:
        _fade(painter, QRectF(clip.left(), clip.top(), clip.width(), fade), surface, True)
    if scroll < layout.overflow - 0.5:
        bottom = QRectF(clip.left(), clip.bottom() - fade, clip.width(), fade)
        _fade(painter, bottom, surface, False)
        _draw_more_arrow(
            painter, QPointF(box.center().x(), clip.bottom() - 1.2 * layout.u), accent, layout.u
        )


def _fade(painter: QPainter, rect: QRectF, surface: QColor, at_top: bool) -> None:
    clear = QColor(surface)
    clear.setAlphaF(0.0)
    gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    gradient.setColorAt(0.0, surface if at_top else clear)
    gradient.setColorAt(1.0, clear if at_top else surface)
    painter.fillRect(rect, gradient)


def _draw_more_arrow(painter: QPainter, tip: QPointF, color: QColor, u: float) -> None:
    """A small chevron pointing down: there is more to read below."""
    w = 1.6 * u
    pen = QPen(color, max(1.5, 0.35 * u))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.save()
    painter.setPen(pen)
    painter.drawPolyline(
        [QPointF(tip.x() - w, tip.y() - w * 0.6), tip, QPointF(tip.x() + w, tip.y() - w * 0.6)]
    )
    painter.restore()


def _draw_quote_mark(painter: QPainter, layout: FaceLayout, theme: Theme, color: QColor) -> None:
    """The quote card's bar and its large opening mark."""
    assert layout.quote_bar is not None
    u = layout.u
    painter.fillRect(layout.quote_bar, color)
    mark = QFont()
    mark.setFamilies(list(families_for(layout.quote_mark, theme.serif)))
    mark.setPixelSize(max(8, round(16 * u)))
    mark.setWeight(QFont.Weight.Bold)
    mark.setVariableAxis(QFont.Tag("wght"), float(QFont.Weight.Bold.value))
    painter.setFont(mark)
    painter.setPen(color)
    fm = QFontMetricsF(mark)
    top = layout.blocks[0][1].y() if layout.blocks else layout.content.top()
    glyph = layout.quote_mark
    ink = fm.boundingRect(glyph)  # where the mark's ink is, whatever its em box
    box = layout.text_box or layout.content
    # the mark stands on the reading side: the right for right-to-left text
    x = box.right() + 1.4 * u - ink.left() if layout.rtl else box.left() - 1.4 * u - ink.right()
    painter.drawText(QPointF(x, top + fm.capHeight() * 0.98), glyph)


def _draw_block(painter: QPainter, block: Block, pos: QPointF, accent: QColor) -> None:
    """One text block: a pill chip, a bulleted entry, or plain text."""
    if block.layout is None:
        return
    if block.chip is not None:
        fm = QFontMetricsF(block.layout.font())
        pad = fm.height() * 0.55
        pill = QRectF(pos.x(), pos.y(), block.width + 2 * pad, block.height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(block.chip)
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(block.color)
        block.layout.draw(painter, QPointF(pos.x() + pad, pos.y() + fm.height() * 0.3))
        return
    painter.setPen(block.color)
    if block.bullet:
        d = block.layout.font().pixelSize() * 0.32
        first = block.layout.lineAt(0) if block.layout.lineCount() else None
        cy = pos.y() + (first.ascent() * 0.62 if first else d)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        offset = block.layout.font().pixelSize() * 0.9
        x = pos.x() + first.width() + offset if block.rtl and first else pos.x() - offset
        painter.drawEllipse(QPointF(x, cy), d / 2, d / 2)
        painter.setPen(block.color)
    block.layout.draw(painter, pos)


@lru_cache(maxsize=16)
def _band_fonts(families: tuple[str, ...], u: float) -> tuple[QFont, QFont, float, float]:
    """The band's label and face fonts and their cap heights, built once per theme and
    card size (every card of a handout, and every repaint of the window, asks again)."""
    font = QFont()
    font.setFamilies(list(families))
    font.setPixelSize(max(10, round(1.6 * u)))
    font.setWeight(QFont.Weight.Bold)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.28 * u)
    small = QFont(font)
    small.setPixelSize(max(9, round(1.25 * u)))
    return font, small, QFontMetricsF(font).capHeight(), QFontMetricsF(small).capHeight()


@lru_cache(maxsize=16)
def _advance(font: QFont, text: str) -> float:
    return QFontMetricsF(font).horizontalAdvance(text)


def _draw_band(painter: QPainter, layout: FaceLayout, theme: Theme, ink: QColor) -> None:
    band, u = layout.band, layout.u
    icon = min(band.height() * 0.62, max(3.0 * u, 14.0))
    x = layout.content.left()
    draw_icon(
        painter,
        QRectF(x, band.center().y() - icon / 2, icon, icon),
        layout.card.category,
        ink.name(),
    )
    font, small, cap, small_cap = _band_fonts(theme.sans, u)
    painter.setFont(font)
    painter.setPen(ink)
    label = layout.card.category.label.upper()
    painter.drawText(QPointF(x + icon + 1.4 * u, band.center().y() + cap / 2), label)
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
    painter.setFont(small)
    painter.setPen(ink)
    painter.drawText(
        QPointF(cx - 2.2 * u - r - 1.2 * u - _advance(small, side), cy + small_cap / 2), side
    )


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


def avatar_initials(name: str) -> str:
    """Up to two initials for a placeholder avatar: ``Sanae Takaichi`` is ``ST``.

    Leading punctuation is skipped; an Arabic word's article ``ال`` is too (else
    every state and ministry, ``المملكة العربية السعودية``, would be two alifs
    that read as ``II``), and Arabic initials are kept apart by a zero-width
    non-joiner so they show as letters, not as a joined word.
    """
    letters = []
    for word in name.split():
        word = "".join(ch for ch in word if ch.isalnum())
        if not word:
            continue
        if _is_arabic(word[0]) and word.startswith("\u0627\u0644") and len(word) > 3:
            word = word[2:]
        letters.append(word[0])
        if len(letters) == 2:
            break
    if not letters:
        return "?"
    joiner = "\u200c" if any(_is_arabic(ch) for ch in letters) else ""
    return joiner.join(letters).upper()


def _draw_avatar(painter: QPainter, rect: QRectF, card: Card, theme: Theme) -> None:
    image = None
    if card.image is not None:  # the image reader is imported for the first portrait
        from .images import load_picture

        image = load_picture(str(card.image))
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
        initials = avatar_initials(card.front.headline)
        px = max(7, round(rect.height() * 0.34))
        # The card text's font: real glyphs for any script, and bold where the bundled
        # CJK font is variable (its own default weight is Thin).
        painter.setFont(text_font(families_for(initials, theme.sans), px, bold=True))
        painter.setPen(theme.category_color(card.category))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), initials)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(theme.category_color(card.category), max(1.0, rect.width() * 0.025)))
    painter.drawEllipse(rect)
    painter.restore()


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
    painter.drawText(
        QRectF(box.left(), rect.center().y() - 6 * u, box.width(), 5 * u),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
        title,
    )
    painter.setPen(theme.color("muted"))
    painter.setFont(body_font)
    painter.drawText(
        QRectF(box.left(), rect.center().y() + 0.5 * u, box.width(), 10 * u),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
        message,
    )
    painter.restore()


__all__ = [
    "BACK",
    "FRONT",
    "FaceLayout",
    "card_rect",
    "corner_radius",
    "draw_layout",
    "layout_face",
    "paint_blank_card",
    "paint_card",
    "paint_message",
    "paint_shadow",
    "paint_stage",
    "render_card_image",
    "unit",
]
