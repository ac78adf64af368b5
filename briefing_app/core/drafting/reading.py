"""Article text from a .txt, .md or .html file: plain paragraphs, and a title.

The extractor's offsets point into the text returned here, so a drafted quote
can be checked against it later. Plain text is used as given (control and bidi
characters become spaces, so its length and offsets hold). HTML is
reduced with the standard library's parser (no network, no scripts or styles;
block elements become paragraphs, everything else is collapsed to single
spaces). Markdown is rendered by markdown-it-py and then reduced the same way.
The title is the first heading (an ``h1`` before any other), else the page's
``<title>``, else the first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from ..text_rules import blank_forbidden

BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "th",
        "pre",
        "address",
    ]
)
SKIP = frozenset(
    ["script", "style", "noscript", "template", "nav", "aside", "svg", "math", "iframe", "object"]
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")


@dataclass(frozen=True)
class Article:
    """The article as plain text (paragraphs separated by blank lines) and its title."""

    text: str
    title: str


class _TextOfHtml(HTMLParser):
    """Text and headings of an HTML document; character references are decoded once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: dict[str, str] = {}
        self._skipping: list[str] = []
        self._collecting: str | None = None
        self._collected: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self._skipping.append(tag)
        if tag in BLOCKS:
            self.parts.append("\n\n")
        if (tag in HEADINGS or tag == "title") and self._collecting is None:
            self._collecting, self._collected = tag, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
        if tag in BLOCKS:
            self.parts.append("\n\n")
        if tag == self._collecting:
            found = " ".join("".join(self._collected).split())
            kind = "title" if tag == "title" else ("h1" if tag == "h1" else "heading")
            if found:
                self.headings.setdefault(kind, found)
            self._collecting = None

    def handle_data(self, data: str) -> None:
        if self._collecting is not None:
            self._collected.append(data)
        if not self._skipping and self._collecting != "title":
            self.parts.append(data)


def html_to_text(markup: str) -> Article:
    """Paragraphs of text and the first heading of an HTML document."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    blocks = (" ".join(b.split()) for b in _PARAGRAPH_BREAK.split("".join(parser.parts)))
    text = "\n\n".join(b for b in blocks if b)
    h = parser.headings
    return Article(text, h.get("h1") or h.get("heading") or h.get("title") or _first_line(text))


def read_article(raw: str, kind: str = "txt") -> Article:
    """``kind`` is ``txt``, ``md`` or ``html`` (by file suffix; text is the default).

    Control and bidi characters become spaces first (same length, offsets kept):
    pasted articles carry them, and a draft must be a pack that validates.
    """
    raw = blank_forbidden(raw)
    if kind == "html":
        return html_to_text(raw)
    if kind == "md":
        return html_to_text(MarkdownIt("commonmark").render(raw))
    return Article(raw, _first_line(raw))  # every offset points into the file itself


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
