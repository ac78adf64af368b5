"""The Markdown brief: structure, escaping, timeline order."""

from __future__ import annotations

import pytest
from export_packs import TRICKY_QUOTE
from PySide6.QtGui import QTextDocument

from briefing_app.core.models import Pack
from briefing_app.export.markdown import block, escape_line, pack_to_markdown


def test_sections_in_order(pack: Pack) -> None:
    text = pack_to_markdown(pack)
    lines = text.splitlines()
    assert lines[0].startswith("# Tariffs \\& \\<Trade\\>")
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Sources",
        "## Actors",
        "## Quotes",
        "## Measures",
        "## Implications",
        "## Timeline",
    ]
    assert "First line of the summary." in text
    assert "As of 2025-11-20." in text


def test_quotes_say_who_said_them(pack: Pack) -> None:
    text = pack_to_markdown(pack)
    assert "> We will respond\\\n> in kind.\n>\n> \u2014 **Bob 山田**, Trade office" in text
    assert "\u2014 **Alice Émile**, Minister of Trade · 2025-11-18" in text


def test_timeline_sorted_by_date(pack: Pack) -> None:
    text = pack_to_markdown(pack)
    timeline = text.split("## Timeline", 1)[1]
    assert timeline.index("2025-11-18") < timeline.index("2025-11-19")
    assert "- **2025-11-19**: Tariff announced (Bob 山田)" in timeline


@pytest.mark.parametrize(
    "raw",
    [
        TRICKY_QUOTE,
        "# heading?",
        "- not a list",
        "1. not a list",
        "+ plus",
        "=== not a rule",
        "> not a quote",
        "&amp; stays",
        "back\\slash",
    ],
)
def test_escaped_text_renders_literally(qapp: object, raw: str) -> None:
    """Qt's Markdown reader (md4c, CommonMark) shows the text exactly, unformatted."""
    doc = QTextDocument()
    doc.setMarkdown(block(raw))
    assert doc.toPlainText() == raw
    body = doc.toHtml().split("<body", 1)[1].split(">", 1)[1]
    for formatting in _FORMATTING:
        assert formatting not in body, formatting


_FORMATTING = (
    "font-weight:",
    "font-style:italic",
    "line-through",
    "monospace",
    "<a ",
    "<h1",
    "<h2",
    "<ul",
    "<ol",
    "<li",
    "<hr",
    "<table",
    "-qt-block-indent:1",
    "margin-left:40px",
)


def test_the_whole_brief_renders_the_tricky_quote(qapp: object, pack: Pack) -> None:
    doc = QTextDocument()
    doc.setMarkdown(pack_to_markdown(pack))
    plain = doc.toPlainText()
    assert TRICKY_QUOTE in plain
    assert '# not a heading, "quoted"' in plain
    assert "Tariffs & <Trade>: a test brief" in plain


def test_escape_line_leaves_ordinary_text_alone() -> None:
    assert escape_line("U.S.-Japan talks, 2025 (Tokyo)") == "U.S.-Japan talks, 2025 (Tokyo)"
    assert escape_line("Café 日本語") == "Café 日本語"
