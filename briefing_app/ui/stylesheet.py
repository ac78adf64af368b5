"""The window's Qt stylesheet: ``resources/styles/window.qss`` in a ``Theme``."""

from __future__ import annotations

from ..core.cards import Category
from ..paint.theme import Theme
from .styles import render_stylesheet


def window_stylesheet(t: Theme) -> str:
    chips = "\n".join(
        f"""
QToolButton#chip_{c.value}:checked {{
    background: {t.category_colors[c]}; color: {t.on_category};
    border-color: {t.category_colors[c]};
}}"""
        for c in (Category.ACTOR, Category.QUOTE, Category.MEASURE, Category.IMPLICATION)
    )
    return render_stylesheet("window", t, chips=chips)
