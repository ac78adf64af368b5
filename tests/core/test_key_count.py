"""``key_count``: the ':' count that lets loading skip a second parse."""

from __future__ import annotations

from typing import Any

import pytest
from pack_samples import encode, valid
from pydantic import ValidationError

from briefing_app.core.checked_load import validate
from briefing_app.core.contract import (
    Actor,
    Event,
    Implication,
    Measure,
    Pack,
    PackModel,
    Quote,
    Source,
)
from briefing_app.core.errors import PackError
from briefing_app.core.key_count import COLON_FIELDS, colon_count, no_duplicate_keys
from briefing_app.core.pack import parse_pack

MINIMAL: dict[type[PackModel], dict[str, Any]] = {
    Source: {"id": "s", "title": "t"},
    Actor: {"id": "a", "name": "n"},
    Quote: {"id": "q", "actor": "a", "text": "t"},
    Measure: {"id": "m", "actor": "a", "title": "t"},
    Implication: {"id": "i", "title": "t"},
    Event: {"id": "e", "date": "2025-01-01", "title": "t"},
}


@pytest.mark.parametrize("cls", list(COLON_FIELDS), ids=lambda c: c.__name__)
def test_fields_left_out_of_the_count_cannot_hold_a_colon(cls: type[PackModel]) -> None:
    texts, lists = COLON_FIELDS[cls]
    for name, info in cls.model_fields.items():
        if name in texts or name in lists:
            continue
        bad: Any = ["a:b"] if name in ("actors", "aliases") else "a:b"
        with pytest.raises(ValidationError) as info_:
            cls.model_validate({**MINIMAL[cls], name: bad})
        assert info_.value.errors()[0]["loc"][0] == name, (cls.__name__, name, info)


@pytest.mark.parametrize("cls", list(COLON_FIELDS), ids=lambda c: c.__name__)
def test_counted_fields_exist(cls: type[PackModel]) -> None:
    texts, lists = COLON_FIELDS[cls]
    assert set(texts) | set(lists) <= set(cls.model_fields)
    assert len(texts) >= 2  # attrgetter of one name would yield strings, not tuples


def test_defaults_hold_no_colon() -> None:
    for cls in (*COLON_FIELDS, Pack):
        for name, info in cls.model_fields.items():
            default = info.get_default(call_default_factory=True)
            assert ":" not in repr(default).replace("PydanticUndefined", ""), (cls, name)


def test_count_matches_a_clean_pack_with_colons_everywhere() -> None:
    pack = valid()
    pack["title"] = "Title: with a colon"
    pack["tags"] = ["a:b"]
    pack["x-tool"] = {"k:1": ["v:1", {"n": "x:y"}], "m": 1.5}
    pack["quotes"][0]["text"] = "He said: 'no:'"
    pack["quotes"][0]["x-note"] = "a:b:c"
    pack["actors"][0]["aliases"] = ["PM: Takaichi"]
    pack["sources"][0]["url"] = "https://example.com:8080/a:b"
    data = encode(pack)
    loaded = validate(data)
    assert colon_count(loaded) == data.count(b":")
    assert no_duplicate_keys(data, loaded)


def test_escaped_colons_fall_back_to_the_parse() -> None:
    data = encode(valid()).replace(b'"A sample pack"', b'"A sample\\u003a pack"')
    assert parse_pack(data).title == "A sample: pack"
    assert not no_duplicate_keys(data, validate(data))


def test_a_repeated_key_is_found_and_located() -> None:
    data = encode(valid()).replace(
        b'"subtitle": "For tests",', b'"subtitle": "A:", "subtitle": "B",'
    )
    with pytest.raises(PackError) as info:
        parse_pack(data)
    (problem,) = info.value.problems
    assert problem.message == "duplicate key 'subtitle' in one object"
    assert problem.location.startswith("line 6, column ")


def test_nan_in_an_extension_is_invalid_json() -> None:
    data = encode(valid()).replace(b'"format"', b'"x-n": NaN, "format"')
    with pytest.raises(PackError) as info:
        parse_pack(data)
    assert str(info.value).startswith("line 2, column 10: invalid JSON")
