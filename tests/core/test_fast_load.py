"""The fast loader against the checked one: same verdict, same values, same problems.

``parse_pack`` tries ``fast_load`` first and hands anything doubtful to
``checked_load`` (pydantic). These tests run both on the bundled packs, on the
hostile JSON cases, on generated valid packs (hypothesis) and on damaged ones,
and check that the fast path never accepts what the checked path refuses, never
gives other values, and does accept ordinary valid packs (else it is no fast path).
Every pack the rest of the suite loads is checked the same way by the
``fast_and_checked_loaders_agree`` fixture in ``tests/conftest.py``.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pack_samples import encode, valid
from pack_values import pack_values

from briefing_app.core.checked_load import parse_checked
from briefing_app.core.errors import PackError
from briefing_app.core.fast_load import PATTERN_FIELDS, try_fast
from briefing_app.core.models import Actor, Pack, Quote
from briefing_app.core.pack import parse_pack

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _verdict(parse: Any, data: bytes) -> Any:
    try:
        return pack_values(parse(data, None))
    except PackError as exc:
        return [str(p) for p in exc.problems]


def assert_agree(data: bytes) -> Pack | None:
    """Fast and checked paths agree on ``data``; returns what the fast path made of it."""
    fast = try_fast(data.removeprefix(b"\xef\xbb\xbf"), None)
    checked = _verdict(parse_checked, data.removeprefix(b"\xef\xbb\xbf"))
    if fast is not None:
        assert isinstance(checked, dict), f"fast path accepted a refused pack: {checked}"
        assert pack_values(fast) == checked
    assert _verdict(parse_pack, data) == checked  # the loader's answer is the checked one's
    return fast


@pytest.mark.parametrize("path", sorted(BRIEFS.glob("*/pack.json")), ids=lambda p: p.parent.name)
def test_bundled_packs_take_the_fast_path(path: Path) -> None:
    assert assert_agree(path.read_bytes()) is not None


def test_hostile_json_is_refused_by_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parents[1] / "hostile"))
    from cases import MALFORMED_JSON

    for label, data in MALFORMED_JSON.items():
        assert assert_agree(data) is None, label


def test_the_sample_pack_and_its_extensions_take_the_fast_path() -> None:
    pack = valid()
    pack["x-tool"] = {"k:1": ["v:1", {"n": "x:y"}], "m": 1.5, "big": 10**30}
    pack["quotes"][0]["x-note"] = "  kept verbatim: a:b  "
    pack["actors"][0]["x-rank"] = [1, None, True]
    fast = assert_agree(encode(pack))
    assert fast is not None
    assert fast.extensions == {"x-tool": pack["x-tool"]} and not fast.quotes[1].extensions
    assert fast.quotes[0].extensions == {"x-note": "  kept verbatim: a:b  "}
    assert isinstance(fast, Pack) and isinstance(fast.quotes[0], Quote)
    assert isinstance(fast.actors[0], Actor)
    plain = assert_agree(encode(valid()))  # without extensions: the app's types themselves
    assert type(plain) is Pack and type(plain.quotes[0]) is Quote and type(plain.actors[0]) is Actor


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: p["quotes"][0].update(context=None), id="explicit null"),
        pytest.param(lambda p: p.update(title=" padded "), id="surrounding whitespace"),
        pytest.param(lambda p: p.update(title="a trailing tab\t"), id="a trailing tab"),
        pytest.param(lambda p: p.update(title="esc\x1b[2J"), id="a control character"),
        pytest.param(lambda p: p.update(title="rtl \u202e"), id="an open bidi override"),
        # Found by hypothesis: ids and dates are checked joined by line breaks.
        pytest.param(lambda p: p["measures"][0].update(id="\nm-0"), id="a line break in an id"),
        pytest.param(lambda p: p["quotes"][0].update(id="q\n"), id="an id ending in a break"),
        pytest.param(
            lambda p: p["quotes"][0].update(date="2025-11-07\n2025-11-08"), id="two dates in one"
        ),
    ],
)
def test_doubtful_packs_go_to_the_checked_path(change: Any) -> None:
    pack = valid()
    change(pack)
    assert assert_agree(encode(pack)) is None


def test_an_escaped_colon_hiding_a_repeated_key_is_refused() -> None:
    data = encode(valid()).replace(b'"A sample pack"', b'"A sample\\u003a pack"')
    repeated = data.replace(b'"subtitle": "For tests",', b'"subtitle": "A", "subtitle": "B",')
    assert assert_agree(data) is None
    assert isinstance(_verdict(parse_pack, repeated), list)
    assert assert_agree(repeated) is None


@pytest.mark.parametrize("value", ['"B"', "7", '["a", "b"]', '{"k": "v:w"}', "null", "[]"])
@pytest.mark.parametrize("escaped", [False, True], ids=["no escapes", "an escape elsewhere"])
def test_a_repeated_key_is_refused_by_either_count(value: str, escaped: bool) -> None:
    """Without a backslash the ``"`` count proves no key repeated, else the ``:`` count."""
    data = encode(valid())
    if escaped:
        data = data.replace(b'"A sample pack"', b'"A sample \\u00e9 pack"')
    assert assert_agree(data) is not None
    for key in (b'"subtitle": ', b'"id": ', b'"text": '):
        repeated = data.replace(key, key + value.encode() + b", " + key, 1)
        assert isinstance(_verdict(parse_pack, repeated), list)
        assert assert_agree(repeated) is None


