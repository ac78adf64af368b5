"""A calendar heatmap of the last year's reviews, one square per day, as Anki has.

Weeks run left to right and weekdays top to bottom; a day's colour deepens in
four steps with the number of ratings and quiz answers on it, relative to the
learner's own busy days, so a light week still shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from ...core.pack_stats import DayCount
from ...paint.theme import Theme
from .charts import ChartPanel

WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
# The lightest step must stand apart from an empty day in the dark theme too.
LEVEL_ALPHA = (0.0, 0.4, 0.6, 0.8, 1.0)
_VCENTER = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def levels(counts: Sequence[int]) -> list[int]:
    """0 for an empty day, else 1-4 by where the day falls among the busy days."""
    busy = sorted(c for c in counts if c > 0)
    if not busy:
        return [0] * len(counts)
    cuts = [busy[min(len(busy) - 1, len(busy) * q // 4)] for q in (1, 2, 3)]
    return [0 if c <= 0 else 1 + sum(c > cut for cut in cuts) for c in counts]


class YearHeatmap(ChartPanel):
    """Reviews per day for the last year; hover a square for its date and count."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, "Reviews in the last year", parent)
        self.days: list[DayCount] = []
        self._cells: list[tuple[QRectF, DayCount]] = []
        self.setMinimumHeight(214)

    def set_days(self, days: Sequence[DayCount]) -> None:
        self.days = list(days)
        self.setAccessibleDescription(self.text_alternative())
        self.update()

    def text_alternative(self) -> str:
        active = [d for d in self.days if d.total]
        if not active:
            return "No reviews in the last year yet."
        busiest = max(active, key=lambda d: (d.total, d.day))
        total = sum(d.total for d in active)
        return (
            f"{total} reviews and answers on {len(active)} days in the last year; "
            f"busiest day {_day(busiest.day)}: {busiest.total}."
        )

    def sizeHint(self) -> QSize:
        return QSize(900, 224)

    def paint_header_extra(self, p: QPainter, rect: QRectF) -> None:
        """The key to the colours, right-aligned on the title's line: Less ■■■■■ More."""
        t = self.theme
        p.setFont(t.font(11.5))
        fm = QFontMetricsF(p.font())
        cell, gap = 11.0, 3.0
        more_w, less_w = fm.horizontalAdvance("More"), fm.horizontalAdvance("Less")
        x = rect.right() - more_w
        y = rect.center().y()
        p.setPen(t.color("muted"))
        p.drawText(QRectF(x, rect.top(), more_w, rect.height()), _VCENTER, "More")
        x -= 6 + len(LEVEL_ALPHA) * (cell + gap)
        for level in range(len(LEVEL_ALPHA)):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._level_color(level))
            p.drawRoundedRect(QRectF(x + level * (cell + gap), y - cell / 2, cell, cell), 2, 2)
        p.setPen(t.color("muted"))
        p.drawText(QRectF(x - 6 - less_w, rect.top(), less_w, rect.height()), _VCENTER, "Less")

    def _level_color(self, level: int) -> QColor:
        if not level:
            return QColor(self.theme.color("border"))
        color = QColor(self.theme.color("accent"))
        color.setAlphaF(LEVEL_ALPHA[level])
        return color

    def paint_content(self, p: QPainter, rect: QRectF) -> None:
        self._cells = []
        if not self.days:
            return
        t = self.theme
        label_w = 34.0
        first = self.days[0].day
        offset = first.weekday()  # blank squares before the first day in its week
        weeks = (offset + len(self.days) + 6) // 7
        gap = 3.0
        size = min((rect.width() - label_w) / weeks, (rect.height() - 18 - 24) / 7) - gap
        size = max(size, 4.0)
        # The sum just under the squares, as a screen reader hears it.
        p.setFont(t.font(12))
        p.setPen(t.color("muted"))
        p.drawText(
            QRectF(rect.left(), rect.top() + 18 + 7 * (size + gap) + 6, rect.width(), 16),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.text_alternative(),
        )
        used = label_w + weeks * (size + gap)
        rect = rect.adjusted(max((rect.width() - used) / 2, 0.0), 0, 0, 0)  # centred
        p.setFont(t.font(11))
        p.setPen(t.color("muted"))
        for row, label in enumerate(WEEKDAY_LABELS):
            if label:
                y = rect.top() + 18 + row * (size + gap)
                p.drawText(
                    QRectF(rect.left(), y, label_w - 6, size),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
        steps = levels([d.total for d in self.days])
        last_month = None
        for i, (day, level) in enumerate(zip(self.days, steps, strict=True)):
            column, row = divmod(offset + i, 7)
            x = rect.left() + label_w + column * (size + gap)
            y = rect.top() + 18 + row * (size + gap)
            if day.day.day <= 7 and row == 0 and day.day.month != last_month:
                last_month = day.day.month
                p.setPen(t.color("muted"))
                p.drawText(
                    QRectF(x, rect.top(), 40, 16), Qt.AlignmentFlag.AlignLeft, f"{day.day:%b}"
                )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._level_color(level))
            cell = QRectF(x, y, size, size)
            p.drawRoundedRect(cell, 2.5, 2.5)
            self._cells.append((cell, day))

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            hit = next((d for cell, d in self._cells if cell.contains(QPointF(e.pos()))), None)
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), f"{_day(hit.day)}: {hit.total}", self)
            return True
        return super().event(e)


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b} {value.year}"
