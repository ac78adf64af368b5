"""What pack text may hold: no control characters, no unbalanced bidi controls.

Pack text reaches terminals, PDFs and screens. A raw ESC could retitle or clear a
terminal; an unclosed right-to-left override flips every line after it. Text
may hold newlines and tabs; nothing else below U+0020, no DEL, no C1 controls
(U+0080–U+009F), and the bidi embeddings, overrides and isolates
(U+202A–U+202E, U+2066–U+2069) only when each is closed in the same text.

``may_hold_forbidden`` is a byte-level pre-check that is never wrong in the
"clean" direction: a pack with none of its markers needs no string-by-string
walk, which keeps loading a big pack fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# C0 but tab, newline and carriage return; DEL and C1; a carriage return without its newline
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # closed by U+202C (PDF)
_ISOLATES = frozenset("\u2066\u2067\u2068")  # closed by U+2069 (PDI)
# Bytes that can start a forbidden character: any escape, DEL, C1 (C2 80-9F), bidi
# (E2 80/81), each with what must follow it. One search per marker the file holds,
# each starting at a literal byte (fast); one alternation over the whole file was
# a byte-by-byte walk (60 ms on a 17 MB pack with a single escaped line break).
_SUSPECT_AFTER = {
    b"\\": re.compile(
        rb"\\(?:u00[01][0-9A-Fa-f]|u007[Ff]|u00[89][0-9A-Fa-f]|u20(?:2[A-Ea-e]|6[6-9])|[bfr])"
    ),
    b"\x7f": re.compile(rb"\x7f"),
    b"\xc2": re.compile(rb"\xc2[\x80-\x9f]"),
    b"\xe2": re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])"),
}


def may_hold_forbidden(data: bytes) -> bool:
    """False only when the JSON bytes cannot hold a forbidden character in any string."""
    # memchr for each marker byte: about 0.5 ms a marker on a 17 MB pack
    for marker, suspect in _SUSPECT_AFTER.items():
        if data.find(marker) == -1:
            continue
        if marker != b"\\":
            if suspect.search(data) is not None:
                return True
            continue
        if any(_is_escape(data, found.start()) for found in suspect.finditer(data)):
            return True
    return False


def _is_escape(data: bytes, at: int) -> bool:
    """Whether the backslash at ``at`` starts an escape: an even run of backslashes
    before it (``\\\\b`` is a written backslash and a ``b``, not a backspace)."""
    run = 0
    while at - run > 0 and data[at - run - 1] == 0x5C:  # a backslash
        run += 1
    return run % 2 == 0


_FORBIDDEN_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def blank_forbidden(text: str) -> str:
    """``text`` with every control and bidi character a pack may not hold turned into a
    space: the same length, so offsets into the original still point at the same words."""
    text = _FORBIDDEN.sub(" ", text)
    return _BIDI.sub(" ", text)


def first_forbidden_char(text: str, multiline: bool = True) -> tuple[int, str] | None:
    """The index and character of the first thing ``text`` may not hold; None when clean.

    One pure rule for every loader (the pydantic path here, a faster one later):
    tabs always pass, newlines (``\\n``, ``\\r\\n``) only when ``multiline``; any
    other C0 control, DEL and C1 never; a bidi control only when balanced (the
    character returned is one that closes nothing, or the innermost never closed).
    """
    found = (_FORBIDDEN if multiline else _FORBIDDEN_ONE_LINE).search(text)
    if found is not None:
        return found.start(), found.group()
    if _BIDI.search(text) is None:
        return None
    return _unbalanced_bidi(text)


def _unbalanced_bidi(text: str) -> tuple[int, str] | None:
    stack: list[tuple[int, str]] = []
    for found in _BIDI.finditer(text):
        ch = found.group()
        if ch in _EMBEDDINGS or ch in _ISOLATES:
            stack.append((found.start(), ch))
        elif (ch == "\u202c" and stack and stack[-1][1] in _EMBEDDINGS) or (
            ch == "\u2069" and stack and stack[-1][1] in _ISOLATES
        ):
            stack.pop()
        else:
            return found.start(), ch
    return stack[-1] if stack else None


def text_problem(text: str, multiline: bool = True) -> str | None:
    """Why ``text`` is refused, naming the code point; None when it is fine."""
    found = first_forbidden_char(text, multiline)
    if found is None:
        return None
    code = ord(found[1])
    if not 0x202A <= code <= 0x2069:
        return f"control character U+{code:04X} is not allowed"
    if found[1] in _EMBEDDINGS or found[1] in _ISOLATES:
        return f"bidirectional control U+{code:04X} is never closed"
    return f"bidirectional control U+{code:04X} closes nothing"


def strings_in(raw: Any, location: str = "") -> Iterator[tuple[str, str]]:
    """Every string value of a parsed pack with its location (``quotes[3].text``).

    Extension keys (``x-``) are skipped: the app never shows them. Iterative, so a
    deeply nested file cannot exhaust the stack.
    """
    stack: list[tuple[str, Any]] = [(location, raw)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if isinstance(key, str) and not key.startswith("x-"):
                    stack.append((f"{where}.{key}" if where else key, item))
        elif isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append((f"{where}[{index}]", value[index]))


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_UNSAFE = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
_UNSAFE += [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_VISIBLE = {code: _escape(code) for code in _UNSAFE}


def make_visible(text: str) -> str:
    """Control characters and bidi controls as visible escapes; newline and tab kept.

    For text on its way to a terminal or an export, whatever its source (a
    draft, an import): nothing raw can retitle, recolour or clear a terminal.
    """
    return text.translate(_VISIBLE)
