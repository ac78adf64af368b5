"""Every script renders with real glyphs, right to left where it should, with only DejaVu.

The machine's fonts are fixed when Qt starts, so each font set runs in a fresh
process (``script_probe.py``) under its own fontconfig file. The checks are by
the glyphs the layout chose (glyph 0 is the empty box) and by the pixels.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from briefing_app.core.scripts import is_rtl, quote_marks, quoted

DEJAVU_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
PROBE = Path(__file__).with_name("script_probe.py")


def _dejavu_only(tmp_path: Path) -> dict[str, str]:
    folder = next((d for d in DEJAVU_DIRS if d.is_dir()), None)
    if folder is None:
        pytest.skip("DejaVu fonts are not installed here")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{folder}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture(scope="module")
def dejavu_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("dejavu")
    env = _dejavu_only(tmp)
    done = subprocess.run(
        [sys.executable, str(PROBE), str(tmp)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("script", ["arabic", "japanese", "chinese", "english"])
def test_no_missing_glyph_box_with_only_dejavu(
    dejavu_run: dict[str, dict[str, object]], script: str
) -> None:
    found = dejavu_run[script]
    assert found["missing_glyphs"] == 0, found["families"]


def test_arabic_is_upright_right_to_left_and_ends_at_the_right_margin(
    dejavu_run: dict[str, dict[str, object]],
) -> None:
    found = dejavu_run["arabic"]
    assert found["rtl"] and not found["italic"]  # DejaVu has no italic Arabic: upright
    lines = found["lines"]
    assert isinstance(lines, list) and len(lines) >= 2  # every line, not just the first
    right = float(found["box_right"])  # type: ignore[arg-type]
    image = QImage(str(found["png"]))
    ink = QColor(str(found["text_color"]))
    for line in lines:
        assert abs(line["right"] - right) <= 2.0, (line, right)
        # the pixels agree: the rightmost ink in the line's band is at the right margin
        rows = range(round(line["top"]), round(line["top"] + line["height"]), 2)
        xs = [
            x
            for row in rows
            for x in range(round(right) - 40, round(right) + 3)
            if _near(image.pixelColor(x, row), ink)
        ]
        assert xs and max(xs) >= right - 8, (line, max(xs, default=None), right)


def test_japanese_is_upright_with_corner_brackets(
    dejavu_run: dict[str, dict[str, object]],
) -> None:
    found = dejavu_run["japanese"]
    assert not found["italic"] and not found["rtl"]
    assert found["mark"] == "\u300c"
    assert dejavu_run["chinese"]["mark"] == "\u201c"
    assert any("CJK" in f for f in found["families"])  # type: ignore[union-attr]


def _near(color: QColor, ink: QColor) -> bool:
    """A pixel of text: close to the ink colour (anti-aliased edges are lighter)."""
    return (
        abs(color.red() - ink.red())
        + abs(color.green() - ink.green())
        + abs(color.blue() - ink.blue())
        < 150
    )


def test_japanese_in_a_pdf_is_not_printed_in_the_variable_fonts_thin_default(
    dejavu_run: dict[str, Any],
) -> None:
    """With only DejaVu the bundled variable Noto Sans CJK prints Japanese; its default
    instance is Thin, so the PDF text path sets the weight axis (Normal and Bold)."""
    fonts = dejavu_run["pdf_fonts"]
    assert fonts, "the PDF embeds no font"
    assert not any(name.endswith("-Thin") for name in fonts), fonts


def test_a_quiz_window_alone_shows_japanese_with_only_dejavu(dejavu_run: dict[str, Any]) -> None:
    """Widgets find CJK glyphs through Qt's fallback only once the bundled font is
    registered; cards did it for themselves, a quiz window opened alone did not."""
    assert dejavu_run["widget_missing_glyphs"] == 0


def test_direction_and_marks_without_qt() -> None:
    assert is_rtl("שלום עולם") and is_rtl("2025 عام") and not is_rtl("2025 year")
    assert is_rtl("2025", "ar") and not is_rtl("2025", "en")
    assert quote_marks("これは", None) == ("「", "」")
    assert quote_marks("我们", "zh") == ("“", "”")
    assert quoted("漢字だけ", "ja") == "「漢字だけ」"
    assert quoted("plain") == "“plain”"


def test_an_actors_japanese_initials_are_bold_like_latin_ones(
    dejavu_run: dict[str, Any],
) -> None:
    """With only DejaVu the initial 日 comes from the bundled variable CJK font, whose
    default is Thin: the picture sets the weight axis as the card text does."""
    ink = dejavu_run["avatar_ink"]
    assert ink["japanese"] >= 0.6 * ink["english"], ink
