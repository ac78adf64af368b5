"""Loading a briefing pack: bytes to a validated ``Pack``, or a ``PackError``.

Loading never raises anything but ``PackError``: every failure, from a missing
file to a broken reference, becomes a located, plain-English ``Problem``.

Speed matters (a pack may hold 50,000 items). Two paths reach one verdict:

* ``fast_load`` (msgspec) decodes straight into the app's types and checks
  whole columns at once; it accepts only what it can prove valid.
* Anything else, every invalid pack included, goes to ``checked_load``
  (pydantic, imported only then), which words every problem. So messages never
  depend on which path ran; a differential test holds the two together.
* The cyclic garbage collector is paused while the pack is built: the load
  allocates hundreds of thousands of objects that are never cyclic garbage,
  and the collector would otherwise walk the growing pack again and again.
  The finished pack then goes straight to the collector's oldest generation
  (see ``promote_to_old_generation``).
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jiter

from .errors import PackError, Problem
from .fast_load import try_fast
from .limits import MAX_FILE_BYTES, read_capped, too_large
from .models import FORMAT_NAME, MAX_ITEMS, SUPPORTED_VERSION, Pack

logger = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
# Whether these bytes were proved valid elsewhere (``core.side_check``); asked once.
Proof = Callable[[bytes], bool]
LIST_KEYS = ("sources", "actors", "quotes", "measures", "implications", "events")
_JITER_POSITION = re.compile(r"^(?P<what>.*) at line (?P<line>\d+) column (?P<col>\d+)$", re.S)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore its state."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def promote_to_old_generation() -> None:
    """Move the objects made since the last collection straight to the oldest generation.

    A loaded pack lives as long as the window shows it. Left young, its
    ~150,000 tracked objects would be walked by a young-generation collection
    the moment the collector is re-enabled, and again by a middle one, only to
    end up in the oldest generation anyway. ``freeze()`` then ``unfreeze()``
    moves every tracked object there at once. Skipped if anything else uses
    ``gc.freeze``, whose frozen objects must stay frozen.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def resolve_pack_file(path: str | Path) -> Path:
    """The JSON file a path names: the file itself, or ``pack.json`` in a folder."""
    p = Path(path)
    try:
        if p.is_dir():
            candidate = p / "pack.json"
            if not candidate.is_file():
                raise PackError([Problem("", "this folder holds no pack.json")], str(path))
            return candidate
        if not p.exists():
            raise PackError([Problem("", "no such file or folder")], str(path))
        if not p.is_file():
            raise PackError([Problem("", "not a regular file")], str(path))
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte, no permission
        raise PackError([Problem("", f"cannot open this path: {exc}")], str(path)) from None
    return p


def load_pack(path: str | Path, data: bytes | None = None, proof: Proof | None = None) -> Pack:
    """Read, parse and validate the pack at ``path`` (a ``.json`` file or a pack folder).

    The size is checked before a byte is read, so a huge file costs nothing.
    ``data`` is the file's bytes when a caller has read them already (the
    window's first look); the same limits apply to them. ``proof``: see ``parse_pack``.
    """
    file = resolve_pack_file(path)
    if data is None:
        data = _read_limited(file, path)
    try:
        pack = parse_pack(data, base_dir=file.parent, proof=proof)
    except PackError as exc:
        exc.path = str(path)
        raise
    pack.__dict__["_path"] = file
    return pack


def _read_limited(file: Path, path: str | Path) -> bytes:
    try:
        return read_capped(file)  # the file may grow after its size is read: capped
    except ValueError as exc:
        raise PackError([Problem("", str(exc))], str(path)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PackError([Problem("", f"cannot read the file: {reason}")], str(path)) from None


def _too_large(size: int) -> Problem:
    return Problem("", too_large(size))


def parse_pack(data: bytes, base_dir: Path | None = None, proof: Proof | None = None) -> Pack:
    """Validate a pack given as bytes; ``base_dir`` enables the image-path checks.

    ``proof(data)`` (asked at most once, after decoding) is True when these very
    bytes were already checked by the fast path elsewhere (``core.side_check``):
    the pack is then built without checking it again.
    """
    if len(data) > MAX_FILE_BYTES:
        raise PackError([_too_large(len(data))])
    raw = data
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    with gc_paused():
        pack = try_fast(data, base_dir, None if proof is None else lambda: _asked(proof, raw))
        if pack is None:
            from .checked_load import parse_checked  # pydantic: only when needed

            pack = parse_checked(data, base_dir)
        promote_to_old_generation()
    return pack


def _asked(proof: Proof, data: bytes) -> bool:
    """``proof(data)``; a failing proof proves nothing (the checks then run here)."""
    try:
        return proof(data)
    except Exception:
        logger.exception("asking whether the pack was checked elsewhere failed")
        return False


def parse_json(data: bytes) -> Any:
    """Parse UTF-8 JSON, refusing duplicate keys, NaN and absurd nesting."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PackError([Problem("line 1, column 1", "the file is UTF-16; save it as UTF-8")])
    if not data.strip():
        raise PackError([Problem("", "the file is empty")])
    try:
        return jiter.from_json(
            data, allow_inf_nan=False, catch_duplicate_keys=True, cache_mode="keys"
        )
    except ValueError as exc:
        problem = _encoding_problem(data) or _json_problem(str(exc))
        raise PackError([problem]) from None


def _encoding_problem(data: bytes) -> Problem | None:
    """Why ``data`` is not UTF-8 text, located, or None when it is."""
    zero = data.find(b"\x00")
    if zero != -1:
        line, col = _line_column(data, zero)
        return Problem(
            f"line {line}, column {col}",
            "the file holds a zero byte: it is binary, or UTF-16/UTF-32; save it as UTF-8",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_column(data, exc.start)
        return Problem(
            f"line {line}, column {col}",
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
        )
    return None


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


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


def check_envelope(raw: Any) -> None:
    """Refuse non-packs and newer versions before detailed validation says less."""
    if not isinstance(raw, dict):
        kind = _json_kind(raw)
        raise PackError([Problem("", f"the file holds {kind}, not a briefing pack object")])
    fmt = raw.get("format")
    if fmt is not None and fmt != FORMAT_NAME:
        shown = repr(fmt) if len(repr(fmt)) <= 60 else repr(fmt)[:57] + "..."
        raise PackError([Problem("format", f"this is not a briefing pack (format is {shown})")])
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
        raise PackError([too_many(total)])


def too_many(total: int) -> Problem:
    return Problem("", f"the pack has {total:,} items; the limit is {MAX_ITEMS:,}")


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


def load_or_error(
    path: str | Path, data: bytes | None = None, proof: Proof | None = None
) -> Pack | PackError:
    """``load_pack`` that never raises: a bug becomes a located problem and a log entry.

    The one place the app turns an unexpected failure while loading into a
    message; the CLI, the window and the exporters all load through it.
    """
    try:
        return load_pack(path, data, proof)
    except PackError as exc:
        return exc
    except Exception as exc:
        logger.exception("internal error while loading %s", path)
        return PackError([Problem("", f"internal error while loading: {exc!r}")], str(path))
