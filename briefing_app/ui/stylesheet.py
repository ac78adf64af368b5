"""The window's Qt stylesheet, generated from a ``Theme`` so both themes stay in step."""

from __future__ import annotations

from ..core.cards import Category
from ..paint.theme import Theme


def window_stylesheet(t: Theme) -> str:
    chips = "\n".join(
        f"""
QToolButton#chip_{c.value}:checked {{
    background: {t.category_colors[c]}; color: {t.on_category};
    border-color: {t.category_colors[c]};
}}"""
        for c in (Category.ACTOR, Category.QUOTE, Category.MEASURE, Category.IMPLICATION)
    )
    family = ", ".join(f'"{f}"' for f in t.sans)
    return f"""
QMainWindow, QWidget#central {{ background: {t.background}; color: {t.text}; }}
QWidget {{ font-family: {family}; }}
QMenuBar {{ background: {t.surface}; color: {t.text}; border-bottom: 1px solid {t.border}; }}
QMenuBar::item {{ padding: 4px 10px; background: transparent; }}
QMenuBar::item:selected {{ background: {t.surface_alt}; border-radius: 4px; }}
QMenu {{ background: {t.surface}; color: {t.text}; border: 1px solid {t.border}; padding: 4px; }}
QMenu::item {{ padding: 6px 24px 6px 20px; border-radius: 4px; }}
QMenu::item:selected {{ background: {t.surface_alt}; }}
QMenu::item:disabled {{ color: {t.muted}; }}
QMenu::separator {{ height: 1px; background: {t.border}; margin: 4px 8px; }}
QToolBar {{
    background: {t.surface}; border: none; border-bottom: 1px solid {t.border};
    padding: 6px 10px; spacing: 6px;
}}
QToolBar::separator {{ background: {t.border}; width: 1px; margin: 6px 8px; }}
QToolBar QToolButton {{
    color: {t.text}; background: transparent; border: 1px solid transparent;
    border-radius: 8px; padding: 5px 10px; font-size: 13px;
}}
QToolBar QToolButton:hover {{ background: {t.surface_alt}; border-color: {t.border}; }}
QToolBar QToolButton:checked {{ background: {t.surface_alt}; border-color: {t.accent}; }}
QToolButton[chip="true"] {{
    border: 1px solid {t.border}; border-radius: 15px; padding: 4px 12px;
    font-weight: 600; background: {t.surface};
}}
QToolButton#chip_all:checked {{ background: {t.text}; color: {t.surface}; border-color: {t.text}; }}
{chips}
QLineEdit#search {{
    background: {t.surface_alt}; color: {t.text}; border: 1px solid {t.border};
    border-radius: 15px; padding: 5px 12px; min-width: 150px; max-width: 320px; font-size: 13px;
    selection-background-color: {t.accent};
}}
QLineEdit#search:focus {{ border-color: {t.accent}; }}
QWidget#library {{ background: {t.surface}; border-right: 1px solid {t.border}; }}
QLabel#libraryHeading {{
    color: {t.muted}; font-size: 11px; font-weight: 700; letter-spacing: 1.5px;
}}
QLabel#libraryFolder {{ color: {t.text}; font-size: 14px; font-weight: 600; }}
QListWidget#libraryList {{
    background: transparent; border: none; outline: none; color: {t.text}; font-size: 14px;
}}
QWidget#navBar {{ background: {t.background}; }}
QLabel#position {{ color: {t.text}; font-size: 14px; font-weight: 600; }}
QLabel#hint {{ color: {t.muted}; font-size: 12px; }}
QPushButton#navButton {{
    background: {t.surface}; color: {t.text}; border: 1px solid {t.border};
    border-radius: 17px; min-width: 34px; min-height: 34px; max-width: 34px; max-height: 34px;
    font-size: 18px; font-weight: 700; padding: 0;
}}
QPushButton#navButton:hover {{ border-color: {t.accent}; color: {t.accent}; }}
QPushButton#navButton:disabled {{ color: {t.border}; }}
QToolButton#modeButton {{
    background: {t.surface}; color: {t.text}; border: 1px solid {t.border};
    border-radius: 17px; min-height: 32px; padding: 0 14px; font-size: 13px; font-weight: 600;
}}
QToolButton#modeButton:hover {{ border-color: {t.accent}; color: {t.accent}; }}
QToolButton#modeButton:checked {{
    background: {t.accent}; color: {t.on_category}; border-color: {t.accent};
}}
QToolButton#modeButton:disabled {{ color: {t.muted}; }}
QStatusBar {{ background: {t.surface}; color: {t.muted}; border-top: 1px solid {t.border}; }}
QStatusBar::item {{ border: none; }}
QFrame#banner {{
    background: {t.surface}; border: 1px solid {t.danger}; border-left: 5px solid {t.danger};
    border-radius: 10px;
}}
QLabel#bannerTitle {{ color: {t.danger}; font-size: 14px; font-weight: 700; }}
QLabel#bannerBody {{ color: {t.text}; font-size: 13px; }}
QPushButton#bannerClose {{
    background: transparent; color: {t.muted}; border: none; font-size: 16px; padding: 2px 8px;
}}
QPushButton#bannerClose:hover {{ color: {t.text}; }}
QSplitter::handle {{ background: {t.border}; width: 1px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {t.border}; border-radius: 4px; min-height: 24px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QToolTip {{ background: {t.surface}; color: {t.text}; border: 1px solid {t.border}; }}
"""
