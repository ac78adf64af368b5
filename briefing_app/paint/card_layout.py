"""Laying out a card face: which text blocks, at which sizes, where; shrinking to fit.

Pure geometry and ``QTextLayout`` (plain text, never HTML); ``card_painter``
draws the result. Sizes are in units of ``u`` (about 1/110 of a 16:9 card's
width) so the layout is the same on a widget, an image or a PDF page. When text
does not fit, every font on the face shrinks together (binary search); only
beyond the smallest readable size is the last block elided with an ellipsis.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QTextLayout,
    QTextOption,
)

from ..core.cards import Card, CardFace, Category, Face
from ..core.scripts import is_rtl, quote_marks
from .fonts import can_slant, families_for
from .theme import Theme

FRONT = CardFace.FRONT
BACK = CardFace.BACK
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
    rtl: bool = False  # laid out and aligned right to left
    # The app's own words (labels, "As of") and the line under the headline: they stand
    # on the side the face reads from, whatever their own letters.
    frame: bool = False
    layout: QTextLayout | None = field(default=None, repr=False)
    height: float = 0.0
    width: float = 0.0
    pad: float = 0.0  # a chip's inner padding, once laid out


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
    quote_mark: str = "\u201c"  # the opening mark of the quote's script
    rtl: bool = False  # the quote reads right to left: mark and bar stand on the right
    text_box: QRectF | None = None  # where the text goes (the quote mark stands beside it)
    overflow: float = 0.0  # how far the text runs below the box at the smallest readable size

    def texts(self) -> list[str]:
        """What the face shows, in reading order (used for accessibility and tests)."""
        return [b.text for b, _ in self.blocks]


def corner_radius(rect: QRectF) -> float:
    return max(4.0, min(rect.width(), rect.height()) * 0.035)


def unit(rect: QRectF) -> float:
    """The layout unit: about 1/110 of a 16:9 card's width."""
    return max(1.0, min(rect.width(), rect.height() * 16 / 9) / 110)


# --- layout -------------------------------------------------------------------------


def _front_blocks(card: Card, theme: Theme) -> list[Block]:
    """A front: the headline (a quote set large in serif), a subline or chip, detail chips."""
    f = card.front
    cat = card.category
    color = theme.category_color(cat)
    text = theme.color("text")
    muted = theme.color("muted")
    blocks: list[Block] = []
    if cat is Category.QUOTE:
        n = len(f.headline)
        size = 6.2 if n < 60 else 4.8 if n < 160 else 3.8
        blocks.append(
            Block(f.headline, "quote", text, size, serif=True, italic=True, line_spacing=1.14)
        )
    else:
        size = 5.6 if cat in (Category.TITLE, Category.ACTOR) else 4.7
        blocks.append(Block(f.headline, "headline", text, size, bold=True, line_spacing=1.02))
    chip = theme.category_tint(cat)
    if f.subline and cat is Category.MEASURE:
        blocks.append(Block(f.subline, "chip", color, 1.9, bold=True, space_before=3.0, chip=chip))
    elif f.subline:
        blocks.append(Block(f.subline, "subline", muted, 2.6, space_before=1.6, frame=True))
    for d in f.details:
        label = f"{d.label} {d.text}"
        blocks.append(
            Block(label, "chip", color, 1.8, bold=True, space_before=3.0, chip=chip, frame=True)
        )
    return blocks


def _section_label(label: str, color: QColor, *, first: bool) -> Block:
    """A small capitalised label over a detail or a list on the back."""
    gap = 3.0 if first else 2.2
    return Block(
        label.upper(),
        "label",
        color,
        1.45,
        bold=True,
        space_before=gap,
        letter_spacing=0.12,
        frame=True,
    )