# --- generated packs ------------------------------------------------------------

SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
PLAIN = st.text(
    alphabet=st.characters(
        codec="utf-8",
        categories=("L", "N", "P", "S", "Zs"),
        exclude_characters="\u2028\u2029\x85\xa0",
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s == s.strip() and s.strip())
TEXT = st.one_of(PLAIN, st.sampled_from(["a: b", "日本語", "مرحبا", "line\nbreak", 'q "x"']))
DATES = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)
PLAIN_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | PLAIN,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PLAIN, inner, max_size=3),
    max_leaves=6,
)
EXTENSIONS = st.dictionaries(
    st.from_regex(r"x-[a-z:]{1,6}", fullmatch=True), PLAIN_JSON, max_size=2
)


def _maybe(draw: Any, key: str, strategy: Any) -> dict[str, Any]:
    return {key: draw(strategy)} if draw(st.booleans()) else {}


@st.composite
def packs(draw: Any) -> dict[str, Any]:
    """A valid pack: optional keys present or not, explicit defaults, extensions, any script."""
    ids = draw(st.lists(SLUGS, min_size=4, max_size=14, unique=True))
    actors = [
        {
            "id": ids[0],
            "name": draw(TEXT),
            **_maybe(draw, "kind", st.sampled_from(["person", "institution", "state"])),
            **_maybe(draw, "aliases", st.lists(PLAIN, max_size=3)),
            **_maybe(draw, "summary", TEXT),
            **draw(EXTENSIONS),
        },
        {"id": ids[1], "name": draw(TEXT), **_maybe(draw, "role", TEXT)},
    ]
    source = {"id": ids[2], "title": draw(TEXT), **_maybe(draw, "date", DATES)}
    if draw(st.booleans()):
        source["url"] = "https://example.com/" + draw(st.text(string.ascii_lowercase + ":/"))
    refs = st.sampled_from([ids[0], ids[1]])
    quotes = [
        {
            "id": item_id,
            "actor": draw(refs),
            "text": draw(TEXT),
            **_maybe(draw, "date", DATES),
            **_maybe(draw, "source", st.just(ids[2])),
            **_maybe(draw, "notes", TEXT),
            **draw(EXTENSIONS),
        }
        for item_id in ids[3:]
    ]
    pack: dict[str, Any] = {
        "format": "briefing-pack",
        "version": 1,
        "id": draw(SLUGS),
        "title": draw(TEXT),
        **_maybe(draw, "language", st.sampled_from(["en", "ja", "pt-BR"])),
        **_maybe(draw, "tags", st.lists(PLAIN, max_size=3)),
        "sources": [source],
        "actors": actors,
        "quotes": quotes,
        "measures": [{"id": "m-" + ids[0], "actor": ids[1], "title": draw(TEXT)}],
        "implications": [
            {"id": "i-" + ids[0], "title": draw(TEXT), **_maybe(draw, "actors", st.just([]))}
        ],
        **_maybe(draw, "events", st.just([])),
        **draw(EXTENSIONS),
    }
    return pack


def _encoded(draw: Any, pack: dict[str, Any]) -> bytes:
    indent = draw(st.sampled_from([None, 2]))
    text = json.dumps(pack, ensure_ascii=draw(st.booleans()), indent=indent)
    return text.encode("utf-8")


@FUZZ
@given(st.data())
def test_generated_valid_packs_take_the_fast_path(data: st.DataObject) -> None:
    encoded = _encoded(data.draw, data.draw(packs()))
    assert assert_agree(encoded) is not None


DEEP: Any = "x"
for _ in range(34):  # deeper than the 32 levels an extension may nest
    DEEP = [DEEP]
