"""The help overlay (F1 or ?): every shortcut of the window, read from its actions.

It lists the actions it is given, so a shortcut added by another view (quiz,
presentation) appears here without editing this file. Any key or click closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from ...paint.theme import Theme


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what) for every action with a shortcut, in the order given."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if not keys:
            continue
        label = action.text().replace("&", "").rstrip(".\u2026")
        rows.append((" / ".join(keys), label))
    return rows


class HelpOverlay(QWidget):
    """A translucent sheet over the window listing shortcuts in two columns."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self._return_focus: QWidget | None = None
        self._theme = theme
        self._rows: list[tuple[str, str]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Keyboard shortcuts")
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def rows(self) -> list[tuple[str, str]]:
        return list(self._rows)

    def show_for(self, actions: list[QAction]) -> None:
        self._rows = shortcut_rows(actions)
        self.setAccessibleDescription("\n".join(f"{k}: {w}" for k, w in self._rows))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        focused = QApplication.focusWidget()
        self._return_focus = focused if focused is not None and focused is not self else None
        self.raise_()
        self.show()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_sheet(self) -> None:
        """Hide and give focus back to where it was: hiding alone passes it down the
        focus chain (to the search field), so Space and 1-4 typed into the search."""
        back = self._return_focus
        self._return_focus = None
        self.hide()
        try:
            if back is not None and back.isVisible():
                back.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # that widget was deleted meanwhile (the quiz closed)
            pass

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.close_sheet()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.close_sheet()

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self._theme
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        scrim = QColor("#000000")
        scrim.setAlphaF(0.45)
        p.fillRect(self.rect(), scrim)
        n = len(self._rows)
        per_col = (n + 1) // 2
        base = max(11.0, min(self.width() / 70, self.height() / 38))
        key_font = t.font(base, bold=True)
        text_font = t.font(base)
        title_font = t.font(base * 1.6, bold=True)
        fm = QFontMetricsF(text_font)
        row_h = fm.height() * 1.75
        col_w = min(self.width() * 0.42, base * 26)
        panel_w = col_w * 2 + base * 5
        panel_h = per_col * row_h + base * 8
        panel = QRectF(
            (self.width() - panel_w) / 2,
            max(8.0, (self.height() - panel_h) / 2),
            panel_w,
            min(panel_h, self.height() - 16),
        )
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(t.color("surface"))
        p.drawRoundedRect(panel, 16, 16)
        p.setFont(title_font)
        p.setPen(t.color("text"))
        p.drawText(
            QRectF(panel.left() + base * 2, panel.top() + base * 1.4, panel_w, base * 3),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            "Keyboard shortcuts",
        )
        p.setFont(text_font)
        p.setPen(t.color("muted"))
        p.drawText(
            QRectF(panel.left(), panel.top() + base * 1.4, panel_w - base * 2, base * 3),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            "Press any key to close",
        )
        top = panel.top() + base * 5.5
        key_w = col_w * 0.38
        for i, (keys, what) in enumerate(self._rows):
            col, row = divmod(i, per_col)
            x = panel.left() + base * 2 + col * (col_w + base)
            y = top + row * row_h
            pill = QRectF(x, y, key_w, fm.height() * 1.35)
            bg = t.color("accent")
            bg.setAlphaF(0.14)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bg)
            p.drawRoundedRect(pill, 6, 6)
            p.setFont(key_font)
            p.setPen(t.color("accent"))
            kfm = QFontMetricsF(key_font)
            p.drawText(
                pill,
                int(Qt.AlignmentFlag.AlignCenter),
                kfm.elidedText(keys, Qt.TextElideMode.ElideRight, key_w - 8),
            )
            p.setFont(text_font)
            p.setPen(t.color("text"))
            p.drawText(
                QRectF(x + key_w + base, y, col_w - key_w - base, pill.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                fm.elidedText(what, Qt.TextElideMode.ElideRight, col_w - key_w - base),
            )
        p.end()
