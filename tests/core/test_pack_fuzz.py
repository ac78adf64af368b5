"""Property tests: however a pack is damaged, loading ends in a located PackError.

Never a KeyError, TypeError, RecursionError or anything else: the contract says
loading never crashes. Example counts stay modest so the suite stays quick.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pack_samples import VALID, encode, valid
from pack_values import pack_values
from pydantic import ValidationError

from briefing_app.core.all_problems import capped, in_document_order, text_problems
from briefing_app.core.checked_load import every_problem, validate
from briefing_app.core.contract import Pack
from briefing_app.core.errors import PackError
from briefing_app.core.key_count import colon_count, no_duplicate_keys
from briefing_app.core.models import Pack as AppPack
from briefing_app.core.pack import check_envelope, parse_json, parse_pack
from briefing_app.core.references import _detailed_problems, _looks_clean, check_pack

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REQUIRED_TOP = ("format", "version", "id", "title", "actors", "quotes", "measures", "implications")
REQUIRED_ITEM = {
    "sources": ("id", "title"),
    "actors": ("id", "name"),
    "quotes": ("id", "actor", "text"),
    "measures": ("id", "actor", "title"),
    "implications": ("id", "title"),
    "events": ("id", "date", "title"),
}
REFERENCES = [
    ("quotes", 0, "actor"),
    ("quotes", 1, "actor"),
    ("measures", 0, "actor"),
    ("quotes", 0, "source"),
    ("measures", 0, "source"),
    ("implications", 0, "source"),
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside the sample pack (keys and list indexes)."""
    out: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            out.append((*prefix, key))
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.append((*prefix, index))
            out += _paths(child, (*prefix, index))
    return out


PATHS = _paths(VALID)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _parent(pack: dict[str, Any], path: tuple[Any, ...]) -> Any:
    target: Any = pack
    for part in path[:-1]:
        target = target[part]
    return target


STRING_PATHS = [p for p in PATHS if isinstance(_parent(VALID, p)[p[-1]], str)]


def _outcome(data: bytes) -> PackError | AppPack:
    """Load ``data``; any exception but PackError fails the test."""
    try:
        return parse_pack(data)
    except PackError as exc:
        assert exc.problems, "a PackError without problems"
        for problem in exc.problems:
            assert problem.location or problem.message
            assert isinstance(problem.location, str) and isinstance(problem.message, str)
        assert str(exc)
        return exc


def _refused(data: bytes) -> PackError:
    outcome = _outcome(data)
    assert isinstance(outcome, PackError), "damaged pack was accepted"
    return outcome


@FUZZ
@given(st.sampled_from(PATHS), JSON_VALUES)
def test_any_value_anywhere_never_crashes(path: tuple[Any, ...], value: Any) -> None:
    pack = valid()
    _parent(pack, path)[path[-1]] = value
    _outcome(encode(pack))


@FUZZ
@given(st.sampled_from(PATHS))
def test_deleting_anything_never_crashes(path: tuple[Any, ...]) -> None:
    pack = valid()
    del _parent(pack, path)[path[-1]]
    _outcome(encode(pack))


@FUZZ
@given(st.sampled_from(REQUIRED_TOP))
def test_deleting_a_required_key_is_refused(key: str) -> None:
    pack = valid()
    del pack[key]
    (problem,) = _refused(encode(pack)).problems
    assert problem.location == key


@FUZZ
@given(st.sampled_from(sorted(REQUIRED_ITEM)), st.data())
def test_deleting_a_required_item_key_is_refused(list_name: str, data: st.DataObject) -> None:
    pack = valid()
    index = data.draw(st.integers(0, len(pack[list_name]) - 1))
    key = data.draw(st.sampled_from(REQUIRED_ITEM[list_name]))
    del pack[list_name][index][key]
    problems = _refused(encode(pack)).problems
    assert any(p.location == f"{list_name}[{index}].{key}" for p in problems)


WRONG_FOR_TEXT = st.one_of(
    st.integers(),
    st.booleans(),
    st.lists(st.text(), max_size=2),
    st.dictionaries(st.text(), st.integers(), max_size=2),
)


@FUZZ
@given(
    st.sampled_from(
        [p for p in PATHS if isinstance(_parent(VALID, p)[p[-1]], str) and p[-2:-1] != ("tags",)]
    ),
    WRONG_FOR_TEXT,
)
def test_wrong_type_for_a_string_is_refused(path: tuple[Any, ...], value: Any) -> None:
    pack = valid()
    _parent(pack, path)[path[-1]] = value
    _refused(encode(pack))


@FUZZ
@given(st.sampled_from(REFERENCES), st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True))
def test_broken_reference_is_refused(ref: tuple[str, int, str], target: str) -> None:
    pack = valid()
    list_name, index, key = ref
    wanted = "actors" if key == "actor" else "sources"
    assume(target not in {item["id"] for item in pack[wanted]})
    pack[list_name][index][key] = target
    problems = _refused(encode(pack)).problems
    assert any(p.location == f"{list_name}[{index}].{key}" for p in problems)


@FUZZ
@given(st.data())
def test_truncated_bytes_are_refused(data: st.DataObject) -> None:
    raw = encode(valid())
    cut = data.draw(st.integers(0, len(raw) - 1))
    (problem,) = _refused(raw[:cut]).problems
    assert problem.message


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_random_byte_flips_never_crash(flips: list[tuple[int, int]]) -> None:
    raw = bytearray(encode(valid()))
    for position, byte in flips:
        raw[position % len(raw)] = byte
    _outcome(bytes(raw))


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    _outcome(raw)


@FUZZ
@given(JSON_VALUES)
def test_arbitrary_json_never_crashes(value: Any) -> None:
    _outcome(json.dumps(value).encode())