REPLACEMENTS = {
    "null": st.none(),
    "bad ref": SLUGS,
    "bad date": st.sampled_from(["2025-02-29", "2025-1-01", "٢٠٢٥-٠١-٠١", " 2025-01-01"]),
}
MUTATIONS = [
    "drop",
    "set",
    "unknown key",
    "repeat key",
    "pad",
    "null",
    "control",
    "truncate",
    "byte",
    "bad ref",
    "bad date",
    "long",
]


# What a repeated key's first value may be: each kind adds other bytes (quotes,
# colons or neither) that the key count must notice.
REPEATED_VALUES = [b'"dup", ', b"1, ", b'["a", "b"], ', b'{"k": "v"}, ', b"null, ", b'"a: b", ']
REPEATED_VALUES += [b"[], ", b"true, "]


def _targets(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            out += [(*path, key), *_targets(child, (*path, key))]
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += [(*path, index), *_targets(child, (*path, index))]
    return out


def _damage(draw: Any, pack: dict[str, Any]) -> bytes:
    """``pack`` with one thing wrong (or doubtful), encoded."""
    kind = draw(st.sampled_from(MUTATIONS))
    _damage_value(draw, pack, kind)
    return _damage_bytes(draw, _encoded(draw, pack), kind)


def _damage_value(draw: Any, pack: dict[str, Any], kind: str) -> None:
    path = draw(st.sampled_from(_targets(pack)))
    parent: Any = pack
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    text = isinstance(parent[last], str)
    if kind == "drop" and isinstance(parent, dict):
        del parent[last]
    elif kind == "set":
        parent[last] = draw(JSON_VALUES)
    elif kind == "unknown key" and isinstance(parent, dict):
        key = draw(st.sampled_from(["contxt", "x-", "x-a\\b", "Text", "x-deep", "x-k:"]))
        parent[key] = draw(st.one_of(JSON_VALUES, st.just(DEEP)))
    elif kind == "pad" and text:
        parent[last] = draw(st.sampled_from([" ", "\t", "\n", "\u3000", "\xa0"])) + parent[last]
    elif kind == "control" and text:
        parent[last] += draw(st.sampled_from(["\x00", "\x07", "\x7f", "\x85", "\u2066", "\r"]))
    elif kind == "long" and text:
        parent[last] *= 400
    elif kind in REPLACEMENTS:
        parent[last] = draw(REPLACEMENTS[kind])


def _damage_bytes(draw: Any, encoded: bytes, kind: str) -> bytes:
    if kind == "repeat key":
        key = draw(st.sampled_from(list(re.finditer(rb'"[^"\\]*": ', encoded))))
        value = draw(st.sampled_from(REPEATED_VALUES))
        return encoded[: key.start()] + key.group() + value + encoded[key.start() :]
    if kind == "truncate":
        return encoded[: draw(st.integers(0, len(encoded) - 1))]
    if kind == "byte":
        at = draw(st.integers(0, len(encoded)))
        return encoded[:at] + draw(st.binary(min_size=1, max_size=3)) + encoded[at:]
    return encoded


@FUZZ
@given(st.data())
def test_damaged_packs_get_the_checked_paths_verdict(data: st.DataObject) -> None:
    assert_agree(_damage(data.draw, data.draw(packs())))


@FUZZ
@given(st.data())
def test_damaged_sample_packs_get_the_checked_paths_verdict(data: st.DataObject) -> None:
    assert_agree(_damage(data.draw, valid()))


def test_the_decoded_types_keep_the_contracts_limits() -> None:
    """Each length limit of the app's types is the pydantic model's, field by field."""
    from briefing_app.commands.schema import pack_schema

    pydantic_schema = pack_schema()
    _, ours = msgspec.json.schema_components([Pack])
    compared = 0
    for name, theirs in [*pydantic_schema["$defs"].items(), ("Pack", pydantic_schema)]:
        for field, spec in theirs["properties"].items():
            if field in PATTERN_FIELDS:  # ids and dates: checked by pattern, not length
                continue
            mine = ours[name]["properties"][field]
            for limit in ("maxLength", "minLength", "maxItems"):
                assert _limit(spec, limit) == _limit(mine, limit), (name, field, limit)
                compared += _limit(spec, limit) is not None
    assert compared > 60  # the walk reached the fields


def _limit(spec: dict[str, Any], limit: str) -> Any:
    """A limit of a property, looking through ``anyOf`` (optional) and ``items`` (lists)."""
    if limit in spec:
        return spec[limit]
    for option in spec.get("anyOf", []):
        if (found := _limit(option, limit)) is not None:
            return found
    if "items" in spec and limit != "maxItems":
        return _limit(spec["items"], limit)
    return None