def face_blocks(card: Card, face: str, theme: Theme, language: str | None = None) -> list[Block]:
    """The text blocks of a face, in reading order, with their roles and unscaled sizes."""
    f: Face = card.front if face == FRONT else card.back
    cat = card.category
    color = theme.category_color(cat)
    text = theme.color("text")
    muted = theme.color("muted")
    if face == FRONT:
        return _with_families(_front_blocks(card, theme), theme, language)
    blocks: list[Block] = []
    if f.kicker:
        blocks.append(
            Block(f.kicker, "quote", muted, 2.6, serif=True, italic=True, line_spacing=1.1)
        )
    blocks.append(
        Block(
            f.headline,
            "headline",
            text,
            3.6 if cat is not Category.TITLE else 3.9,
            bold=True,
            space_before=1.6 if f.kicker else 0.0,
        )
    )
    if f.subline:
        blocks.append(Block(f.subline, "subline", muted, 2.1, space_before=0.7, frame=True))
    labels = 0  # the first labelled section sits further from the headline
    for d in f.details:
        blocks.append(_section_label(d.label, color, first=labels == 0))
        labels += 1
        blocks.append(Block(d.text, "body", text, 2.3, space_before=0.5, line_spacing=1.12))
    for listing in f.listings:
        blocks.append(_section_label(listing.label, color, first=labels == 0))
        labels += 1
        entries = list(listing.entries[:MAX_LIST_ENTRIES])
        for entry in entries:
            blocks.append(
                Block(
                    entry,
                    "item",
                    text,
                    2.05,
                    space_before=0.7,
                    indent=2.4,
                    bullet=True,
                    line_spacing=1.08,
                )
            )
        extra = len(listing.entries) - len(entries)
        if extra > 0:
            blocks.append(
                Block(
                    f"and {extra:,} more",
                    "item",
                    muted,
                    1.7,
                    space_before=0.7,
                    indent=2.4,
                    italic=True,
                    frame=True,
                )
            )
    return _with_families(blocks, theme, language)


def _with_families(blocks: list[Block], theme: Theme, language: str | None) -> list[Block]:
    """Fonts with real glyphs for each block's script, and its reading direction.

    A block that wants italic is set upright in the sans face when the italic
    face lacks a letter (Arabic in DejaVu Serif Italic) or the text is CJK. The
    app's own words (section labels, "As of ..." chips) and the line under the
    headline stand on the side the face's first block reads from: on an Arabic
    card, at the right, under the name or over the text they name.
    """
    face_rtl = bool(blocks) and is_rtl(blocks[0].text, language)
    for b in blocks:
        b.rtl = face_rtl if b.frame else is_rtl(b.text, language)
        if b.italic:
            probe = QFont()
            probe.setFamilies(list(theme.serif if b.serif else theme.sans))
            probe.setItalic(True)
            if not can_slant(b.text, probe):
                b.italic = False
                b.serif = False
        b.families = families_for(b.text, theme.serif if b.serif else theme.sans)
    return blocks


