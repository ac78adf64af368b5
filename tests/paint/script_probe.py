"""Run in a fresh process (fonts are fixed when Qt starts): lay out and draw quote cards in
several scripts and print, as JSON, what the tests check. Usage: script_probe.py OUT_DIR."""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, QSize

from briefing_app.core.cards import Card, Category, Face
from briefing_app.paint.card_painter import card_rect, layout_face, render_card_image
from briefing_app.paint.theme import light_theme

QUOTES = {
    "arabic": "نحن ملتزمون بالسلام والاستقرار في المنطقة منذ عام 2025 وسنواصل العمل مع شركائنا "
    "من أجل مستقبل أفضل لشعوبنا جميعا",
    "japanese": "台湾有事は存立危機事態になり得る。政府の立場は一貫している",
    "chinese": "我们坚决反对任何形式的干涉",
    "english": "Coercion will meet collective resolve",
}
SIZE = QSize(1000, 560)


def probe(name: str, text: str, out: str) -> dict[str, object]:
    card = Card(f"{name}-q", Category.QUOTE, Face(text), Face("Speaker"))
    theme = light_theme()
    stage = QRectF(0, 0, SIZE.width(), SIZE.height())
    layout = layout_face(card, "front", card_rect(stage), theme)
    block, pos = layout.blocks[0]
    assert block.layout is not None
    missing = 0
    families = set()
    for run in block.layout.glyphRuns():
        missing += sum(1 for g in run.glyphIndexes() if g == 0)  # glyph 0 is the empty box
        families.add(run.rawFont().familyName())
    lines = []
    for n in range(block.layout.lineCount()):
        line = block.layout.lineAt(n)
        left = pos.x() + line.x() + line.naturalTextRect().left()
        lines.append(
            {
                "left": left,
                "right": left + line.naturalTextWidth(),
                "top": pos.y() + line.y(),
                "height": line.height(),
            }
        )
    image = render_card_image(card, "front", SIZE, theme)
    path = os.path.join(out, f"{name}.png")
    image.save(path)
    box = layout.text_box or layout.content
    return {
        "missing_glyphs": missing,
        "families": sorted(families),
        "italic": block.italic,
        "rtl": layout.rtl,
        "mark": layout.quote_mark,
        "box_left": box.left(),
        "box_right": box.right(),
        "lines": lines,
        "png": path,
        "text_color": theme.text,
    }


def pdf_fonts(out: str) -> list[str]:
    """The fonts a PDF of Japanese text (the exam sheet's text path) embeds, by name."""
    import re

    from PySide6.QtGui import QPainter, QPdfWriter

    from briefing_app.export.pdf_text import BODY, LABEL, Text

    path = os.path.join(out, "japanese.pdf")
    writer = QPdfWriter(path)
    painter = QPainter(writer)
    for n, style in enumerate((BODY, LABEL)):
        Text(writer, QUOTES["japanese"], style, 4000).draw(painter, 100, 300 + 400 * n)
    painter.end()
    with open(path, "rb") as pdf:
        return sorted({m.decode() for m in re.findall(rb"/BaseFont /([^\s/]*)", pdf.read())})


def widget_missing_glyphs() -> int:
    """Glyph boxes in Japanese set in a quiz window's own font (Qt's fallback, no card)."""
    from PySide6.QtGui import QTextLayout

    from briefing_app.core.pack import parse_pack
    from briefing_app.ui.quiz.view import QuizView

    raw = {
        "format": "briefing-pack",
        "version": 1,
        "id": "ja",
        "title": "日本",
        "language": "ja",
        "actors": [{"id": "a", "name": "経済産業省"}, {"id": "b", "name": "新潟県"}],
        "quotes": [],
        "measures": [{"id": "m", "actor": "a", "title": "次世代革新炉の開発支援"}],
        "implications": [],
    }
    view = QuizView(parse_pack(json.dumps(raw, ensure_ascii=False).encode()))
    layout = QTextLayout(QUOTES["japanese"], view.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for g in run.glyphIndexes() if g == 0)


def avatar_ink(name: str) -> float:
    """The share of an actor's placeholder picture (initials over a tint) its initials ink."""
    from PySide6.QtGui import QColor

    card = Card("a", Category.ACTOR, Face(name), Face(name))
    theme = light_theme()
    stage = QRectF(0, 0, SIZE.width(), SIZE.height())
    avatar = layout_face(card, "front", card_rect(stage), theme).avatar
    assert avatar is not None
    image = render_card_image(card, "front", SIZE, theme)
    ink = QColor(theme.category_color(Category.ACTOR))
    inner = avatar.adjusted(*(avatar.width() * f for f in (0.25, 0.25, -0.25, -0.25)))
    pixels = [
        image.pixelColor(x, y)
        for x in range(round(inner.left()), round(inner.right()))
        for y in range(round(inner.top()), round(inner.bottom()))
    ]
    near = sum(
        1
        for c in pixels
        if abs(c.red() - ink.red()) + abs(c.green() - ink.green()) + abs(c.blue() - ink.blue())
        < 150
    )
    return near / len(pixels)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = sys.argv[1]
    boxes = widget_missing_glyphs()  # first: nothing has registered a CJK font yet
    found: dict[str, object] = {name: probe(name, text, out) for name, text in QUOTES.items()}
    found["pdf_fonts"] = pdf_fonts(out)
    found["widget_missing_glyphs"] = boxes
    found["avatar_ink"] = {"japanese": avatar_ink("日本政府"), "english": avatar_ink("Japan")}
    print(json.dumps(found))
    del app


if __name__ == "__main__":
    main()
