"""Card drawing: long text never clipped, plain text only, pictures, both themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage

from briefing_app.core.cards import Card, Category, Detail, Face, Listing
from briefing_app.paint.card_painter import (
    avatar_initials,
    card_rect,
    layout_face,
    render_card_image,
)
from briefing_app.paint.theme import dark_theme, icon_path, light_theme

pytestmark = pytest.mark.gui

LONG = (
    "The ministry said the remarks were a grave interference in internal affairs and "
    "demanded an immediate retraction, warning of consequences. "
) * 30


def long_card() -> Card:
    return Card(
        "long",
        Category.ACTOR,
        Face("A very long name " * 10, "An even longer role " * 14),
        Face(
            "Name",
            "Person",
            (Detail("Summary", LONG[:4000]), Detail("Affiliation", "Somewhere")),
            (Listing("Quotes", tuple(f"\u201cquote {i} {LONG[:300]}\u201d" for i in range(20))),),
        ),
    )


@pytest.mark.parametrize("size", [QSize(1280, 720), QSize(560, 340), QSize(1920, 1080)])
@pytest.mark.parametrize("face", ["front", "back"])
def test_long_text_stays_inside_the_card(qapp: object, size: QSize, face: str) -> None:
    for card in (long_card(), Card("q", Category.QUOTE, Face(LONG[:2000]), Face("x"))):
        stage = QRectF(0, 0, size.width(), size.height())
        layout = layout_face(card, face, card_rect(stage), light_theme())
        assert layout.blocks
        for block, pos in layout.blocks:
            assert pos.y() >= layout.content.top() - 0.5
            assert pos.y() + block.height <= layout.content.bottom() + 0.5, (size, face)
            assert pos.x() + block.width <= layout.content.right() + 1


def test_short_text_is_not_shrunk(qapp: object) -> None:
    card = Card("m", Category.MEASURE, Face("Seafood ban", "Economic"), Face("Seafood ban"))
    layout = layout_face(card, "front", QRectF(0, 0, 1200, 660), light_theme())
    assert layout.fit == 1.0 and not layout.elided
    assert layout.texts() == ["Seafood ban", "Economic"]


def test_text_is_laid_out_as_plain_text(qapp: object) -> None:
    html = "<b>bold</b> &amp; <br/><img src='x'>"
    card = Card("h", Category.QUOTE, Face(html), Face("who"))
    layout = layout_face(card, "front", QRectF(0, 0, 1200, 660), light_theme())
    block = layout.blocks[0][0]
    assert block.layout is not None and block.layout.text() == html


def _colour_count(image: QImage, colour: str, step: int = 4) -> int:
    target = QColor(colour).rgb()
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixel(x, y) == target
    )


@pytest.mark.parametrize("theme", [light_theme(), dark_theme()])
def test_render_draws_band_in_category_colour(qapp: object, theme: object) -> None:
    card = Card("m", Category.MEASURE, Face("Seafood ban", "Economic"), Face("Seafood ban"))
    image = render_card_image(card, "front", QSize(640, 360), theme)  # type: ignore[arg-type]
    assert image.size() == QSize(640, 360)
    assert _colour_count(image, theme.category_colors[Category.MEASURE]) > 200  # type: ignore[attr-defined]
    assert image.pixelColor(2, 2) == QColor(theme.background)  # type: ignore[attr-defined]


def test_actor_picture_or_placeholder(qapp: object, tmp_path: Path) -> None:
    picture = tmp_path / "alice.png"
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("#00ff00"))
    assert image.save(str(picture))
    with_picture = Card("a", Category.ACTOR, Face("Alice Alpha", "PM"), Face("Alice"), picture)
    missing = Card(
        "b", Category.ACTOR, Face("Bob Beta", "PM"), Face("Bob"), tmp_path / "missing.png"
    )
    drawn = render_card_image(with_picture, "front", QSize(800, 450), light_theme())
    assert _colour_count(drawn, "#00ff00", 2) > 500
    placeholder = render_card_image(missing, "front", QSize(800, 450), light_theme())
    assert _colour_count(placeholder, "#00ff00", 2) == 0
    assert _colour_count(placeholder, light_theme().category_tints[Category.ACTOR], 2) > 500


def test_every_category_has_an_icon() -> None:
    for category in Category:
        text = icon_path(category).read_text(encoding="utf-8")
        assert text.startswith("<svg") and "currentColor" in text


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Sanae Takaichi", "ST"),
        ("China", "C"),
        ("(Dr.) Ann Lee", "DA"),
        ("日本政府", "日"),
        # the article ال is skipped: not two alifs that read "II"; letters kept apart
        ("المملكة العربية السعودية", "م\u200cع"),
        ("الأمير فيصل بن فرحان", "أ\u200cف"),
        ("سلطنة عمان", "س\u200cع"),
        ("…", "?"),
    ],
)
def test_placeholder_avatar_initials(name: str, initials: str) -> None:
    assert avatar_initials(name) == initials


def _ink_edges(block: object, pos: object) -> tuple[float, float]:
    """Where a placed block's first line of text starts and ends, in card coordinates."""
    line = block.layout.lineAt(0).naturalTextRect()  # type: ignore[attr-defined]
    return pos.x() + line.left(), pos.x() + line.right()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("headline", "language", "side"),
    [
        ("\u0642\u0645\u0629 \u0627\u0644\u062e\u0644\u064a\u062c", "ar", "right"),
        ("Gulf summit", "en", "left"),
    ],
    ids=["arabic", "english"],
)
def test_the_apps_own_words_stand_on_the_side_the_card_reads_from(
    qapp: object, headline: str, language: str, side: str
) -> None:
    """Section labels and the "As of" chip (English, the app's) sit over the text they
    name: at the right of an Arabic card, at the left of an English one."""
    front = Face(headline, "", (Detail("As of", "2025-03-05"),))
    back = Face(headline, "", (Detail("Summary", headline), Detail("As of", "2025-03-05")))
    card = Card("t", Category.TITLE, front, back)
    for face, role in (("front", "chip"), ("back", "label")):
        layout = layout_face(card, face, QRectF(0, 0, 1200, 660), light_theme(), language=language)
        (head, head_pos), *rest = layout.blocks
        own = [(b, p) for b, p in rest if b.role == role]
        assert own, face
        head_left, head_right = _ink_edges(head, head_pos)
        for block, pos in own:
            left, right = _ink_edges(block, pos)
            if block.chip is not None:  # the pill's edge, not its text's
                left, right = pos.x(), pos.x() + block.width + 2 * block.pad
            if side == "right":
                assert abs(right - head_right) <= 2.0, (face, block.text, right, head_right)
            else:
                assert abs(left - head_left) <= 2.0, (face, block.text, left, head_left)


