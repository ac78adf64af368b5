"""Article text from a .txt, .md or .html file: plain paragraphs, and a title.

The extractor's offsets point into the text returned here, so a drafted quote
can be checked against it later. Plain text is used exactly as given; HTML is
reduced with the standard library's parser (no network, no scripts: block
elements become paragraph breaks) and Markdown loses its markers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..text_rules import blank_forbidden

BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "tr",
    ]
)
SKIP = frozenset(["script", "style", "noscript", "template", "head", "nav", "aside"])
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)")
_MD_INLINE = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Article:
    """The article as plain text (paragraphs separated by blank lines) and its title."""

    text: str
    title: str


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.heading: str | None = None
        self._in_heading = False
        self._heading_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        if tag in ("h1", "title") and self.heading is None:
            self._in_heading = True

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP and self.skipping:
            self.skipping -= 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        if tag in ("h1", "title") and self._in_heading:
            self._in_heading = False
            self.heading = " ".join("".join(self._heading_parts).split()) or None

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self._heading_parts.append(data)
        if not self.skipping:
            self.parts.append(data)


def _paragraphs(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def read_article(raw: str, kind: str = "txt") -> Article:
    """``kind`` is ``txt``, ``md`` or ``html`` (by file suffix; text is the default).

    Control and bidi characters become spaces first (same length, offsets kept):
    pasted articles carry them, and a draft must be a pack that validates.
    """
    raw = blank_forbidden(raw)
    if kind == "html":
        parser = _TextOfHtml()
        parser.feed(raw)
        parser.close()
        text = _paragraphs(html.unescape("".join(parser.parts)))
        return Article(text, parser.heading or _first_line(text))
    if kind == "md":
        lines = []
        title = ""
        for line in raw.replace("\r\n", "\n").split("\n"):
            if not title and line.lstrip().startswith("#"):
                title = line.lstrip("# ").strip()
            line = _MD_PREFIX.sub("", line.strip())
            line = _MD_LINK.sub(r"\1", line)
            lines.append(_MD_INLINE.sub(r"\2", line))
        text = _paragraphs("\n".join(lines))
        return Article(text, title or _first_line(text))
    # Plain text is kept exactly as given: every offset points into the file itself.
    return Article(raw, _first_line(raw))


def _first_line(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.rstrip(".:") if len(first) <= 200 else first[:197].rstrip() + "..."


def kind_of(name: str) -> str:
    """The reading a file name asks for: ``html``, ``md`` or ``txt``."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "md"
    return "txt"
