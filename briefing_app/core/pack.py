"""Loading a briefing pack: bytes to a validated ``Pack``, or a ``PackError``.

Loading never raises anything but ``PackError``: every failure, from a missing
file to a broken reference, becomes a located, plain-English ``Problem``.
Parsing uses jiter (Rust) because it detects duplicate keys at C speed; the
stdlib's ``object_pairs_hook`` costs half again as much as the parse itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jiter
from pydantic import ValidationError

from .errors import PackError, Problem
from .models import FORMAT_NAME, MAX_FILE_BYTES, MAX_ITEMS, SUPPORTED_VERSION, Pack
from .references import check_pack
from .validation_messages import problems_from_validation_error

UTF8_BOM = b"\xef\xbb\xbf"
LIST_KEYS = ("sources", "actors", "quotes", "measures", "implications", "events")
_JITER_POSITION = re.compile(r"^(?P<what>.*) at line (?P<line>\d+) column (?P<col>\d+)$", re.S)


def resolve_pack_file(path: str | Path) -> Path:
    """The JSON file a path names: the file itself, or ``pack.json`` in a folder."""
    p = Path(path)
    if p.is_dir():
        candidate = p / "pack.json"
        if not candidate.is_file():
            raise PackError([Problem("", "this folder holds no pack.json")], str(path))
        return candidate
    if not p.exists():
        raise PackError([Problem("", "no such file or folder")], str(path))
    if not p.is_file():
        raise PackError([Problem("", "not a regular file")], str(path))
    return p


def load_pack(path: str | Path) -> Pack:
    """Read, parse and validate the pack at ``path`` (a ``.json`` file or a pack folder)."""
    file = resolve_pack_file(path)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PackError(
                [Problem("", f"the file is {size / 1048576:.1f} MiB; the limit is 20 MiB")],
                str(path),
            )
        data = file.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PackError([Problem("", f"cannot read the file: {reason}")], str(path)) from None
    try:
        pack = parse_pack(data, base_dir=file.parent)
    except PackError as exc:
        exc.path = str(path)
        raise
    pack._path = file
    return pack


def parse_pack(data: bytes, base_dir: Path | None = None) -> Pack:
    """Validate a pack given as bytes; ``base_dir`` enables the image-path checks."""
    if len(data) > MAX_FILE_BYTES:
        raise PackError([Problem("", "the pack is larger than the 20 MiB limit")])
    raw = parse_json(data)
    _check_envelope(raw)
    try:
        pack = Pack.model_validate(raw)
    except ValidationError as exc:
        raise PackError(problems_from_validation_error(exc)) from None
    problems = check_pack(pack, base_dir)
    if problems:
        raise PackError(problems)
    return pack


def parse_json(data: bytes) -> Any:
    """Parse UTF-8 JSON, refusing duplicate keys, NaN and absurd nesting."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PackError([Problem("", "the file is UTF-16; save it as UTF-8")])
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PackError(
            [
                Problem(
                    f"line {line}, column {col}",
                    f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                )
            ]
        ) from None
    if not data.strip():
        raise PackError([Problem("", "the file is empty")])
    try:
        return jiter.from_json(data, allow_inf_nan=False, catch_duplicate_keys=True)
    except ValueError as exc:
        raise PackError([_json_problem(str(exc))]) from None


def _json_problem(text: str) -> Problem:
    match = _JITER_POSITION.match(text)
    what = match.group("what") if match else text
    location = f"line {match.group('line')}, column {match.group('col')}" if match else ""
    what = what.replace("`", "'")
    dup = re.match(r'Detected duplicate key "(.*)"$', what, re.S)
    if dup:
        return Problem(location, f"duplicate key '{dup.group(1)}' in one object")
    if what.startswith("recursion limit exceeded"):
        return Problem(location, "invalid JSON: nested too deeply")
    if what.startswith("EOF while parsing"):
        return Problem(location, "invalid JSON: the file ends too early (truncated?)")
    return Problem(location, f"invalid JSON: {what}")


def _check_envelope(raw: Any) -> None:
    """Refuse non-packs and newer versions before detailed validation says less."""
    if not isinstance(raw, dict):
        kind = _json_kind(raw)
        raise PackError([Problem("", f"the file holds {kind}, not a briefing pack object")])
    fmt = raw.get("format")
    if fmt is not None and fmt != FORMAT_NAME:
        raise PackError(
            [Problem("format", f"this is not a briefing pack (format is {fmt!r})")]
        )
    version = raw.get("version")
    if type(version) is int and version > SUPPORTED_VERSION:
        raise PackError(
            [
                Problem(
                    "version",
                    f"pack format version {version} is newer than this app supports "
                    f"({SUPPORTED_VERSION})",
                )
            ]
        )
    total = sum(len(v) for k in LIST_KEYS if isinstance(v := raw.get(k), list))
    if total > MAX_ITEMS:
        raise PackError(
            [Problem("", f"the pack has {total:,} items; the limit is {MAX_ITEMS:,}")]
        )


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a JSON array"
    if isinstance(value, str):
        return "a JSON string"
    if isinstance(value, bool):
        return "a JSON boolean"
    if isinstance(value, int | float):
        return "a JSON number"
    if value is None:
        return "JSON null"
    return "something else"
