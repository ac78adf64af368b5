"""``stats --json`` prints exactly what ``json.dumps(..., indent=2, ensure_ascii=False)``
would, only made in C."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.commands.stats import indented_json

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_indented_json_is_the_json_modules_text(data: Any) -> None:
    assert indented_json(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_empty_containers_and_odd_text() -> None:
    data = {"": [], "a": {}, "b": [[], {}], "ü\u2028": '\u001f"\\/中', "c": [0.1, 1e16, -0.0]}
    assert indented_json(data) == json.dumps(data, indent=2, ensure_ascii=False)
