"""``briefing-app validate`` and ``briefing-app schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..core.cards import build_cards
from ..core.discovery import find_packs, is_pack_folder
from ..core.errors import PackError
from ..core.pack import load_pack


def summary_line(pack_path: str) -> tuple[bool, list[str]]:
    """Validate one pack; the lines to print and whether it was valid."""
    try:
        pack = load_pack(pack_path)
        cards = build_cards(pack)
    except PackError as exc:
        return False, [f"{pack_path}: {p}" for p in exc.problems]
    except Exception as exc:  # the contract: never a traceback
        return False, [f"{pack_path}: internal error while loading: {exc!r}"]
    counts = (
        f"{len(pack.actors)} actors, {len(pack.quotes)} quotes, "
        f"{len(pack.measures)} measures, {len(pack.implications)} implications"
    )
    return True, [f"{pack_path}: ok, {len(cards)} cards ({counts})"]


def run_validate(paths: list[str]) -> int:
    """Print one line per pack (``ok, N cards (...)``) or per problem; 0 if all valid."""
    all_ok = True
    for given in paths:
        path = Path(given)
        try:
            targets = [path] if (path.is_file() or is_pack_folder(path)) else find_packs(path)
        except OSError as exc:
            _print(f"{given}: cannot read this folder: {exc.strerror or exc}")
            all_ok = False
            continue
        if path.is_dir() and not targets:
            _print(f"{given}: this folder holds no packs (no pack.json, no *.json)")
            all_ok = False
            continue
        if not targets:
            targets = [path]
        for target in targets:
            shown = given if target == path else str(target)
            ok, lines = summary_line(shown)
            all_ok &= ok
            for line in lines:
                _print(line)
    sys.stdout.flush()
    return 0 if all_ok else 1


def _print(line: str) -> None:
    """Print even what the terminal cannot encode (a file name in Latin-1, say)."""
    encoding = sys.stdout.encoding or "utf-8"
    print(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))


def pack_schema() -> dict[str, object]:
    """The JSON Schema generated from the pydantic models."""
    from ..core.models import Pack

    schema = Pack.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Briefing pack, format version 1"
    return schema


def schema_text() -> str:
    return json.dumps(pack_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema() -> int:
    sys.stdout.write(schema_text())
    return 0
