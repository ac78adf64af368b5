"""The "Who said it?" exam: numbered quotes with answer lines, the answer key last."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QPainter

from ..core.cards import Category
from ..core.exam import ExamSheet, exam_sheet
from ..core.models import Pack, Quote
from ..core.scripts import is_rtl, quoted
from .pdf_frame import Page, _Doc, _header, _pen
from .pdf_text import BODY, FAINT, INK, MUTED, Style, Text

EXAM_QUOTE = Style(11, italic=True, serif=True, spacing=1.35)
EXAM_PROMPT = Style(9, color=QColor(MUTED))


EXAM_SUBTITLE = Style(11, color=QColor(MUTED), spacing=1.3)
EXAM_BANK = Style(10, spacing=1.45)


def _sheet(doc: _Doc) -> ExamSheet:
    if doc.exam is None:
        doc.exam = exam_sheet(doc.pack)
    return doc.exam


def _asked(doc: _Doc, position: int) -> Quote:
    """The quote asked as question ``position + 1``."""
    return doc.pack.quotes[_sheet(doc).order[position]]


def _leading(doc: _Doc, text: str, style: Style, width: float) -> Text:
    """``text`` laid out in its own direction, starting at the left of the sheet.

    A right-to-left text reads from the right, so a one-line one is set at its own
    width: it then starts beside its number instead of across the page from it.
    """
    rtl = is_rtl(text, doc.pack.language)
    laid = doc.text(text, style, width, rtl=rtl)
    if rtl and laid.layout.lineCount() == 1:
        laid = doc.text(text, style, min(width, laid.natural_width + 1), rtl=True)
    return laid


def _exam_title(doc: _Doc) -> Text:
    return _leading(doc, doc.pack.title, EXAM_SUBTITLE, doc.content.width())


def _name_bank(doc: _Doc) -> Text:
    # no-break spaces inside a name, so a line never ends halfway through one
    names = "   \u00b7   ".join(n.replace(" ", "\u00a0") for n in _sheet(doc).names)
    return doc.text(f"Names to choose from:   {names}", EXAM_BANK, doc.content.width())


def _exam_intro(doc: _Doc) -> Text:
    intro = (  # the seed on a line of its own, never split across two
        "Write the name of the person or body who said each quote. "
        f"The answers are on the last page.\nQuestion order: seed {_sheet(doc).seed}."
    )
    return doc.text(intro, Style(9.5, color=QColor(MUTED)), doc.content.width())


def _exam_intro_height(doc: _Doc) -> float:
    """Heading, title, instructions, the name line and the name bank on the first sheet."""
    bank = _name_bank(doc).height + doc.mm(6) if doc.pack.quotes else 0.0
    return doc.mm(31) + _exam_title(doc).height + _exam_intro(doc).height + bank


def _exam_item(doc: _Doc, number: int, text: str) -> tuple[Text, float]:
    """The quote's text block and the item's full height (quote, answer line, gap)."""
    indent = doc.mm(10)
    quote = _leading(doc, quoted(text, doc.pack.language), EXAM_QUOTE, doc.content.width() - indent)
    return quote, quote.height + doc.mm(13)


def _key_plan_page(columns: list[list[int]], first: bool) -> Page:
    flat = [i for column in columns for i in column]
    return Page("key", items=flat, first=first, column_break=len(columns[0]))


def _plan_exam(doc: _Doc, pack: Pack) -> list[Page]:
    pages: list[Page] = []
    current: list[int] = []
    key_head = doc.mm(22)  # the key's title and its note
    y = _exam_intro_height(doc)
    for index in range(len(pack.quotes)):
        _, height = _exam_item(doc, index + 1, _asked(doc, index).text)
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
    for index in range(len(pack.quotes)):
        height = _key_entry(doc, pack, index, _asked(doc, index).actor).height + doc.mm(1.5)
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
            _key_entry(doc, pack, i, _asked(doc, i).actor).height + doc.mm(1.5) for i in flat
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
        intro = _exam_intro(doc)
        intro.draw(painter, x, y)
        y += intro.height + doc.mm(4)
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
        if pack.quotes:
            bank = _name_bank(doc)
            bank.draw(painter, x, y + doc.mm(6))
        y = doc.content.top() + _exam_intro_height(doc)
        if not pack.quotes:
            doc.text("This pack has no quotes.", BODY, width).draw(painter, x, y)
    indent = doc.mm(10)
    for index in page.items:
        quote, height = _exam_item(doc, index + 1, _asked(doc, index).text)
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
        entry = _key_entry(doc, doc.pack, index, _asked(doc, index).actor)
        entry.draw(painter, x, y)
        y += entry.height + doc.mm(1.5)
