"""Text for the PDF handout: colours, fonts, styles and laid-out paragraphs.

Every word is drawn as text (``QTextLayout``), so the PDF is selectable and searchable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPaintDevice, QPainter, QTextLayout, QTextOption

from ..core.cards import Category
from ..core.scripts import has_cjk
from ..paint.fonts import can_slant, ensure_cjk_font

SANS = ["Inter", "Helvetica Neue", "Helvetica", "Arial", "DejaVu Sans", "Noto Sans", "sans-serif"]
SERIF = ["Georgia", "Charter", "DejaVu Serif", "Noto Serif", "Times New Roman", "serif"]

_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2029]")

INK = QColor("#1f2430")
MUTED = QColor("#5d6472")
FAINT = QColor("#9aa1ad")
RULE = QColor("#d9dce2")
ACCENTS = {
    Category.TITLE: QColor("#27324a"),
    Category.ACTOR: QColor("#2f6db5"),
    Category.QUOTE: QColor("#c0641a"),
    Category.MEASURE: QColor("#2e8a57"),
    Category.IMPLICATION: QColor("#7a4cc2"),
}


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
        # A variable font (the bundled Noto Sans CJK) would otherwise print its default, Thin.
        font.setVariableAxis(QFont.Tag("wght"), float(self.weight.value))
        font.setItalic(self.italic)
        if self.letter_spacing:
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100 + self.letter_spacing)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        # no ligatures: "ﬀ" would stop a search for "ff" in some PDF viewers
        for feature in ("liga", "clig"):
            font.setFeature(QFont.Tag(feature), 0)
        return font


QUOTE = Style(13, italic=True, serif=True, spacing=1.3)
LABEL = Style(7.5, QFont.Weight.Bold, color=QColor(MUTED), letter_spacing=4)
BODY = Style(9, spacing=1.3)
SMALL = Style(7.5, color=QColor(MUTED))


def _font_for(text: str, style: Style, scale: float) -> QFont:
    """The style's font with the glyphs ``text`` needs, as the cards have them.

    Chinese, Japanese and Korean add a CJK face (the bundled Noto Sans CJK when
    no installed font covers them), and a text that wants italic is set
    upright in the sans face when the italic one lacks its letters (Arabic in
    DejaVu Serif Italic would otherwise print as empty boxes). CJK is never slanted.
    """
    font = style.font(scale)
    families = SERIF if style.serif else SANS
    if style.italic and not can_slant(text, font):
        font.setItalic(False)
        families = SANS
    if has_cjk(text):
        # After the Latin faces, not before as on screen: Qt falls back glyph by glyph
        # through the list, and Latin letters and digits drawn from the CJK face are
        # read back wrong by PDF text extraction (search, copy).
        families = [*families, *ensure_cjk_font()]
    font.setFamilies(list(families))
    return font


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
        rtl: bool = False,
    ) -> None:
        self.style = style
        self.font = _font_for(text, style, scale)
        text = _LINE_BREAKS.sub("\u2028", text).replace("\t", " ")
        self.layout = QTextLayout(text, self.font, device)
        if rtl and align == Qt.AlignmentFlag.AlignLeft:
            align = Qt.AlignmentFlag.AlignRight  # a right-to-left text starts on the right
        option = QTextOption(align)
        if rtl:
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
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

    @property
    def natural_width(self) -> float:
        """The widest line's width as set (no wider than the width laid out at)."""
        return max(
            (self.layout.lineAt(i).naturalTextWidth() for i in range(self.layout.lineCount())),
            default=0.0,
        )

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.setPen(self.style.color)
        self.layout.draw(painter, QPointF(x, y))
