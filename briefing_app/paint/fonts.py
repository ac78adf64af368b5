"""Fonts that have the glyphs: upright where no italic covers a script, CJK shipped with the app.

Checked by glyph coverage (``QFontMetricsF.inFontUcs4``), never by a family's
name. Two rules keep a card from showing empty boxes:

- A block that wants italic (the quote) is set upright when the italic face in
  use lacks any of its letters: the synthetic italic Qt makes for, say, Arabic
  in DejaVu Serif gets no fallback font. CJK text is never slanted.
- Chinese, Japanese and Korean need a font most minimal Linux systems lack; the
  app depends on Noto Sans CJK (``manimgx-fonts-cjk``, OFL) and registers it the
  first time such text is laid out, only if no installed font covers the script.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetricsF

from ..core.scripts import has_cjk
from ..log import get_logger

logger = get_logger(__name__)
CJK_FAMILIES = ("Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK KR", "Noto Sans CJK TC")


def bundled_cjk_font() -> Path | None:
    """The Noto Sans CJK collection installed with the app, if the package is there."""
    try:
        import manimgx_fonts_cjk
    except ImportError:
        return None
    path = Path(manimgx_fonts_cjk.__file__).with_name("NotoSansCJK-VF.otf.ttc")
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def ensure_cjk_font() -> tuple[str, ...]:
    """CJK family names to put first for CJK text; registers the bundled font if needed."""
    from PySide6.QtGui import QFontDatabase  # the first CJK text asks, not start-up

    japanese = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    installed = [f for f in (*japanese, *chinese) if f]
    if installed:
        preferred = [f for f in CJK_FAMILIES if f in installed]
        return tuple(dict.fromkeys([*preferred, *installed[:2]]))
    path = bundled_cjk_font()
    if path is None:
        logger.warning("no font covers Chinese or Japanese, and the bundled one is missing")
        return ()
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        logger.warning("the bundled CJK font %s could not be registered", path)
        return ()
    families = tuple(QFontDatabase.applicationFontFamilies(font_id))
    logger.debug("registered %s: %s", path.name, families)
    preferred = [f for f in CJK_FAMILIES if f in families]
    return tuple(dict.fromkeys([*preferred, *families]))


def families_for(text: str, families: tuple[str, ...]) -> tuple[str, ...]:
    """``families`` with a CJK face first when ``text`` holds CJK letters."""
    if not has_cjk(text):
        return families
    return (*ensure_cjk_font(), *families)


def covers(font: QFont, text: str) -> bool:
    """True when the font's own face (not a fallback) has a glyph for every letter of ``text``."""
    metrics = QFontMetricsF(font)
    return all(
        metrics.inFontUcs4(ord(ch)) for ch in set(text) if not ch.isspace() and ch.isprintable()
    )


def can_slant(text: str, font: QFont) -> bool:
    """Whether ``text`` may be set in the italic ``font``: never CJK, and only with real glyphs."""
    if has_cjk(text):
        return False
    return covers(font, text)
