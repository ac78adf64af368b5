"""The one rule for what pack text may hold, as the loaders and writers share it."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core.text_rules import first_forbidden_char, make_visible, may_hold_forbidden

FORBIDDEN = [
    *[c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)],
    *range(0x7F, 0xA0),
]
BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]


@pytest.mark.parametrize("code", FORBIDDEN)
def test_every_control_character_is_found_where_it_stands(code: int) -> None:
    text = f"safe {chr(code)} rest"
    assert first_forbidden_char(text) == (5, chr(code))
    assert first_forbidden_char(text, multiline=False) == (5, chr(code))


def test_tabs_always_pass_and_newlines_only_in_multi_line_text() -> None:
    assert first_forbidden_char("a\tb\nc\r\nd") is None
    assert first_forbidden_char("a\tb\nc", multiline=False) == (3, "\n")
    assert first_forbidden_char("a\r\nb", multiline=False) == (1, "\r")
    assert first_forbidden_char("lone\rreturn") == (4, "\r")
    assert first_forbidden_char("a\tb", multiline=False) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a\u202bb\u202cc", None),  # an embedding closed by PDF
        ("a\u2067b\u2069c", None),  # an isolate closed by PDI
        ("\u202a\u2066x\u2069\u202c", None),  # nested, closed inside out
        ("x\u202ey", (1, "\u202e")),  # an override never closed
        ("x\u202c", (1, "\u202c")),  # a PDF that closes nothing
        ("\u2066x\u202c", (2, "\u202c")),  # a PDF cannot close an isolate
        ("\u202ax\u2069", (2, "\u2069")),  # a PDI cannot close an embedding
        ("\u202a\u2068x\u2069", (0, "\u202a")),  # the outer one stays open
    ],
)
def test_bidi_controls_pass_only_when_balanced(text: str, found: tuple[int, str] | None) -> None:
    assert first_forbidden_char(text) == found


@pytest.mark.parametrize("code", [*FORBIDDEN, 0x0D, *BIDI])
def test_the_byte_precheck_sees_every_forbidden_character_raw_or_escaped(code: int) -> None:
    for ascii_only in (True, False):
        data = json.dumps({"title": f"a{chr(code)}b"}, ensure_ascii=ascii_only).encode()
        assert may_hold_forbidden(data), (hex(code), data)


def test_the_byte_precheck_passes_clean_text_of_any_script() -> None:
    text = "Ταϊβάν 台湾 تايوان “quoted” — naïve café €5 \u200f"
    assert not may_hold_forbidden(json.dumps({"t": text}, ensure_ascii=False).encode())


@pytest.mark.parametrize("code", [*FORBIDDEN, 0x0D, *BIDI])
def test_made_visible_nothing_forbidden_is_left(code: int) -> None:
    shown = make_visible(f"a{chr(code)}b")
    assert chr(code) not in shown and shown.startswith("a\\") and shown.endswith("b")
    assert first_forbidden_char(shown, multiline=False) is None


def test_blank_forbidden_keeps_length_and_leaves_no_forbidden_character() -> None:
    from briefing_app.core.text_rules import blank_forbidden, first_forbidden_char

    text = "We \x1b[2J will\x00 not \u202eback\r down.\n\tYes."
    clean = blank_forbidden(text)
    assert len(clean) == len(text)
    assert first_forbidden_char(clean) is None
    assert clean.index("will") == text.index("will")  # offsets still point at the words
    assert "\n\t" in clean  # newlines and tabs are allowed and kept


# The slow, plain statement of what ``may_hold_forbidden`` flags: an escape only where
# the backslash is not itself escaped (an even run of backslashes before it), and the
# raw bytes of DEL, C1 and the bidi controls anywhere.
REFERENCE = re.compile(
    rb"(?<!\\)(?:\\\\)*\\(?:u00[01][0-9A-Fa-f]|u007[Ff]|u00[89][0-9A-Fa-f]"
    rb"|u20(?:2[A-Ea-e]|6[6-9])|[bfr])"
    rb"|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)
PIECES = [b"\\", b"\\\\", b"u00", b"u007", b"u20", b"2a", b"6", b"1f", b"7F", b"9", b"b"]
PIECES += [
    b"f",
    b"r",
    b"n",
    b"\x7f",
    b"\xc2",
    b"\x80",
    b"\x9f",
    b"\xa0",
    b"\xe2",
    b"\x81",
    b"\xaa",
    b"a",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12) | st.binary(max_size=24))
def test_the_marker_searches_flag_exactly_the_real_escapes_and_raw_controls(
    parts: list[bytes] | bytes,
) -> None:
    data = parts if isinstance(parts, bytes) else b"".join(parts)
    assert may_hold_forbidden(data) is (REFERENCE.search(data) is not None)


def test_a_written_backslash_before_b_f_or_r_is_not_an_escape() -> None:
    """Found by the fast loader's fuzz: a title ``\\b`` (a backslash, then b) sent a
    valid pack down the slow path."""
    assert not may_hold_forbidden(b'{"t": "a\\\\b \\\\f \\\\r \\\\u0007"}')
    assert may_hold_forbidden(b'{"t": "a\\\\\\b"}')  # a backslash, then a backspace
