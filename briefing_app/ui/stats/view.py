"""The statistics view: one pack's progress as headline numbers and four charts.

It only reads the store (on construction, when shown, and on ``refresh``), so
it can sit in a tab and stay current without the window telling it anything.
The clock is injected (``now_provider``) so screenshots and tests are stable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.cards import Category
from ...core.models import Pack
from ...core.pack_stats import PackStats
from ...core.progress import ProgressStore
from ...paint.theme import Theme, palette_theme
from .charts import BarList, BarRow, Column, ColumnChart, StatTile
from .heatmap import YearHeatmap

MAX_ACTORS = 8
NARROW_WIDTH = 860  # below this the headline tiles go two by two
NowProvider = Callable[[], datetime]


def _local_now() -> datetime:
    return datetime.now().astimezone()


def category_counts(pack: Pack) -> dict[str, int]:
    """How many cards the pack has in each category."""
    return {
        Category.ACTOR.value: len(pack.actors),
        Category.QUOTE.value: len(pack.quotes),
        Category.MEASURE.value: len(pack.measures),
        Category.IMPLICATION.value: len(pack.implications),
    }


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class StatsView(QWidget):
    """Cards seen, accuracy by category and actor, what is due, and reviews per day.

    Signals: none; call ``refresh()`` after the store changes while it is visible.
    """

    def __init__(
        self,
        pack: Pack,
        store: ProgressStore,
        now_provider: NowProvider | None = None,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent)
        self.pack = pack
        self.store = store
        self.now_provider = now_provider or _local_now
        self.theme = theme or palette_theme(parent.palette() if parent is not None else None)
        self.stats: PackStats | None = None
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._build()
        self.refresh()

    def set_theme(self, theme: Theme) -> None:
        """Redraw everything in ``theme`` (the window broadcasts its theme changes)."""
        if theme == self.theme:
            return
        self.theme = theme
        old = self._scroll
        self._outer.removeWidget(old)
        old.deleteLater()
        self._tile_columns = 0
        self._build()
        self.refresh()

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._outer.addWidget(scroll)
        self.content = QWidget()
        self.content.setObjectName("statsContent")
        scroll.setWidget(self.content)
        self._scroll = scroll

        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(28, 24, 28, 28)
        layout.setSpacing(16)

        layout.addLayout(self._header())
        layout.addLayout(self._tile_grid())
        layout.addLayout(self._chart_grid())
        layout.addStretch(1)
        self._apply_background()

    def _header(self) -> QVBoxLayout:
        self.title_label = self._label(22, bold=True)
        self.title_label.setWordWrap(True)
        self.subtitle_label = self._label(13.5, muted=True)
        self.warning_label = self._label(13.5)
        self.warning_label.setWordWrap(True)
        header = QVBoxLayout()
        header.setSpacing(4)
        header.addWidget(self.title_label)
        header.addWidget(self.subtitle_label)
        header.addWidget(self.warning_label)
        return header

    def _tile_grid(self) -> QGridLayout:
        t = self.theme
        cats = t.category_colors
        self.seen_tile = StatTile(t, "Cards seen", cats[Category.IMPLICATION])
        self.quiz_tile = StatTile(t, "Quiz accuracy", cats[Category.QUOTE])
        self.reviews_tile = StatTile(t, "Card reviews", t.accent)
        self.due_tile = StatTile(t, "Due now", cats[Category.MEASURE])
        self._tiles = QGridLayout()
        self._tiles.setSpacing(16)
        self._tile_columns = 0
        self._place_tiles(4)
        return self._tiles

    def _chart_grid(self) -> QGridLayout:
        t = self.theme
        cats = t.category_colors
        self.per_day_chart = ColumnChart(
            t,
            "Reviews per day, last 30 days",
            [("Card reviews", t.accent), ("Quiz answers", cats[Category.QUOTE])],
        )
        self.due_chart = ColumnChart(
            t, "Due today and in the next 7 days", [("Cards due", cats[Category.MEASURE])]
        )
        self.category_bars = BarList(t, "Quiz accuracy by category")
        self.actor_bars = BarList(t, "Quiz accuracy by actor")
        how = "Right quiz answers out of all quiz answers (card ratings are the recall rate)"
        self.category_bars.setToolTip(how)
        self.actor_bars.setToolTip(how + "; a card counts for every actor it concerns")
        grid = QGridLayout()
        grid.setSpacing(16)
        grid.addWidget(self.per_day_chart, 0, 0, 1, 2)
        grid.addWidget(self.due_chart, 1, 0)
        grid.addWidget(self.category_bars, 1, 1)
        grid.addWidget(self.actor_bars, 2, 0, 1, 2)
        self.heatmap = YearHeatmap(t)
        grid.addWidget(self.heatmap, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _place_tiles(self, columns: int) -> None:
        """Four tiles in a row, or two by two when the view is narrow."""
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        tiles = (self.seen_tile, self.quiz_tile, self.reviews_tile, self.due_tile)
        for i, tile in enumerate(tiles):
            self._tiles.removeWidget(tile)
            self._tiles.addWidget(tile, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_tiles(4 if event.size().width() >= NARROW_WIDTH else 2)

    def _label(self, size: float, *, bold: bool = False, muted: bool = False) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is never HTML
        label.setFont(self.theme.font(size, bold=bold))
        label.setProperty("muted", muted)
        return label

    def _apply_background(self) -> None:
        t = self.theme
        for widget in (self, self.content, self._scroll.viewport()):
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.Window, t.color("background"))
            palette.setColor(QPalette.ColorRole.WindowText, t.color("text"))
            widget.setPalette(palette)
            widget.setAutoFillBackground(True)
        for label in (self.title_label, self.subtitle_label, self.warning_label):
            palette = label.palette()
            role = "muted" if label.property("muted") else "text"
            color = t.color("danger") if label is self.warning_label else t.color(role)
            palette.setColor(QPalette.ColorRole.WindowText, color)
            label.setPalette(palette)

    # -- data ---------------------------------------------------------------------

    def refresh(self) -> PackStats:
        """Re-read the store and redraw; returns what is shown."""
        now = self.now_provider()
        stats = self.store.stats(self.pack, now)
        self.stats = stats
        self.title_label.setText(self.pack.title)
        self.subtitle_label.setText(
            f"Progress on {now:%A} {now.day} {now:%B %Y} · {_plural(stats.total_cards, 'card')}"
            f" · {_plural(stats.cards_seen, 'card')} seen"
        )
        warning = "" if self.store.persistent else (self.store.recovery_message or "")
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))
        self._fill_tiles(stats)
        self._fill_charts(stats)
        return stats

    def _fill_tiles(self, s: PackStats) -> None:
        seen_share = f"{s.cards_seen / s.total_cards:.0%} of the pack" if s.total_cards else ""
        self.seen_tile.set_value(
            f"{s.cards_seen} / {s.total_cards}",
            f"{seen_share} · {s.new_cards} new" if seen_share else "",
        )
        if s.answered:
            self.quiz_tile.set_value(
                f"{s.correct / s.answered:.0%}",
                f"{s.correct} of {_plural(s.answered, 'answer')} right",
            )
        else:
            self.quiz_tile.set_value("–", "no quiz answers yet")
        ratings = sum(d.reviews for d in s.per_day)
        recall = "" if s.recall_rate is None else f" · recall rate {s.recall_rate:.0%}"
        self.reviews_tile.set_value(str(s.reviews), f"{ratings} in 30 days{recall}")
        week = sum(d.total for d in s.due_forecast[1:])
        new = s.due_now - s.due_reviews_now
        self.due_tile.set_value(str(s.due_now), f"{s.due_reviews_now} to review · {new} new")
        self.due_tile.setToolTip(f"{week} more in the next 7 days")

    def _fill_charts(self, s: PackStats) -> None:
        self.per_day_chart.set_columns(
            [
                Column(
                    "Today" if d.day == s.today else f"{d.day:%b} {d.day.day}",
                    (d.reviews, d.answers),
                    f"{_day(d.day)}: {_plural(d.reviews, 'card review')}, "
                    f"{_plural(d.answers, 'quiz answer')}",
                    strong=d.day == s.today,
                )
                for d in s.per_day
            ],
            empty_text="No reviews yet: flip a card and rate it, or take a quiz.",
        )
        self.due_chart.set_columns(
            [
                Column(
                    "Today" if i == 0 else f"{d.day:%a}",
                    (d.total,),
                    f"{_day(d.day)}: {_plural(d.total, 'card')} due"
                    + (" (overdue included)" if i == 0 else ""),
                    strong=i == 0,
                )
                for i, d in enumerate(s.due_forecast)
            ],
            show_values=True,
            empty_text="Nothing scheduled this week.",
        )
        colors = self.theme.category_colors
        counts = category_counts(self.pack)
        self.category_bars.set_rows(
            [
                BarRow(
                    a.label + "s",
                    a.right,
                    a.total,
                    colors[Category(a.key)],
                    f"{s.seen_by_category.get(a.key, 0)} of {counts[a.key]} seen",
                )
                for a in s.by_category
            ],
        )
        actors = sorted(s.by_actor, key=lambda a: (-a.total, a.label.casefold()))
        more = len(actors) - MAX_ACTORS
        self.actor_bars.set_rows(
            [BarRow(a.label, a.right, a.total, self.theme.accent) for a in actors[:MAX_ACTORS]],
            note=f"and {_plural(more, 'more actor')}" if more > 0 else "",
            empty_text="Each actor's cards, quotes and measures will show here.",
        )
        self.heatmap.set_days(s.year)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
