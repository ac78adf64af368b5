"""The side list of packs in the open folder: title, as-of date, card counts.

An invalid pack stays listed, marked in the danger colour with its first
problem. Packs opened one by one (a file, a pack folder, a recent pack) join the
list under an "Opened files" heading, below the folder's packs; opening another
folder replaces the folder's packs and keeps that group. Entries are painted with
``drawText`` (plain text, never HTML).

Signals: pack_chosen(object) — the ``Path`` of the pack the user picked.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...core.quick_pack import PackSummary
from ...core.scripts import isolated
from ...paint.theme import Theme

ROLE = Qt.ItemDataRole.UserRole + 1  # an entry's PackSummary
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2  # a group heading's text
OPENED_FILES = "Opened files"


def plain_tooltip(text: str) -> str:
    """Tooltips guess at rich text; escaped text inside a paragraph always shows literally."""
    return f"<p style='white-space:pre'>{html.escape(text)}</p>"


class _Delegate(QStyledItemDelegate):
    def __init__(self, panel: LibraryPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        fm = QFontMetricsF(option.font)
        if index.data(HEADING_ROLE):
            return QSize(200, round(fm.height() * 2.2))
        summary: PackSummary | None = index.data(ROLE)
        lines = 4 if summary is not None and summary.problem else 3
        return QSize(200, round(fm.height() * (lines * 1.3 + 1.1)))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        heading = index.data(HEADING_ROLE)
        if heading:
            self._paint_heading(painter, option, str(heading))
            return
        summary: PackSummary | None = index.data(ROLE)
        if summary is None:
            return
        theme = self._panel.theme()
        rect = QRectF(option.rect).adjusted(6, 3, -6, -3)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        if selected or hovered:
            bg = theme.color("accent") if selected else theme.color("surface_alt")
            if selected:
                bg.setAlphaF(0.16 if not theme.is_dark else 0.28)
            painter.setBrush(bg)
            painter.drawRoundedRect(rect, 8, 8)
        if selected:
            painter.setBrush(theme.color("accent"))
            painter.drawRoundedRect(
                QRectF(rect.left(), rect.top() + 8, 3, rect.height() - 16), 1.5, 1.5
            )
        base = option.font
        fm = QFontMetricsF(base)
        x, w = rect.left() + 14, rect.width() - 24
        y = rect.top() + fm.height() * 0.6
        title_font = theme.font(fm.height() * 0.82, bold=True)
        painter.setFont(title_font)
        painter.setPen(theme.color("text"))
        tfm = QFontMetricsF(title_font)
        painter.drawText(
            QRectF(x, y, w, tfm.height()),
            int(Qt.AlignmentFlag.AlignLeft),
            # Isolated: an Arabic title's "…" goes at its end (the left), not by its first word.
            isolated(tfm.elidedText(summary.title, Qt.TextElideMode.ElideRight, w)),
        )
        y += tfm.height() * 1.25
        small = theme.font(fm.height() * 0.7)
        sfm = QFontMetricsF(small)
        painter.setFont(small)
        painter.setPen(theme.color("muted"))
        meta = []
        if summary.as_of:
            meta.append(f"As of {summary.as_of}")
        meta.append(f"{summary.card_total:,} cards" if summary.counts else "no cards")
        line = " \u00b7 ".join(meta)
        painter.drawText(
            QRectF(x, y, w, sfm.height()),
            int(Qt.AlignmentFlag.AlignLeft),
            sfm.elidedText(line, Qt.TextElideMode.ElideRight, w),
        )
        if summary.counts:
            y += sfm.height() * 1.3
            self._paint_counts(painter, summary, theme, x, y, sfm)
        if summary.problem:
            y += sfm.height() * 1.3
            self._paint_problem(painter, summary.problem, theme, QRectF(x, y, w, sfm.height()))
        painter.restore()

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem, text: str) -> None:
        """A group's name in small capitals under a hairline, like the panel's own heading."""
        theme = self._panel.theme()
        rect = QRectF(option.rect).adjusted(20, 0, -12, 0)
        font = theme.font(QFontMetricsF(option.font).height() * 0.62, bold=True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.5)
        fm = QFontMetricsF(font)
        painter.save()
        painter.setPen(theme.color("border"))
        painter.drawLine(
            QPointF(rect.left(), rect.top() + 4), QPointF(rect.right(), rect.top() + 4)
        )
        painter.setFont(font)
        painter.setPen(theme.color("muted"))
        painter.drawText(
            QRectF(rect.left(), rect.bottom() - fm.height() * 1.35, rect.width(), fm.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            fm.elidedText(text.upper(), Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()

    @staticmethod
    def _paint_problem(painter: QPainter, problem: str, theme: Theme, line: QRectF) -> None:
        """A red dot and the first problem, elided to the line."""
        x, y, w = line.left(), line.top(), line.width()
        sfm = QFontMetricsF(painter.font())
        danger = QColor(theme.danger)
        painter.setBrush(danger)
        painter.setPen(Qt.PenStyle.NoPen)
        r = sfm.height() * 0.22
        painter.drawEllipse(QRectF(x, y + sfm.height() / 2 - r, 2 * r, 2 * r))
        painter.setPen(danger)
        text = f"Invalid: {problem}"
        painter.drawText(
            QRectF(x + 4 * r, y, w - 4 * r, sfm.height()),
            int(Qt.AlignmentFlag.AlignLeft),
            sfm.elidedText(text, Qt.TextElideMode.ElideRight, w - 4 * r),
        )

    def _paint_counts(
        self,
        painter: QPainter,
        summary: PackSummary,
        theme: Theme,
        x: float,
        y: float,
        fm: QFontMetricsF,
    ) -> None:
        """One coloured dot and count per category: actors, quotes, measures, implications."""
        r = fm.height() * 0.2
        for cat, count in summary.category_counts().items():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.category_color(cat))
            painter.drawEllipse(QRectF(x, y + fm.height() / 2 - r, 2 * r, 2 * r))
            text = f"{count:,}"
            painter.setPen(theme.color("muted"))
            painter.drawText(QPointF(x + 3 * r, y + fm.ascent()), text)
            x += 3 * r + fm.horizontalAdvance(text) + fm.height() * 0.8


class LibraryPanel(QWidget):
    """A heading and the list of packs; emits ``pack_chosen`` when one is picked."""

    pack_chosen = Signal(object)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.setObjectName("library")
        self.heading = QLabel("Library")
        self.heading.setObjectName("libraryHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.folder = QLabel("")
        self.folder.setObjectName("libraryFolder")
        self.folder.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setAccessibleName("Library of packs")
        self.list.setObjectName("libraryList")
        self.list.setItemDelegate(_Delegate(self))
        self.list.setMouseTracking(True)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 16, 8, 12)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.folder)
        layout.addSpacing(8)
        layout.addWidget(self.list, 1)
        self.setMinimumWidth(220)

    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self.isVisible():
            self.list.viewport().update()

    def set_packs(self, folder: str, summaries: list[PackSummary]) -> None:
        """A folder's packs replace the folder's packs; the opened files stay below them."""
        listed = {Path(s.path) for s in summaries}
        opened = [s for s in self.opened() if Path(s.path) not in listed]
        self.folder.setText(folder)
        self.folder.setVisible(bool(folder))
        self.list.clear()
        for s in summaries:
            self._append(s)
        for s in opened:
            self.add_pack(s)

    def add_pack(self, summary: PackSummary) -> None:
        """A pack opened on its own joins the "Opened files" group (once); nothing goes."""
        if any(Path(s.path) == Path(summary.path) for s in self.summaries()):
            self.update_pack(summary)
            return
        if self._heading_row() < 0:
            heading = QListWidgetItem()
            heading.setData(HEADING_ROLE, OPENED_FILES)
            heading.setData(Qt.ItemDataRole.AccessibleTextRole, OPENED_FILES)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable: arrows pass over it
            self.list.addItem(heading)
            self.folder.setVisible(bool(self.folder.text()))
        self._append(summary)

    def summaries(self) -> list[PackSummary]:
        """Every pack listed: the folder's, then the opened files."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [s for item in items if (s := item.data(ROLE)) is not None]

    def opened(self) -> list[PackSummary]:
        """The packs under "Opened files"."""
        start = self._heading_row()
        if start < 0:
            return []
        return [self.list.item(i).data(ROLE) for i in range(start + 1, self.list.count())]

    def _heading_row(self) -> int:
        for i in range(self.list.count()):
            if self.list.item(i).data(HEADING_ROLE):
                return i
        return -1

    def _append(self, summary: PackSummary) -> None:
        item = QListWidgetItem()
        self._fill(item, summary)
        self.list.addItem(item)

    def _entries(self) -> list[tuple[int, PackSummary]]:
        items = ((i, self.list.item(i).data(ROLE)) for i in range(self.list.count()))
        return [(i, s) for i, s in items if s is not None]

    def update_pack(self, summary: PackSummary) -> None:
        """Replace the entry for ``summary.path`` (after validation or a reload)."""
        for i, listed in self._entries():
            if Path(listed.path) == Path(summary.path):
                self._fill(self.list.item(i), summary)
        self.list.viewport().update()

    @staticmethod
    def _fill(item: QListWidgetItem, s: PackSummary) -> None:
        item.setData(ROLE, s)
        lines = [str(s.path), s.counts_text()]
        if s.problem:
            lines.append(f"Invalid: {s.problem}")
        item.setToolTip(plain_tooltip("\n".join(lines)))
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            s.title + (f" (invalid: {s.problem})" if s.problem else ""),
        )

    def select_path(self, path: Path) -> None:
        for i, listed in self._entries():
            if Path(listed.path) == Path(path):
                self.list.setCurrentRow(i)
                return

    def _chosen(self, item: QListWidgetItem) -> None:
        summary: PackSummary | None = item.data(ROLE)
        if summary is not None:  # not a group heading
            self.pack_chosen.emit(summary.path)
