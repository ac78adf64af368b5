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

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.cards import Card
from ...core.talk import BACK, FRONT, ScreenState, Talk
from ...paint.theme import Theme, dark_theme
from .audience import BLACK, CARD, WHITE
from .card_list import CardList
from .console_header import ConsoleHeader, format_clock
from .console_style import caption, console_stylesheet, plain
from .flow import FlowLayout
from .notes import NotesPanel
from .overview import OverviewGrid
from .preview import CardPreview
from .quiet_close import QuietClose

__all__ = ["KEY_HINTS", "PresenterConsole", "fill_for", "format_clock"]

KEY_HINTS = (
    ("Space / \u2192 / PgDn", "flip, then next"),
    ("\u2190 / PgUp", "back"),
    ("N / \u21e7N", "next / previous card"),
    ("O", "overview"),
    ("P / \u21e7R", "pause / reset clock"),
    ("B / W", "black / white screen"),
    ("G 12 \u21b5", "go to card"),
    ("Tab", "audience \u2194 console"),
    ("Esc", "end"),
)


def fill_for(screen: ScreenState) -> str:
    return {ScreenState.BLACK: BLACK, ScreenState.WHITE: WHITE}.get(screen, CARD)


class PresenterConsole(QuietClose, QWidget):
    """The presenter's screen; it only displays, the controller decides."""

    card_chosen = Signal(int)
    closed = Signal()

    def __init__(self, cards: Sequence[Card], theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._cards = list(cards)
        self._theme = theme
        self._chrome = dark_theme()
        self.setObjectName("console")
        self.setWindowTitle("Briefing \u2014 presenter")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(console_stylesheet(self._chrome))
        self._build()
        self.header.fit_clocks()
        self.card_list.fill(self._cards)
        self.overview = OverviewGrid(self._cards, theme, self)
        self.overview.card_chosen.connect(self.card_chosen.emit)
        self.overview.card_chosen.connect(lambda _row: self.setFocus())

    # --- building ------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        top = QWidget()
        outer = QVBoxLayout(top)
        outer.setContentsMargins(24, 18, 24, 16)
        outer.setSpacing(16)
        self.header = ConsoleHeader()
        outer.addLayout(self.header)
        body = QHBoxLayout()
        body.setSpacing(22)
        body.addLayout(self._build_stage(), 3)
        body.addLayout(self._build_side(), 2)
        outer.addLayout(body, 1)
        root.addWidget(top, 1)
        root.addWidget(self._build_hints())

    def _build_stage(self) -> QVBoxLayout:
        stage = QVBoxLayout()
        stage.setSpacing(8)
        self.live_caption = caption("", live=True)
        stage.addWidget(self.live_caption)
        self.live_preview = CardPreview(self._theme, self._chrome)
        stage.addWidget(self.live_preview, 5)
        stage.addSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.other_caption = caption("")
        self.other_preview = CardPreview(self._theme, self._chrome)
        self.next_caption = caption("")
        self.next_preview = CardPreview(self._theme, self._chrome)
        for label, preview in (
            (self.other_caption, self.other_preview),
            (self.next_caption, self.next_preview),
        ):
            col = QVBoxLayout()
            col.setSpacing(8)
            col.addWidget(label)
            col.addWidget(preview, 1)
            row.addLayout(col, 1)
        stage.addLayout(row, 3)
        return stage

    def _build_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(caption("NOTES"))
        self.notes = NotesPanel()
        side.addWidget(self.notes, 3)
        side.addSpacing(8)
        list_caption = QHBoxLayout()
        list_caption.addWidget(caption("ALL CARDS"))
        list_caption.addStretch(1)
        hint = plain("Enter or double-click to jump", "keyText", wrap=False)
        list_caption.addWidget(hint)
        side.addLayout(list_caption)
        list_panel = QFrame()
        list_panel.setObjectName("panel")
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(8, 8, 4, 8)
        self.card_list = CardList(self._chrome)
        self.card_list.itemActivated.connect(self._on_activated)
        list_layout.addWidget(self.card_list)
        side.addWidget(list_panel, 2)
        return side

    def _build_hints(self) -> QWidget:
        """The keys along the bottom; they take a second row rather than widen the console."""
        bar = QWidget()
        bar.setObjectName("hints")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        flow = FlowLayout(bar, h_spacing=16, v_spacing=6)
        flow.setContentsMargins(24, 9, 24, 9)
        for keys, what in KEY_HINTS:
            hint = QWidget()
            pair = QHBoxLayout(hint)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.setSpacing(6)
            pair.addWidget(plain(keys, "key", wrap=False))
            pair.addWidget(plain(what, "keyText", wrap=False))
            flow.addWidget(hint)
        return bar

    # --- showing the talk ----------------------------------------------------------

    def show_talk(self, talk: Talk, screen_note: str = "") -> None:
        """Bring every part of the console up to date with ``talk``."""
        card = talk.current
        total = len(talk)
        fill = fill_for(talk.screen)
        self.header.show_talk(talk, screen_note)
        shown, other = talk.face, BACK if talk.face == FRONT else FRONT
        if fill == CARD:
            self.live_caption.setText(f"AUDIENCE SEES \u00b7 {shown.upper()}")
        else:
            self.live_caption.setText(f"AUDIENCE SEES \u00b7 {fill.upper()} SCREEN")
        self.live_preview.show_card(card, shown, fill, live=True, empty="No cards")
        self.other_caption.setText(f"OTHER SIDE \u00b7 {other.upper()}")
        self.other_preview.show_card(card, other, empty="")
        nxt = talk.next_card
        self.next_caption.setText(f"NEXT \u00b7 {talk.index + 2:,} of {total:,}" if nxt else "NEXT")
        self.next_preview.show_card(nxt, FRONT, empty="End of the talk")
        self.notes.show_notes(talk, card)
        self.card_list.select_row(talk.index if card is not None else -1)
        self.update_clocks(talk.elapsed(), talk.time_on_card(), talk.clock_paused)

    def update_clocks(self, elapsed: float, on_card: float, paused: bool = False) -> None:
        self.header.update_clocks(elapsed, on_card, paused)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.overview.isVisible():
            self.overview.setGeometry(self.rect())

    @property
    def status(self) -> QLabel:
        return self.header.status

    @property
    def screen_note(self) -> QLabel:
        return self.header.screen_note

    @property
    def elapsed_text(self) -> str:
        return self.header.elapsed_label.text()

    @property
    def wall_clock_text(self) -> str:
        return self.header.wall_label.text()

    @property
    def card_time_text(self) -> str:
        return self.header.card_time_label.text()

    @property
    def prompt_text(self) -> str:
        prompt = self.header.prompt
        return prompt.text() if not prompt.isHidden() else ""

    def notes_texts(self) -> list[str]:
        """The texts in the notes panel, in order (for tests and accessibility)."""
        return self.notes.texts()

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.card_chosen.emit(self.card_list.row(item))

    # --- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.announce_close()