@pytest.mark.parametrize(
    ("name", "language", "before_name"),
    [
        (
            "\u0628\u062f\u0631 \u0627\u0644\u0628\u0648\u0633\u0639\u064a\u062f\u064a",
            "ar",
            "right",
        ),
        ("Badr", "en", "left"),
    ],
    ids=["arabic", "english"],
)
def test_an_actors_picture_comes_before_the_name_in_its_reading_order(
    qapp: object, name: str, language: str, before_name: str
) -> None:
    """On the front the picture stands where reading starts (right of an Arabic name);
    on the back it takes the far corner, and the kind ("Person") stays under the name."""
    card = Card("a", Category.ACTOR, Face(name, "Minister"), Face(name, "Person"))
    front = layout_face(card, "front", QRectF(0, 0, 1200, 660), light_theme(), language=language)
    back = layout_face(card, "back", QRectF(0, 0, 1200, 660), light_theme(), language=language)
    assert front.avatar is not None and back.avatar is not None
    (head, head_pos), *_ = front.blocks
    left, right = _ink_edges(head, head_pos)
    (name_block, name_pos), (kind, kind_pos), *_ = back.blocks
    back_left, back_right = _ink_edges(name_block, name_pos)
    if before_name == "right":
        assert front.avatar.left() > right and back.avatar.right() < back_left
    else:
        assert front.avatar.right() < left and back.avatar.left() > back_right
    edge = 1 if before_name == "right" else 0
    assert abs(_ink_edges(kind, kind_pos)[edge] - (back_left, back_right)[edge]) <= 2.0
