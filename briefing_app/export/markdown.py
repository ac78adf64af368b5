"""A pack as a Markdown brief: overview, actors, quotes, measures, implications, timeline.

Pack text is escaped so that it renders literally in any CommonMark renderer:
a quote holding ``*``, ``#`` or ``<b>`` shows those characters, never formatting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..core.models import Actor, Event, Implication, Measure, Pack, Quote, Source
from ..core.text_rules import make_visible

# ASCII punctuation that can start formatting anywhere in a line (CommonMark
# allows a backslash before any ASCII punctuation, so escaping is always safe).
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>&#|~])")
# Punctuation that is special only at the start of a line: lists, headings, rules.
_LINE_START = re.compile(r"^([+\-=])")
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t]+")


def escape_line(text: str) -> str:
    """One line of pack text, escaped to render literally (control characters made visible)."""
    text = _SPACES.sub(" ", make_visible(text).strip())
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED_ITEM.sub(r"\1\\\2", text)


def inline(text: str) -> str:
    """Pack text on one line (for headings, list items and bylines)."""
    return escape_line(" ".join(_LINE_BREAKS.split(text)))


def block(text: str, prefix: str = "") -> str:
    """Pack text as paragraphs; its line breaks stay line breaks.

    ``prefix`` starts every line (``"> "`` inside a quotation).
    """
    paragraphs: list[list[str]] = [[]]
    for raw in _LINE_BREAKS.split(text):
        line = escape_line(raw)
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    rendered = [("\\\n" + prefix).join(p) for p in paragraphs if p]
    return ("\n" + prefix.rstrip() + "\n").join(prefix + r for r in rendered)


def _join(*parts: str | None, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def _source_text(pack: Pack, source_id: str | None) -> str | None:
    source = pack.source(source_id)
    if source is None:
        return None
    return (
        "Source: "
        + inline(source.title)
        + (f" ({inline(source.publisher)})" if source.publisher else "")
    )


def _url(url: str) -> str:
    """An autolink, unless the URL holds characters an autolink cannot."""
    if re.search(r"[\s<>]", url):
        return inline(url)
    return f"<{url}>"


def _source_item(source: Source) -> str:
    line = f"- **{inline(source.title)}**"
    extra = _join(
        inline(source.publisher) if source.publisher else None,
        source.date,
        _url(source.url) if source.url else None,
        sep=", ",
    )
    if extra:
        line += f", {extra}"
    if source.note:
        line += f". {inline(source.note)}"
    return line


def _actor_name(pack: Pack, actor_id: str) -> str:
    actor = pack.actor(actor_id)
    return inline(actor.name) if actor else inline(actor_id)


def pack_to_markdown(pack: Pack) -> str:
    """The whole brief, ending with a newline."""
    return "\n\n".join(markdown_blocks(pack)) + "\n"


def markdown_blocks(pack: Pack) -> Iterator[str]:
    """The brief as paragraphs, in order: streamed, so a big pack is never one string twice."""
    yield from _header(pack)
    sections: tuple[tuple[str, Sequence[Any], Callable[[Pack, Any], Iterator[str]]], ...] = (
        ("Actors", pack.actors, _actor_blocks),
        ("Quotes", pack.quotes, _quote_blocks),
        ("Measures", pack.measures, _measure_blocks),
        ("Implications", pack.implications, _implication_blocks),
    )
    for title, items, render in sections:
        if items:
            yield f"## {title}"
            for item in items:
                yield from render(pack, item)
    if pack.events:
        yield "## Timeline"
        yield "\n".join(_event_line(pack, e) for e in sorted(pack.events, key=lambda e: e.date))


def _header(pack: Pack) -> Iterator[str]:
    yield f"# {inline(pack.title)}"
    if pack.subtitle:
        yield f"*{inline(pack.subtitle)}*"
    if pack.summary:
        yield block(pack.summary)
    if pack.as_of:
        yield f"As of {pack.as_of}."
    if pack.sources:
        yield "## Sources"
        yield "\n".join(_source_item(s) for s in pack.sources)


def _actor_blocks(pack: Pack, actor: Actor) -> Iterator[str]:
    yield f"### {inline(actor.name)}"
    yield _join(
        f"*{inline(actor.role)}*" if actor.role else None,
        actor.kind.capitalize(),
        inline(actor.affiliation) if actor.affiliation else None,
    )
    if actor.summary:
        yield block(actor.summary)
    if actor.aliases:
        yield "Also known as: " + ", ".join(inline(a) for a in actor.aliases)


def _quote_blocks(pack: Pack, quote: Quote) -> Iterator[str]:
    speaker = pack.actor(quote.actor)
    who = f"**{_actor_name(pack, quote.actor)}**"
    if speaker is not None and speaker.role:
        who += f", {inline(speaker.role)}"
    byline = _join(
        who,
        quote.date,
        inline(quote.context) if quote.context else None,
        _source_text(pack, quote.source),
    )
    yield block(quote.text, "> ") + "\n>\n> \u2014 " + byline


def _measure_blocks(pack: Pack, measure: Measure) -> Iterator[str]:
    yield f"### {inline(measure.title)}"
    yield _join(
        f"**{_actor_name(pack, measure.actor)}**",
        inline(measure.category.capitalize()) if measure.category else None,
        measure.date,
    )
    if measure.detail:
        yield block(measure.detail)
    if source := _source_text(pack, measure.source):
        yield source


def _implication_blocks(pack: Pack, implication: Implication) -> Iterator[str]:
    yield f"### {inline(implication.title)}"
    if implication.detail:
        yield block(implication.detail)
    if implication.actors:
        yield "Concerns: " + ", ".join(_actor_name(pack, a) for a in implication.actors)
    if source := _source_text(pack, implication.source):
        yield source


def _event_line(pack: Pack, event: Event) -> str:
    item = f"- **{event.date}**: {inline(event.title)}"
    if event.detail:
        item += f". {inline(event.detail)}"
    if event.actors:
        item += " (" + ", ".join(_actor_name(pack, a) for a in event.actors) + ")"
    return item
