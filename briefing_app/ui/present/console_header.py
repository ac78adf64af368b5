"""The presenter console's header: card position, screen status, prompt and the two clocks."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from ...core.talk import ScreenState, Talk
from .console_style import caption, plain


def format_clock(seconds: float) -> str:
    """``4:05``, ``12:34``, or ``1:02:03`` past an hour."""
    s = max(0, int(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ConsoleHeader(QHBoxLayout):
    """The row across the top of the console; it shows what it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.setSpacing(10)
        self.position_label = plain("", "position", wrap=False)
        self.position_of = plain("", "positionOf", wrap=False)
        pos = QVBoxLayout()
        pos.setSpacing(0)
        pos.addWidget(caption("CARD"))
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.position_label, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addWidget(self.position_of, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addStretch(1)
        pos.addLayout(row)
        self.addLayout(pos)
        self.addSpacing(18)
        self.status = plain("LIVE", "status", wrap=False)
        self.screen_note = plain("", "screenNote", wrap=False)
        middle = QVBoxLayout()
        middle.setSpacing(6)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        self.prompt = plain("", "prompt", wrap=False)
        self.prompt.hide()
        status_row.addWidget(self.prompt)
        status_row.addStretch(1)
        middle.addLayout(status_row)
        middle.addWidget(self.screen_note)
        self.addLayout(middle, 1)
        self.elapsed_label = plain("0:00", "clock", wrap=False)
        self.card_time_label = plain("0:00", "cardClock", wrap=False)
        self.wall_label = plain(datetime.now().strftime("%H:%M"), "cardClock", wrap=False)
        self.elapsed_caption = caption("ELAPSED")
        for title, label in (
            (self.elapsed_caption, self.elapsed_label),
            (caption("ON THIS CARD"), self.card_time_label),
            (caption("TIME NOW"), self.wall_label),
        ):
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(title, 0, Qt.AlignmentFlag.AlignRight)
            box.addWidget(label, 0, Qt.AlignmentFlag.AlignRight)
            self.addSpacing(24)
            self.addLayout(box)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.screen_note.setWordWrap(True)

    def fit_clocks(self) -> None:
        """Keep each clock as wide as ``00:00`` in its styled font, so no digit is ever cut.

        Called once the labels sit in the styled console (before that their font is
        the default one, much narrower than the 34 px clock face).
        """
        for label in (self.elapsed_label, self.card_time_label, self.wall_label):
            label.ensurePolished()
            label.setMinimumWidth(round(label.fontMetrics().horizontalAdvance("00:00") * 1.08))

    def show_talk(self, talk: Talk, screen_note: str = "") -> None:
        total = len(talk)
        self.position_label.setText(f"{talk.index + 1:,}" if total else "\u2014")
        self.position_of.setText(f"of {total:,}")
        self._set_status(talk.screen)
        self.screen_note.setText(screen_note)
        self._set_prompt(talk)

    def update_clocks(self, elapsed: float, on_card: float, paused: bool = False) -> None:
        self.elapsed_label.setText(format_clock(elapsed))
        self.card_time_label.setText(format_clock(on_card))
        self.elapsed_caption.setText("ELAPSED \u00b7 PAUSED" if paused else "ELAPSED")
        self.wall_label.setText(datetime.now().strftime("%H:%M"))

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
