"""``briefing-app schema``: the pack format's JSON Schema, generated from the models."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "print the pack format's JSON Schema"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments: the schema is the same for every pack."""


def run(args: argparse.Namespace) -> int:
    return run_schema()


def pack_schema() -> dict[str, object]:
    """The JSON Schema generated from the pydantic models."""
    from ..core.contract import Pack

    schema = Pack.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Briefing pack, format version 1"
    return schema


def schema_text() -> str:
    return json.dumps(pack_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema() -> int:
    sys.stdout.write(schema_text())
    return 0
