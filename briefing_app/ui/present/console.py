"""The presenter console: what the room sees, what comes next, notes, clocks, a card list.

Signals (snake_case, past tense):
    card_chosen(int)   a card was picked in the list (Enter or double-click), 0-based
    closed()           the window was closed from outside (the window manager)

The console's own chrome is always dark, as presenter views usually are, so a
laptop screen does not glow in a dim room; the card previews use the talk's
theme and are drawn by ``paint_card``, so they match the audience view exactly.
Pack text is shown as plain text only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.cards import Card
from ...core.talk import BACK, FRONT, ScreenState, Talk
from ..card_painter import paint_card
from ..theme import Theme, dark_theme, icon_image
from .audience import BLACK, CARD, WHITE

CARD_ASPECT = 16 / 9
KEY_HINTS = (
    ("Space / \u2192 / PgDn", "flip, then next"),
    ("\u2190 / PgUp", "back"),
    ("N / P", "next / previous card"),
    ("B / W", "black / white screen"),
    ("G 12 \u21b5", "go to card"),
    ("Tab", "audience \u2194 console"),
    ("Esc", "end"),
)


def format_clock(seconds: float) -> str:
    """``4:05``, ``12:34``, or ``1:02:03`` past an hour."""
    s = max(0, int(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def fill_for(screen: ScreenState) -> str:
    return {ScreenState.BLACK: BLACK, ScreenState.WHITE: WHITE}.get(screen, CARD)


def console_stylesheet(c: Theme) -> str:
    family = ", ".join(f'"{f}"' for f in c.sans)
    accent = QColor(c.accent)
    selected = f"rgba({accent.red()}, {accent.green()}, {accent.blue()}, 0.26)"
    return f"""
