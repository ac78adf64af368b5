"""The presenter console's dark chrome: its stylesheet and the labels it styles by name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from ...paint.theme import Theme


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
QLabel#speakerNotes {{ font-size: 21px; }}
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
QListWidget#overview {{
    background: {c.background}; border: none; outline: none; font-size: 14px;
}}
QListWidget#overview::item {{ color: {c.text}; border-radius: 10px; padding: 6px 4px 2px 4px; }}
QListWidget#overview::item:hover {{ background: {c.surface_alt}; }}
QListWidget#overview::item:selected {{
    background: {selected}; color: {c.text}; font-weight: 700; border: 2px solid {c.accent};
}}
QLabel#overviewHeader {{ font-size: 15px; color: {c.muted}; background: {c.background}; }}
QWidget#hints {{ background: {c.surface}; border-top: 1px solid {c.border}; }}
QLabel#key {{
    font-size: 12px; font-weight: 700; color: {c.text}; background: {c.surface_alt};
    border: 1px solid {c.border}; border-radius: 5px; padding: 2px 7px;
}}
QLabel#keyText {{ font-size: 12px; color: {c.muted}; }}
"""


def caption(text: str, live: bool = False) -> QLabel:
    """A small capitals heading over a part of the console."""
    label = QLabel(text)
    label.setObjectName("captionLive" if live else "caption")
    return label


def plain(text: str, name: str, wrap: bool = True) -> QLabel:
    """A label that shows pack text as plain text only, styled by its object name."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label
