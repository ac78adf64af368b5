"""Small QPainter charts for the statistics view: tiles, bar lists and column charts.

Drawn by hand rather than with QtCharts, which is not in PySide6-Essentials
and would add megabytes for four pictures. Every chart paints its own panel
(rounded surface, title) from a ``Theme``, so light and dark both look right,
and all text, pack content included, is drawn as plain text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...paint.theme import Theme

PAD = 18.0
TITLE_H = 24.0
RADIUS = 12.0


def nice_ceiling(value: float) -> int:
    """A round axis top at or above ``value`` (1, 2, 3, 4, 5, 6, 8 times a power of ten)."""
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 3, 4, 5, 6, 8, 10):
        if step * exponent >= value:
            return max(1, int(step * exponent))
    return int(10 * exponent)


class ChartPanel(QWidget):
    """A rounded panel with a title; subclasses draw into ``content_rect``."""

    def __init__(self, theme: Theme, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.title = title
        self.setAccessibleName(title)
        # A Tab stop, so the keyboard (and a screen reader following focus) reaches
        # each chart and hears its name and numbers; the ring shows where focus is.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def content_rect(self) -> QRectF:
        top = PAD + (TITLE_H + 8 if self.title else 0)
        return QRectF(PAD, top, self.width() - 2 * PAD, self.height() - top - PAD)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        t = self.theme
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(QPen(t.color("border"), 1))
        p.setBrush(t.color("surface"))
        if self.hasFocus():
            box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
            p.setPen(QPen(t.color("accent"), 2))
        p.drawRoundedRect(box, RADIUS, RADIUS)
        if self.title:
            p.setPen(t.color("text"))
            p.setFont(t.font(15, weight=QFont.Weight.DemiBold))
            title_rect = QRectF(PAD, PAD, self.width() - 2 * PAD, TITLE_H)
            p.drawText(
                title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title
            )
            self.paint_header_extra(p, title_rect)
        self.paint_content(p, self.content_rect())
        p.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paint_header_extra(self, p: QPainter, rect: QRectF) -> None:
        """Room on the title's line, right-aligned (a legend, say)."""

    def paint_content(self, p: QPainter, rect: QRectF) -> None:
        """Draw the chart itself."""

    def paint_empty(self, p: QPainter, rect: QRectF, text: str) -> None:
        p.setPen(self.theme.color("muted"))
        p.setFont(self.theme.font(13, italic=True))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


class StatTile(ChartPanel):
    """A headline number with what it counts and a line of context."""

    HEIGHT = 112  # with one caption line
    LINE = 18  # one more caption line

    def __init__(self, theme: Theme, label: str, color: str = "", parent: QWidget | None = None):
        super().__init__(theme, "", parent)
        self.label = label
        self.value = "–"
        self.caption = ""
        self.color = color
        self.setAccessibleName(label)
        # Minimum, not Fixed: a tile beside a two-line one grows to the same height.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_value(self, value: str, caption: str = "") -> None:
        self.value, self.caption = value, caption
        text = f"{self.label}: {value}" + (f" ({caption})" if caption else "")
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(200))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """One caption line when it fits, else two (the caption is never cut short)."""
        return self.HEIGHT + (self.LINE if self._caption_lines(width) > 1 else 0)

    def _caption_width(self, width: float) -> float:
        return width - 2 * PAD - 16

    def _caption_lines(self, width: float) -> int:
        fm = QFontMetricsF(self.theme.font(12.5))
        return 1 if fm.horizontalAdvance(self.caption) <= self._caption_width(width) else 2

    def paint_content(self, p: QPainter, rect: QRectF) -> None:
        t = self.theme
        accent = QColor(self.color) if self.color else t.color("accent")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(accent)
        p.drawRoundedRect(QRectF(rect.left(), rect.top() + 3, 4, rect.height() - 6), 2, 2)
        x = rect.left() + 16
        width = rect.right() - x
        p.setPen(t.color("muted"))
        p.setFont(t.font(12, weight=QFont.Weight.DemiBold))
        fm = QFontMetricsF(p.font())
        p.drawText(
            QRectF(x, rect.top(), width, 18),
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(self.label.upper(), Qt.TextElideMode.ElideRight, width),
        )
        p.setPen(t.color("text"))
        size = 30.0
        while (
            size > 18
            and QFontMetricsF(t.font(size, weight=QFont.Weight.Bold)).horizontalAdvance(self.value)
            > width
        ):
            size -= 1
        p.setFont(t.font(size, weight=QFont.Weight.Bold))
        p.drawText(
            QRectF(x, rect.top() + 18, width, 40),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.value,
        )
        p.setPen(t.color("muted"))
        p.setFont(t.font(12.5))
        fm = QFontMetricsF(p.font())
        lines = self._caption_lines(self.width())
        text = self.caption
        if lines > 1:  # break at the " · " between its parts where it can, else at a space
            head, sep, tail = text.rpartition(" \u00b7 ")
            if sep and fm.horizontalAdvance(head) <= width:
                text = f"{head}\n{tail}"
        p.drawText(
            QRectF(x, rect.top() + 58, width, self.LINE * lines),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            text,
        )