def layout_face(
    card: Card,
    face: str,
    rect: QRectF,
    theme: Theme,
    text_scale: float = 1.0,
    device: QPaintDevice | None = None,
    min_px: float = 0.0,
    language: str | None = None,
) -> FaceLayout:
    """Lay the face out in ``rect``: the largest font scale (≤ ``text_scale``) that fits.

    With ``min_px`` (the window passes about 14 px times the zoom), body text never
    shrinks below that size: what does not fit then runs on (``overflow``) for the
    view to scroll, instead of being cut with an ellipsis. The pack's ``language``
    decides the direction of text with no letters of its own and the quote marks.
    """
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
    blocks = face_blocks(card, face, theme, language)
    face_rtl = bool(blocks) and blocks[0].rtl  # the side the face reads from
    if card.category is Category.ACTOR:
        avatar = _place_avatar(face, content, text_box, u, face_rtl)
    quote_bar: QRectF | None = None
    is_quote = card.category is Category.QUOTE and face == FRONT
    quote_rtl = is_quote and face_rtl
    if is_quote:
        if quote_rtl:
            text_box.setRight(content.right() - 9.0 * u)
        else:
            text_box.setLeft(content.left() + 9.0 * u)
        text_box.setBottom(content.bottom() - 3.0 * u)
    floor = _readable_floor(blocks, u, text_scale, min_px)
    fit, total, elided = _fit(blocks, text_box, u, text_scale, device, floor)
    overflow = max(0.0, total - text_box.height()) if floor is not None else 0.0
    centred = face == FRONT and not overflow
    y = text_box.top()
    if centred and total < text_box.height():
        y += (text_box.height() - total) / 2
    placed: list[tuple[Block, QPointF]] = []
    for i, b in enumerate(blocks):
        if b.layout is None:
            continue
        if i:
            y += b.space_before * u * fit
        placed.append((b, QPointF(_block_x(b, text_box, u * fit), y)))
        y += b.height
    if is_quote and placed:
        last, pos = placed[-1]
        bar_x = text_box.right() - 9 * u if quote_rtl else text_box.left()
        quote_bar = QRectF(bar_x, pos.y() + last.height + 2.6 * u, 9 * u, 0.5 * u)
    mark = quote_marks(card.front.headline, language)[0]
    return FaceLayout(
        card,
        face,
        rect,
        u,
        band,
        content,
        placed,
        avatar,
        quote_bar,
        fit,
        elided,
        mark,
        quote_rtl,
        text_box,
        overflow,
    )


def _place_avatar(face: str, content: QRectF, text_box: QRectF, u: float, rtl: bool) -> QRectF:
    """An actor's picture: before the name on the front (on the side it reads from),
    in the far corner on the back; ``text_box`` gives it its room."""
    front = face == FRONT
    d = min(content.height() * (0.78 if front else 0.3), (24 if front else 9) * u)
    gap = 4.5 * u if front else 3 * u
    at_left = front != rtl  # the front's reading side, the back's other side
    top = content.center().y() - d / 2 if front else content.top()
    if at_left:
        avatar = QRectF(content.left(), top, d, d)
        text_box.setLeft(avatar.right() + gap)
    else:
        avatar = QRectF(content.right() - d, top, d, d)
        text_box.setRight(avatar.left() - gap)
    return avatar


def _block_x(b: Block, box: QRectF, scaled_u: float) -> float:
    """Where a block starts: indented from its reading side; a right-to-left chip hugs the right."""
    if b.rtl and b.chip is not None:
        return box.right() - (b.width + 2 * b.pad)
    if b.rtl:
        return box.left()  # the lines are right-aligned inside the full width
    return box.left() + b.indent * scaled_u


@dataclass(frozen=True)
class _Laid:
    """One block laid out at one font size and width: what ``_lay`` gives the block."""

    layout: QTextLayout
    width: float
    height: float
    pad: float


def _px(b: Block, u: float, scale: float) -> int:
    return max(9, round(b.size * u * scale))


def _spacing(b: Block, u: float, scale: float) -> float:
    return b.letter_spacing * b.size * u * scale if b.letter_spacing else 0.0


def _font_for(b: Block, u: float, scale: float) -> QFont:
    return text_font(b.families, _px(b, u, scale), b.bold, b.italic, _spacing(b, u, scale))


@lru_cache(maxsize=256)
def text_font(
    families: tuple[str, ...], px: int, bold: bool, italic: bool = False, spacing: float = 0.0
) -> QFont:
    """A card's text font, built once per distinct look: a face lays its blocks at many
    trial sizes and every card repeats the same few (shared, so never changed by a caller)."""
    f = QFont()
    f.setFamilies(list(families))
    f.setPixelSize(px)
    weight = QFont.Weight.Bold if bold else QFont.Weight.Normal
    f.setWeight(weight)
    # A variable font (the bundled Noto Sans CJK) would otherwise show its default, Thin.
    f.setVariableAxis(QFont.Tag("wght"), float(weight.value))
    f.setItalic(italic)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # No ligatures: in a PDF handout "ffi" drawn as one glyph is found by no search.
    f.setFeature(QFont.Tag("liga"), 0)
    if spacing:
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return f


