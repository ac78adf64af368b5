"""Every problem of a pack at once, and text that cannot hold control characters."""

from __future__ import annotations

import json

import pytest
from pack_samples import encode, parse, problems, valid

from briefing_app.core.text_rules import may_hold_forbidden, text_problem


def test_a_misspelt_key_and_the_key_it_meant_are_one_problem() -> None:
    pack = valid()
    quote = pack["quotes"][0]
    quote["txt"] = quote.pop("text")
    assert problems(pack) == [
        "quotes[0]: unknown key 'txt' (did you mean 'text'?); 'text' is required"
    ]


def test_missing_unknown_and_wrong_types_are_all_reported_in_document_order() -> None:
    pack = valid()
    pack["title"] = 42  # a wrong type early in the file
    pack["quotes"][0].pop("actor")  # a missing key
    pack["quotes"][1]["colour"] = "red"  # an unknown key with no near miss
    pack["measures"][0]["title"] = ""  # an empty text
    found = problems(pack)
    assert found == [
        "title: expected text, got a number",
        "quotes[0].actor: required key is missing",
        "quotes[1].colour: unknown key 'colour'; extensions must start with 'x-'",
        "measures[0].title: must not be empty",
    ]


def test_the_cap_counts_what_it_leaves_out() -> None:
    pack = valid()
    pack["quotes"] = [
        {"id": f"q{i}", "actor": "takaichi", "text": "x", "bogus": 1} for i in range(80)
    ]
    found = problems(pack)
    assert len(found) == 51 and found[-1] == "... and 30 more problems"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("\x1b]0;pwned\x07", "U+001B"),
        ("red \x1b[31m text", "U+001B"),
        ("clear \x1b[2J", "U+001B"),
        ("nul \x00 byte", "U+0000"),
        ("delete \x7f", "U+007F"),
        ("c1 \x9b control", "U+009B"),
        ("lone \r return", "U+000D"),
    ],
)
def test_control_characters_are_refused_with_their_code_point(text: str, code: str) -> None:
    pack = valid()
    pack["quotes"][0]["text"] = text
    assert problems(pack) == [f"quotes[0].text: control character {code} is not allowed"]


def test_escaped_and_raw_forms_are_both_caught() -> None:
    pack = valid()
    pack["actors"][0]["name"] = "Evil\u009bName"
    escaped = json.dumps(pack, ensure_ascii=True).encode()  # \u009b as an escape
    raw = json.dumps(pack, ensure_ascii=False).encode()  # the character's UTF-8 bytes
    for data in (escaped, raw):
        assert problems(data) == ["actors[0].name: control character U+009B is not allowed"]


def test_newlines_tabs_and_balanced_bidi_are_fine() -> None:
    pack = valid()
    pack["quotes"][0]["context"] = "First line\nsecond\tline\r\nthird"
    pack["quotes"][1]["context"] = "a \u202bright-to-left embedding\u202c ends"
    pack["measures"][0]["detail"] = "an \u2067isolate\u2069 too"
    assert parse(pack).quotes[0].context == "First line\nsecond\tline\r\nthird"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("flip \u202e everything after", "bidirectional control U+202E is never closed"),
        ("close \u202c nothing", "bidirectional control U+202C closes nothing"),
        ("\u2066crossed\u202c", "bidirectional control U+202C closes nothing"),
    ],
)
def test_unbalanced_bidi_controls_are_refused(text: str, message: str) -> None:
    assert text_problem(text) == message
    pack = valid()
    pack["implications"][0]["title"] = text
    assert problems(pack) == [f"implications[0].title: {message}"]


def test_the_byte_precheck_never_misses() -> None:
    clean = encode(valid())
    assert not may_hold_forbidden(clean.replace(b"\\", b""))
    for bad in ("\x1b", "\x7f", "\x85", "\u202e", "\u2066"):
        pack = valid()
        pack["title"] = f"x{bad}y"
        for data in (encode(pack), json.dumps(pack).encode()):
            assert may_hold_forbidden(data), repr(bad)
