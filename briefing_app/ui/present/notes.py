"""The presenter console's notes panel: speaker notes, or the side the room does not see.

A card with ``notes`` (the pack's speaker notes) shows them; otherwise the panel
shows the face that is *not* on the audience screen, so it never repeats what
the room already reads.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...core.cards import Card
from ...core.talk import Talk
from .console_style import plain


class NotesPanel(QFrame):
    """The notes for the card on screen; rebuilt only when the card changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notes_for: tuple[int, int, str] | None = None
        self.setObjectName("panel")
        panel_layout = QVBoxLayout(self)
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

    def texts(self) -> list[str]:
        """The texts in the panel, in order (for tests and accessibility)."""
        out = []
        for i in range(self.notes_layout.count()):
            item = self.notes_layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                out.append(widget.text())
        return out

    def show_notes(self, talk: Talk, card: Card | None) -> None:
        key = (talk.index, id(card), str(talk.face))
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
        if card.notes:
            self.notes_layout.addWidget(plain("SPEAKER NOTES", "noteLabel"))
            text = plain(card.notes, "speakerNotes")
            text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.notes_layout.addWidget(text)
            self.notes_layout.addStretch(1)
            self.notes_area.verticalScrollBar().setValue(0)
            return
        back = talk.hidden_face(card)
        if back.kicker:
            self.notes_layout.addWidget(plain(back.kicker, "notesSubline"))
        self.notes_layout.addWidget(plain(back.headline, "notesHeadline"))
        if back.subline:
            self.notes_layout.addWidget(plain(back.subline, "notesSubline"))
        notes = back.details
        if not notes and not back.listings:
            self.notes_layout.addSpacing(12)
            self.notes_layout.addWidget(plain("No notes for this card.", "noNotes"))
        for note in notes:
            self.notes_layout.addSpacing(12)
            self.notes_layout.addWidget(plain(note.label.upper(), "noteLabel"))
            text = plain(note.text, "noteText")
            text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.notes_layout.addWidget(text)
        for listing in back.listings:
            self.notes_layout.addSpacing(12)
            self.notes_layout.addWidget(plain(listing.label.upper(), "noteLabel"))
            for entry in listing.entries:
                self.notes_layout.addWidget(plain(f"\u2022  {entry}", "noteText"))
        self.notes_layout.addStretch(1)
        self.notes_area.verticalScrollBar().setValue(0)