def _line_width(b: Block, width: float, u: float, scale: float) -> float:
    """The width a block is laid out in, before a chip's own measuring."""
    return width - b.indent * u * scale if b.bullet and b.chip is None else width


def _lay(b: Block, width: float, u: float, scale: float, device: QPaintDevice | None) -> float:
    return _apply(b, _laid(b, width, u, scale, device))


def _apply(b: Block, laid: _Laid) -> float:
    b.layout, b.width, b.height = laid.layout, laid.width, laid.height
    if b.chip is not None:
        b.pad = laid.pad
    return b.height


def _laid(b: Block, width: float, u: float, scale: float, device: QPaintDevice | None) -> _Laid:
    font = _font_for(b, u, scale)
    pad = 0.0
    if b.chip is not None:
        fm = QFontMetricsF(font)
        pad = fm.height() * 0.55
        width = min(width, fm.horizontalAdvance(b.text) + 2 * pad + 2)
        width = max(width - 2 * pad, fm.height())
    else:
        width = _line_width(b, width, u, scale)
    layout = QTextLayout(b.text.replace("\n", LINE_SEPARATOR), font, device)
    layout.setTextOption(_text_option(b.rtl))
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    widest = 0.0
    width, spacing, create = max(1.0, width), b.line_spacing, layout.createLine
    while (line := create()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        natural = line.naturalTextWidth()
        if natural > widest:
            widest = natural
        y += line.height() * spacing
    layout.endLayout()
    if b.line_spacing > 1 and y:
        y -= layout.lineAt(layout.lineCount() - 1).height() * (b.line_spacing - 1)
    height = y + (QFontMetricsF(font).height() * 0.6 if b.chip is not None else 0.0)
    return _Laid(layout, widest, height, pad)


@lru_cache(maxsize=2)
def _text_option(rtl: bool) -> QTextOption:
    """Wrapping and direction (copied into each layout, so one object serves all)."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    if rtl:
        # Every line right-aligned, not only the first: the direction is set, not guessed.
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    else:
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    return option


class _Labels:
    """Section labels laid out lately ("SUMMARY", "QUOTES"), by everything their layout
    depends on; the least recently used go first beyond ``limit`` entries.

    Every card of a handout has the same size, so the same few labels are laid out at
    the same trial sizes card after card, each with its own letter spacing (a new font).
    A layout is never changed once made, only drawn and measured, so faces may share
    one; only the GUI thread paints, so this needs no lock.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.entries: OrderedDict[tuple[object, ...], _Laid] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> _Laid | None:
        laid = self.entries.get(key)
        if laid is not None:
            self.entries.move_to_end(key)
        return laid

    def put(self, key: tuple[object, ...], laid: _Laid) -> None:
        self.entries[key] = laid
        if len(self.entries) > self.limit:
            self.entries.popitem(last=False)


_LABELS = _Labels(1024)


def _device_key(device: QPaintDevice | None) -> tuple[int, int, int] | None:
    """What a layout takes from its device: the resolution its fonts are sized for."""
    if device is None:
        return None
    return device.devType(), device.logicalDpiX(), device.logicalDpiY()


class _Sizer:
    """Lays a face's blocks out at trial scales, each block once per font size and width.

    The shrink-to-fit search tries up to nine scales, and a block whose rounded pixel
    size did not change between two of them is laid out the same: it is kept, not
    redone (a label laid out alike on an earlier card too). A trial that only asks
    whether the text fits stops at the first block that overflows (heights are never
    negative, so the answer is the same).
    """

    def __init__(
        self, blocks: list[Block], box: QRectF, u: float, device: QPaintDevice | None
    ) -> None:
        self.blocks, self.box, self.u, self.device = blocks, box, u, device
        self.seen: dict[tuple[int, int, float, float], _Laid] = {}
        self.device_key = _device_key(device)

    def _block(self, i: int, scale: float) -> _Laid:
        b, u, width = self.blocks[i], self.u, self.box.width()
        key = (i, _px(b, u, scale), _spacing(b, u, scale), _line_width(b, width, u, scale))
        laid = self.seen.get(key)
        if laid is None:
            laid = self.seen[key] = self._lay(b, key, scale)
        return laid

    def _lay(self, b: Block, key: tuple[int, int, float, float], scale: float) -> _Laid:
        """Laid out now, or a label's layout from an earlier card with the same inputs."""
        if not b.letter_spacing:
            return _laid(b, self.box.width(), self.u, scale, self.device)
        shared: tuple[object, ...] = (b.text, b.families, b.bold, b.italic, b.line_spacing)
        shared += (b.chip is not None, b.rtl, *key[1:], self.box.width(), self.device_key)
        laid = _LABELS.get(shared)
        if laid is None:
            laid = _laid(b, self.box.width(), self.u, scale, self.device)
            _LABELS.put(shared, laid)
        return laid

    def total(self, scale: float) -> float:
        """The height of every block at ``scale``, each block left laid out at it."""
        total = 0.0
        for i, b in enumerate(self.blocks):
            total += _apply(b, self._block(i, scale))
            if i:
                total += b.space_before * self.u * scale
        return total

    def fits(self, scale: float) -> bool:
        """Whether the blocks fit the box at ``scale`` (the blocks are left as they were)."""
        limit = self.box.height()
        total = 0.0
        for i, b in enumerate(self.blocks):
            total += self._block(i, scale).height
            if i:
                total += b.space_before * self.u * scale
            if total > limit:
                return False
        return True


READABLE_ROLES = frozenset({"quote", "headline", "subline", "body", "item"})


def _readable_floor(
    blocks: list[Block], u: float, text_scale: float, min_px: float
) -> float | None:
    """The smallest fit factor that keeps reading text at ``min_px``; None without a minimum."""
    if min_px <= 0:
        return None
    sizes = [b.size for b in blocks if b.role in READABLE_ROLES]
    if not sizes:
        return None
    # Above 1 on a small card: the design sizes would be too small to read there.
    return max(MIN_FIT, min_px / (min(sizes) * u * text_scale))


def _fit(
    blocks: list[Block],
    box: QRectF,
    u: float,
    text_scale: float,
    device: QPaintDevice | None,
    floor: float | None = None,
) -> tuple[float, float, bool]:
    """Lay out at the largest scale that fits; returns (fit factor, height, elided).

    With a ``floor``, nothing is elided: below it the text keeps its size and runs on.
    """
    sizer = _Sizer(blocks, box, u, device)
    if floor is not None and floor >= 1.0:  # small card: the readable size, run on if needed
        return floor, sizer.total(text_scale * floor), False
    if not blocks or sizer.fits(text_scale):
        return 1.0, sizer.total(text_scale), False
    if floor is not None and not sizer.fits(text_scale * floor):
        return floor, sizer.total(text_scale * floor), False
    lo, hi = (floor or MIN_FIT), 1.0
    best: float | None = None
    for _ in range(7):
        mid = (lo + hi) / 2
        if sizer.fits(text_scale * mid):
            best, lo = mid, mid
        else:
            hi = mid
    if best is None and floor is not None:
        best = floor  # it fits at the floor (checked above)
    if best is not None:
        return best, sizer.total(text_scale * best), False
    # Still too long at the smallest readable size: keep what fits, elide the rest.
    sizer.total(text_scale * MIN_FIT)
    return MIN_FIT, _elide(blocks, box, u, text_scale * MIN_FIT, device), True


def _elide(
    blocks: list[Block], box: QRectF, u: float, scale: float, device: QPaintDevice | None
) -> float:
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
