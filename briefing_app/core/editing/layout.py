"""Writing JSON in its author's layout, so a one-field edit is a one-line diff.

``json.dumps(indent=2)`` puts every list item on its own line; many authors (and
our bundled pack) write short lists of names on one line. The layout is read
from the file: its indentation, whether non-ASCII is escaped, and whether short
lists of plain values stand on one line; the writer follows it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

INLINE_WIDTH = 100


@dataclass(frozen=True)
class Layout:
    indent: int | str = 2
    ensure_ascii: bool = False
    inline_lists: bool = False
    trailing_newline: bool = True


def read_layout(text: str) -> Layout:
    """The layout a file was written in."""
    indent: int | str = 2
    for line in text.splitlines()[1:]:
        stripped = line.lstrip(" \t")
        if stripped and len(stripped) < len(line):
            lead = line[: len(line) - len(stripped)]
            indent = "\t" if lead.startswith("\t") else len(lead)
            break
    return Layout(
        indent=indent,
        ensure_ascii=bool(re.search(r"\\u[0-9a-fA-F]{4}", text)) and text.isascii(),
        inline_lists=re.search(r":\s*\[\s*(?:\"|-?\d|true|false|null)[^\n]*\]", text) is not None,
        trailing_newline=text.endswith("\n"),
    )


def dumps(value: Any, layout: Layout) -> str:
    """``value`` as JSON text in ``layout``."""
    unit = layout.indent if isinstance(layout.indent, str) else " " * layout.indent
    out = _dump(value, layout, unit, 0)
    return out + ("\n" if layout.trailing_newline else "")


def _scalar(value: Any, layout: Layout) -> str:
    return json.dumps(value, ensure_ascii=layout.ensure_ascii)


def _dump(value: Any, layout: Layout, unit: str, depth: int) -> str:
    pad, inner = unit * depth, unit * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [
            f"{inner}{_scalar(str(k), layout)}: {_dump(v, layout, unit, depth + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(parts) + f"\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if layout.inline_lists and all(not isinstance(v, dict | list) for v in value):
            one_line = "[" + ", ".join(_scalar(v, layout) for v in value) + "]"
            if len(pad) + len(one_line) <= INLINE_WIDTH:
                return one_line
        parts = [f"{inner}{_dump(v, layout, unit, depth + 1)}" for v in value]
        return "[\n" + ",\n".join(parts) + f"\n{pad}]"
    return _scalar(value, layout)
