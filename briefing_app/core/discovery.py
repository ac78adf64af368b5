"""Finding packs on disk: a pack file, a pack folder, or a folder of packs."""

from __future__ import annotations

from pathlib import Path


def is_pack_folder(path: Path) -> bool:
    return path.is_dir() and (path / "pack.json").is_file()


def find_packs(path: Path) -> list[Path]:
    """The packs a path names, sorted: itself, or the packs directly inside it.

    A folder of packs holds ``*.json`` files and pack folders (with ``pack.json``).
    """
    if path.is_file() or is_pack_folder(path):
        return [path]
    if not path.is_dir():
        return []
    found = [
        child
        for child in path.iterdir()
        if (child.is_file() and child.suffix.lower() == ".json") or is_pack_folder(child)
    ]
    return sorted(found, key=lambda p: p.name.casefold())
