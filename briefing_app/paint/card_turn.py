"""Drawing a card mid-turn: both faces rendered once, then shown in perspective.

Shared by the study card and the presentation's audience view, so a flip looks
the same in both and neither re-lays out text during the animation.
"""

from __future__ import annotations

import math
from typing import Protocol

from PySide6.QtCore import QEasingCurve, QObject, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QPainter, QPixmap, QTransform

from ..core.cards import Card
from .card_painter import paint_card, paint_shadow
from .theme import Theme

FacePixmaps = tuple[QPixmap, QPixmap]


class TurnSurface(Protocol):
    """What a turning card is drawn on: a widget, seen only through these two calls."""

    def update(self) -> None: ...
    def devicePixelRatioF(self) -> float: ...


def face_pixmap(
    ratio: float,
    card: Card,
    face: str,
    inner: QRectF,
    theme: Theme,
    text_scale: float,
    min_px: float = 0.0,
) -> QPixmap:
    """One face drawn at the surface's pixel ratio, ready to be transformed."""
    pixmap = QPixmap(max(1, round(inner.width() * ratio)), max(1, round(inner.height() * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    rect = QRectF(0, 0, inner.width(), inner.height())
    paint_card(painter, rect, card, face, theme, text_scale, min_px)
    painter.end()
    return pixmap


def turn_pixmaps(
    ratio: float,
    card: Card,
    old: str,
    new: str,
    inner: QRectF,
    theme: Theme,
    text_scale: float,
    min_px: float = 0.0,
) -> FacePixmaps:
    """The face turning away and the face turning in."""
    return (
        face_pixmap(ratio, card, old, inner, theme, text_scale, min_px),
        face_pixmap(ratio, card, new, inner, theme, text_scale, min_px),
    )


def paint_turn(
    painter: QPainter, inner: QRectF, faces: FacePixmaps, angle: float, theme: Theme
) -> None:
    """The card at ``angle`` degrees (0-180) of its turn about the vertical axis."""
    old, new = faces
    pixmap, shown = (old, angle) if angle < 90 else (new, angle - 180)
    w, h = inner.width(), inner.height()
    t = QTransform()
    t.translate(inner.center().x(), inner.center().y())
    t.rotate(shown, Qt.Axis.YAxis, max(1024.0, w * 2.2))
    lift = 1.0 - 0.14 * math.sin(math.radians(abs(shown)))  # keeps the near edge inside
    t.scale(lift, lift)
    t.translate(-w / 2, -h / 2)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setTransform(t)
    paint_shadow(painter, QRectF(0, 0, w, h), theme)
    painter.drawPixmap(QRectF(0, 0, w, h), pixmap, QRectF(pixmap.rect()))
    painter.restore()


class CardTurn:
    """A surface's flip animation: 0 to 180 degrees, both faces drawn once at the start.

    The owner calls ``start`` to turn, ``stop`` when the card changes, and
    ``paint`` from its ``paintEvent`` while ``running``; each step repaints it.
    """

    def __init__(self, surface: TurnSurface, parent: QObject, duration_ms: int) -> None:
        self._surface = surface
        self._faces: FacePixmaps | None = None
        self._anim = QVariantAnimation(parent)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(180.0)
        self._anim.setDuration(duration_ms)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(lambda _angle: surface.update())
        self._anim.finished.connect(self._finished)

    @property
    def running(self) -> bool:
        return self._faces is not None

    def start(
        self,
        card: Card,
        old: str,
        new: str,
        inner: QRectF,
        theme: Theme,
        text_scale: float,
        min_px: float = 0.0,
    ) -> None:
        self._faces = turn_pixmaps(
            self._surface.devicePixelRatioF(), card, old, new, inner, theme, text_scale, min_px
        )
        self._anim.start()

    def stop(self) -> None:
        if self._anim.state() == QVariantAnimation.State.Running:
            self._anim.stop()
        self._faces = None

    def paint(self, painter: QPainter, inner: QRectF, theme: Theme) -> None:
        if self._faces is not None:
            paint_turn(painter, inner, self._faces, float(self._anim.currentValue() or 0.0), theme)

    def _finished(self) -> None:
        self._faces = None
        self._surface.update()
