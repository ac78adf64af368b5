"""The Anki TSV: Anki's headers, one line per card, text that survives import."""

from __future__ import annotations

import csv
import html
import io

import msgspec
from export_packs import TRICKY_QUOTE, pack_dict

from briefing_app.core.cards import build_cards
from briefing_app.core.models import Pack
from briefing_app.export.anki_card import note_guid
from briefing_app.export.tsv import cards_to_tsv, flatten, quote_field


def _split(text: str) -> tuple[list[str], list[list[str]]]:
    """Header lines, and the rows read the way Anki reads them (CSV, tab, ``#`` comments)."""
    lines = text.splitlines()
    headers = [line for line in lines if line.startswith("#")]
    body = "\n".join(line for line in lines if not line.startswith("#"))
    rows = list(csv.reader(io.StringIO(body), delimiter="\t", quotechar='"'))
    return headers, rows


def test_headers_are_ankis(pack: Pack) -> None:
    headers, _ = _split(cards_to_tsv(pack, build_cards(pack)))
    assert headers[:3] == ["#separator:tab", "#html:true", "#notetype:Basic"]
    assert "#deck:Tariffs & <Trade>: a test brief" in headers
    assert "#guid column:1" in headers and "#tags column:4" in headers
    assert "#columns:GUID\tFront\tBack\tTags" in headers
    assert "#tags:test-pack" in headers


def test_one_line_and_one_row_per_card(pack: Pack) -> None:
    cards = build_cards(pack)
    text = cards_to_tsv(pack, cards)
    headers, rows = _split(text)
    assert len(text.splitlines()) == len(headers) + len(cards)
    assert len(rows) == len(cards)
    assert all(len(row) == 4 for row in rows)
    assert [row[0] for row in rows] == [note_guid(pack.id, c.id) for c in cards]


def test_tags_column_holds_the_category(pack: Pack) -> None:
    cards = build_cards(pack)
    headers, rows = _split(cards_to_tsv(pack, cards))
    column = int(next(h for h in headers if h.startswith("#tags column:")).split(":")[1])
    assert [row[column - 1] for row in rows] == [c.category.value for c in cards]


def test_text_survives_literally(pack: Pack) -> None:
    cards = build_cards(pack)
    _, rows = _split(cards_to_tsv(pack, cards))
    fronts = [html.unescape(row[1].removeprefix("<b>").split("</b>")[0]) for row in rows]
    assert TRICKY_QUOTE in fronts  # pack HTML is escaped: Anki shows it as text
    assert "<b>bold</b>" not in cards_to_tsv(pack, cards).replace("&lt;b&gt;", "")
    assert "We will respond<br>in kind." in [row[1][3:-4] for row in rows]  # line breaks kept
    assert '# not a heading, "quoted"' in fronts  # never read as a comment line
    backs = {c.id: row[2] for c, row in zip(cards, rows, strict=True)}
    assert backs["q-stars"].startswith("<i>\u201cStars *are* #1 &lt;b&gt;")  # the quote again
    assert "<br><b>Alice Émile</b><br>Minister of Trade<br><b>Context:</b>" in backs["q-stars"]
    assert "Bob 山田" in backs["q-tab"]


def test_field_rules() -> None:
    assert flatten("a\tb\r\nc\rd\u2028e") == "a b / c / d / e"
    assert flatten("one\n\n\ntwo") == "one / two"
    assert quote_field("plain") == "plain"
    assert quote_field('say "hi"') == '"say ""hi"""'
    assert quote_field("#1") == '"#1"'


def test_rows_never_start_a_comment(pack: Pack) -> None:
    text = cards_to_tsv(pack, build_cards(pack))
    body = [line for line in text.splitlines() if not line.startswith(("#separator", "#html"))]
    headers = [line for line in body if line.startswith("#")]
    assert all(":" in h and h.split(":")[0][1:] in _HEADER_KEYS for h in headers)


_HEADER_KEYS = {"notetype", "deck", "tags", "columns", "tags column", "guid column"}


def test_empty_pack_has_only_headers(pack: Pack) -> None:
    text = cards_to_tsv(pack, [])
    assert all(line.startswith("#") for line in text.splitlines())
    assert text.endswith("\n")


def test_the_guids_survive_an_edit_of_the_pack(pack: Pack) -> None:
    """Export, edit, export again: the same GUIDs, so Anki updates instead of duplicating."""
    cards = build_cards(pack)
    before = [row[0] for row in _split(cards_to_tsv(pack, cards))[1]]
    edited = msgspec.structs.replace(pack, title="A new title")
    renamed = [
        c if c.category.value != "actor" else type(c)(c.id, c.category, c.back, c.front)
        for c in cards
    ]
    after = [row[0] for row in _split(cards_to_tsv(edited, renamed))[1]]
    assert before == after and len(set(after)) == len(after)


def test_control_characters_never_reach_the_file_raw() -> None:
    """Belt and braces for a pack that skipped validation (the checks live in the loader)."""
    data = pack_dict(title="Deck \x1b]0;pwned\x07 name")
    data["quotes"][0]["text"] = "Red \x1b[31m text\x9b"
    pack = msgspec.convert(data, Pack)  # the app's type, no loader checks
    text = cards_to_tsv(pack, build_cards(pack))
    assert not any(ch in text for ch in "\x1b\x07\x9b")
    assert "#deck:Deck \\x1b]0;pwned\\x07 name" in text
    assert "Red \\x1b&#91;31m text\\x9b" in text  # '[' escaped for Anki's [sound:] tags