QWidget#console {{ background: {c.background}; }}
QWidget {{ font-family: {family}; color: {c.text}; }}
QLabel#caption {{
    color: {c.muted}; font-size: 12px; font-weight: 700; letter-spacing: 1.6px;
}}
QLabel#captionLive {{
    color: {c.accent}; font-size: 12px; font-weight: 700; letter-spacing: 1.6px;
}}
QLabel#position {{ font-size: 30px; font-weight: 700; }}
QLabel#positionOf {{ font-size: 16px; color: {c.muted}; }}
QLabel#currentTitle {{ font-size: 16px; color: {c.muted}; }}
QLabel#clock {{ font-size: 34px; font-weight: 700; font-family: "DejaVu Sans Mono", monospace; }}
QLabel#cardClock {{
    font-size: 34px; font-weight: 700; color: {c.accent};
    font-family: "DejaVu Sans Mono", monospace;
}}
QLabel#status {{
    font-size: 13px; font-weight: 700; letter-spacing: 1.4px; border-radius: 13px;
    padding: 4px 14px; background: #1E4D3A; color: #7FE0B0;
}}
QLabel#status[state="black"] {{
    background: #000000; color: #FFFFFF; border: 1px solid {c.border};
}}
QLabel#status[state="white"] {{ background: #FFFFFF; color: #000000; }}
QLabel#screenNote {{ font-size: 13px; color: {c.muted}; }}
QLabel#prompt {{
    font-size: 18px; font-weight: 700; border-radius: 10px; padding: 6px 16px;
    background: {c.accent}; color: {c.background};
}}
QLabel#prompt[error="true"] {{ background: {c.danger}; color: #FFFFFF; }}
QFrame#panel {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px; }}
QScrollArea#notes {{ background: transparent; border: none; }}
QWidget#notesBody {{ background: transparent; }}
QLabel#notesHeadline {{ font-size: 22px; font-weight: 700; }}
QLabel#notesSubline {{ font-size: 16px; color: {c.muted}; }}
QLabel#noteLabel {{
    font-size: 12px; font-weight: 700; letter-spacing: 1.4px; color: {c.accent};
}}
QLabel#noteText {{ font-size: 17px; }}
QLabel#noNotes {{ font-size: 15px; color: {c.muted}; font-style: italic; }}
QListWidget#cardList {{
    background: transparent; border: none; outline: none; font-size: 14px;
}}
QListWidget#cardList::item {{ padding: 6px 6px; border-radius: 7px; color: {c.text}; }}
QListWidget#cardList::item:hover {{ background: {c.surface_alt}; }}
QListWidget#cardList::item:selected {{
    background: {selected}; color: {c.text}; font-weight: 700;
}}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {c.border}; border-radius: 4px; min-height: 30px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QWidget#hints {{ background: {c.surface}; border-top: 1px solid {c.border}; }}
QLabel#key {{
    font-size: 12px; font-weight: 700; color: {c.text}; background: {c.surface_alt};
    border: 1px solid {c.border}; border-radius: 5px; padding: 2px 7px;
}}
QLabel#keyText {{ font-size: 12px; color: {c.muted}; }}
"""


class CardPreview(QWidget):
    """One face of a card in a 16:9 box, drawn by ``paint_card`` (or the blackout fill)."""

    def __init__(self, theme: Theme, chrome: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._chrome = chrome
        self._card: Card | None = None
        self._face = FRONT
        self._fill = CARD
        self._live = False
        self._empty = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)

    @property
    def card(self) -> Card | None:
        return self._card

    @property
    def face(self) -> str:
        return self._face

    def show_card(self, card: Card | None, face: str, fill: str = CARD, live: bool = False,
                  empty: str = "") -> None:
        self._card, self._face, self._fill, self._live, self._empty = card, face, fill, live, empty
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 270)

    def card_box(self) -> QRectF:
        """The largest 16:9 box that fits, centred horizontally, at the top."""
        r = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        w = min(r.width(), r.height() * CARD_ASPECT)
        h = w / CARD_ASPECT
        return QRectF(r.left() + (r.width() - w) / 2, r.top(), w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self.card_box()
        radius = max(4.0, min(box.width(), box.height()) * 0.035)
        if self._card is None:
            pen = QPen(self._chrome.color("border"), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, radius, radius)
            painter.setPen(self._chrome.color("muted"))
            painter.setFont(self._chrome.font(max(12.0, box.height() * 0.08)))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self._empty)
        elif self._fill != CARD:
            path = QPainterPath()
            path.addRoundedRect(box, radius, radius)
            black = self._fill == BLACK
            painter.fillPath(path, QColor("#000000" if black else "#FFFFFF"))
            painter.setPen(QColor("#8A93A6" if black else "#5A6375"))
            painter.setFont(self._chrome.font(max(12.0, box.height() * 0.075), bold=True))
            text = "Blacked out \u2014 B to show" if black else "Whited out \u2014 W to show"
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        else:
            paint_card(painter, box, self._card, self._face, self._theme)
        if self._live:
            painter.setPen(QPen(self._chrome.color("accent"), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-1.5, -1.5, 1.5, 1.5), radius + 1.5, radius + 1.5)
        painter.end()


def _caption(text: str, live: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName("captionLive" if live else "caption")
    return label


def _plain(text: str, name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


class PresenterConsole(QWidget):
    """The presenter's screen; it only displays, the controller decides."""

    card_chosen = Signal(int)
    closed = Signal()

    def __init__(self, cards: Sequence[Card], theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._cards = list(cards)
        self._theme = theme
        self._chrome = dark_theme()
        self._closing_quietly = False
        self._notes_for: tuple[int, int] | None = None
        self.setObjectName("console")
        self.setWindowTitle("Briefing \u2014 presenter")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(console_stylesheet(self._chrome))
        self._build()
        self._fill_list()

    # --- building ------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        top = QWidget()
        outer = QVBoxLayout(top)
        outer.setContentsMargins(24, 18, 24, 16)
        outer.setSpacing(16)
        outer.addLayout(self._build_header())
        body = QHBoxLayout()
        body.setSpacing(22)
        body.addLayout(self._build_stage(), 3)
        body.addLayout(self._build_side(), 2)
        outer.addLayout(body, 1)
        root.addWidget(top, 1)
        root.addWidget(self._build_hints())

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(10)
        self.position_label = _plain("", "position", wrap=False)
        self.position_of = _plain("", "positionOf", wrap=False)
        pos = QVBoxLayout()
        pos.setSpacing(0)
        pos.addWidget(_caption("CARD"))
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.position_label, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addWidget(self.position_of, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addStretch(1)
        pos.addLayout(row)
        header.addLayout(pos)
        header.addSpacing(18)
        self.status = _plain("LIVE", "status", wrap=False)
        self.screen_note = _plain("", "screenNote", wrap=False)
        middle = QVBoxLayout()
        middle.setSpacing(6)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        self.prompt = _plain("", "prompt", wrap=False)
        self.prompt.hide()
        status_row.addWidget(self.prompt)
        status_row.addStretch(1)
        middle.addLayout(status_row)
        middle.addWidget(self.screen_note)
        header.addLayout(middle, 1)
        self.elapsed_label = _plain("0:00", "clock", wrap=False)
        self.card_time_label = _plain("0:00", "cardClock", wrap=False)
        for caption, label in (("ELAPSED", self.elapsed_label),
                               ("ON THIS CARD", self.card_time_label)):
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(_caption(caption), 0, Qt.AlignmentFlag.AlignRight)
            box.addWidget(label, 0, Qt.AlignmentFlag.AlignRight)
            header.addSpacing(24)
            header.addLayout(box)
            label.ensurePolished()
            label.setMinimumWidth(round(label.fontMetrics().horizontalAdvance("00:00") * 1.08))
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return header

    def _build_stage(self) -> QVBoxLayout:
        stage = QVBoxLayout()
        stage.setSpacing(8)
        self.live_caption = _caption("", live=True)
        stage.addWidget(self.live_caption)
        self.live_preview = CardPreview(self._theme, self._chrome)
        stage.addWidget(self.live_preview, 5)
        stage.addSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.other_caption = _caption("")
        self.other_preview = CardPreview(self._theme, self._chrome)
        self.next_caption = _caption("")
        self.next_preview = CardPreview(self._theme, self._chrome)
        for caption, preview in ((self.other_caption, self.other_preview),
                                 (self.next_caption, self.next_preview)):
            col = QVBoxLayout()
            col.setSpacing(8)
            col.addWidget(caption)
            col.addWidget(preview, 1)
            row.addLayout(col, 1)
        stage.addLayout(row, 3)
        return stage

    def _build_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(_caption("NOTES"))
        notes_panel = QFrame()
        notes_panel.setObjectName("panel")
        panel_layout = QVBoxLayout(notes_panel)
        panel_layout.setContentsMargins(18, 14, 10, 14)
        self.notes_area = QScrollArea()
        self.notes_area.setObjectName("notes")
        self.notes_area.setWidgetResizable(True)
        self.notes_area.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes_body = QWidget()
        self.notes_body.setObjectName("notesBody")
        self.notes_layout = QVBoxLayout(self.notes_body)
        self.notes_layout.setContentsMargins(0, 0, 8, 0)
        self.notes_layout.setSpacing(4)
        self.notes_area.setWidget(self.notes_body)
        panel_layout.addWidget(self.notes_area)
        side.addWidget(notes_panel, 3)
        side.addSpacing(8)
        list_caption = QHBoxLayout()
        list_caption.addWidget(_caption("ALL CARDS"))
        list_caption.addStretch(1)
        hint = _plain("Enter or double-click to jump", "keyText", wrap=False)
        list_caption.addWidget(hint)
        side.addLayout(list_caption)
        list_panel = QFrame()
        list_panel.setObjectName("panel")
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(8, 8, 4, 8)
        self.card_list = QListWidget()
        self.card_list.setObjectName("cardList")
        self.card_list.setUniformItemSizes(True)
        self.card_list.setIconSize(QSize(18, 18))
        self.card_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.card_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_list.setAccessibleName("Cards")
        self.card_list.itemActivated.connect(self._on_activated)
        list_layout.addWidget(self.card_list)
        side.addWidget(list_panel, 2)
        return side

    def _build_hints(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("hints")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 9, 24, 9)
        row.setSpacing(6)
        for i, (keys, what) in enumerate(KEY_HINTS):
            if i:
                row.addSpacing(16)
            key = _plain(keys, "key", wrap=False)
            row.addWidget(key)
            row.addWidget(_plain(what, "keyText", wrap=False))
        row.addStretch(1)
        return bar

    def _fill_list(self) -> None:
        icons: dict[str, QIcon] = {}
        for i, card in enumerate(self._cards):
            cat = card.category
            if cat.value not in icons:
                color = self._chrome.category_colors[cat]
                icons[cat.value] = QIcon(QPixmap.fromImage(icon_image(cat, color, 36)))
            headline = " ".join(card.front.headline.split())
            item = QListWidgetItem(icons[cat.value], f"{i + 1:>3}   {headline}")
            item.setToolTip(f"{cat.label} {i + 1}: {headline}")
            self.card_list.addItem(item)

    # --- showing the talk ----------------------------------------------------------

    def show_talk(self, talk: Talk, screen_note: str = "") -> None:
        """Bring every part of the console up to date with ``talk``."""
        card = talk.current
        total = len(talk)
        fill = fill_for(talk.screen)
        self.position_label.setText(f"{talk.index + 1:,}" if total else "\u2014")
        self.position_of.setText(f"of {total:,}")
        self._set_status(talk.screen)
        self.screen_note.setText(screen_note)
        self._set_prompt(talk)
        shown, other = talk.face, BACK if talk.face == FRONT else FRONT
        if fill == CARD:
            self.live_caption.setText(f"AUDIENCE SEES \u00b7 {shown.upper()}")
        else:
            self.live_caption.setText(f"AUDIENCE SEES \u00b7 {fill.upper()} SCREEN")
        self.live_preview.show_card(card, shown, fill, live=True, empty="No cards")
        self.other_caption.setText(f"OTHER SIDE \u00b7 {other.upper()}")
        self.other_preview.show_card(card, other, empty="")
        nxt = talk.next_card
        self.next_caption.setText(
            f"NEXT \u00b7 {talk.index + 2:,} of {total:,}" if nxt else "NEXT"
        )
        self.next_preview.show_card(nxt, FRONT, empty="End of the talk")
        self._show_notes(talk, card)
        self._select_row(talk.index if card is not None else -1)
        self.update_clocks(talk.elapsed(), talk.time_on_card())

    def update_clocks(self, elapsed: float, on_card: float) -> None:
        self.elapsed_label.setText(format_clock(elapsed))
        self.card_time_label.setText(format_clock(on_card))

    @property
    def elapsed_text(self) -> str:
        return self.elapsed_label.text()

    @property
    def card_time_text(self) -> str:
        return self.card_time_label.text()

    @property
    def prompt_text(self) -> str:
        return self.prompt.text() if not self.prompt.isHidden() else ""

    def notes_texts(self) -> list[str]:
        """The texts in the notes panel, in order (for tests and accessibility)."""
        out = []
        for i in range(self.notes_layout.count()):
            item = self.notes_layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                out.append(widget.text())
        return out

    def _set_status(self, screen: ScreenState) -> None:
        text = {ScreenState.BLACK: "BLACKED OUT", ScreenState.WHITE: "WHITED OUT"}.get(
            screen, "\u25cf LIVE"
        )
        state = {ScreenState.BLACK: "black", ScreenState.WHITE: "white"}.get(screen, "live")
        if self.status.property("state") != state:
            self.status.setProperty("state", state)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)
        self.status.setText(text)

    def _set_prompt(self, talk: Talk) -> None:
        error = False
        if talk.jump_buffer is not None:
            text = f"Go to card: {talk.jump_buffer}\u2581  \u21b5"
        elif talk.message:
            text, error = talk.message, True
        else:
            text = ""
        if bool(self.prompt.property("error")) != error:
            self.prompt.setProperty("error", error)
            self.prompt.style().unpolish(self.prompt)
            self.prompt.style().polish(self.prompt)
        self.prompt.setText(text)
        self.prompt.setVisible(bool(text))

    def _show_notes(self, talk: Talk, card: Card | None) -> None:
        key = (talk.index, id(card))
        if key == self._notes_for:
            return
        self._notes_for = key
        while self.notes_layout.count():
            item = self.notes_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        if card is None:
            self.notes_layout.addStretch(1)
            return
        back = card.back
        self.notes_layout.addWidget(_plain(back.headline, "notesHeadline"))
        if back.subline:
            self.notes_layout.addWidget(_plain(back.subline, "notesSubline"))
        notes = Talk.notes(card)
        if not notes and not back.listings:
            self.notes_layout.addSpacing(12)
            self.notes_layout.addWidget(_plain("No notes for this card.", "noNotes"))
        for note in notes:
            self.notes_layout.addSpacing(12)
            self.notes_layout.addWidget(_plain(note.label.upper(), "noteLabel"))
            text = _plain(note.text, "noteText")
            text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.notes_layout.addWidget(text)
        for listing in back.listings:
            self.notes_layout.addSpacing(12)
            self.notes_layout.addWidget(_plain(listing.label.upper(), "noteLabel"))
            for entry in listing.entries:
                self.notes_layout.addWidget(_plain(f"\u2022  {entry}", "noteText"))
        self.notes_layout.addStretch(1)
        self.notes_area.verticalScrollBar().setValue(0)

    def _select_row(self, row: int) -> None:
        if self.card_list.currentRow() == row:
            return
        self.card_list.blockSignals(True)
        self.card_list.setCurrentRow(row)
        self.card_list.blockSignals(False)
        item = self.card_list.item(row)
        if item is not None:
            self.card_list.scrollToItem(item, QListWidget.ScrollHint.PositionAtCenter)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.card_chosen.emit(self.card_list.row(item))

    # --- closing ---------------------------------------------------------------------

    def close_quietly(self) -> None:
        """Close without emitting ``closed`` (the controller is ending the talk)."""
        self._closing_quietly = True
        try:
            self.close()
        finally:
            self._closing_quietly = False

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if not self._closing_quietly:
            self.closed.emit()
