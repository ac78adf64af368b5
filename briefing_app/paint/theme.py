"""Colours, fonts and category icons for the light and dark themes.

A ``Theme`` holds colours as hex strings so it stays hashable and cheap to
compare; the painter and the stylesheet turn them into ``QColor`` when drawing.
Icons are hand-drawn SVGs in ``resources/icons`` using ``currentColor``, which
is replaced by the wanted colour before rendering, so one file serves any tint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPalette

from ..core.cards import Category
from ..paths import resources_dir
from .palette import (
    DARK_CATEGORY_COLORS,
    DARK_CATEGORY_TINTS,
    LIGHT_CATEGORY_COLORS,
    LIGHT_CATEGORY_TINTS,
)

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

SANS_FAMILIES = ("Inter", "Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans", "sans-serif")
SERIF_FAMILIES = ("Georgia", "Noto Serif", "DejaVu Serif", "serif")


@dataclass(frozen=True)
class Theme:
    """A complete palette plus font families; pass it to ``paint_card`` and the widgets."""

    name: str
    background: str
    surface: str
    surface_alt: str
    text: str
    muted: str
    border: str
    accent: str
    shadow: str
    danger: str
    category_colors: dict[Category, str] = field(hash=False)
    category_tints: dict[Category, str] = field(hash=False)
    on_category: str = "#FFFFFF"
    sans: tuple[str, ...] = SANS_FAMILIES
    serif: tuple[str, ...] = SERIF_FAMILIES

    @property
    def is_dark(self) -> bool:
        return self.name == "dark"

    def color(self, name: str) -> QColor:
        """A colour attribute (``"text"``, ``"muted"``...) as a ``QColor``."""
        return QColor(str(getattr(self, name)))

    def category_color(self, category: Category) -> QColor:
        return QColor(self.category_colors[category])

    def category_tint(self, category: Category) -> QColor:
        return QColor(self.category_tints[category])

    def font(
        self,
        pixel_size: float,
        *,
        bold: bool = False,
        serif: bool = False,
        italic: bool = False,
        weight: QFont.Weight | None = None,
    ) -> QFont:
        """A font of this theme at ``pixel_size`` device pixels (never below 7)."""
        f = QFont()
        f.setFamilies(list(self.serif if serif else self.sans))
        f.setPixelSize(max(7, round(pixel_size)))
        if weight is not None:
            f.setWeight(weight)
        elif bold:
            f.setWeight(QFont.Weight.Bold)
        f.setItalic(italic)
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return f


def light_theme() -> Theme:
    return Theme(
        name="light",
        background="#E9EDF3",
        surface="#FFFFFF",
        surface_alt="#F4F6FA",
        text="#161B26",
        muted="#5A6375",
        border="#D5DBE5",
        accent="#2F5BD3",
        shadow="#1B2540",
        danger="#C62828",
        category_colors=dict(LIGHT_CATEGORY_COLORS),
        category_tints=dict(LIGHT_CATEGORY_TINTS),
    )


def dark_theme() -> Theme:
    return Theme(
        name="dark",
        background="#0F1218",
        surface="#1A1F29",
        surface_alt="#222836",
        text="#ECEFF5",
        muted="#A0A9BA",
        border="#2E3545",
        accent="#8AA4FF",
        shadow="#000000",
        danger="#FF6B6B",
        category_colors=dict(DARK_CATEGORY_COLORS),
        category_tints=dict(DARK_CATEGORY_TINTS),
        on_category="#0F1218",
    )


def theme_named(name: str) -> Theme:
    """``"light"`` or ``"dark"``; anything else gives the light theme."""
    return dark_theme() if name == "dark" else light_theme()


def system_theme_name() -> str:
    """``"dark"`` when the platform asks for a dark colour scheme or palette, else ``"light"``."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return "light"
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        return "dark" if palette_is_dark(QGuiApplication.palette()) else "light"
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def palette_is_dark(palette: QPalette) -> bool:
    """The one "is this palette dark?" test: a window colour darker than mid-grey."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def palette_theme(palette: QPalette | None = None) -> Theme:
    """The light or dark theme, whichever matches ``palette`` (default: the application's)."""
    dark = palette_is_dark(palette if palette is not None else QGuiApplication.palette())
    return dark_theme() if dark else light_theme()


def icon_path(category: Category | str) -> Path:
    value = category.value if isinstance(category, Category) else category
    return resources_dir() / "icons" / f"{value}.svg"


@lru_cache(maxsize=8)
def _svg_source(value: str) -> str:
    try:
        return icon_path(value).read_text(encoding="utf-8")
    except OSError:
        return ""


def icon_renderer(category: Category | str, color: str) -> QSvgRenderer | None:
    """An SVG renderer for the category's icon in ``color`` (None if the file is missing)."""
    from PySide6.QtSvg import QSvgRenderer  # on first use: the first card may have no icon

    value = category.value if isinstance(category, Category) else category
    source = _svg_source(value)
    if not source:
        return None
    renderer = QSvgRenderer(QByteArray(source.replace("currentColor", color).encode("utf-8")))
    return renderer if renderer.isValid() else None


@lru_cache(maxsize=128)
def _cached_renderer(value: str, color: str) -> QSvgRenderer | None:
    return icon_renderer(value, color)


def draw_icon(painter: QPainter, rect: QRectF, category: Category | str, color: str) -> None:
    """Draw the category icon into ``rect`` as vectors (sharp on screens, PNGs and PDFs)."""
    value = category.value if isinstance(category, Category) else category
    renderer = _cached_renderer(value, color)
    if renderer is not None:
        renderer.render(painter, rect)


def icon_image(category: Category | str, color: str, size: int) -> QImage:
    """The icon as a transparent image, for buttons and list entries."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw_icon(painter, QRectF(0, 0, size, size), category, color)
    painter.end()
    return image
