"""The layout a pack file is written in, and JSON written fresh in that layout.

Saving splices the author's own text back wherever the data did not change
(``splice.py``); only new or changed values are written here. So the layout
read from the file decides how those look: the indentation unit (spaces or a
tab; none for a one-line file), the newline (``\\n`` or ``\\r\\n``), whether
non-ASCII is escaped, whether short lists of plain values stand on one line,
whether the file ends with a newline and starts with a byte-order mark.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

INLINE_WIDTH = 100
_INLINE_LIST = re.compile(r":\s*\[\s*(?:\"|-?\d|true|false|null)[^\n]*\]")


@dataclass(frozen=True)
class Layout:
    """How a file is written; ``indent=None`` is one line (``{"a": 1, "b": [2]}``)."""

    indent: int | str | None = 2
    ensure_ascii: bool = False
    inline_lists: bool = False
    trailing_newline: bool = True
    newline: str = "\n"
    bom: bool = False

    @property
    def unit(self) -> str:
        """One level of indentation as text."""
        if self.indent is None:
            return ""
        return self.indent if isinstance(self.indent, str) else " " * self.indent


def read_layout(text: str) -> Layout:
    """The layout ``text`` (the whole file, BOM included if it has one) was written in."""
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    newline = "\r\n" if "\r\n" in body else "\n"
    indent: int | str | None = None if "\n" not in body.strip() else 2
    for line in body.splitlines()[1:]:
        stripped = line.lstrip(" \t")
        if stripped and len(stripped) < len(line):
            lead = line[: len(line) - len(stripped)]
            indent = "\t" if lead.startswith("\t") else len(lead)
            break
    return Layout(
        indent=indent,
        ensure_ascii=bool(re.search(r"\\u[0-9a-fA-F]{4}", body)) and body.isascii(),
        inline_lists=_INLINE_LIST.search(body) is not None,
        trailing_newline=body.endswith("\n"),
        newline=newline,
        bom=bom,
    )


def dumps(value: Any, layout: Layout) -> str:
    """``value`` as a whole file in ``layout`` (BOM and final newline included)."""
    out = dump_at(value, layout, "")
    return (
        ("\ufeff" if layout.bom else "") + out + (layout.newline if layout.trailing_newline else "")
    )


def scalar(value: Any, layout: Layout) -> str:
    """A string, number, ``true``, ``false`` or ``null`` as JSON."""
    return json.dumps(value, ensure_ascii=layout.ensure_ascii)


def dump_at(value: Any, layout: Layout, pad: str) -> str:
    """``value`` as JSON whose own line is indented by ``pad`` (its first line is not)."""
    if layout.indent is None:
        return json.dumps(value, ensure_ascii=layout.ensure_ascii)
    inner, nl = pad + layout.unit, layout.newline
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [
            f"{inner}{scalar(str(k), layout)}: {dump_at(v, layout, inner)}"
            for k, v in value.items()
        ]
        return "{" + nl + ("," + nl).join(parts) + nl + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        one_line = inline_list(value, layout, pad)
        if one_line is not None:
            return one_line
        parts = [f"{inner}{dump_at(v, layout, inner)}" for v in value]
        return "[" + nl + ("," + nl).join(parts) + nl + pad + "]"
    return scalar(value, layout)


def inline_list(value: list[Any], layout: Layout, pad: str) -> str | None:
    """A short list of plain values on one line, if the layout writes them so."""
    if not layout.inline_lists or any(isinstance(v, dict | list) for v in value):
        return None
    one_line = "[" + ", ".join(scalar(v, layout) for v in value) + "]"
    return one_line if len(pad) + len(one_line) <= INLINE_WIDTH else None
