"""An Anki package (``.apkg``): one deck, the "Briefing card" note type, stable note ids.

Written with ``genanki`` (a maintained library for Anki's collection format).
The note type looks like our cards: a band in the category's colour, light and
dark (Anki's ``.nightMode``). Note GUIDs come from the pack and item ids, so
importing the package of an edited pack updates the same notes and keeps their
review history. Model and deck ids are derived from names, so they are stable too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.cards import STUDY_CATEGORIES, Card, Category
from ..paint.palette import (
    DARK_CATEGORY_COLORS,
    DARK_CATEGORY_TINTS,
    LIGHT_CATEGORY_COLORS,
    LIGHT_CATEGORY_TINTS,
)
from .anki_card import FIELDS, anki_note, deck_name

if TYPE_CHECKING:
    from ..core.models import Pack

MODEL_NAME = "Briefing card"
CATEGORY_DECKS = {
    Category.TITLE: "Briefing",
    Category.ACTOR: "Actors",
    Category.QUOTE: "Quotes",
    Category.MEASURE: "Measures",
    Category.IMPLICATION: "Implications",
}

# ``mathjax_ignore``: Anki typesets \( \) and \[ \] with MathJax; pack text is plain text.
FRONT_TEMPLATE = """<div class="bc cat-{{Category}} mathjax_ignore">
<div class="bc-band">{{Category}}</div>
<div class="bc-body">{{Front}}</div>
</div>"""
BACK_TEMPLATE = """<div class="bc cat-{{Category}} bc-back mathjax_ignore">
<div class="bc-band">{{Category}} &middot; back</div>
<div class="bc-body">{{Back}}</div>
</div>"""


def stable_id(name: str) -> int:
    """A 31-bit id from a name: the same note type and deck in every export."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) & 0x7FFFFFFF | 1 << 30


def card_css() -> str:
    """Our card look for Anki, both themes, from the app's own category colours."""
    rules = [
        ".card { font-family: 'Inter', 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif;"
        " background: #E9EDF3; color: #161B26; margin: 0; font-size: 19px; }",
        ".card.nightMode { background: #0F1218; color: #ECEFF5; }",
        ".bc { max-width: 680px; margin: 24px auto; background: #FFFFFF; border-radius: 14px;"
        " overflow: hidden; text-align: left; box-shadow: 0 6px 20px rgba(27,37,64,.16); }",
        ".nightMode .bc { background: #1A1F29; box-shadow: none; border: 1px solid #2E3545; }",
        ".bc-band { padding: 10px 22px; color: #FFFFFF; font-size: 12px; font-weight: 700;"
        " letter-spacing: .14em; text-transform: uppercase; }",
        ".bc-body { padding: 22px 26px 26px; line-height: 1.45; }",
        ".bc-head { font-size: 1.35em; font-weight: 700; }",
        ".bc-quote { font-family: Georgia, 'Noto Serif', serif; font-style: italic;"
        " font-weight: 400; }",
        ".bc-sub { color: #5A6375; margin-top: 4px; }",
        ".bc-kicker { font-family: Georgia, 'Noto Serif', serif; font-style: italic;"
        " color: #5A6375; margin-bottom: 8px; }",
        ".nightMode .bc-sub { color: #A0A9BA; }",
        ".bc-label { margin-top: 14px; font-size: 12px; font-weight: 700;"
        " letter-spacing: .12em; text-transform: uppercase; }",
        ".bc ul { margin: 4px 0 0 1.1em; padding: 0; }",
    ]
    for category in Category:
        value = category.value
        light, dark = LIGHT_CATEGORY_COLORS[category], DARK_CATEGORY_COLORS[category]
        light_tint, dark_tint = LIGHT_CATEGORY_TINTS[category], DARK_CATEGORY_TINTS[category]
        rules += [
            f".cat-{value} .bc-band {{ background: {light}; }}",
            f".cat-{value}.bc-back .bc-band {{ background: {light_tint}; color: {light}; }}",
            f".cat-{value} .bc-label {{ color: {light}; }}",
            f".nightMode .cat-{value} .bc-band {{ background: {dark}; color: #0F1218; }}",
            f".nightMode .cat-{value}.bc-back .bc-band {{ background: {dark_tint};"
            f" color: {dark}; }}",
            f".nightMode .cat-{value} .bc-label {{ color: {dark}; }}",
        ]
    return "\n".join(rules)


def build_package(pack: Pack, cards: Iterable[Card], *, subdecks: bool = False) -> object:
    """The ``genanki.Package``: one deck (or one sub-deck per category), one note per card."""
    import genanki

    model = genanki.Model(
        stable_id(f"briefing-app model {MODEL_NAME} v1"),
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card", "qfmt": FRONT_TEMPLATE, "afmt": BACK_TEMPLATE}],
        css=card_css(),
        sort_field_index=FIELDS.index("ItemId"),
    )
    root = deck_name(pack.title)
    decks: dict[str, genanki.Deck] = {}

    def deck_for(category: Category) -> genanki.Deck:
        name = f"{root}::{CATEGORY_DECKS[category]}" if subdecks else root
        if name not in decks:
            decks[name] = genanki.Deck(stable_id(f"briefing-app deck {pack.id} {name}"), name)
        return decks[name]

    deck_for(STUDY_CATEGORIES[0] if subdecks else Category.TITLE)
    for card in cards:
        note = anki_note(pack.id, card)
        deck_for(card.category).add_note(
            genanki.Note(
                model=model, fields=list(note.fields), guid=note.guid, tags=list(note.tags)
            )
        )
    return genanki.Package(list(decks.values()))


def write_apkg(pack: Pack, cards: list[Card], out: Path, *, subdecks: bool = False) -> None:
    """Write the package to ``out`` (the caller makes the write atomic)."""
    package = build_package(pack, cards, subdecks=subdecks)
    package.write_to_file(str(out))  # type: ignore[attr-defined]
