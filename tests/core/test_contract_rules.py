"""Every rule of the pack-format contract: one pack that keeps it, one that breaks it.

Each broken pack must be refused with the located, plain-English problem the
contract promises (``quotes[3].actor: unknown actor ...``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pack_samples import parse, problems, valid

from briefing_app.core.models import MAX_ITEMS

Change = Callable[[dict[str, Any]], object]


def _set(path: str, value: Any) -> Change:
    """A change that sets ``quotes.0.text``-style paths in the pack."""

    def change(pack: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = pack
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _drop(path: str) -> Change:
    def change(pack: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = pack
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return change


def _bare(pack: dict[str, Any]) -> dict[str, Any]:
    """Only the required keys, on the pack and on every item."""
    required = {
        "actors": ("id", "name"),
        "quotes": ("id", "actor", "text"),
        "measures": ("id", "actor", "title"),
        "implications": ("id", "title"),
    }
    bare = {k: pack[k] for k in ("format", "version", "id", "title")}
    for key, keys in required.items():
        bare[key] = [{k: item[k] for k in keys} for item in pack[key]]
    pack.clear()
    return bare


def test_the_sample_pack_is_valid() -> None:
    pack = parse(valid())
    assert pack.id == "sample-pack"
    assert pack.quotes[0].actor == "takaichi"
    assert pack.item_count == 9


ACCEPTED: list[tuple[str, Change]] = [
    ("slug with digits and dashes", _set("actors.2.id", "japan-2025")),
    ("slug of one character", _set("actors.2.id", "j")),
    ("slug of 80 characters", _set("id", "a" * 80)),
    ("pack without optional keys", lambda p: p.update(_bare(p))),
    (
        "empty item lists",
        lambda p: p.update(actors=[], quotes=[], measures=[], implications=[], events=[]),
    ),
    ("quote text of 2000 characters", _set("quotes.1.text", "x" * 2000)),
    ("detail of 4000 characters", _set("measures.0.detail", "x" * 4000)),
    ("summary of 4000 characters", _set("actors.0.summary", "x" * 4000)),
    ("context of 4000 characters", _set("quotes.0.context", "x" * 4000)),
    ("pack summary of 2000 characters", _set("summary", "x" * 2000)),
    ("title of 200 characters", _set("title", "x" * 200)),
    ("leap day", _set("quotes.0.date", "2024-02-29")),
    ("http URL", _set("sources.0.url", "http://example.com")),
    ("HTTPS URL with path and query", _set("sources.0.url", "HTTPS://example.com/a?b=c#d")),
    ("png image", _set("actors.0.image", "images/takaichi.png")),
    ("jpg image", _set("actors.0.image", "images/takaichi.JPG")),
    ("svg image", _set("actors.0.image", "flag.svg")),
    ("x- extension on the pack", _set("x-editor", {"name": "tool", "v": [1, 2]})),
    ("x- extension on an item", _set("quotes.0.x-checked", True)),
    ("reference spelled with spaces around it", _set("quotes.1.actor", "  china-mfa ")),
    ("language tag with region", _set("language", "ja-JP")),
    ("kind institution", _set("actors.0.kind", "institution")),
    ("kind defaults to person", _drop("actors.0.kind")),
]


@pytest.mark.parametrize(("change"), [c for _, c in ACCEPTED], ids=[n for n, _ in ACCEPTED])
def test_accepted(change: Change) -> None:
    pack = valid()
    change(pack)
    parse(pack)


REFUSED: list[tuple[str, Change, str]] = [
    (
        "id with capitals",
        _set("actors.0.id", "Takaichi"),
        "actors[0].id: 'Takaichi' is not a valid id (lowercase letters, digits, '-'; "
        "starting with a letter or digit; at most 80 characters)",
    ),
    ("id starting with a dash", _set("quotes.0.id", "-q"), "quotes[0].id: '-q' is not a valid id"),
    ("id with a space", _set("quotes.0.id", "q one"), "quotes[0].id: 'q one' is not a valid id"),
    ("id of 81 characters", _set("id", "a" * 81), "id: 'aaaaaaaaa"),
    ("empty id", _set("events.0.id", ""), "events[0].id: '' is not a valid id"),
    (
        "non-ASCII id",
        _set("actors.2.id", "nihon-日本"),
        "actors[2].id: 'nihon-日本' is not a valid id",
    ),
    (
        "id used twice across lists",
        _set("quotes.1.id", "takaichi"),
        "quotes[1].id: duplicate id 'takaichi' (already used by actors[0])",
    ),
    (
        "id used twice in one list",
        _set("quotes.1.id", "q-survival"),
        "quotes[1].id: duplicate id 'q-survival' (already used by quotes[0])",
    ),
    (
        "source id equal to an event id",
        _set("events.0.id", "article"),
        "events[0].id: duplicate id 'article' (already used by sources[0])",
    ),
    (
        "quote actor misspelt",
        _set("quotes.1.actor", "takaichii"),
        "quotes[1].actor: unknown actor 'takaichii' (did you mean 'takaichi'?)",
    ),
    (
        "measure actor unknown, nothing close",
        _set("measures.0.actor", "zzzz"),
        "measures[0].actor: unknown actor 'zzzz'",
    ),
    (
        "implication actors entry unknown",
        _set("implications.0.actors.1", "china-mfaa"),
        "implications[0].actors[1]: unknown actor 'china-mfaa' (did you mean 'china-mfa'?)",
    ),
    (
        "event actor unknown",
        _set("events.0.actors.0", "takachi"),
        "events[0].actors[0]: unknown actor 'takachi' (did you mean 'takaichi'?)",
    ),
    (
        "source misspelt",
        _set("quotes.0.source", "articel"),
        "quotes[0].source: unknown source 'articel' (did you mean 'article'?)",
    ),
    (
        "actor reference naming a quote",
        _set("quotes.1.actor", "q-survival"),
        "quotes[1].actor: 'q-survival' is a quote, not an actor",
    ),
    (
        "source reference naming an actor",
        _set("measures.0.source", "takaichi"),
        "measures[0].source: 'takaichi' is an actor, not a source",
    ),
    (
        "implication actors naming an implication",
        _set("implications.0.actors.0", "i-deterrence"),
        "implications[0].actors[0]: 'i-deterrence' is an implication, not an actor",
    ),
    (
        "blank required string",
        _set("quotes.1.text", "   \n\t "),
        "quotes[1].text: must not be empty",
    ),
    ("empty title", _set("title", ""), "title: must not be empty"),
    ("empty actor name", _set("actors.1.name", " "), "actors[1].name: must not be empty"),
    ("empty optional string", _set("actors.0.role", ""), "actors[0].role: must not be empty"),
    ("empty alias", _set("actors.0.aliases", [" "]), "actors[0].aliases[0]: must not be empty"),
    (
        "quote text over 2000",
        _set("quotes.1.text", "x" * 2001),
        "quotes[1].text: is 2,001 characters long; the limit is 2,000",
    ),
    (
        "detail over 4000",
        _set("measures.0.detail", "x" * 4001),
        "measures[0].detail: is 4,001 characters long; the limit is 4,000",
    ),
    (
        "summary over 4000",
        _set("actors.0.summary", "x" * 4001),
        "actors[0].summary: is 4,001 characters long; the limit is 4,000",
    ),
    (
        "context over 4000",
        _set("quotes.0.context", "x" * 4001),
        "quotes[0].context: is 4,001 characters long; the limit is 4,000",
    ),
    (
        "pack summary over 2000",
        _set("summary", "x" * 2001),
        "summary: is 2,001 characters long; the limit is 2,000",
    ),
    ("title over 200", _set("title", "x" * 201), "title: is 201 characters long; the limit is 200"),
    (
        "subtitle over 300",
        _set("subtitle", "x" * 301),
        "subtitle: is 301 characters long; the limit is 300",
    ),
    (
        "length counted after trimming",
        _set("title", " " + "x" * 201 + " "),
        "title: is 201 characters long; the limit is 200",
    ),
    (
        "30 February",
        _set("quotes.0.date", "2025-02-30"),
        "quotes[0].date: '2025-02-30' is not a real calendar date",
    ),
    ("month 13", _set("as_of", "2025-13-01"), "as_of: '2025-13-01' is not a real calendar date"),
    (
        "29 February in a common year",
        _set("events.0.date", "2025-02-29"),
        "events[0].date: '2025-02-29' is not a real calendar date",
    ),
    (
        "date in another form",
        _set("sources.0.date", "7 Nov 2025"),
        "sources[0].date: '7 Nov 2025' is not a date in the form YYYY-MM-DD",
    ),
    (
        "date with full-width digits",
        _set("measures.0.date", "２０２５-１１-０７"),
        "measures[0].date: '２０２５-１１-０７' is not a date in the form YYYY-MM-DD",
    ),
    (
        "date with a time",
        _set("quotes.0.date", "2025-11-07T10:00"),
        "quotes[0].date: '2025-11-07T10:00' is not a date in the form YYYY-MM-DD",
    ),
    ("event without a date", _drop("events.0.date"), "events[0].date: required key is missing"),
    (
        "ftp URL",
        _set("sources.0.url", "ftp://example.com/a"),
        "sources[0].url: 'ftp://example.com/a' is not an http:// or https:// address",
    ),
    (
        "javascript URL",
        _set("sources.0.url", "javascript:alert(1)"),
        "sources[0].url: 'javascript:alert(1)' is not an http:// or https:// address",
    ),
    (
        "URL without a host",
        _set("sources.0.url", "https:///path"),
        "sources[0].url: 'https:///path' is not an http:// or https:// address",
    ),
    (
        "URL with a space",
        _set("sources.0.url", "https://example.com/a b"),
        "sources[0].url: 'https://example.com/a b' is not an http:// or https:// address",
    ),
    (
        "relative URL",
        _set("sources.0.url", "example.com"),
        "sources[0].url: 'example.com' is not an http:// or https:// address",
    ),
    (
        "gif image",
        _set("actors.0.image", "images/a.gif"),
        "actors[0].image: 'images/a.gif' is not a .png, .jpg or .svg file",
    ),
    (
        "image leaving the folder",
        _set("actors.0.image", "images/../../a.png"),
        "actors[0].image: 'images/../../a.png' leaves the pack's folder ('..' is not allowed)",
    ),
    (
        "absolute image path",
        _set("actors.0.image", "/etc/a.png"),
        "actors[0].image: '/etc/a.png' is an absolute path; give a path relative to the pack file",
    ),
    (
        "Windows drive image path",
        _set("actors.0.image", "C:/a.png"),
        "actors[0].image: 'C:/a.png' is an absolute path",
    ),
    (
        "backslash image path",
        _set("actors.0.image", "images\\a.png"),
        "actors[0].image: 'images\\\\a.png' uses '\\'; write paths with '/'",
    ),
    (
        "image path with a NUL",
        _set("actors.0.image", "a\x00.png"),
        "actors[0].image: 'a\\x00.png' holds a NUL character",
    ),
    (
        "another format",
        _set("format", "slides"),
        "format: this is not a briefing pack (format is 'slides')",
    ),
    ("no format", _drop("format"), "format: required key is missing"),
    (
        "newer version",
        _set("version", 2),
        "version: pack format version 2 is newer than this app supports (1)",
    ),
    (
        "much newer version",
        _set("version", 17),
        "version: pack format version 17 is newer than this app supports (1)",
    ),
    ("true as version", _set("version", True), "version: expected a whole number, got true/false"),
    ("version as text", _set("version", "1"), "version: expected a whole number, got text"),
    ("version as float", _set("version", 1.0), "version: expected a whole number, got a number"),
    ("version 0", _set("version", 0), "version: 0 is not supported; this app reads version 1"),
    ("no version", _drop("version"), "version: required key is missing"),
    (
        "unknown top-level key with a hint",
        _set("titel", "x"),
        "titel: unknown key 'titel' (did you mean 'title'?); extensions must start with 'x-'",
    ),
    (
        "unknown item key with a hint",
        _set("quotes.0.contxt", "x"),
        "quotes[0].contxt: unknown key 'contxt' (did you mean 'context'?); "
        "extensions must start with 'x-'",
    ),
    (
        "unknown item key without a hint",
        _set("actors.1.zzz", 1),
        "actors[1].zzz: unknown key 'zzz'; extensions must start with 'x-'",
    ),
    (
        "X- in capitals is not an extension",
        _set("X-note", 1),
        "X-note: unknown key 'X-note'",
    ),
    ("missing required list", _drop("quotes"), "quotes: required key is missing"),
    ("missing actor name", _drop("actors.0.name"), "actors[0].name: required key is missing"),
    ("text as a number", _set("quotes.0.text", 5), "quotes[0].text: expected text, got a number"),
    ("title as null", _set("title", None), "title: expected text, got null"),
    ("list as an object", _set("actors", {}), "actors: expected a list, got an object"),
    ("item as text", _set("quotes.0", "hello"), "quotes[0]: expected an object, got text"),
    (
        "unknown kind",
        _set("actors.0.kind", "robot"),
        "actors[0].kind: 'robot' is not allowed here; expected 'person', 'institution' or 'state'",
    ),
    (
        "bad language tag",
        _set("language", "english please"),
        "language: 'english please' is not a language tag such as 'en' or 'ja'",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [(c, e) for _, c, e in REFUSED],
    ids=[n for n, _, _ in REFUSED],
)
def test_refused(change: Change, expected: str) -> None:
    pack = valid()
    change(pack)
    found = problems(pack)
    assert any(p.startswith(expected) for p in found), found


def test_higher_version_gives_exactly_the_contract_message() -> None:
    pack = valid()
    pack["version"] = 2
    pack["quotes"][0]["actor"] = "nobody"  # other problems do not drown it
    assert problems(pack) == ["version: pack format version 2 is newer than this app supports (1)"]


def test_strings_are_trimmed() -> None:
    pack = valid()
    pack["title"] = "  A sample pack \n"
    pack["tags"] = [" Japan "]
    pack["actors"][0]["aliases"] = ["\u3000Takaichi\t"]
    pack["quotes"][1]["text"] = "\n Retract the remarks. "
    pack["implications"][0]["actors"] = [" takaichi"]
    loaded = parse(pack)
    assert loaded.title == "A sample pack"
    assert loaded.tags == ["Japan"]
    assert loaded.actors[0].aliases == ["Takaichi"]
    assert loaded.quotes[1].text == "Retract the remarks."
    assert loaded.implications[0].actors == ["takaichi"]


def test_extensions_are_kept_verbatim() -> None:
    pack = valid()
    pack["x-editor"] = {"name": " tool ", "version": [1, 2]}
    pack["quotes"][0]["x-checked-by"] = "  ann  "
    loaded = parse(pack)
    assert loaded.extensions == {"x-editor": {"name": " tool ", "version": [1, 2]}}
    assert loaded.quotes[0].extensions == {"x-checked-by": "  ann  "}
    assert loaded.quotes[1].extensions == {}


def test_extension_nested_too_deeply_is_refused() -> None:
    pack = valid()
    deep: Any = 1
    for _ in range(40):
        deep = [deep]
    pack["x-deep"] = deep
    assert problems(pack) == ["x-deep: extension is nested more than 32 levels deep"]


def test_problems_come_in_document_order() -> None:
    pack = valid()
    pack["quotes"][1]["actor"] = "nobody"
    pack["quotes"][0]["actor"] = "nobody-else"
    pack["sources"][0]["url"] = "ftp://x.org"
    found = problems(pack)
    assert [p.split(":")[0] for p in found] == [
        "sources[0].url",
        "quotes[0].actor",
        "quotes[1].actor",
    ]


def test_many_problems_are_capped_with_a_count() -> None:
    pack = valid()
    pack["quotes"] = [{"id": f"q{i}", "actor": "nobody", "text": "x"} for i in range(150)]
    found = problems(pack)
    assert len(found) == 51
    assert found[-1] == "... and 100 more problems"


def test_many_shape_errors_are_capped_too() -> None:
    pack = valid()
    pack["quotes"] = [{"id": f"Q{i}", "actor": "takaichi", "text": "x"} for i in range(150)]
    found = problems(pack)
    assert len(found) == 51
    assert found[-1] == "... and 100 more problems"


def _items(count: int) -> list[dict[str, str]]:
    return [{"id": f"q{i}", "actor": "takaichi", "text": "x"} for i in range(count)]


def test_item_count_at_the_limit_is_accepted() -> None:
    pack = valid()
    others = sum(len(pack[k]) for k in ("sources", "actors", "measures", "implications", "events"))
    pack["quotes"] = _items(MAX_ITEMS - others)
    assert parse(pack).item_count == MAX_ITEMS


def test_item_count_over_the_limit_is_refused() -> None:
    pack = valid()
    pack["events"] = [{"id": f"e{i}", "date": "2025-01-01", "title": "t"} for i in range(MAX_ITEMS)]
    assert problems(pack) == ["the pack has 50,008 items; the limit is 50,000"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"[]", "the file holds a JSON array, not a briefing pack object"),
        (b'"pack"', "the file holds a JSON string, not a briefing pack object"),
        (b"3", "the file holds a JSON number, not a briefing pack object"),
        (b"null", "the file holds JSON null, not a briefing pack object"),
        (b"true", "the file holds a JSON boolean, not a briefing pack object"),
    ],
)
def test_json_that_is_not_a_pack(data: bytes, expected: str) -> None:
    assert problems(data) == [expected]
