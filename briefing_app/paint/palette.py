"""The category colours as plain hex strings, for places that draw without Qt (Anki's CSS).

``theme.py`` builds its themes from these, so a card in Anki has the colours it
has in the window.
"""

from __future__ import annotations

from ..core.cards import Category

LIGHT_CATEGORY_COLORS: dict[Category, str] = {
    Category.TITLE: "#1E2A47",
    Category.ACTOR: "#2563EB",
    Category.QUOTE: "#7C3AED",
    Category.MEASURE: "#C2410C",
    Category.IMPLICATION: "#0F766E",
}
LIGHT_CATEGORY_TINTS: dict[Category, str] = {
    Category.TITLE: "#E6E9F0",
    Category.ACTOR: "#E3ECFD",
    Category.QUOTE: "#EEE7FD",
    Category.MEASURE: "#FBE9DF",
    Category.IMPLICATION: "#DDF1EE",
}
DARK_CATEGORY_COLORS: dict[Category, str] = {
    Category.TITLE: "#8FA3D1",
    Category.ACTOR: "#6C9CFF",
    Category.QUOTE: "#B394FF",
    Category.MEASURE: "#FF9A5C",
    Category.IMPLICATION: "#3CCBB4",
}
DARK_CATEGORY_TINTS: dict[Category, str] = {
    Category.TITLE: "#262D3D",
    Category.ACTOR: "#1F2C47",
    Category.QUOTE: "#2A2245",
    Category.MEASURE: "#3A2820",
    Category.IMPLICATION: "#17332F",
}