@FUZZ
@given(st.sampled_from(sorted(REQUIRED_ITEM)), JSON_VALUES)
def test_arbitrary_items_never_crash(list_name: str, value: Any) -> None:
    pack = valid()
    pack.setdefault(list_name, []).append(value)
    _outcome(encode(pack))


@FUZZ
@given(st.integers(1, 3000), st.sampled_from(["[", '{"a":', '{"x-a":[']))
def test_deep_nesting_never_crashes(depth: int, opener: str) -> None:
    _outcome(('{"x-e": ' + opener * depth).encode())


ID_CHOICES = st.sampled_from(
    ["takaichi", "china-mfa", "japan", "q-survival", "article", "m-seafood", "nobody", "takaichii"]
)
EXTRA_KEYS = st.sampled_from(["x-note", "x-", "contxt", "speaker", "X-y"])


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from(STRING_PATHS), ID_CHOICES), max_size=4),
    st.lists(st.tuples(st.sampled_from(STRING_PATHS), EXTRA_KEYS), max_size=2),
)
def test_fast_check_agrees_with_the_detailed_one(
    changes: list[tuple[tuple[Any, ...], str]],
    extras: list[tuple[tuple[Any, ...], str]],
) -> None:
    """The quick pass may only call a pack clean if the detailed pass finds nothing."""
    pack = valid()
    for path, value in changes:
        _parent(pack, path)[path[-1]] = value
    for path, key in extras:
        parent = _parent(pack, path)
        if isinstance(parent, dict):
            parent[key] = "extra"
    raw = copy.deepcopy(pack)
    try:
        model = Pack.model_validate(raw)
    except Exception:  # shape errors are not this test's business
        assume(False)
        return
    found = _detailed_problems(model, None)
    assert _looks_clean(model, None) == (not found), found


def _reference_parse(data: bytes) -> Pack:
    """The plain pipeline: jiter's duplicate-checking parse first, then pydantic.

    ``parse_pack`` skips that first parse when ``key_count`` shows it cannot
    find anything; whatever the input, both must reach the same verdict.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    raw = parse_json(data)
    check_envelope(raw)
    try:
        pack = Pack.__pydantic_validator__.validate_json(data)
    except ValidationError as exc:
        raise PackError(every_problem(raw, exc)) from None
    problems = check_pack(pack, None)
    if text := text_problems(raw):  # always walked here: no byte pre-check
        problems = capped(in_document_order([*problems, *text], raw))
    if problems:
        raise PackError(problems)
    return pack


def _verdict(parse: Any, data: bytes) -> Any:
    try:
        return pack_values(parse(data))
    except PackError as exc:
        return [str(p) for p in exc.problems]


def _assert_same_verdict(data: bytes) -> None:
    assert _verdict(parse_pack, data) == _verdict(_reference_parse, data)


LINES = encode(valid()).decode().splitlines(keepends=True)
DUPLICABLE = [i for i, line in enumerate(LINES) if line.rstrip().endswith(",") and '": ' in line]
VALUES = st.sampled_from(['"a:b"', '"takaichi"', "1", '"x"', '{"k": "v:w"}', "[]", "NaN", "1e400"])


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from(DUPLICABLE), VALUES, st.booleans()), min_size=1, max_size=3)
)
def test_repeated_keys_are_always_found(picks: list[tuple[int, str, bool]]) -> None:
    lines = list(LINES)
    for index, value, same in sorted(picks, reverse=True):
        key = lines[index].split('": ', 1)[0]
        repeat = lines[index] if same else f'{key}": {value},\n'
        lines.insert(index + 1, repeat)
    data = "".join(lines).encode()
    _assert_same_verdict(data)
    found = _verdict(parse_pack, data)
    assert isinstance(found, list) and any("duplicate key" in p for p in found)


@FUZZ
@given(st.sampled_from(DUPLICABLE), VALUES)
def test_added_extension_keys_agree_with_the_reference(index: int, value: str) -> None:
    lines = list(LINES)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines.insert(index + 1, f'{indent}"x-added": {value},\n')
    _assert_same_verdict("".join(lines).encode())


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6))
def test_byte_flips_agree_with_the_reference(flips: list[tuple[int, int]]) -> None:
    raw = bytearray(encode(valid()))
    for position, byte in flips:
        raw[position % len(raw)] = byte
    _assert_same_verdict(bytes(raw))


@FUZZ
@given(st.sampled_from(PATHS), JSON_VALUES)
def test_damage_agrees_with_the_reference(path: tuple[Any, ...], value: Any) -> None:
    pack = valid()
    _parent(pack, path)[path[-1]] = value
    _assert_same_verdict(encode(pack))


@pytest.mark.parametrize(
    "snippet",
    [
        b'"x-a": {"k": 1, "k": 2}, ',
        b'"x-a": [{"k": "a:b", "k": "c"}], ',
        b'"id": "sample-pack", ',
        b'"x-\\u003a": 1, "x-\\u003a": 2, ',
        b'"x-n": NaN, ',
        b'"x-n": -Infinity, ',
        b'"x-n": 1e400, ',
        b'"x-a": "a:b", "x-b": "\\u003a", ',
    ],
)
def test_tricky_top_level_keys_agree_with_the_reference(snippet: bytes) -> None:
    data = encode(valid()).replace(b'"format"', snippet + b'"format"', 1)
    _assert_same_verdict(data)


def test_no_duplicate_keys_on_a_clean_pack() -> None:
    data = encode(valid())
    pack = validate(data)
    assert colon_count(pack) == data.count(b":")
    assert no_duplicate_keys(data, pack)