@dataclass(frozen=True)
class BarRow:
    """One labelled bar: ``right`` of ``total``, drawn as a share, in ``color``."""

    label: str
    right: int
    total: int
    color: str
    detail: str = ""  # a muted second line under the label, when there is room


class BarList(ChartPanel):
    """Horizontal share bars, one per row (accuracy by category or by actor)."""

    ROW_H = 32.0

    def __init__(self, theme: Theme, title: str, parent: QWidget | None = None) -> None:
        super().__init__(theme, title, parent)
        self.rows: list[BarRow] = []
        self.note = ""
        self.empty_text = ""

    def set_rows(self, rows: Sequence[BarRow], *, note: str = "", empty_text: str = "") -> None:
        self.rows, self.note, self.empty_text = list(rows), note, empty_text
        self.setAccessibleDescription(self.text_alternative())
        self.updateGeometry()
        self.update()

    def text_alternative(self) -> str:
        """The numbers the bars draw, one line each, for screen readers."""
        if not any(r.total for r in self.rows) and (self.empty_text or not self.rows):
            return self.empty_text or "No data yet."
        lines = [
            f"{r.label}: "
            + (f"{r.right / r.total:.0%} ({r.right} of {r.total})" if r.total else "not yet")
            + (f"; {r.detail}" if r.detail else "")
            for r in self.rows
        ]
        return "\n".join([*lines, self.note] if self.note else lines)

    def sizeHint(self) -> QSize:
        rows = max(len(self.rows), 3) + (1 if self.note else 0)
        return QSize(360, int(2 * PAD + TITLE_H + 8 + rows * self.ROW_H))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def paint_content(self, p: QPainter, rect: QRectF) -> None:
        t = self.theme
        if not any(r.total for r in self.rows) and (self.empty_text or not self.rows):
            self.paint_empty(p, rect, self.empty_text)
            return
        label_w = min(max(rect.width() * 0.34, 90.0), 220.0)
        value_w = 92.0
        track_x = rect.left() + label_w + 12
        track_w = max(rect.right() - value_w - track_x, 20.0)
        label_font = t.font(13.5)
        detail_font = t.font(11.5)
        fm = QFontMetricsF(label_font)
        lines = len(self.rows) + (1 if self.note else 0)
        row_h = min(max(self.ROW_H, rect.height() / max(lines, 1)), 52.0)
        for i, row in enumerate(self.rows):
            y = rect.top() + i * row_h
            mid = y + row_h / 2
            p.setFont(label_font)
            p.setPen(t.color("text"))
            label_rect = QRectF(rect.left(), y, label_w, row_h)
            two_lines = bool(row.detail) and row_h >= 44
            if two_lines:
                label_rect = QRectF(rect.left(), mid - 19, label_w, 20)
            p.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_w),
            )
            if two_lines:
                p.setFont(detail_font)
                p.setPen(t.color("muted"))
                p.drawText(
                    QRectF(rect.left(), mid + 1, label_w, 18),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    QFontMetricsF(detail_font).elidedText(
                        row.detail, Qt.TextElideMode.ElideRight, label_w
                    ),
                )
            track = QRectF(track_x, mid - 5, track_w, 10)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(t.color("background") if not t.is_dark else t.color("border"))
            p.drawRoundedRect(track, 5, 5)
            if row.total:
                share = row.right / row.total
                if share > 0:
                    fill = QRectF(track.left(), track.top(), max(track.width() * share, 10), 10)
                    p.setBrush(QColor(row.color))
                    p.drawRoundedRect(fill, 5, 5)
                self._value_text(
                    p,
                    QRectF(rect.right() - value_w, y, value_w, row_h),
                    f"{share:.0%}",
                    f" {row.right}/{row.total}",
                )
            else:
                p.setPen(t.color("muted"))
                p.setFont(t.font(12.5))
                p.drawText(
                    QRectF(rect.right() - value_w, y, value_w, row_h),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    "not yet",
                )
        if self.note:
            p.setPen(t.color("muted"))
            p.setFont(t.font(12, italic=True))
            y = rect.top() + len(self.rows) * row_h
            p.drawText(
                QRectF(rect.left(), y, rect.width(), row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.note,
            )

    def _value_text(self, p: QPainter, rect: QRectF, big: str, small: str) -> None:
        t = self.theme
        small_font = t.font(12)
        big_font = t.font(13.5, weight=QFont.Weight.DemiBold)
        small_w = QFontMetricsF(small_font).horizontalAdvance(small)
        p.setFont(small_font)
        p.setPen(t.color("muted"))
        p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, small)
        p.setFont(big_font)
        p.setPen(t.color("text"))
        p.drawText(
            rect.adjusted(0, 0, -small_w, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            big,
        )


@dataclass(frozen=True)
class Column:
    """One column: a stacked value per series, its axis label and its tooltip."""

    label: str
    values: tuple[int, ...]
    tip: str
    strong: bool = False

    @property
    def total(self) -> int:
        return sum(self.values)


class ColumnChart(ChartPanel):
    """Vertical stacked columns with a light grid (reviews per day, cards due)."""

    def __init__(
        self,
        theme: Theme,
        title: str,
        series: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, title, parent)
        self.series = list(series)  # (name, colour)
        self.columns: list[Column] = []
        self.show_values = False
        self.empty_text = ""
        self.setMinimumHeight(220)
        self._bars: list[QRectF] = []

    def set_columns(
        self, columns: Sequence[Column], *, show_values: bool = False, empty_text: str = ""
    ) -> None:
        self.columns, self.show_values, self.empty_text = list(columns), show_values, empty_text
        self.setAccessibleDescription(self.text_alternative())
        self.update()

    def text_alternative(self) -> str:
        """Each column's label and values by series, for screen readers."""
        if not self.columns or not any(c.total for c in self.columns):
            return self.empty_text or "No data yet."
        names = [name for name, _color in self.series]
        return "\n".join(
            f"{c.label} \u2014 "
            + ", ".join(f"{n}: {v}" for n, v in zip(names, c.values, strict=False))
            for c in self.columns
        )

    def sizeHint(self) -> QSize:
        return QSize(480, 250)

    def paint_header_extra(self, p: QPainter, rect: QRectF) -> None:
        if len(self.series) < 2:
            return
        t = self.theme
        p.setFont(t.font(12))
        fm = QFontMetricsF(p.font())
        x = rect.right()
        for name, color in reversed(self.series):
            w = fm.horizontalAdvance(name)
            x -= w
            p.setPen(t.color("muted"))
            p.drawText(QRectF(x, rect.top(), w, rect.height()), Qt.AlignmentFlag.AlignVCenter, name)
            x -= 16
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(color))
            p.drawRoundedRect(QRectF(x, rect.center().y() - 5, 10, 10), 3, 3)
            x -= 18

    def paint_content(self, p: QPainter, rect: QRectF) -> None:
        t = self.theme
        self._bars = []
        if not self.columns:
            return
        top = nice_ceiling(max(c.total for c in self.columns))
        axis_font = t.font(11.5)
        fm = QFontMetricsF(axis_font)
        gutter = fm.horizontalAdvance(str(top)) + 10
        label_h = fm.height() + 8
        plot = QRectF(
            rect.left() + gutter,
            rect.top() + (18 if self.show_values else 6),
            rect.width() - gutter,
            rect.height() - label_h - (18 if self.show_values else 6),
        )
        p.setFont(axis_font)
        empty = not any(c.total for c in self.columns)
        for tick in (0,) if empty else (0, top / 2, top):
            y = plot.bottom() - plot.height() * tick / top
            p.setPen(
                QPen(
                    t.color("border"),
                    1,
                    Qt.PenStyle.SolidLine if tick == 0 else Qt.PenStyle.DashLine,
                )
            )
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if tick == int(tick):
                p.setPen(t.color("muted"))
                p.drawText(
                    QRectF(rect.left(), y - 8, gutter - 8, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    f"{int(tick)}",
                )
        slot = plot.width() / len(self.columns)
        bar_w = max(min(slot * 0.64, 46.0), 2.0)
        widest = max(fm.horizontalAdvance(c.label) for c in self.columns)
        every = max(1, math.ceil((widest + 12) / slot))
        strong = [i for i, c in enumerate(self.columns) if c.strong]
        anchor = strong[0] if strong else len(self.columns) - 1  # always named (Today)
        for i, col in enumerate(self.columns):
            cx = plot.left() + slot * (i + 0.5)
            x = cx - bar_w / 2
            self._bars.append(QRectF(plot.left() + slot * i, plot.top(), slot, plot.height()))
            self._paint_stack(p, col, x, bar_w, plot, top)
            if self.show_values and col.total:
                y = plot.bottom() - plot.height() * col.total / top
                p.setPen(t.color("text"))
                p.setFont(t.font(12, weight=QFont.Weight.DemiBold))
                p.drawText(
                    QRectF(cx - 30, y - 20, 60, 18),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    str(col.total),
                )
            if (i - anchor) % every == 0:
                p.setFont(t.font(11.5, weight=QFont.Weight.DemiBold) if col.strong else axis_font)
                p.setPen(t.color("text") if col.strong else t.color("muted"))
                p.drawText(
                    QRectF(
                        cx - slot * every / 2 - 20, plot.bottom() + 6, slot * every + 40, label_h
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    col.label,
                )
        if empty and self.empty_text:
            p.setPen(t.color("muted"))
            p.setFont(t.font(13, italic=True))
            p.drawText(
                plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text
            )

    def _paint_stack(
        self, p: QPainter, col: Column, x: float, w: float, plot: QRectF, top: int
    ) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        bottom = plot.bottom()
        shown = [(v, c) for v, (_, c) in zip(col.values, self.series, strict=False) if v]
        for n, (value, color) in enumerate(shown):
            h = max(plot.height() * value / top, 2.0)
            seg = QRectF(x, bottom - h, w, h)
            p.setBrush(QColor(color))
            if n == len(shown) - 1:
                r = min(4.0, w / 2, h / 2)
                p.drawRoundedRect(seg, r, r)
                if h > r:  # square the bottom corners where it sits on the axis or a segment
                    p.drawRect(QRectF(x, bottom - min(h, r), w, min(h, r)))
            else:
                p.drawRect(seg)
            bottom -= h

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos = QPointF(e.pos())
            for bar, col in zip(self._bars, self.columns, strict=False):
                if bar.contains(pos):
                    QToolTip.showText(e.globalPos(), col.tip, self)
                    return True
            QToolTip.hideText()
            e.ignore()
            return True
        return super().event(e)
