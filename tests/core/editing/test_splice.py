"""Saving keeps the author's text: only changed values are rewritten, whatever the layout."""

from __future__ import annotations

import copy
import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.core.editing import PackDocument
from briefing_app.core.editing.layout import read_layout
from briefing_app.core.editing.splice import parse_spans, splice
from briefing_app.paths import bundled_briefs_dir

SHIPPED_TEXT = (bundled_briefs_dir() / "us-japan-taiwan-2025" / "pack.json").read_text("utf-8")
SHIPPED = json.loads(SHIPPED_TEXT)

LAYOUTS = {
    "shipped": SHIPPED_TEXT,
    "4 spaces": json.dumps(SHIPPED, indent=4, ensure_ascii=False) + "\n",
    "escaped": json.dumps(SHIPPED, indent=2) + "\n",
    "tabs, no final newline": json.dumps(SHIPPED, indent="\t", ensure_ascii=False),
    "CRLF": SHIPPED_TEXT.replace("\n", "\r\n"),
    "BOM and CRLF": "\ufeff" + SHIPPED_TEXT.replace("\n", "\r\n"),
    "one line": json.dumps(SHIPPED, ensure_ascii=False),
    "minified": json.dumps(SHIPPED, ensure_ascii=False, separators=(",", ":")),
    "a list on several lines": SHIPPED_TEXT.replace(
        '"aliases": ["Pigott"]', '"aliases": [\n        "Pigott"\n      ]'
    ),
}


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def open_text(tmp_path: Path, text: str) -> PackDocument:
    file = tmp_path / "pack.json"
    file.write_bytes(text.encode("utf-8"))
    return PackDocument.open(file)


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_a_one_field_edit_is_a_one_line_diff_in_any_layout(tmp_path: Path, name: str) -> None:
    text = LAYOUTS[name]
    doc = open_text(tmp_path, text)
    assert doc.text() == text  # untouched: byte for byte
    doc.set_field("quotes", 2, "context", "Said to reporters.")
    assert doc.path is not None
    doc.save()
    after = doc.path.read_bytes().decode("utf-8")
    lines = changed_lines(text, after)
    assert len(lines) == 2 and '"context":' in lines[1] and "Said to reporters." in lines[1]
    assert after.startswith("\ufeff") == text.startswith("\ufeff")
    assert after.count("\r\n") == text.count("\r\n")


@pytest.mark.parametrize("name", ["shipped", "CRLF", "tabs, no final newline", "4 spaces"])
def test_added_fields_and_items_follow_the_files_layout(tmp_path: Path, name: str) -> None:
    text = LAYOUTS[name]
    layout = read_layout(text)
    unit = layout.unit
    doc = open_text(tmp_path, text)
    doc.add_item("actors", {"name": "Ann Lee", "kind": "person", "aliases": ["Ann", "A. Lee"]})
    out = doc.text()
    assert json.loads(out) == doc.data
    nl, item, field = layout.newline, unit * 2, unit * 3
    aliases = (
        [f'{field}"aliases": ["Ann", "A. Lee"]']
        if layout.inline_lists
        else [f'{field}"aliases": [', f'{field}{unit}"Ann",', f'{field}{unit}"A. Lee"', f"{field}]"]
    )
    new_item = [
        f"{item}{{",
        f'{field}"id": "ann-lee",',
        f'{field}"name": "Ann Lee",',
        f'{field}"kind": "person",',
        *aliases,
        f"{item}}}",
    ]
    end_of_actors = f'{nl}{item}}}{nl}{unit}],{nl}{unit}"quotes"'
    assert text.count(end_of_actors) == 1
    grown = f"{nl}{item}}},{nl}" + nl.join(new_item) + f'{nl}{unit}],{nl}{unit}"quotes"'
    assert out == text.replace(end_of_actors, grown)


def test_a_new_key_in_a_one_line_file_keeps_it_one_line(tmp_path: Path) -> None:
    text = LAYOUTS["one line"]
    doc = open_text(tmp_path, text)
    doc.set_field(None, -1, "x-reviewed", True)
    doc.add_item("actors", {"name": "Ann Lee", "kind": "person"})
    out = doc.text()
    assert out == json.dumps(doc.data, ensure_ascii=False)  # the file's own one-line style


def test_a_moved_and_renamed_item_keeps_its_own_text(tmp_path: Path) -> None:
    quirky = SHIPPED_TEXT.replace('"text": "egregious",', '"text":    "egregious",')
    block = re.search(r',\n    \{\n      "id": "mfa-egregious",.*?\n    \}', quirky, re.S)
    assert block is not None
    expected = quirky.replace(block.group(0), "", 1)
    expected = expected.replace('"quotes": [', '"quotes": [' + block.group(0)[1:] + ",", 1)
    expected = expected.replace('"china-foreign-ministry"', '"mfa"')
    doc = open_text(tmp_path, quirky)
    index = next(i for i, q in enumerate(doc.items("quotes")) if q["id"] == "mfa-egregious")
    doc.move_item("quotes", index, 0)
    doc.rename_id("china-foreign-ministry", "mfa")
    assert doc.text() == expected


def test_a_file_with_a_duplicate_key_is_written_whole_and_loses_the_duplicate(
    tmp_path: Path,
) -> None:
    text = SHIPPED_TEXT.replace('"language": "en",', '"language": "fr",\n  "language": "en",')
    doc = open_text(tmp_path, text)
    assert json.loads(doc.text()) == doc.data and doc.text().count('"language"') == 1
    assert doc.text() == SHIPPED_TEXT and doc.problems() == []


# --- any JSON, any layout, any edit -------------------------------------------------------

keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
styles = st.sampled_from(
    [
        {"indent": 2},
        {"indent": 4, "ensure_ascii": True},
        {"indent": "\t"},
        {},
        {"separators": (",", ":")},
    ]
)


def paths_in(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(value, dict):
        for key, child in value.items():
            out += paths_in(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += paths_in(child, (*here, index))
    return out


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    out = copy.deepcopy(value)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    old=st.dictionaries(keys, values, min_size=1, max_size=6),
    style=styles,
    crlf=st.booleans(),
    data=st.data(),
)
def test_any_edit_of_any_json_writes_exactly_the_new_data(
    old: dict[str, Any], style: dict[str, Any], crlf: bool, data: st.DataObject
) -> None:
    text = json.dumps(old, **style) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    root = parse_spans(text)
    assert root is not None and splice(text, root, old, read_layout(text)) == text
    path = data.draw(st.sampled_from(paths_in(old)))
    new = replaced(old, path, data.draw(values))
    out = splice(text, root, new, read_layout(text))
    assert json.loads(out) == new
    if crlf:
        assert "\n" not in out.replace("\r\n", "")
