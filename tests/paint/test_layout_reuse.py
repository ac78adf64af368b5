"""Laying out a face reuses work (fonts, blocks already laid at a size); none of it may
change what is drawn: a shrunk face, a repeated card, another theme or scale, another
order of cards all come out as if laid out afresh."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage

from briefing_app.core.cards import Card, Category, Detail, Face, Listing
from briefing_app.paint.card_layout import FaceLayout, layout_face
from briefing_app.paint.card_painter import render_card_image
from briefing_app.paint.theme import dark_theme, light_theme

pytestmark = pytest.mark.gui

WORDS = "the ministry said the remarks were a grave interference in internal affairs"
RECT = QRectF(0, 0, 900, 500)


def wordy_card(n: int) -> Card:
    """An actor whose back needs shrinking: labels, body text and bulleted quotes."""
    body = " ".join(WORDS.split()[n % 5 :] * (6 + n % 4))
    quotes = tuple(f"\u201c{WORDS[: 30 + 7 * i + n]}\u201d" for i in range(6))
    return Card(
        f"actor-{n}",
        Category.ACTOR,
        Face(f"Person {n} of the ministry", "Spokesperson"),
        Face(
            f"Person {n}",
            "Spokesperson",
            (Detail("Summary", body), Detail("Affiliation", "Japan")),
            (Listing("Quotes", quotes),),
        ),
    )


def shape(layout: FaceLayout) -> list[object]:
    """Everything a face's text is drawn from: fonts, line breaks, sizes and places."""
    out: list[object] = [layout.fit, layout.elided, layout.overflow]
    for block, pos in layout.blocks:
        assert block.layout is not None
        out += [block.text, pos.x(), pos.y(), block.height, block.width, block.pad]
        out.append(block.layout.font().toString())
        for n in range(block.layout.lineCount()):
            line = block.layout.lineAt(n)
            out += [line.textStart(), line.textLength(), line.width(), line.naturalTextWidth()]
    return out


def pixels(image: QImage) -> bytes:
    return bytes(image.constBits())


def test_a_shrunk_face_is_laid_out_as_the_same_text_asked_for_at_that_size(
    qapp: object,
) -> None:
    for n in range(6):
        shrunk = layout_face(wordy_card(n), "back", RECT, light_theme(), 1.6)
        assert 0.42 < shrunk.fit < 1.0  # the search ran, and found a size that fits
        direct = layout_face(wordy_card(n), "back", RECT, light_theme(), 1.6 * shrunk.fit)
        assert direct.fit == 1.0
        for (a, _), (b, _) in zip(shrunk.blocks, direct.blocks, strict=True):
            assert a.layout is not None and b.layout is not None
            assert (a.height, a.width, a.layout.lineCount()) == (
                b.height,
                b.width,
                b.layout.lineCount(),
            )
            assert a.layout.font() == b.layout.font()


def test_the_same_card_painted_twice_gives_identical_pixels(qapp: object) -> None:
    card = wordy_card(3)
    for face in ("front", "back"):
        first = render_card_image(card, face, QSize(800, 450), light_theme(), 1.4)
        again = render_card_image(card, face, QSize(800, 450), light_theme(), 1.4)
        assert pixels(first) == pixels(again)


def test_a_theme_or_scale_change_is_never_served_an_earlier_layout(qapp: object) -> None:
    card = wordy_card(1)
    light = layout_face(card, "back", RECT, light_theme(), 1.2)
    serif = replace(light_theme(), name="serif", sans=("DejaVu Serif", "serif"))
    other = layout_face(card, "back", RECT, serif, 1.2)
    for block, _ in other.blocks:
        assert block.layout is not None
        assert block.layout.font().families()[0] == "DejaVu Serif"
    larger = layout_face(card, "back", RECT, light_theme(), 1.5)
    assert shape(larger) != shape(light)
    assert shape(layout_face(card, "back", RECT, light_theme(), 1.2)) == shape(light)
    before = render_card_image(card, "back", QSize(800, 450), light_theme())
    render_card_image(card, "back", QSize(800, 450), dark_theme())
    assert pixels(render_card_image(card, "back", QSize(800, 450), light_theme())) == pixels(before)


PROBE = """
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[1])
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from test_layout_reuse import RECT, shape, wordy_card
from briefing_app.paint.card_layout import layout_face
from briefing_app.paint.theme import light_theme
order = json.loads(sys.argv[2])
found = {}
for n in order:
    for face in ("front", "back"):
        laid = layout_face(wordy_card(n), face, RECT, light_theme(), 1.4)
        found[f"{n}-{face}"] = repr(shape(laid))
print(json.dumps(found))
"""


def test_layouts_do_not_depend_on_the_cards_laid_out_before(qapp: object) -> None:
    """Two fresh processes lay the same cards out in opposite orders: same faces."""
    here = str(Path(__file__).parent)
    runs = []
    for order in (list(range(8)), list(range(7, -1, -1))):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, here, json.dumps(order)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]


def test_the_band_is_drawn_in_the_themes_own_face(qapp: object) -> None:
    """The band's fonts are kept per family list and size: another theme's families
    are never drawn with the first theme's fonts."""
    card = Card("m", Category.MEASURE, Face("Seafood ban", "Economic"), Face("Seafood ban"))
    size = QSize(800, 450)
    serif = replace(light_theme(), name="serif", sans=("DejaVu Serif", "serif"))
    sans = render_card_image(card, "back", size, light_theme())
    other = render_card_image(card, "back", size, serif)
    band = (0, 0, size.width(), size.height() // 6)
    assert pixels(sans.copy(*band)) != pixels(other.copy(*band))
    again = render_card_image(card, "back", size, light_theme())
    assert pixels(again.copy(*band)) == pixels(sans.copy(*band))


def test_a_label_laid_out_for_one_theme_is_not_shown_in_another(qapp: object) -> None:
    """Labels are shared between cards; not between themes with other families."""
    card = Card("a", Category.ACTOR, Face("Ann", "PM"), Face("Ann", "PM", (Detail("Role", "PM"),)))
    serif = replace(light_theme(), name="serif", sans=("DejaVu Serif", "serif"))
    for first, second in ((light_theme(), serif), (serif, light_theme())):
        layout_face(card, "back", RECT, first)
        laid = layout_face(card, "back", RECT, second)
        assert laid.fit == 1.0 and "ROLE" in laid.texts()
        for block, _ in laid.blocks:
            assert block.layout is not None
            assert block.layout.font().families()[0] == second.sans[0], block.text
